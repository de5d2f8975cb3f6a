"""A letter announcing a new hotline goes public only once two people agreed, and the audit
says who did what, with the values (issue 17).

Chị Hoa of Sở TTTT Đắk Lắk drafts letter 15/STTTT-TTra announcing the line
0262 3812 345 and proposes it; anh Quân, an administrator, adds the line from
the letter. Nothing is public yet: the letter is a 404, the look-up knows no
such line. Chị Lan, Hoa's colleague, approves the letter, and chị Mai, a second
administrator, the line: a citizen then finds both. Quân reads in the audit
who proposed and who approved each, and the values each change set.
"""

import pytest
from django.contrib.auth.models import Group

from advisories.models import Advisory, Organization
from advisories.roles import ADMINISTRATORS, PUBLISHERS
from reports.models import Hotline

from ..advisories.letter_samples import docx_letter
from .conftest import log_in_as

pytestmark = pytest.mark.django_db(transaction=True)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LINE = "02623812345"
LETTER = {
    "header": "UBND TỈNH ĐẮK LẮK\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    "date": "Đắk Lắk, ngày 05 tháng 3 năm 2024",
    "body": (
        "Thời gian gần đây xuất hiện cuộc gọi mạo danh Công an tỉnh.\n"
        "Người dân phản ánh qua đường dây nóng 0262 3812 345 của Sở.\n"
        "Trân trọng./."
    ),
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff(django_user_model):
    made = {}
    for name, group in [
        ("hoa", PUBLISHERS),
        ("lan", PUBLISHERS),
        ("quan", ADMINISTRATORS),
        ("mai", ADMINISTRATORS),
    ]:
        user = django_user_model.objects.create_user(name, password="x", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        if group == PUBLISHERS:
            Organization.objects.get(slug="stttt-dak-lak").members.add(user)
        made[name] = user
    return made


def office(browser, live_server, username):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1366, "height": 900}, locale="vi-VN"
    )
    return log_in_as(context.new_page(), username)


def test_the_letter_and_its_line_wait_for_a_second_person_and_the_audit_shows_both(
    browser, live_server, phone, staff
):
    hoa = office(browser, live_server, "hoa")
    hoa.goto("/admin/advisories/advisory/")
    hoa.get_by_role("link", name="Nhập công văn từ tệp").click()
    hoa.get_by_label("Tệp công văn").set_input_files(
        {"name": "duong-day-nong.docx", "mimeType": DOCX, "buffer": docx_letter(**LETTER)}
    )
    with hoa.expect_navigation():
        hoa.get_by_role("button", name="Đọc tệp và tạo bản nháp").click()
    with hoa.expect_navigation():
        hoa.get_by_role("button", name="Đề nghị đăng (chờ cán bộ khác duyệt)").click()
    assert hoa.get_by_role("button", name="Duyệt đăng").count() == 0  # never her own
    letter = Advisory.objects.get()

    quan = office(browser, live_server, "quan")
    quan.goto("/admin/reports/hotline/add/")
    quan.select_option("#id_scope", "provincial")
    quan.select_option("#id_province", label="Đắk Lắk")
    quan.fill("#id_number", LINE)
    quan.select_option("#id_channel", "call")
    quan.locator("input[name=kinds]").first.check()
    quan.fill("#id_label", "Đường dây nóng Sở TTTT Đắk Lắk")
    quan.fill("#id_source_advisory", str(letter.pk))
    quan.fill("#id_announced_year", "2024")
    with quan.expect_navigation():
        quan.locator('input[name="_save"]').click()
    line = Hotline.objects.get(number=LINE)
    assert line.review == Hotline.Review.PENDING

    # Nothing public yet, for the letter or the line.
    assert phone.goto(letter.get_absolute_url()).status == 404
    phone.goto(f"/lookup/?number={LINE}")
    assert "Đường dây nóng Sở TTTT Đắk Lắk" not in phone.content()
    assert "15/STTTT-TTra" not in phone.content()

    lan = office(browser, live_server, "lan")
    lan.goto(f"/admin/advisories/advisory/{letter.pk}/change/")
    with lan.expect_navigation():
        lan.get_by_role("button", name="Duyệt đăng").click()
    mai = office(browser, live_server, "mai")
    mai.goto(f"/admin/reports/hotline/{line.pk}/change/")
    with mai.expect_navigation():
        mai.locator(".hotline-review-approve").click()

    phone.goto(letter.get_absolute_url())
    assert phone.get_by_text("V/v cảnh báo cuộc gọi giả danh Công an tỉnh").is_visible()
    phone.goto(f"/lookup/?number={LINE}&province=dak-lak")
    page = phone.content()
    assert "Đường dây nóng Sở TTTT Đắk Lắk" in page
    assert "15/STTTT-TTra" in page

    # The audit: who proposed, who approved, and the values each change set.
    quan.goto("/admin/audit/?model=advisories.advisory")
    text = quan.locator("#content").inner_text()
    assert "hoa\t127.0.0.1\tCông văn: 15/STTTT-TTra" in text
    assert "lan\t127.0.0.1\tCông văn: 15/STTTT-TTra" in text
    assert "Trạng thái: Bản nháp → Chờ duyệt\nNgười đề nghị đăng: — → hoa" in text
    assert "Trạng thái: Chờ duyệt → Đã đăng" in text
    assert "Người duyệt đăng: — → lan" in text
    assert "đường dây nóng 0262 3812 345" in text  # the letter's text as created
    quan.goto("/admin/audit/?model=reports.hotline")
    text = quan.locator("#content").inner_text()
    assert "mai\t127.0.0.1\tKênh tiếp nhận: 02623812345" in text
    assert "Duyệt: Chờ duyệt → Đã duyệt" in text
    assert "quan\t127.0.0.1\tKênh tiếp nhận: 02623812345" in text
    assert "Số điện thoại, đầu số: — → 02623812345" in text
