"""Anh Tuấn attaches a screenshot and a call recording; a booby-trapped file never gets in."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from reports.evidence import sniff
from reports.models import Evidence, Report

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
MP3 = b"ID3\x04\x00" + b"\x00" * 64


def mp3_frames(count=3):
    """A recording without ID3 tag: MPEG-1 layer III, 128 kbit/s, 44.1 kHz, 417-byte frames."""
    return (b"\xff\xfb\x90\x00" + b"\x00" * 413) * count


def adts_frames(count=3):
    """An AAC-LC stream: ADTS headers (no CRC) announcing 256-byte frames."""
    return (b"\xff\xf1\x50\x80\x20\x1f\xfc" + b"\x00" * 249) * count


# An HTML page saved as "Unicode" by Notepad: UTF-16LE, starting with the BOM FF FE.
UTF16_HTML = "\ufeff <html><script>fetch('/admin/')</script></html>".encode("utf-16-le") * 20


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize(
    ("head", "content_type"),
    [
        (JPEG, "image/jpeg"),
        (PNG, "image/png"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (MP3, "audio/mpeg"),
        (mp3_frames(), "audio/mpeg"),  # MP3 without ID3 tag
        (b"\x00\x00\x00\x20ftypM4A \x00\x00", "audio/mp4"),
        (adts_frames(), "audio/aac"),
        (b"OggS\x00\x02", "audio/ogg"),
        (b"#!AMR\n", "audio/amr"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "audio/wav"),
    ],
)
def test_accepted_types_are_recognised_from_their_first_bytes(head, content_type):
    assert sniff(head).content_type == content_type


@pytest.mark.parametrize(
    "head",
    [
        b"<html><script>alert(1)</script>",
        b"<svg xmlns='http://www.w3.org/2000/svg'>",
        b"GIF89a\x01\x00",
        b"%PDF-1.7",
        b"MZ\x90\x00",
        b"PK\x03\x04",
        b"",
        b"\x00\x00\x00\x20ftypqt  ",  # a QuickTime video
        UTF16_HTML,
        "\ufeff<html>".encode("utf-16-le") * 100,
        b"\xff\xfb" + b"text that happens to start with an MP3 sync " * 100,
        b"\xff\xfb\x90\x00",  # one header alone: no recording is a single frame
        mp3_frames()[:419],  # the second header is cut off
        b"\xff\xeb\x90\x00" + mp3_frames()[4:],  # version bits 01: reserved
        b"\xff\xf9\x90\x00" + mp3_frames()[4:],  # layer 00 with MPEG-1 bits: reserved
        b"\xff\xfb\x00\x00" + mp3_frames()[4:],  # bitrate index 0000: free format
        b"\xff\xfb\xf0\x00" + mp3_frames()[4:],  # bitrate index 1111: forbidden
        b"\xff\xfb\x9c\x00" + mp3_frames()[4:],  # sample-rate index 11: reserved
        b"\xff\xf1\x74\x80" + adts_frames()[4:],  # ADTS sampling index 13: reserved
        b"\xff\xf7\x50\x80" + adts_frames()[4:],  # ADTS with layer 11
    ],
)
def test_everything_else_is_refused(head):
    assert sniff(head) is None


def test_a_screenshot_and_a_recording_are_stored_under_random_names(client, report_data, settings):
    files = [upload("Ảnh chụp của Tuấn.png", PNG, "image/png"), upload("ghi-am.mp3", MP3)]
    response = client.post("/report/", {**report_data, "evidence": files})
    assert response.status_code == 302
    stored = list(Evidence.objects.order_by("pk"))
    assert [(e.type, e.content_type, e.extension) for e in stored] == [
        ("image", "image/png", "png"),
        ("audio", "audio/mpeg", "mp3"),
    ]
    for evidence in stored:
        assert evidence.file.name.startswith("evidence/")
        assert "Tuấn" not in evidence.file.name and "ghi-am" not in evidence.file.name
        assert len(evidence.file.name) == len("evidence/") + 32 + 1 + len(evidence.extension)
        path = settings.MEDIA_ROOT / evidence.file.name
        assert path.exists()
        assert str(settings.STATIC_ROOT) not in str(path)
    assert stored[0].file.read() == PNG


def test_the_type_comes_from_the_content_not_the_name(client, report_data):
    # A JPEG named .txt is a JPEG; it is stored as .jpg.
    client.post("/report/", {**report_data, "evidence": [upload("anh.txt", JPEG)]})
    assert Evidence.objects.get().file.name.endswith(".jpg")


def test_html_renamed_jpg_is_refused_and_the_text_comes_back(client, report_data):
    evil = upload("screenshot.jpg", b"<html><script>document.cookie</script></html>", "image/jpeg")
    response = client.post("/report/", {**report_data, "evidence": [evil]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "không phải ảnh" in html
    assert "chọn lại tệp" in html
    assert report_data["content"] in html
    assert not Report.objects.exists() and not Evidence.objects.exists()


def test_an_html_page_saved_as_utf16_and_named_mp3_is_refused(client, report_data):
    # Anh Tuấn's "recording" is really a web page; the inspector must never open it.
    page = upload("ghi-am-cuoc-goi.mp3", UTF16_HTML, "audio/mpeg")
    response = client.post("/report/", {**report_data, "evidence": [page]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tệp “ghi-am-cuoc-goi.mp3” không phải ảnh (JPEG, PNG, WebP) hay ghi âm" in html
    assert not Report.objects.exists() and not Evidence.objects.exists()


def test_a_recording_without_id3_tag_is_still_accepted(client, report_data):
    # Phones' voice recorders often write bare MPEG or ADTS frames, with no tag.
    files = [upload("ghi-am.mp3", mp3_frames(10)), upload("ghi-am.aac", adts_frames(10))]
    response = client.post("/report/", {**report_data, "evidence": files})
    assert response.status_code == 302
    assert [e.content_type for e in Evidence.objects.order_by("pk")] == ["audio/mpeg", "audio/aac"]


def test_an_oversize_file_is_refused_without_losing_the_text(client, report_data, settings):
    settings.REPORT_EVIDENCE_MAX_SIZE = 200_000
    big = upload("ghi-am-dai.mp3", MP3 + b"\x00" * 300_000)
    response = client.post("/report/", {**report_data, "evidence": [big]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "lớn hơn" in html
    assert 'value="+84 912 345 678"' in html
    assert not Evidence.objects.exists()
    assert not any(settings.MEDIA_ROOT.rglob("*.*"))


def test_an_oversize_file_is_never_kept_in_memory_or_on_disk(report_data, settings):
    settings.REPORT_EVIDENCE_MAX_SIZE = 100_000
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10_000  # larger files would go to a temp file
    big = upload("big.png", PNG + b"\x00" * 5_000_000)
    response = Client().post("/report/", {**report_data, "evidence": [big]})
    assert response.status_code == 400  # refused, not a 500, and the form comes back
    assert "lớn hơn" in response.content.decode()


def test_at_most_three_files(client, report_data):
    files = [upload(f"anh{i}.png", PNG) for i in range(4)]
    response = client.post("/report/", {**report_data, "evidence": files})
    assert response.status_code == 400
    assert "tối đa 3 tệp" in response.content.decode()


def test_an_empty_file_is_refused(client, report_data):
    response = client.post("/report/", {**report_data, "evidence": [upload("trong.png", b"")]})
    assert response.status_code == 400
