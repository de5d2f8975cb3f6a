"""Inspector Hà reads "đã chờ": an open report's wait goes on, a closed one's stops.

A report resolved 3 days after it was filed says 3 days, however old it is
now; a rejected one too. Before, a report closed in a day showed 363 days.
"""

import datetime

import pytest
from django.utils import timezone

from reports import triage
from reports.models import ForwardTarget, Report
from reports.roles import INSPECTORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/report/"
DAY = datetime.timedelta(days=1)


@pytest.fixture
def ha(client):
    user = staff("ha", INSPECTORS, "dak-lak")
    client.force_login(user)
    return user


def age_cell(client, report):
    html = client.get(LIST).content.decode()
    row = html.split(f">{report.case_number}</a>")[1].split("</tr>")[0]
    return row.split('class="field-age_cell">')[1].split("</td>")[0]


def test_a_closed_report_shows_how_long_it_took(client, ha):
    now = timezone.now()
    resolved = make_report()
    Report.objects.filter(pk=resolved.pk).update(
        status=Report.Status.RESOLVED, created_at=now - 363 * DAY, closed_at=now - 360 * DAY
    )
    rejected = make_report()
    Report.objects.filter(pk=rejected.pk).update(
        status=Report.Status.REJECTED,
        created_at=now - 40 * DAY,
        closed_at=now - 40 * DAY + datetime.timedelta(hours=5),
    )
    cell = age_cell(client, resolved)
    assert ">3 ngày</time>" in cell and "363" not in cell
    assert "kết thúc lúc" in cell  # the title says when it ended
    assert ">5 giờ</time>" in age_cell(client, rejected)


def test_an_open_report_keeps_counting_until_it_closes(client, ha):
    report = make_report()
    Report.objects.filter(pk=report.pk).update(created_at=timezone.now() - 10 * DAY)
    assert ">10 ngày</time>" in age_cell(client, report)

    report = Report.objects.get(pk=report.pk)
    for step, extra in (("review", {}), ("forward", {"target": ForwardTarget.POLICE})):
        report = triage.take_step(report, step, by=ha, **extra)
    report = triage.take_step(report, "resolve", by=ha)
    assert ">10 ngày</time>" in age_cell(client, report)  # it took ten days, and stays so
