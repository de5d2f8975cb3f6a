"""Bình, a national inspector, places the reports filed with no province.

Both province filters of the list have "Chưa rõ tỉnh"; the dashboard's
per-province table links its "not yet placed" row to those reports, all of
them and the open ones.
"""

import re

import pytest

from reports.models import Report
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/report/"
DASHBOARD = "/admin/reports/dashboard/"


@pytest.fixture
def reports():
    nowhere = [make_report(province=None), make_report(province=None)]
    Report.objects.filter(pk=nowhere[1].pk).update(status=Report.Status.REJECTED)
    placed = make_report(province="dak-lak")
    return {"nowhere": nowhere, "placed": placed}


@pytest.fixture
def binh(client):
    user = staff("binh", NATIONAL_INSPECTORS)
    client.force_login(user)
    return user


def rows(client, query):
    response = client.get(LIST + query)
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


def test_each_province_filter_has_a_no_province_choice(client, binh, reports):
    html = client.get(LIST).content.decode()
    for title in ("tỉnh, thành phố (hiện nay)", "tỉnh người dân chọn"):
        block = html.split(f"Theo {title}")[1].split("</details>")[0]
        assert re.search(r'<a href="\?[a-z]+=_none"[^>]*>\s*Chưa rõ tỉnh\s*</a>', block), title
    assert rows(client, "?province=_none") == set(reports["nowhere"])
    assert rows(client, "?chosen=_none") == set(reports["nowhere"])
    assert rows(client, "?province=dak-lak") == {reports["placed"]}


def test_the_dashboard_s_not_yet_placed_row_links_to_those_reports(client, binh, reports):
    response = client.get(DASHBOARD)
    row = next(row for row in response.context["provinces"] if row["name"] is None)
    assert (row["open"], row["total"]) == (1, 2)
    html = response.content.decode()
    assert f'<a href="{LIST}?province=_none">Chưa rõ tỉnh, thành phố</a>' in html
    open_link = f"{LIST}{row['open_query']}"
    assert f'<a href="{open_link.replace("&", "&amp;")}">1</a>' in html
    assert rows(client, row["query"]) == set(reports["nowhere"])
    assert rows(client, row["open_query"]) == {reports["nowhere"][0]}


def test_an_inspector_sees_no_report_without_a_province(client, reports):
    client.force_login(staff("ha", INSPECTORS, "dak-lak"))
    assert rows(client, "?province=_none") == set()
