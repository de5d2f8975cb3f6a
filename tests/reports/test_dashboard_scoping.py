"""Inspector Quang of Hà Nội opens the dashboard: Đắk Lắk's reports are not his numbers.

Nothing of another province reaches him, at either address of the page; Hà
of Đắk Lắk gets her province's numbers and no more; Thảo, who publishes
letters, is refused; a visitor is sent to the login page.
"""

import datetime

import pytest
from django.utils import timezone

from advisories.roles import PUBLISHERS
from reports.models import Report
from reports.roles import INSPECTORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

ADDRESSES = ["/admin/reports/dashboard/", "/admin/reports/report/dashboard/"]


@pytest.fixture
def dak_lak_reports():
    """A week of Đắk Lắk: waiting, overdue, acted on, closed, one number reported three times."""
    now = timezone.now()
    reports = [make_report(source="0912345678", kind="LD") for _ in range(3)]
    for report, days in zip(reports, (0, 2, 9), strict=True):
        Report.objects.filter(pk=report.pk).update(
            created_at=now - datetime.timedelta(days=days, hours=1)
        )
    Report.objects.filter(pk=reports[1].pk).update(
        status=Report.Status.RESOLVED,
        first_action_at=now - datetime.timedelta(days=1),
        closed_at=now - datetime.timedelta(hours=2),
    )


def figures(response):
    context = response.context
    return {
        "backlog": context["backlog"]["total"],
        "overdue": context["backlog"]["overdue"],
        "weekly": sum(sum(row["counts"]) for row in context["weekly"]["kinds"]),
        "acted": context["medians"]["first_action"]["reports"],
        "closed": context["medians"]["closed"]["reports"],
        "sources": len(context["top_sources"]["rows"]),
    }


@pytest.mark.parametrize("address", ADDRESSES)
def test_an_inspector_of_another_province_sees_none_of_these_reports(
    client, dak_lak_reports, address
):
    make_report(province="ha-noi", source="0987654321")
    client.force_login(staff("quang", INSPECTORS, "ha-noi"))
    response = client.get(address)
    assert response.status_code == 200
    assert figures(response) == {
        "backlog": 1,  # his own report, only
        "overdue": 0,
        "weekly": 1,
        "acted": 0,
        "closed": 0,
        "sources": 1,
    }
    html = response.content.decode()
    assert "0912345678" not in html and "0987654321" in html
    assert "Số liệu của các phản ánh bạn được xem: Hà Nội." in html
    assert response.context["provinces"] is None


def test_an_inspector_sees_her_province_and_not_the_others(client, dak_lak_reports):
    make_report(province="ha-noi", source="0987654321")
    client.force_login(staff("ha", INSPECTORS, "dak-lak"))
    response = client.get(ADDRESSES[0])
    assert figures(response) == {
        "backlog": 2,
        "overdue": 1,
        "weekly": 3,
        "acted": 1,
        "closed": 1,
        "sources": 1,
    }
    assert "0987654321" not in response.content.decode()


def test_an_inspector_without_a_province_sees_zeros(client, dak_lak_reports):
    client.force_login(staff("moi", INSPECTORS))
    response = client.get(ADDRESSES[0])
    assert response.status_code == 200
    assert set(figures(response).values()) == {0}
    assert "chưa được giao tỉnh, thành phố nào" in response.content.decode()


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_publisher_is_refused(client, dak_lak_reports, address):
    client.force_login(staff("thao", PUBLISHERS))
    assert client.get(address).status_code == 403


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_visitor_is_sent_to_the_login_page(client, address):
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
