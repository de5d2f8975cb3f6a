"""Hà, an inspector of Đắk Lắk, marks a duplicate: its original is looked up in her scope only.

Reviewed: a code of another province answered "must be of the same province",
a code no report has "no report with code": two messages, so the form told
whether a receipt code existed in Hà Nội. Now both get the same one, on the
report's page and on the bulk action's confirmation page, and a national
inspector, who sees both provinces, is told the original must be of the same one.
"""

import re

import pytest

from reports.models import Report
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS

from .conftest import make_report, staff, triage_page

pytestmark = pytest.mark.django_db

NOT_FOUND = "Không tìm thấy phản ánh gốc trong phạm vi của bạn."
NOWHERE = "ZZZZ-ZZZZ-ZZZZ"


@pytest.fixture
def ha(client):
    user = staff("ha", INSPECTORS, "dak-lak")
    client.force_login(user)
    return user


def reject_as_duplicate(client, report, original):
    return client.post(
        f"/admin/reports/report/{report.pk}/change/",
        {
            "step": "reject",
            "reason": "duplicate",
            "original": original,
            "target": "",
            "template": "",
            "reply": "",
            "note": "",
            "assignee": "",
            **triage_page(client, report),
        },
    )


def bulk_reject_as_duplicates(client, reports, original):
    data = {
        "action": "reject",
        "_selected_action": [report.pk for report in reports],
        "post": "yes",
        "reason": "duplicate",
        "original": original,
    }
    return client.post("/admin/reports/report/", data)


def page_without(response, typed):
    """The page as Hà reads it, but for what she typed and the per-page CSRF token."""
    html = response.content.decode().replace(typed, "…")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_code_of_another_province_reads_as_a_code_no_report_has(client, ha):
    report = make_report()
    in_ha_noi = make_report(province="ha-noi").code
    elsewhere = reject_as_duplicate(client, report, in_ha_noi)
    nowhere = reject_as_duplicate(client, report, NOWHERE)
    assert elsewhere.status_code == nowhere.status_code == 200
    assert NOT_FOUND in elsewhere.content.decode()
    assert page_without(elsewhere, in_ha_noi) == page_without(nowhere, NOWHERE)
    report.refresh_from_db()
    assert (report.status, report.duplicate_of) == (Report.Status.NEW, None)


def test_the_bulk_action_gives_the_same_one_message(client, ha):
    copies = [make_report(), make_report()]
    in_ha_noi = make_report(province="ha-noi").code
    elsewhere = bulk_reject_as_duplicates(client, copies, in_ha_noi)
    nowhere = bulk_reject_as_duplicates(client, copies, NOWHERE)
    assert elsewhere.status_code == nowhere.status_code == 200
    assert NOT_FOUND in elsewhere.content.decode()
    assert page_without(elsewhere, in_ha_noi) == page_without(nowhere, NOWHERE)
    assert not Report.objects.filter(status=Report.Status.REJECTED).exists()


def test_a_national_inspector_is_told_the_original_must_be_of_the_same_province(client):
    client.force_login(staff("quang", NATIONAL_INSPECTORS))
    report = make_report()
    in_ha_noi = make_report(province="ha-noi")
    response = reject_as_duplicate(client, report, in_ha_noi.code)
    assert "Phản ánh gốc phải cùng tỉnh, thành phố với phản ánh trùng." in response.content.decode()
    same_province = make_report()
    assert reject_as_duplicate(client, report, same_province.code).status_code == 302
    report.refresh_from_db()
    assert report.duplicate_of == same_province
