"""A set-based change through audit.bulk is recorded row by row, with its values.

What a bulk action (publishing letters, turning hotlines off) must use instead
of queryset.update(), which records nothing.
"""

import pytest
from django.test import RequestFactory
from simple_history.models import HistoricalRecords

import audit
from audit.bulk import bulk_create, bulk_update
from reports.models import Hotline

pytestmark = pytest.mark.django_db


def lines(count):
    return bulk_create(
        Hotline(
            scope="national", number=f"15{index}", channel="call", label="Kênh", announced_year=2024
        )
        for index in range(count)
    )


def test_turning_lines_off_in_bulk_records_each_with_the_request(quan):
    created = lines(3)
    request = RequestFactory().post("/admin/reports/hotline/", REMOTE_ADDR="198.51.100.4")
    request.user = quan
    HistoricalRecords.context.request = request
    try:
        for line in created:
            line.is_active = False
        assert bulk_update(created, ["is_active"]) == 3
    finally:
        del HistoricalRecords.context.request

    records = Hotline.history.model.objects.filter(history_type="~")
    assert records.count() == 3
    assert {(r.history_user, r.client_address, r.is_active) for r in records} == {
        (quan, "198.51.100.4", False)
    }
    assert records[0].diff_against(records[0].prev_record).changed_fields == ["is_active"]


def test_inside_origin_a_bulk_change_is_the_commands():
    with audit.origin("lệnh nhập kênh"):
        lines(2)

    reasons = Hotline.history.model.objects.values_list("history_change_reason", flat=True)
    assert list(reasons) == ["lệnh nhập kênh", "lệnh nhập kênh"]
