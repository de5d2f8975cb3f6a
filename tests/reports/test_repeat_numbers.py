"""Inspector Bảo of Đồng Nai looks for the numbers his citizens report again and again.

Reviewed with 2,000 reports: the screen only counted (its provinces column
was always 1 for a provincial inspector), official lines such as 0888596677
appeared as suspects, and its click-through dropped the period (8 on the
screen, 31 in the list).
"""

import datetime

import pytest
from django.utils import timezone

from advisories.roles import PUBLISHERS
from reports import numbers
from reports.models import Export, NumberMark, Report
from reports.roles import INSPECTORS, SUPERVISORS

from .conftest import make_report, staff
from .exports import export_rows

pytestmark = pytest.mark.django_db

REPEATS = "/admin/reports/report/repeat-numbers/"
LIST = "/admin/reports/report/"


def report(source, chosen="dong-nai", kind="LD", days_ago=0, **fields):
    made = make_report(
        province="dong-nai" if chosen != "ha-noi" else "ha-noi",
        chosen=chosen,
        source=source,
        kind=kind,
        **fields,
    )
    if days_ago:
        then = timezone.now() - datetime.timedelta(days=days_ago)
        Report.objects.filter(pk=made.pk).update(created_at=then)
    return made


@pytest.fixture
def bao(client, hotlines):
    user = staff("bao", INSPECTORS, "dong-nai")
    client.force_login(user)
    return user


@pytest.fixture
def reports(bao):
    for chosen, kind in (("binh-phuoc", "LD"), ("dong-nai", "V"), ("dong-nai", "LD")):
        report("0912345678", chosen, kind)  # one family since 2025, two names
    report("0987654321")  # reported once: not a repeat
    report("0987654321", chosen="ha-noi")  # the second report is out of Bảo's scope
    for days_ago in (60, 61, 62):
        report("0900000001", days_ago=days_ago)
    for _ in range(8):
        report("0900000001", days_ago=10, status=Report.Status.RESOLVED)
    for _ in range(2):
        report("0888596677")  # Bình Phước inspectorate's hotline: scammers spoof it
    report("156", kind="S")
    report("156", kind="S")


def test_each_row_says_how_many_of_which_kind_from_where_and_how_many_are_open(client, reports):
    response = client.get(REPEATS)
    rows = {row.source: row for row in response.context["rows"]}
    assert list(rows) == ["0900000001", "0912345678"]  # most reported first
    suspect = rows["0912345678"]
    assert (suspect.reports, suspect.kinds, suspect.open) == (3, {"S": 0, "V": 1, "LD": 2}, 3)
    assert suspect.provinces == 2
    assert suspect.chosen == [("Bình Phước", False), ("Đồng Nai", True)]
    assert suspect.operator == "Vinaphone"
    assert rows["0900000001"].open == 0  # eight reports of the period, all resolved
    html = response.content.decode()
    assert 'Bình Phước <span class="quiet">(cũ)</span>, Đồng Nai' in html
    assert "Nhà mạng gốc (gợi ý)" in html


def test_official_lines_are_flagged_apart_not_listed_as_suspects(client, reports):
    response = client.get(REPEATS)
    assert "0888596677" not in [row.source for row in response.context["rows"]]
    official = {row.source: row for row in response.context["official_rows"]}
    assert set(official) == {"0888596677", "156"}
    assert official["0888596677"].status.official_names
    html = response.content.decode()
    assert "Số chính thức bị phản ánh (kẻ gian giả mạo số này)" in html


def test_a_number_verified_official_by_inspectors_is_flagged_too(client, reports, bao):
    mark = numbers.mark(
        "0912345678",
        NumberMark.Kind.OFFICIAL,
        by=bao,
        province=bao.inspected_provinces.get().province,
        reason="Số trực ban của Sở",
        owner="Văn phòng Sở KH&CN Đồng Nai",
    )
    numbers.decide(mark, by=staff("hai", SUPERVISORS, "dong-nai"), approve=True)
    response = client.get(REPEATS)
    assert "0912345678" in [row.source for row in response.context["official_rows"]]


def test_the_click_through_keeps_the_period_and_the_filters(client, reports):
    response = client.get(REPEATS, {"days": "30", "kind": "LD"})
    row = next(row for row in response.context["rows"] if row.source == "0912345678")
    assert row.reports == 2  # LD only
    html = response.content.decode()
    link = f"{LIST}?{row.list_query}".replace("&", "&amp;")
    assert f'href="{link}"' in html
    listing = client.get(f"{LIST}?{row.list_query}")
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == row.reports

    week = client.get(REPEATS, {"days": "30"}).context["rows"]
    old = next(row for row in week if row.source == "0900000001")
    assert old.reports == 8  # the three older reports are outside 30 days
    assert client.get(f"{LIST}?{old.list_query}").context["cl"].result_count == 8


def test_any_column_sorts_both_ways(client, reports):
    by_source = client.get(REPEATS, {"o": "source"}).context["rows"]
    assert [row.source for row in by_source] == ["0900000001", "0912345678"]
    by_open = client.get(REPEATS, {"o": "-open"}).context["rows"]
    assert [row.source for row in by_open] == ["0912345678", "0900000001"]
    html = client.get(REPEATS, {"o": "open"}).content.decode()
    assert 'aria-sort="ascending"' in html and "o=-open" in html


def test_odd_parameters_fall_back_to_the_defaults(client, reports):
    response = client.get(
        REPEATS, {"days": "<script>", "o": "password", "kind": "X", "province": "x"}
    )
    assert response.status_code == 200
    filters = response.context["filters"]
    assert (filters.days, filters.sort, filters.kind, filters.province) == (
        "30",
        "-reports",
        "",
        None,
    )


def test_staff_without_reports_rights_are_refused(client, reports):
    client.force_login(staff("bien-tap", PUBLISHERS))
    assert client.get(REPEATS).status_code == 403


def test_the_screen_runs_a_constant_number_of_queries(
    client, reports, django_assert_max_num_queries
):
    with django_assert_max_num_queries(13) as few:  # 12, and the total since paging
        client.get(REPEATS, {"days": "all"})
    for n in range(40):
        for _ in range(2 + n % 3):
            report(f"09777{n:05d}", chosen="binh-phuoc" if n % 2 else "dong-nai", kind="SV"[n % 2])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(REPEATS, {"days": "all"})


def test_a_numbers_reports_are_exported_from_its_row_with_the_period(
    client, reports, django_capture_on_commit_callbacks
):
    response = client.get(REPEATS, {"days": "30"})
    row = next(row for row in response.context["rows"] if row.source == "0900000001")
    html = response.content.decode()
    form = f'<form method="post" action="{LIST}?{row.list_query}"'.replace("&", "&amp;")
    assert form in html and 'name="action" value="export_csv"' in html
    # What the form posts: all of the number's list in the period, as a job.
    rows = export_rows(
        client, django_capture_on_commit_callbacks, query=row.list_query, select_across=True
    )
    assert len(rows) == 1 + row.reports
    since = timezone.localtime(timezone.now() - datetime.timedelta(days=30))
    assert Export.objects.get().description == (
        f"Bộ lọc: gửi lúc từ {since:%d/%m/%Y} {since:%H:%M}; nguồn = 0900000001."
    )
