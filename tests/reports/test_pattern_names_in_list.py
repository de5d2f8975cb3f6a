"""Inspector Hà reads the scam patterns of each row by name ("Dọa khóa, thu hồi SIM"),
not by slug ("khoa-sim"), the full names in the cell's tooltip; the page costs the
same number of queries with one pattern or many."""

import pytest

from advisories.models import ScamPattern
from reports.roles import INSPECTORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/report/"


@pytest.fixture
def ha(client):
    user = staff("ha", INSPECTORS, "dak-lak")
    client.force_login(user)
    return user


def patterns_cell(html, report):
    row = html.split(f">{report.case_number}</a>")[1].split("</tr>")[0]
    return row.split('class="field-pattern_tags">')[1].split("</td>")[0]


def test_the_list_shows_pattern_names_with_the_full_text_in_the_tooltip(client, ha):
    report = make_report()
    report.patterns.set(ScamPattern.objects.filter(slug__in=["khoa-sim"]))
    cell = patterns_cell(client.get(LIST).content.decode(), report)
    assert 'title="Dọa khóa, thu hồi SIM"' in cell
    assert ">Dọa khóa, thu hồi SIM</span>" in cell
    assert "khoa-sim" not in cell


def test_pattern_names_cost_no_query_per_row(client, ha, django_assert_max_num_queries):
    slugs = list(ScamPattern.objects.values_list("slug", flat=True)[:4])
    report = make_report()
    report.patterns.set(ScamPattern.objects.filter(slug=slugs[0]))
    with django_assert_max_num_queries(40) as few:
        client.get(LIST)
    for _ in range(20):
        report = make_report()
        report.patterns.set(ScamPattern.objects.filter(slug__in=slugs))
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(LIST).content.decode()
    names = [ScamPattern.objects.get(slug=slug).name for slug in slugs]
    assert all(name in patterns_cell(html, report) for name in names)
