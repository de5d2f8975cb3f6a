"""Chị Hoa of Sở TTTT Đắk Lắk publishes the letter she holds, in a real browser.

She uploads the .docx she drafted on "Nhập công văn từ tệp", checks the
draft the portal read from it, proposes it; her colleague Chị Lan approves
it; a citizen on a phone reads the letter and downloads its original. Once
signed, Hoa attaches the signed PDF, Lan approves the change: the citizen's
link now opens it in Chromium's PDF viewer, sandboxed.
"""

import pytest
from django.contrib.auth.models import Group

from advisories.models import Advisory, Organization
from advisories.roles import PUBLISHERS

from ..advisories.letter_samples import docx_letter, pdf_letter
from .conftest import axe_violations, log_in_as

pytestmark = pytest.mark.django_db(transaction=True)

DAK_LAK = {
    "header": "UBND TỈNH ĐẮK LẮK\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    "date": "Đắk Lắk, ngày 05 tháng 3 năm 2024",
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def hoa(django_user_model):
    user = django_user_model.objects.create_user("hoa", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=PUBLISHERS))
    Organization.objects.get(slug="stttt-dak-lak").members.add(user)
    return user


@pytest.fixture
def lan(django_user_model):
    """Hoa's colleague: the second publisher who approves her letters."""
    user = django_user_model.objects.create_user("lan", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=PUBLISHERS))
    Organization.objects.get(slug="stttt-dak-lak").members.add(user)
    return user


def approve(browser, live_server, advisory):
    colleague = log_in(browser, live_server, "lan")
    colleague.goto(f"/admin/advisories/advisory/{advisory.pk}/change/")
    with colleague.expect_navigation():
        colleague.get_by_role("button", name="Duyệt đăng").click()
    assert "Đã duyệt, công văn đã hiện với người dân." in colleague.content()
    colleague.context.close()


def log_in(browser, live_server, username):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1366, "height": 768},
        locale="vi-VN",
        accept_downloads=True,
    )
    return log_in_as(context.new_page(), username)


def test_hoa_uploads_a_docx_checks_publishes_and_the_citizen_gets_the_original(
    browser, live_server, phone, hoa, lan
):
    admin = log_in(browser, live_server, "hoa")
    admin.goto("/admin/advisories/advisory/")
    admin.get_by_role("link", name="Nhập công văn từ tệp").click()
    assert axe_violations(admin) == []
    data = docx_letter(**DAK_LAK)
    admin.get_by_label("Tệp công văn").set_input_files(
        {"name": "canh-bao-mao-danh.docx", "mimeType": DOCX, "buffer": data}
    )
    with admin.expect_navigation():
        admin.get_by_role("button", name="Đọc tệp và tạo bản nháp").click()

    # The draft, to check field by field before anything is public.
    assert "Đã đọc công văn từ tệp “canh-bao-mao-danh.docx”" in admin.content()
    assert admin.locator("#id_number").input_value() == "15"
    assert admin.locator("#id_symbol").input_value() == "STTTT-TTra"
    assert admin.locator("#id_summary").input_value() == "cảnh báo cuộc gọi giả danh Công an tỉnh"
    advisory = Advisory.objects.get()
    assert advisory.status == Advisory.Status.DRAFT
    assert phone.goto(advisory.get_absolute_url()).status == 404  # nothing public yet

    with admin.expect_navigation():
        admin.get_by_role("button", name="Đề nghị đăng (chờ cán bộ khác duyệt)").click()
    assert admin.get_by_role("button", name="Duyệt đăng").count() == 0  # never her own
    advisory.refresh_from_db()
    assert advisory.status == Advisory.Status.PENDING
    assert phone.goto(advisory.get_absolute_url()).status == 404
    approve(browser, live_server, advisory)
    advisory.refresh_from_db()
    assert advisory.status == Advisory.Status.PUBLISHED

    # A citizen on a phone: the letter, and beside it the file it came from.
    phone.goto(advisory.get_absolute_url())
    assert phone.get_by_text("V/v cảnh báo cuộc gọi giả danh Công an tỉnh").is_visible()
    link = phone.get_by_role("link", name="Bản gốc (DOCX, ")
    assert link.is_visible()
    with phone.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"{advisory.slug}.docx"
    assert download.value.path().read_bytes() == data

    # Signed and sealed: Hoa attaches the PDF in place of the draft file.
    admin.goto(f"/admin/advisories/advisory/{advisory.pk}/change/")
    admin.locator("#id_original_upload").set_input_files(
        {"name": "da-ky.pdf", "mimeType": "application/pdf", "buffer": pdf_letter(**DAK_LAK)}
    )
    with admin.expect_navigation():
        admin.locator('input[name="_save"]').click()
    approve(browser, live_server, advisory)  # a new original is a change the public trusts

    reader = browser.new_context(base_url=live_server.url, locale="vi-VN")
    citizen = reader.new_page()
    citizen.goto(advisory.get_absolute_url())
    link = citizen.get_by_role("link", name="Bản gốc (PDF, ")
    # The sandboxed PDF never fires `load`: wait for the response, then the viewer.
    with citizen.expect_response(lambda r: r.url.endswith("/original/")) as response:
        link.click(no_wait_after=True)
    headers = response.value.all_headers()
    assert headers["content-type"] == "application/pdf"
    assert headers["content-security-policy"] == "default-src 'none'; sandbox"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-disposition"].startswith("inline;")
    for _ in range(50):  # the viewer attaches its frame shortly after the response
        if any(frame.url.startswith("chrome-extension://") for frame in citizen.frames):
            break
        citizen.wait_for_timeout(100)
    else:
        pytest.fail("Chromium's PDF viewer did not open the sandboxed original")
    reader.close()
    admin.context.close()
