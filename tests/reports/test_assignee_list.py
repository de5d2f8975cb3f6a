"""Minh hands Đắk Lắk's reports on: "Người xử lý" and "Giao cho…" list Đắk Lắk's inspectors
and supervisors only (not Hà Nội's, not national staff, not the administrator), with
nobody chosen in advance."""

import re

import pytest
from django.contrib.auth import get_user_model

from advisories.roles import ADMINISTRATORS
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS, SUPERVISORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/report/"


@pytest.fixture
def team():
    admin = get_user_model().objects.create_superuser("admin", password="x")
    return {
        "admin": admin,
        "quantri": staff("quantri", ADMINISTRATORS),
        "ha": staff("ha", INSPECTORS, "dak-lak"),
        "minh": staff("minh", SUPERVISORS, "dak-lak"),
        "lan": staff("lan", INSPECTORS, "ha-noi"),
        "toan": staff("toan", NATIONAL_INSPECTORS),
    }


def options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option([^>]*)>([^<]*)</option>", select)


def test_the_report_page_offers_the_province_s_team_with_nobody_chosen(
    client, team, django_assert_max_num_queries
):
    report = make_report()
    client.force_login(team["minh"])
    with django_assert_max_num_queries(30):
        html = client.get(f"{LIST}{report.pk}/change/").content.decode()
    shown = options(html, "assignee")
    assert [label for _attrs, label in shown] == ["—", "ha", "minh"]
    assert "selected" in shown[0][0]
    assert not any("selected" in attrs for attrs, _label in shown[1:])


def test_the_report_page_keeps_a_current_assignee_from_outside_the_team(client, team):
    report = make_report(assigned_to=team["toan"])
    client.force_login(team["minh"])
    html = client.get(f"{LIST}{report.pk}/change/").content.decode()
    shown = options(html, "assignee")
    assert [label for _attrs, label in shown] == ["—", "ha", "minh", "toan"]
    assert "selected" in dict((label, attrs) for attrs, label in shown)["toan"]


def test_a_report_without_a_province_is_offered_to_national_inspectors(client, team):
    report = make_report(province=None)
    client.force_login(team["toan"])
    html = client.get(f"{LIST}{report.pk}/change/").content.decode()
    assert [label for _attrs, label in options(html, "assignee")] == ["—", "toan"]


def test_the_bulk_step_offers_the_province_s_team_and_needs_a_choice(
    client, team, django_assert_max_num_queries
):
    reports = [make_report(), make_report()]
    ids = [report.pk for report in reports]
    client.force_login(team["toan"])  # national: sees them all, may hand them on
    with django_assert_max_num_queries(35):
        page = client.post(LIST, {"action": "assign", "_selected_action": ids})
    shown = options(page.content.decode(), "assignee")
    assert [label for _attrs, label in shown] == ["—", "ha", "minh"]
    assert not any("selected" in attrs for attrs, _label in shown[1:])
    nothing = client.post(LIST, {"action": "assign", "_selected_action": ids, "post": "yes"})
    assert nothing.status_code == 200  # asked again: no one was chosen
    assert nothing.context["form"].errors["assignee"]
    client.post(
        LIST,
        {"action": "assign", "_selected_action": ids, "post": "yes", "assignee": team["ha"].pk},
    )
    assert {report.assigned_to for report in reports if report.refresh_from_db() is None} == {
        team["ha"]
    }


def test_a_national_account_cannot_be_forged_into_the_bulk_step(client, team):
    report = make_report()
    client.force_login(team["minh"])
    response = client.post(
        LIST,
        {
            "action": "assign",
            "_selected_action": [report.pk],
            "post": "yes",
            "assignee": team["admin"].pk,
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["assignee"]
    report.refresh_from_db()
    assert report.assigned_to is None
