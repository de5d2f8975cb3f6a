"""Publishers upload the letter file they hold in admin; the portal reads it into a draft.

Actors: Chị Hoa, publisher of Sở TTTT Đắk Lắk (dak_lak_publisher); a publisher of
Sở TTTT Ninh Bình (ninh_binh_publisher); an administrator. Files are made from
the text (letter_samples): .docx, text PDF, scans. Nothing is ever published
by an upload: the draft opens on its change page to be checked.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from advisories import ocr
from advisories.models import Advisory, Organization
from advisories.roles import PUBLISHERS
from tests.jobs import run_jobs

from .letter_samples import docx_letter, image_bytes, pdf_letter, scan_image, scan_pdf

pytestmark = pytest.mark.django_db

LIST = "/admin/advisories/advisory/"
IMPORT = f"{LIST}import/"
DAK_LAK = {
    "header": "UBND TỈNH ĐẮK LẮK\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    "date": "Đắk Lắk, ngày 05 tháng 3 năm 2024",
}
PHU_YEN = {
    "header": "UBND TỈNH PHÚ YÊN\nSỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "number": "Số: 212/SKHCN-TTra",
    "date": "Phú Yên, ngày 14 tháng 5 năm 2025",
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def upload(client, name, data, **fields):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data), **fields})


def html_of(response):
    return response.content.decode()


def test_the_list_links_to_the_import_page_for_publishers(as_user, dak_lak_publisher):
    client = as_user(dak_lak_publisher)
    assert f'href="{IMPORT}"' in html_of(client.get(LIST))
    page = html_of(client.get(IMPORT))
    assert "Nhập công văn từ tệp" in page
    assert 'enctype="multipart/form-data"' in page


def test_hoa_uploads_a_docx_and_gets_a_draft_to_check(as_user, dak_lak_publisher):
    data = docx_letter(**DAK_LAK)
    response = upload(as_user(dak_lak_publisher), "canh-bao.docx", data)
    advisory = Advisory.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}{advisory.pk}/change/"
    assert advisory.status == Advisory.Status.DRAFT and advisory.published_at is None
    assert advisory.issuer.slug == "stttt-dak-lak"
    assert (advisory.number, advisory.summary) == ("15", "cảnh báo cuộc gọi giả danh Công an tỉnh")
    assert advisory.created_by == dak_lak_publisher
    assert (advisory.original_content_type, advisory.original_name) == (DOCX, "canh-bao.docx")

    page = html_of(as_user(dak_lak_publisher).get(response["Location"]))
    assert "Đã đọc công văn từ tệp “canh-bao.docx”: hãy kiểm tra từng ô rồi đăng." in page
    assert "Đọc bằng OCR" not in page
    assert "Bản gốc (DOCX, " in page


def test_a_letter_without_header_goes_to_the_publishers_own_body(as_user, dak_lak_publisher):
    """No header, and a place (Hà Nội) where no STTTT is known: Hoa's body is the issuer."""
    data = pdf_letter(date="Hà Nội, ngày 05 tháng 3 năm 2024")
    response = upload(as_user(dak_lak_publisher), "thu.pdf", data)
    assert response.status_code == 302
    assert Advisory.objects.get().issuer.slug == "stttt-dak-lak"


def test_a_letter_of_another_known_body_is_refused(as_user, ninh_binh_publisher):
    response = upload(as_user(ninh_binh_publisher), "dak-lak.docx", docx_letter(**DAK_LAK))
    assert response.status_code == 200
    page = html_of(response)
    refusal = "dak-lak.docx, dòng 1: công văn này của Sở Thông tin và Truyền thông tỉnh Đắk Lắk"
    assert refusal in page
    assert "Bạn chỉ nhập được công văn của cơ quan mình." in page
    assert not Advisory.objects.exists()
    assert not (settings.MEDIA_ROOT / "letters").exists()


def test_a_new_body_named_in_the_header_is_refused_to_a_publisher_of_another(
    as_user, dak_lak_publisher
):
    response = upload(as_user(dak_lak_publisher), "phu-yen.docx", docx_letter(**PHU_YEN))
    page = html_of(response)
    assert "“UBND TỈNH PHÚ YÊN / SỞ KHOA HỌC VÀ CÔNG NGHỆ”" in page
    assert "nhờ quản trị viên thêm cơ quan" in page
    assert not Organization.objects.filter(province__slug="phu-yen").exists()
    assert not Advisory.objects.exists()


def test_choosing_ones_own_body_does_not_pass_another_bodys_letter(
    as_user, dak_lak_publisher, ninh_binh_publisher
):
    own = Organization.objects.get(slug="stttt-ninh-binh")
    response = upload(
        as_user(ninh_binh_publisher), "dak-lak.pdf", pdf_letter(**DAK_LAK), issuer=own.pk
    )
    assert "không phải cơ quan của bạn" in html_of(response)
    assert not Advisory.objects.exists()


def test_the_issuer_list_offers_only_the_publishers_own_bodies(as_user, dak_lak_publisher):
    page = html_of(as_user(dak_lak_publisher).get(IMPORT))
    assert "Sở Thông tin và Truyền thông tỉnh Đắk Lắk" in page
    assert "Sở Thông tin và Truyền thông tỉnh Ninh Bình" not in page
    other = Organization.objects.get(slug="stttt-ninh-binh")
    response = upload(as_user(dak_lak_publisher), "x.docx", docx_letter(), issuer=other.pk)
    assert "Hãy chọn cơ quan ban hành trong danh sách." in html_of(response)
    assert not Advisory.objects.exists()


def test_an_administrator_imports_for_a_new_body_made_from_the_header(as_user, administrator):
    response = upload(as_user(administrator), "phu-yen.pdf", pdf_letter(**PHU_YEN))
    assert response.status_code == 302
    advisory = Advisory.objects.get()
    assert advisory.issuer.slug == "skhcn-phu-yen"
    assert advisory.issuer.province.slug == "phu-yen"
    page = html_of(as_user(administrator).get(response["Location"]))
    assert "Đã thêm cơ quan ban hành mới" in page


def test_an_administrator_without_a_clue_is_asked_to_choose(as_user, administrator):
    data = docx_letter(number="Số: 7/SYT-NVY")
    page = html_of(upload(as_user(administrator), "so-y-te.docx", data))
    assert "so-y-te.docx, dòng 7: không xác định được cơ quan ban hành" in page
    assert "Hãy chọn cơ quan ban hành ở ô “Cơ quan ban hành”" in page
    assert "--issuer" not in page

    ninh_binh = Organization.objects.get(slug="stttt-ninh-binh")
    response = upload(as_user(administrator), "so-y-te.docx", data, issuer=ninh_binh.pk)
    assert response.status_code == 302
    assert Advisory.objects.get().issuer == ninh_binh


def test_a_letter_that_cannot_be_read_shows_the_line_and_the_text_that_was_read(
    as_user, dak_lak_publisher
):
    data = docx_letter(**DAK_LAK, summary=None)
    response = upload(as_user(dak_lak_publisher), "thieu-trich-yeu.docx", data)
    assert response.status_code == 200
    page = html_of(response)
    assert "thieu-trich-yeu.docx, dòng 9: không thấy dòng trích yếu “V/v …”." in page
    text_area = page.split('<textarea id="import-text" readonly')[1].split("</textarea>")[0]
    assert "Số: 15/STTTT-TTra" in text_area and "Thời gian gần đây" in text_area
    assert not Advisory.objects.exists()


def test_a_field_the_model_refuses_is_named(as_user, dak_lak_publisher):
    data = docx_letter(**DAK_LAK, number="Số: 123456789012345678901/STTTT-TTra")
    page = html_of(upload(as_user(dak_lak_publisher), "so-dai.docx", data))
    assert "so-dai.docx, dòng 9: số: " in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("anh.docx", b"GIF89a" + bytes(300), "cổng không đọc được loại tệp này"),
        # Text, whatever its name: read as a letter, and it is none.
        ("thu.pdf", b"<html><script>alert(1)</script>", "dòng 1: không thấy dòng số, ký hiệu"),
        ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(300), "lưu lại thành .docx"),
    ],
    ids=["gif-named-docx", "html-named-pdf", "word-97"],
)
def test_a_wrong_file_is_refused_by_its_content_in_vietnamese(
    as_user, dak_lak_publisher, name, data, message
):
    page = html_of(upload(as_user(dak_lak_publisher), name, data))
    assert message in page
    assert not Advisory.objects.exists()


def test_an_oversize_file_is_refused_with_the_limit(as_user, dak_lak_publisher, settings):
    settings.LETTER_FILE_MAX_SIZE = 1024 * 1024
    page = html_of(upload(as_user(dak_lak_publisher), "lon.pdf", b"%PDF-1.7\n" + bytes(2**20)))
    assert "lon.pdf: tệp lớn hơn 1 MB, quá giới hạn của cổng." in page


def test_the_same_letter_uploaded_again_opens_the_one_already_there(as_user, dak_lak_publisher):
    client = as_user(dak_lak_publisher)
    first = upload(client, "a.docx", docx_letter(**DAK_LAK))
    again = upload(client, "a.docx", docx_letter(**DAK_LAK))
    assert again["Location"] == first["Location"]
    assert Advisory.objects.count() == 1
    assert "đã có trên cổng" in html_of(client.get(again["Location"]))


def test_a_scan_is_read_by_ocr_and_the_warning_stays_until_saved_once(
    as_user, dak_lak_publisher, admin_form_data, tesseract, django_capture_on_commit_callbacks
):
    """Read by the worker (test_scans_are_read_by_the_worker), then the same draft to check."""
    client = as_user(dak_lak_publisher)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "ban-quet.png", image_bytes(scan_image(**DAK_LAK)))
    assert response.status_code == 302, html_of(response)
    with django_capture_on_commit_callbacks(execute=True):
        run_jobs()
    advisory = Advisory.objects.get()
    assert advisory.read_by_ocr is True
    assert advisory.original_content_type == "image/png"
    change = f"{LIST}{advisory.pk}/change/"
    assert f'href="{change}"' in html_of(client.get(response["Location"]))
    warning = "Đọc bằng OCR: hãy kiểm tra mọi ô"
    assert warning in html_of(client.get(change))
    assert warning in html_of(client.get(change))  # not a one-time message

    fields = admin_form_data(
        advisory.issuer,
        number=advisory.number,
        symbol=advisory.symbol,
        place=advisory.place,
        issued_day=5,
        issued_month=3,
        date_precision="day",
    )
    saved = client.post(change, fields)
    assert saved.status_code == 302
    advisory.refresh_from_db()
    assert advisory.read_by_ocr is False
    assert warning not in html_of(client.get(change))
    assert advisory.original_file  # saving the fields keeps the original


def test_without_tesseract_the_page_says_so_and_offers_typing_the_letter(
    as_user, dak_lak_publisher, monkeypatch, django_capture_on_commit_callbacks
):
    """The form says so before anything is sent; a scan sent anyway fails in the worker,
    at once (a missing program is no passing failure), and its page says why."""
    monkeypatch.setattr(ocr.pytesseract.pytesseract, "tesseract_cmd", "/khong/co/tesseract")
    client = as_user(dak_lak_publisher)
    assert "Máy chủ chưa cài Tesseract" in html_of(client.get(IMPORT))
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "scan.pdf", scan_pdf(**DAK_LAK))
    run_jobs()
    page = html_of(client.get(response["Location"]))
    assert "máy chủ chưa cài Tesseract với tiếng Việt" in page
    assert f'href="{LIST}add/"' in page
    assert not Advisory.objects.exists()
    assert [run.status for run in DBTaskResult.objects.all()] == [TaskResultStatus.SUCCESSFUL]


def test_staff_who_may_not_add_letters_cannot_import(client, django_user_model):
    reader = django_user_model.objects.create_user("doc-gia", password="x", is_staff=True)
    client.force_login(reader)
    assert client.get(IMPORT).status_code == 403
    # A publisher without any body still may not import for someone else's.
    helper = django_user_model.objects.create_user("tro-ly", password="x", is_staff=True)
    helper.groups.add(Group.objects.get(name=PUBLISHERS))
    client.force_login(helper)
    page = html_of(upload(client, "x.docx", docx_letter(**DAK_LAK)))
    assert "không phải cơ quan của bạn" in page
    assert not Advisory.objects.exists()


def test_the_page_needs_the_security_token(dak_lak_publisher):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(dak_lak_publisher)
    response = strict.post(IMPORT, {"file": SimpleUploadedFile("a.docx", docx_letter())})
    assert response.status_code == 403
    assert not Advisory.objects.exists()
