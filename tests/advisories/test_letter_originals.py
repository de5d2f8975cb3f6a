"""The signed original beside the text: shown to citizens, served safely, never for a draft.

Actors: a citizen (anonymous client) reading a published Ninh Bình letter;
the Ninh Bình publisher who attaches, replaces and removes its signed PDF; a
Đắk Lắk publisher, who must not reach Ninh Bình's drafts.
"""

import io

import pypdf
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from advisories.models import Advisory

from .letter_samples import docx_letter, image_bytes, pdf_letter, scan_image

pytestmark = pytest.mark.django_db

ADMIN = "/admin/advisories/advisory/"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def with_original(make_advisory, django_capture_on_commit_callbacks):
    """`with_original(data, content_type, published=True)` → a letter with that original."""

    def make(data=None, content_type=PDF, name="ky-dong-dau.pdf", **fields):
        advisory = make_advisory("stttt-ninh-binh", **fields)
        advisory.replace_original(data or pdf_letter(), content_type, name)
        return advisory

    return make


def stored_files():
    folder = settings.MEDIA_ROOT / "letters"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_citizen_sees_the_original_beside_the_letter_with_its_type_and_size(
    client, with_original
):
    data = pdf_letter() + b"%" + bytes(240 * 1024 - len(pdf_letter()) - 1)  # 240 KB
    advisory = with_original(data)
    html = client.get(advisory.get_absolute_url()).content.decode()
    url = f"/advisories/{advisory.slug}/original/"
    assert f'<a href="{url}">Bản gốc (PDF, 240 KB)</a>' in html
    assert html.index("Bản gốc (PDF, 240 KB)") < html.index('<article class="letter"')


def test_a_letter_without_original_shows_no_link(client, make_advisory):
    advisory = make_advisory("stttt-ninh-binh")
    assert "Bản gốc (" not in client.get(advisory.get_absolute_url()).content.decode()
    assert client.get(f"/advisories/{advisory.slug}/original/").status_code == 404


def test_the_pdf_opens_in_the_browser_sandboxed_and_never_sniffed(client, with_original):
    data = pdf_letter()
    advisory = with_original(data)
    response = client.get(f"/advisories/{advisory.slug}/original/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == PDF
    assert response["Content-Disposition"] == f'inline; filename="{advisory.slug}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_docx_original_is_downloaded_not_opened(client, with_original):
    advisory = with_original(docx_letter(), DOCX, "du-thao.docx")
    response = client.get(f"/advisories/{advisory.slug}/original/")
    assert response["Content-Disposition"] == f'attachment; filename="{advisory.slug}.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Bản gốc (DOCX, " in client.get(advisory.get_absolute_url()).content.decode()


def test_a_drafts_original_is_never_served_to_the_public(
    client, with_original, as_user, ninh_binh_publisher, dak_lak_publisher
):
    draft = with_original(published=False)
    url = f"/advisories/{draft.slug}/original/"
    assert client.get(url).status_code == 404
    assert client.get(f"{url}?preview").status_code == 404
    assert as_user(dak_lak_publisher).get(f"{url}?preview").status_code == 404
    # The admin preview, for staff in scope, shows it.
    own = as_user(ninh_binh_publisher).get(f"{url}?preview")
    assert own.status_code == 200
    assert own["Cache-Control"] == "private, no-store"
    preview = as_user(ninh_binh_publisher).get(f"{ADMIN}{draft.pk}/preview/").content.decode()
    assert f'href="{url}?preview"' in preview


def test_a_letter_taken_down_takes_its_original_with_it(client, with_original):
    advisory = with_original()
    Advisory.objects.filter(pk=advisory.pk).update(status=Advisory.Status.DRAFT)
    assert client.get(f"/advisories/{advisory.slug}/original/").status_code == 404


def test_verify_tells_whether_the_signed_original_is_attached(client, with_original, make_advisory):
    signed = with_original(number="1386")
    plain = make_advisory("stttt-ninh-binh", number="1387")
    for advisory, says in (
        (signed, "Có bản gốc đã ký, đóng dấu"),
        (plain, "Chưa đính kèm bản gốc đã ký, đóng dấu"),
    ):
        html = client.get("/advisories/verify/", {"number_symbol": advisory.display_number})
        html = html.content.decode()
        assert says in html
    html = client.get("/advisories/verify/", {"number_symbol": signed.display_number})
    assert f'href="/advisories/{signed.slug}/original/"' in html.content.decode()


def _change(client, advisory, admin_form_data, **extra):
    data = admin_form_data(
        advisory.issuer,
        status=advisory.status,
        summary=advisory.summary,
        published_at_0=advisory.published_at.strftime("%d/%m/%Y") if advisory.published_at else "",
        published_at_1=advisory.published_at.strftime("%H:%M:%S") if advisory.published_at else "",
    )
    data.update(extra)
    return client.post(f"{ADMIN}{advisory.pk}/change/", data)


def test_the_publisher_attaches_replaces_and_removes_the_original(
    as_user, ninh_binh_publisher, make_advisory, admin_form_data, django_capture_on_commit_callbacks
):
    advisory = make_advisory("stttt-ninh-binh")
    client = as_user(ninh_binh_publisher)
    page = client.get(f"{ADMIN}{advisory.pk}/change/").content.decode()
    assert "Chưa có bản gốc." in page and 'name="original_upload"' in page

    with django_capture_on_commit_callbacks(execute=True):
        scan = SimpleUploadedFile("ban-quet.png", image_bytes(scan_image()))
        assert _change(client, advisory, admin_form_data, original_upload=scan).status_code == 302
    advisory.refresh_from_db()
    assert (advisory.original_content_type, advisory.original_name) == ("image/png", "ban-quet.png")
    first = stored_files()
    assert len(first) == 1

    with django_capture_on_commit_callbacks(execute=True):
        signed = SimpleUploadedFile("da-ky.pdf", pdf_letter())
        assert _change(client, advisory, admin_form_data, original_upload=signed).status_code == 302
    advisory.refresh_from_db()
    assert advisory.original_content_type == PDF
    assert len(stored_files()) == 1 and stored_files() != first  # the scan is gone

    with django_capture_on_commit_callbacks(execute=True):
        assert _change(client, advisory, admin_form_data, remove_original="on").status_code == 302
    advisory.refresh_from_db()
    assert not advisory.original_file and advisory.original_size is None
    assert stored_files() == []


def test_a_wrong_original_is_refused_and_the_typed_fields_stay(
    as_user, ninh_binh_publisher, make_advisory, admin_form_data
):
    advisory = make_advisory("stttt-ninh-binh")
    bad = SimpleUploadedFile("ky.pdf", b"<html><script>alert(1)</script></html>")
    response = _change(
        as_user(ninh_binh_publisher),
        advisory,
        admin_form_data,
        original_upload=bad,
        signer_name="Tên vừa gõ",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bản gốc phải là tệp PDF, .docx hoặc ảnh" in html
    assert 'value="Tên vừa gõ"' in html
    assert stored_files() == []


def test_removing_a_letter_removes_its_file(
    as_user, ninh_binh_publisher, with_original, django_capture_on_commit_callbacks
):
    advisory = with_original()
    assert len(stored_files()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(ninh_binh_publisher).post(
            f"{ADMIN}{advisory.pk}/delete/", {"post": "yes"}
        )
    assert response.status_code == 302
    assert stored_files() == []


def test_an_image_original_loses_its_metadata(make_advisory):
    from PIL import Image

    from advisories.letter_files import examine_original

    photo = scan_image().convert("RGB")
    exif = Image.Exif()
    exif[0x8825] = {2: (10.0, 45.0, 0.0)}  # a GPS latitude
    original = examine_original(image_bytes(photo, "JPEG", exif=exif), "anh.jpg")
    assert original.content_type == "image/jpeg"
    assert b"Exif" not in original.content[:200]


def test_a_scanners_multi_page_tiff_is_kept_as_a_pdf_browsers_can_show():
    from advisories.letter_files import examine_original

    page = scan_image()
    tiff = image_bytes(page, "TIFF", save_all=True, append_images=[page])
    original = examine_original(tiff, "ban-quet.tif")
    assert original.content_type == PDF
    assert original.content.startswith(b"%PDF-")
    assert original.name == "ban-quet.pdf"
    assert len(pypdf.PdfReader(io.BytesIO(original.content)).pages) == 2
