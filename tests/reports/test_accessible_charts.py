"""Charts a screen reader can read: Anh, who is blind, uses the dashboard and /statistics/.

Each chart is an <svg role="img"> named by its <title> and described by a
<desc> sentence, and beside it a table (caption, header cells with scope)
holds the very numbers the columns show. No inline style anywhere (CSP).
"""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from reports.models import Report
from reports.roles import INSPECTORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def charts_in(html):
    """Each chart of the page, parsed as XML: it must be well-formed, SVG included."""
    return [
        ET.fromstring(block) for block in re.findall(r'<div class="chart">.*?</div>', html, re.S)
    ]


def text(element):
    return "".join(element.itertext()).strip()


def read_chart(chart):
    """(title, description, numbers drawn, numbers in the table) of one chart."""
    svg = chart.find(f"{SVG}svg")
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert not [element.tag for element in chart.iter() if element.get("style") is not None]

    table = chart.find("table")
    assert text(table.find("caption")) == text(title)
    headers = table.findall("thead/tr/th")
    assert {th.get("scope") for th in headers} == {"col"}
    columns = [text(th) for th in headers[1:]]
    in_table = {}
    for row in table.findall("tbody/tr"):
        label = row.find("th")
        assert label.get("scope") == "row"
        for column, cell in zip(columns, row.findall("td"), strict=True):
            in_table[(text(label), column)] = int(text(cell))

    drawn = {}
    for rect in svg.iter(f"{SVG}rect"):
        if "chart-bar" not in rect.get("class", "").split():
            continue
        assert float(rect.get("height")) > 0
        tip = text(rect.find(f"{SVG}title"))
        place, value = tip.rsplit(": ", 1)
        row, _dash, series = place.partition(" — ")
        drawn[(row, series or columns[0])] = int(value)
    return text(title), text(desc), drawn, in_table


def test_the_dashboard_charts_are_described_and_tabled_with_the_same_numbers(client):
    now = timezone.now()
    for days, kind in [(0, "S"), (0, "LD"), (2, "V"), (9, "LD"), (20, "LD"), (40, "S")]:
        report = make_report(kind=kind)
        created = now - datetime.timedelta(days=days, hours=1)
        Report.objects.filter(pk=report.pk).update(created_at=created)
    client.force_login(staff("anh", INSPECTORS, "dak-lak"))
    response = client.get("/admin/reports/dashboard/")
    charts = [read_chart(chart) for chart in charts_in(response.content.decode())]
    assert len(charts) == 2

    (title, desc, drawn, in_table), weekly = charts
    assert title == "Phản ánh đang chờ, theo thời gian đã chờ"
    assert desc.startswith("6 phản ánh đang chờ xử lý, theo thời gian đã chờ: Dưới 1 ngày 2;")
    assert "Các phản ánh chờ quá 7 ngày cần được xử lý ngay." in desc
    assert drawn == {key: n for key, n in in_table.items() if key[1] != "Tổng" and n}
    assert in_table[("Quá 7 ngày", "Mới tiếp nhận")] == 3
    assert in_table[("Quá 7 ngày", "Tổng")] == 3

    title, desc, drawn, in_table = weekly
    assert title == "Phản ánh mỗi tuần, theo loại"
    assert "tổng 6" in desc
    assert drawn == {key: n for key, n in in_table.items() if key[1] != "Tổng" and n}
    assert sum(n for (_row, column), n in in_table.items() if column == "Tổng") == 6
    assert len({row for row, _column in in_table}) == 12  # twelve weeks, empty ones too


def test_the_statistics_chart_is_described_and_tabled_with_the_same_numbers(client):
    for _ in range(3):
        make_report(province="dong-nai")
    response = client.get("/statistics/")
    (chart,) = charts_in(response.content.decode())
    title, desc, drawn, in_table = read_chart(chart)
    assert title == "Phản ánh mỗi tháng"
    this_month = timezone.localdate().strftime("%m/%Y")
    assert desc == (
        f"Số phản ánh mỗi tháng trong 12 tháng qua: tổng 3, "
        f"nhiều nhất 3 phản ánh vào tháng {this_month}."
    )
    assert in_table == {
        (month.strftime("%m/%Y"), "Số phản ánh"): count
        for month, count in response.context["months"]
    }
    assert drawn == {(this_month, "Số phản ánh"): 3}


def test_an_empty_statistics_chart_says_so(client):
    (chart,) = charts_in(client.get("/statistics/").content.decode())
    _title, desc, drawn, in_table = read_chart(chart)
    assert desc == "Chưa có phản ánh nào trong 12 tháng qua."
    assert drawn == {} and set(in_table.values()) == {0} and len(in_table) == 12
