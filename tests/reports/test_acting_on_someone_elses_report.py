"""Minh opens a report Hà is working on and takes a step: the page first says it is Hà's
and asks him to confirm; ticking the box lets the step through. His own, or a free one,
never asks."""

import re

import pytest

from reports.models import Report
from reports.roles import INSPECTORS, SUPERVISORS

from .conftest import make_report, staff, triage_page

pytestmark = pytest.mark.django_db

PAGE = "/admin/reports/report/{}/change/"


@pytest.fixture
def ha():
    user = staff("ha", INSPECTORS, "dak-lak")
    user.first_name, user.last_name = "Hà", "Nguyễn Thu"
    user.save()
    return user


@pytest.fixture
def minh(client):
    user = staff("minh", SUPERVISORS, "dak-lak")
    client.force_login(user)
    return user


def save(client, report, **fields):
    report.refresh_from_db()
    data = {
        **triage_page(client, report),
        "step": "",
        "reply": report.public_reply,
        "note": "",
        "assignee": report.assigned_to_id or "",
        **fields,
    }
    return client.post(PAGE.format(report.pk), data)


def test_a_step_on_someone_else_s_report_is_refused_once_saying_whose(client, ha, minh):
    report = make_report(assigned_to=ha)
    html = client.get(PAGE.format(report.pk)).content.decode()
    assert 'type="checkbox" name="confirm_other"' not in html  # nothing asked before saving
    response = save(client, report, step="review")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Phản ánh này đang giao cho Nguyễn Thu Hà." in html
    assert re.search(r'<input type="checkbox" name="confirm_other"[^>]*>', html)
    assert "Vẫn xử lý thay Nguyễn Thu Hà" in html
    report.refresh_from_db()
    assert report.status == Report.Status.NEW
    assert not report.events.filter(kind="step").exists()


def test_ticking_the_box_lets_the_step_through(client, ha, minh):
    report = make_report(assigned_to=ha)
    assert save(client, report, step="review").status_code == 200
    response = save(client, report, step="review", confirm_other="on")
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.assigned_to) == (Report.Status.IN_REVIEW, ha)
    assert report.events.get(kind="step").actor == minh


def test_a_reply_on_someone_else_s_report_asks_too(client, ha, minh):
    report = make_report(assigned_to=ha)
    response = save(client, report, reply="Thanh tra đang xem xét.")
    assert "Phản ánh này đang giao cho Nguyễn Thu Hà." in response.content.decode()
    report.refresh_from_db()
    assert report.public_reply == ""


def test_one_s_own_or_a_free_report_never_asks(client, ha, minh):
    mine, free = make_report(assigned_to=minh), make_report()
    assert save(client, mine, step="review").status_code == 302
    assert save(client, free, step="review").status_code == 302


def test_taking_the_report_over_in_the_same_save_is_the_confirmation(client, ha, minh):
    report = make_report(assigned_to=ha)
    assert save(client, report, step="review", assignee=minh.pk).status_code == 302
    report.refresh_from_db()
    assert (report.status, report.assigned_to) == (Report.Status.IN_REVIEW, minh)


def test_a_note_alone_never_asks(client, ha, minh):
    report = make_report(assigned_to=ha)
    assert save(client, report, note="Đã gọi lại cho người dân").status_code == 302
    assert report.notes.count() == 1
