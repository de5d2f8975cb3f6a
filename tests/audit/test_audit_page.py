"""The log page: filters by model, user and days, a bounded number of queries, paginated."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from advisories.models import Organization, Province, ScamPattern
from reports.models import Hotline, NumberMark, ReplyTemplate

from .conftest import hotline_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_log(client, quan, hotline_156):
    """Changes to many audited models, by Anh Quân through the admin and by code."""
    client.force_login(quan)
    for number in ("0909123456", "156", "5656"):
        client.post(
            reverse("admin:reports_hotline_change", args=[hotline_156.pk]),
            hotline_form(hotline_156, number=number),
        )
        hotline_156.refresh_from_db()
    for position in range(3):
        pattern = ScamPattern.objects.create(slug=f"mau-{position}", name=f"Thủ đoạn {position}")
        pattern.position = 10 + position
        pattern.save()
    dak_lak = Province.objects.get(slug="dak-lak")
    for index in range(3):
        NumberMark.objects.create(
            source=f"091234567{index}", kind="scam", province=dak_lak, reason="Nhiều phản ánh"
        )
        ReplyTemplate.objects.create(status="new", title=f"Mẫu {index}", text="Đã tiếp nhận")
    organization = Organization.objects.first()
    organization.place = "Buôn Ma Thuột"
    organization.save()


def test_filters_by_model_and_by_user(client, busy_log):
    page = client.get(reverse("audit_log"), {"user": "quan"})
    entries = page.context["entries"]
    assert len(entries) == 3
    assert {entry.model for entry in entries} == {Hotline}

    page = client.get(reverse("audit_log"), {"model": "advisories.scampattern"})
    assert len(page.context["entries"]) == 6
    assert "<del>10</del>" not in page.content.decode()  # creations show new values only
    assert "<ins>12</ins>" in page.content.decode()


def test_a_foreign_key_shows_the_related_name(client, busy_log):
    page = client.get(reverse("audit_log"), {"model": "reports.numbermark"})
    assert "Đắk Lắk (#" in page.content.decode()


def test_filters_by_days(client, quan, hotline_156):
    with time_machine.travel(datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC)):
        hotline_156.label = "Tháng trước"
        hotline_156.save()
    client.force_login(quan)

    old = client.get(
        reverse("audit_log"),
        {"since": "2026-10-31", "until": "2026-11-01", "model": "reports.hotline"},
    )
    recent = client.get(reverse("audit_log"), {"since": "2026-11-18", "model": "reports.hotline"})

    assert [entry.record.label for entry in old.context["entries"]] == ["Tháng trước"]
    assert "Tháng trước" not in [entry.record.label for entry in recent.context["entries"]]


def test_the_page_costs_a_bounded_number_of_queries(
    client, busy_log, django_assert_max_num_queries
):
    # Session, user, count, the page's keys, two per table on the page and one per
    # recorded m2m field (a user's groups), the related rows.
    with django_assert_max_num_queries(24):
        page = client.get(reverse("audit_log"))
    assert page.status_code == 200
    assert len(page.context["entries"]) > 10


def test_pages_of_fifty(client, quan, hotline_156):
    for index in range(60):
        hotline_156.position = index + 1
        hotline_156.save()
    client.force_login(quan)

    first = client.get(reverse("audit_log"), {"model": "reports.hotline"})
    second = client.get(reverse("audit_log"), {"model": "reports.hotline", "p": 2})

    assert len(first.context["entries"]) == 50
    assert len(second.context["entries"]) == 11
    assert first.context["entries"][0].changes[0].new == "60"


def test_one_objects_whole_history_from_its_link(client, quan, busy_log):
    first, second = ScamPattern.objects.filter(slug__in=["mau-0", "mau-1"]).order_by("slug")
    everything = client.get(reverse("audit_log"), {"model": "advisories.scampattern"})
    link = f"?model=advisories.scampattern&amp;object={first.pk}"
    assert link in everything.content.decode()

    page = client.get(
        reverse("audit_log"), {"model": "advisories.scampattern", "object": str(first.pk)}
    )
    labels = {entry.object_key for entry in page.context["entries"]}
    assert labels == {first.pk}
    assert [entry.action for entry in page.context["entries"]] == ["Thay đổi", "Tạo mới"]
    assert second.pk not in labels
    nothing = client.get(reverse("audit_log"), {"model": "advisories.scampattern", "object": "x"})
    assert nothing.status_code == 200
    assert list(nothing.context["entries"]) == []
