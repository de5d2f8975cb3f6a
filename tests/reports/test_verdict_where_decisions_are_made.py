"""Inspector Bảo (Đồng Nai) sees what is known about a report's number where he decides.

A report about the Bình Phước inspectorate's own hotline (a letter announced it)
was forwarded to the police because the list and the report page never said so.
Now the row and the page say "Số chính thức" and whose, or "Đã xác nhận lừa đảo"
and by whom, with the number's reports in his scope and nationwide.
"""

import pytest

from advisories.models import Province
from reports import numbers
from reports.models import NumberMark, Report
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/report/"
OFFICIAL_LINE = "0888596677"  # the Bình Phước inspectorate's, in the seed letters


@pytest.fixture
def bao():
    return staff("bao", INSPECTORS, "dong-nai")


@pytest.fixture
def scam_number(bao):
    numbers.mark(
        "0912345678",
        NumberMark.Kind.SCAM,
        by=bao,
        province=Province.objects.get(slug="dong-nai"),
        reason="Ghi âm 12 cuộc gọi",
    )
    return "0912345678"


def test_the_list_row_says_official_line_and_whose(client, bao, hotlines):
    make_report(province="dong-nai", source=OFFICIAL_LINE)
    make_report(province="dong-nai", source="0977000111")
    client.force_login(bao)
    html = client.get(LIST).content.decode()
    assert html.count("number-badge-official") == 1
    row = html[html.index(OFFICIAL_LINE) :][:600]
    assert "Số chính thức" in row and "Thanh tra" in row


def test_the_list_row_says_confirmed_scam_and_by_whom(client, bao, scam_number):
    make_report(province="dong-nai", source=scam_number)
    client.force_login(bao)
    html = client.get(LIST).content.decode()
    row = html[html.index(scam_number) :][:600]
    assert "Đã xác nhận lừa đảo" in row and "bởi Đồng Nai" in row


def test_the_report_page_counts_in_scope_and_nationwide_and_links_the_number(
    client, bao, scam_number
):
    report = make_report(province="dong-nai", source=scam_number)
    make_report(province="dong-nai", source=scam_number, status=Report.Status.RESOLVED)
    make_report(province="ha-noi", source=scam_number)
    make_report(province="ha-noi", source=scam_number)
    client.force_login(bao)
    html = client.get(f"{LIST}{report.pk}/change/").content.decode()
    facts = html[html.index("report-source-facts") :][:1500]
    assert "Đã xác nhận lừa đảo" in facts
    assert "2 phản ánh về nguồn này trong phạm vi của bạn (1 đang mở)" in facts
    assert "4 trên toàn quốc (3 đang mở)" in facts
    assert f"/admin/reports/report/number/?source={scam_number}" in facts
    assert f"/admin/reports/report/?source__exact={scam_number}" in facts


def test_a_national_inspector_reads_one_count(client, scam_number):
    report = make_report(province="dong-nai", source=scam_number)
    make_report(province="ha-noi", source=scam_number)
    client.force_login(staff("toan", NATIONAL_INSPECTORS))
    html = client.get(f"{LIST}{report.pk}/change/").content.decode()
    assert "2 phản ánh về nguồn này trong phạm vi của bạn (2 đang mở)" in html
    assert "trên toàn quốc" not in html[html.index("report-source-facts") :][:1500]


def test_the_report_page_of_an_official_line_says_whose(client, bao, hotlines):
    report = make_report(province="dong-nai", source=OFFICIAL_LINE)
    client.force_login(bao)
    html = client.get(f"{LIST}{report.pk}/change/").content.decode()
    facts = html[html.index("report-source-facts") :][:1500]
    assert "Số chính thức" in facts and "Thanh tra" in facts


def test_the_verdicts_cost_two_queries_whatever_the_page(
    client, bao, scam_number, django_assert_max_num_queries
):
    for _ in range(3):
        make_report(province="dong-nai", source=scam_number)
    client.force_login(bao)
    client.get(LIST)
    with django_assert_max_num_queries(30) as few:
        client.get(LIST)
    for n in range(40):
        make_report(province="dong-nai", source=f"09770001{n:02d}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200


def test_the_dashboards_most_reported_table_says_official_line(client, bao, hotlines):
    for _ in range(3):
        make_report(province="dong-nai", source=OFFICIAL_LINE)
    make_report(province="dong-nai", source="0977000111")
    client.force_login(bao)
    html = client.get("/admin/reports/report/dashboard/").content.decode()
    table = html[html.index('id="sources-title"') :]
    row = table[table.index(OFFICIAL_LINE) :][:700]
    assert "Số chính thức" in row and "Thanh tra" in row
    other = table[table.index("0977000111") :][:400]
    assert "number-badge" not in other.split("</tr>")[0]


def forward(client, report, **fields):
    from .conftest import triage_page

    report.refresh_from_db()
    data = {
        **triage_page(client, report),
        "step": "forward",
        "target": "police",
        "reply": report.public_reply,
        "note": "",
        "assignee": report.assigned_to_id or "",
        **fields,
    }
    return client.post(f"{LIST}{report.pk}/change/", data)


def test_forwarding_a_report_about_an_official_line_asks_first(client, bao, hotlines):
    report = make_report(province="dong-nai", source=OFFICIAL_LINE, status="in_review")
    client.force_login(bao)
    response = forward(client, report)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{OFFICIAL_LINE} là số chính thức" in html and "Thanh tra" in html
    assert 'type="checkbox" name="confirm_official"' in html
    report.refresh_from_db()
    assert report.status == Report.Status.IN_REVIEW
    response = forward(client, report, confirm_official="on")
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.forward_target) == (Report.Status.FORWARDED, "police")


def test_forwarding_a_confirmed_scam_asks_nothing(client, bao, scam_number):
    report = make_report(province="dong-nai", source=scam_number, status="in_review")
    client.force_login(bao)
    html = client.get(f"{LIST}{report.pk}/change/").content.decode()
    assert 'type="checkbox" name="confirm_official"' not in html
    assert forward(client, report).status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.FORWARDED


def test_a_bulk_forward_names_the_official_lines_and_asks_to_confirm(client, bao, hotlines):
    official = make_report(province="dong-nai", source=OFFICIAL_LINE, status="in_review")
    other = make_report(province="dong-nai", source="0977000111", status="in_review")
    client.force_login(bao)
    chosen = {"action": "forward", "_selected_action": [official.pk, other.pk]}
    page = client.post(LIST, chosen).content.decode()
    assert f"Vẫn chuyển cả các phản ánh về số chính thức: {OFFICIAL_LINE}" in page
    refused = client.post(LIST, {**chosen, "post": "yes", "target": "police"})
    assert refused.status_code == 200  # the box is required
    assert Report.objects.filter(status=Report.Status.FORWARDED).count() == 0
    client.post(LIST, {**chosen, "post": "yes", "target": "police", "confirm_official": "on"})
    assert Report.objects.filter(status=Report.Status.FORWARDED).count() == 2


def test_a_bulk_forward_without_official_lines_asks_nothing_more(client, bao):
    report = make_report(province="dong-nai", source="0977000111", status="in_review")
    client.force_login(bao)
    chosen = {"action": "forward", "_selected_action": [report.pk]}
    assert "confirm_official" not in client.post(LIST, chosen).content.decode()
    client.post(LIST, {**chosen, "post": "yes", "target": "police"})
    report.refresh_from_db()
    assert report.status == Report.Status.FORWARDED
