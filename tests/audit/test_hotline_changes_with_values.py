"""The review's case: a hotline changed from 156 to 0909123456 and back shows both values.

Django's own history said "Đã thay đổi Số điện thoại, đầu số" twice; the audit
says what it was and what it became, who did it and from which address.
"""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from advisories.roles import ADMINISTRATORS
from reports.models import Hotline

from .conftest import hotline_form, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def mai(db):
    """Chị Mai, a second administrator: a hotline changes once she approves (issue 17)."""
    return staff("mai", ADMINISTRATORS)


def change(client, line, approver, **fields):
    """Quân proposes the change from 203.0.113.7; Mai approves it from 203.0.113.8."""
    url = reverse("admin:reports_hotline_change", args=[line.pk])
    response = client.post(url, hotline_form(line, **fields), REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302, response.content.decode()[:2000]
    colleague = Client()
    colleague.force_login(approver)
    url = reverse("admin:reports_hotline_review", args=[line.pk, "approve"])
    response = colleague.post(url, REMOTE_ADDR="203.0.113.8")
    assert response.status_code == 302, response.content.decode()[:2000]
    line.refresh_from_db()


def number_changes(entries):
    return [
        (entry.user, entry.address, change.old, change.new)
        for entry in entries
        if entry.action == "Thay đổi"
        for change in entry.changes
        if change.field == "số điện thoại, đầu số"
    ]


def test_156_to_0909123456_and_back_shows_both_changes_with_values(client, quan, mai, hotline_156):
    client.force_login(quan)
    change(client, hotline_156, mai, number="0909123456")
    change(client, hotline_156, mai, number="156")

    page = client.get(reverse("audit_log"), {"model": "reports.hotline"})

    assert page.status_code == 200
    html = page.content.decode()
    assert "<del>156</del> → <ins>0909123456</ins>" in html
    assert "<del>0909123456</del> → <ins>156</ins>" in html
    # Newest first: the change back comes before the change away.
    assert html.index("<del>0909123456</del>") < html.index("<del>156</del>")
    entries = page.context["entries"]
    assert entries[-1].action == "Tạo mới"
    # The number changed when Mai approved, each time; Quân's proposals are there too.
    assert number_changes(entries) == [
        ("mai", "203.0.113.8", "0909123456", "156"),
        ("mai", "203.0.113.8", "156", "0909123456"),
    ]
    assert {entry.user for entry in entries[:-1]} == {"quan", "mai"}


def test_the_address_is_the_client_behind_the_trusted_proxy(client, quan, hotline_156, settings):
    settings.REPORT_TRUSTED_PROXIES = 1
    client.force_login(quan)
    url = reverse("admin:reports_hotline_change", args=[hotline_156.pk])
    client.post(
        url,
        hotline_form(hotline_156, label="Cục An toàn thông tin"),
        REMOTE_ADDR="10.0.0.2",  # the proxy
        HTTP_X_FORWARDED_FOR="198.51.100.23, 2001:db8::1, 192.0.2.9",
    )

    record = Hotline.history.model.objects.latest("history_date")
    assert record.client_address == "192.0.2.9"
    assert record.history_user == quan


def test_a_change_outside_a_request_has_no_user_and_no_address(hotline_156):
    hotline_156.label = "Đổi trong shell"
    hotline_156.save()

    record = hotline_156.history.first()
    assert record.history_user is None
    assert record.client_address is None


def test_the_csv_has_the_old_and_new_values(client, quan, mai, hotline_156):
    client.force_login(quan)
    change(client, hotline_156, mai, number="0909123456")

    response = client.get(reverse("audit_export"), {"model": "reports.hotline"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Thời điểm"
    assert (rows[1][1], rows[1][2]) == ("mai", "203.0.113.8")  # the approval, newest
    assert "số điện thoại, đầu số: 156 → 0909123456" in rows[1][7].splitlines()
    assert (rows[2][1], rows[2][2]) == ("quan", "203.0.113.7")  # the proposal
    assert len(rows) == 4  # approval, proposal, creation; no note of a limit
