"""Minh checks a template before inspectors use it: its page shows it filled from a sample
report, as a citizen would read it."""

import pytest
from django.utils import timezone

from advisories.models import Province
from reports.models import ReplyTemplate
from reports.roles import NATIONAL_INSPECTORS, SUPERVISORS

from .conftest import staff

pytestmark = pytest.mark.django_db

ADMIN = "/admin/reports/replytemplate/"
TEXT = "Số {source} ({kind}) ở {province}, gửi ngày {date}, đã chuyển tới {target}. Mã {code}."


def preview(client, template, bound):
    with bound(15):
        response = client.get(f"{ADMIN}{template.pk}/change/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_province_s_template_is_previewed_with_a_sample_report_of_today(
    client, django_assert_max_num_queries
):
    client.force_login(staff("minh", SUPERVISORS, "dak-lak"))
    template = ReplyTemplate.objects.create(
        status="forwarded",
        title="Chuyển PA05",
        text=TEXT,
        province=Province.objects.get(slug="dak-lak"),
    )
    html = preview(client, template, django_assert_max_num_queries)
    today = timezone.localdate().strftime("%d/%m/%Y")  # 18/11/2026 on the suite's clock
    assert "Xem trước" in html
    assert (
        f"“Số 0912345678 (LD — lừa đảo (cuộc gọi hoặc tin nhắn)) ở Đắk Lắk, gửi ngày {today}, "
        "đã chuyển tới Công an. Mã 7KQ2-M9XD-4TPA.”"
    ) in html


def test_a_national_template_is_previewed_in_a_province_and_never_shows_a_brace(
    client, django_assert_max_num_queries
):
    client.force_login(staff("toan", NATIONAL_INSPECTORS))
    template = ReplyTemplate.objects.create(
        status="resolved", title="Cũ", text="Xong: {source}, {nguon} ở {province}."
    )
    html = preview(client, template, django_assert_max_num_queries)
    first = Province.objects.current().order_by("name").first()
    assert f"“Xong: 0912345678,  ở {first.name}.”" in html


def test_a_new_template_has_nothing_to_preview_yet(client):
    client.force_login(staff("minh", SUPERVISORS, "dak-lak"))
    html = client.get(f"{ADMIN}add/").content.decode()
    assert "Lưu mẫu để xem trước." in html
