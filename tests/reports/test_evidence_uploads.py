"""Anh Tuấn attaches a screenshot and a call recording; a booby-trapped file never gets in."""

import io

import pytest
from django.test import Client

from reports.evidence import Refused, amr_frames_tile, examine, has_markup
from reports.models import Evidence, Report

from .media import fixture, image_bytes, jpeg, png, upload, wav

pytestmark = pytest.mark.django_db

PNG = png()
MP3 = fixture("recording-id3.mp3")

# An HTML page saved as "Unicode" by Notepad: UTF-16LE, starting with the BOM FF FE.
UTF16_HTML = "\ufeff <html><script>fetch('/admin/')</script></html>".encode("utf-16-le") * 20
PAGE = b"<html><script>document.cookie</script></html>"


def mp3_frames(count=3):
    """MPEG-1 layer III headers, 128 kbit/s, 44.1 kHz, 417-byte frames of silence."""
    return (b"\xff\xfb\x90\x00" + b"\x00" * 413) * count


def kept(data, name="tep"):
    """What examine() makes of a file: (content type, bytes to store), or the refusal reason."""
    try:
        accepted = examine(upload(name, data))
    except Refused as refused:
        return refused.reason
    accepted.content.seek(0)
    return accepted.file_type.content_type, accepted.content.read()


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (jpeg(), "image/jpeg"),
        (PNG, "image/png"),
        (image_bytes("WEBP", lossless=True), "image/webp"),
        (image_bytes("WEBP"), "image/jpeg"),  # lossy to begin with: stored as JPEG
        (MP3, "audio/mpeg"),
        (fixture("recording-bare.mp3"), "audio/mpeg"),  # MP3 without ID3 tag
        (fixture("recording.m4a"), "audio/mp4"),
        (fixture("recording-aac.3gp"), "audio/mp4"),  # a voice memo: AAC in 3GP
        (fixture("recording-amr.3gp"), "audio/mp4"),  # ...and AMR in 3GP
        (fixture("recording.aac"), "audio/aac"),  # ADTS, no tag
        (fixture("recording-vorbis.ogg"), "audio/ogg"),
        (fixture("recording-opus.ogg"), "audio/ogg"),
        (fixture("recording.amr"), "audio/amr"),
        (wav(), "audio/wav"),
    ],
)
def test_real_screenshots_and_recordings_are_accepted(data, content_type):
    assert kept(data)[0] == content_type


def test_a_recording_without_tags_is_stored_byte_for_byte():
    for name in ("recording-bare.mp3", "recording.aac", "recording.amr", "recording-aac.3gp"):
        assert kept(fixture(name))[1] == fixture(name)


@pytest.mark.parametrize(
    "data",
    [
        PAGE,
        b"<svg xmlns='http://www.w3.org/2000/svg'>",
        b"GIF89a\x01\x00",
        b"%PDF-1.7",
        b"MZ\x90\x00",
        b"PK\x03\x04",
        b"\x00\x00\x00\x20ftypqt  ",  # a QuickTime video
        UTF16_HTML,
        "\ufeff<html>".encode("utf-16-le") * 100,
        b"\xff\xfb" + b"text that happens to start with an MP3 sync " * 100,
        b"\xff\xfb\x90\x00",  # one header alone: no recording is a single frame
        mp3_frames()[:419],  # the second header is cut off
        b"\xff\xeb\x90\x00" + mp3_frames(10)[4:],  # version bits 01: the frames start later
        b"\xff\xfb\x00\x00" + mp3_frames(10)[4:],  # bitrate index 0000: free format
        b"\xff\xf1" + b"text that happens to start with an ADTS sync " * 100,
        b"ID3\x04\x00" + b"\x00" * 64,  # a tag and no sound
        fixture("recording.m4a")[:1200],  # the recorder crashed before writing the index
        fixture("recording-vorbis.ogg")[:2000],
        b"OggS\x00\x02" + b"\x00" * 100,
        b"RIFF\x00\x00\x00\x00WAVEfmt ",
        b"#!AMR\n",  # no frame
    ],
)
def test_everything_else_is_refused(data):
    assert kept(data) == Refused.NOT_EVIDENCE


@pytest.mark.parametrize(
    "name", ["recording-id3.mp3", "recording-bare.mp3", "recording.m4a", "recording.aac"]
)
@pytest.mark.parametrize(
    "markup",
    [
        PAGE,
        b"<!DOCTYPE html><p>",
        b"<svg/onload=alert(1)>",
        b"<IFRAME src=//evil>",
        b'<?xml version="1.0"?><x/>',
        "<html><script>alert(1)</script>".encode("utf-16-le"),
        "<html><script>alert(1)</script>".encode("utf-16-be"),
    ],
)
def test_a_real_recording_carrying_markup_is_refused(name, markup):
    # Every parser still reads the sound: only the page after it gives it away.
    assert kept(fixture(name) + markup) == Refused.NOT_EVIDENCE


def test_markup_hidden_inside_a_recording_is_refused_too():
    # An ID3 comment, or a WAV chunk no player reads, carries the page.
    recording = fixture("recording-id3.mp3")
    tagged = recording[:20] + b"<script>alert(1)</script>" + recording[45:]
    assert has_markup(io.BytesIO(tagged))
    sound = wav()
    chunk = b"LIST" + (26).to_bytes(4, "little") + b"<svg onload=alert(1)></svg>"[:26]
    riff = b"RIFF" + (len(sound) - 8 + len(chunk)).to_bytes(4, "little") + sound[8:] + chunk
    assert kept(riff) == Refused.NOT_EVIDENCE


def test_markup_is_found_across_the_boundary_of_two_reads():
    data = b"\x00" * 1000 + b"<scr" + b"ipt>" + b"\x00" * 1000
    assert has_markup(io.BytesIO(data), chunk_size=1002)


def test_words_that_only_start_like_a_tag_are_not_markup():
    assert not has_markup(io.BytesIO(b"<header> <svgz <htmlx <scripts <bodyguard"))


def test_an_amr_file_is_whole_frames_up_to_its_last_byte():
    amr = fixture("recording.amr")
    assert amr_frames_tile(amr)
    assert amr_frames_tile(b"#!AMR-WB\n" + b"\x14" + b"\x00" * 32)  # one 12.65 kbit/s frame
    assert not amr_frames_tile(amr + b"\x00")  # a byte too many
    assert not amr_frames_tile(amr[:-1])  # a byte too few
    assert not amr_frames_tile(amr + b"\x4c" + b"\x00" * 40)  # frame type 9: reserved
    assert not amr_frames_tile(amr + b"\x3d" + b"\x00" * 31)  # padding bits set
    assert kept(amr + PAGE) == Refused.NOT_EVIDENCE


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
        assert evidence.size == path.stat().st_size  # what is stored, not what was sent
    assert stored[1].file.read() == kept(MP3)[1]  # its ID3 tag deleted (test_evidence_tags.py)


def test_the_type_comes_from_the_content_not_the_name(client, report_data):
    # A JPEG named .txt is a JPEG; it is stored as .jpg.
    client.post("/report/", {**report_data, "evidence": [upload("anh.txt", jpeg())]})
    assert Evidence.objects.get().file.name.endswith(".jpg")


def test_html_renamed_jpg_is_refused_and_the_text_comes_back(client, report_data):
    evil = upload("screenshot.jpg", PAGE, "image/jpeg")
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


def test_a_recording_with_a_page_appended_is_refused_and_the_text_comes_back(client, report_data):
    page = upload("ghi-am.m4a", fixture("recording.m4a") + PAGE, "audio/mp4")
    response = client.post("/report/", {**report_data, "evidence": [page]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tệp “ghi-am.m4a” không phải ảnh" in html and "chọn lại tệp" in html
    assert report_data["content"] in html
    assert not Report.objects.exists() and not Evidence.objects.exists()


def test_a_recording_without_id3_tag_is_still_accepted(client, report_data):
    # Phones' voice recorders often write bare MPEG or ADTS frames, with no tag.
    files = [
        upload("ghi-am.mp3", fixture("recording-bare.mp3")),
        upload("ghi-am.aac", fixture("recording.aac")),
    ]
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
    settings.REPORT_EVIDENCE_MAX_SIZE = 1_000_000
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10_000  # larger files would go to a temp file
    big = upload("big.png", PNG + b"\x00" * 1_500_000)
    response = Client().post("/report/", {**report_data, "evidence": [big]})
    assert response.status_code == 400  # refused, not a 500, and the form comes back
    assert "lớn hơn" in response.content.decode()


def test_a_recording_written_to_a_temporary_file_is_checked_too(client, report_data, settings):
    # Uploads over FILE_UPLOAD_MAX_MEMORY_SIZE go to disk while the body is read.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1_000
    files = [
        upload("ghi-am.ogg", fixture("recording-vorbis.ogg")),
        upload("trang.mp3", MP3 + PAGE),
    ]
    response = client.post("/report/", {**report_data, "evidence": files})
    assert response.status_code == 400
    assert "Tệp “trang.mp3” không phải ảnh" in response.content.decode()
    files[1] = upload("ghi-am.mp3", MP3)
    for file in files:
        file.seek(0)
    assert client.post("/report/", {**report_data, "evidence": files}).status_code == 302
    assert Evidence.objects.count() == 2


def test_at_most_three_files(client, report_data):
    files = [upload(f"anh{i}.png", PNG) for i in range(4)]
    response = client.post("/report/", {**report_data, "evidence": files})
    assert response.status_code == 413  # the fourth file is not even read
    html = response.content.decode()
    assert "tối đa 3 tệp" in html
    assert report_data["content"] in html
    assert not Report.objects.exists()


def test_an_empty_file_is_refused(client, report_data):
    response = client.post("/report/", {**report_data, "evidence": [upload("trong.png", b"")]})
    assert response.status_code == 400
