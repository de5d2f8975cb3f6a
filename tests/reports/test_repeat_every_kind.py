"""Bảo of Đồng Nai sees every kind of thing reported again and again, not only numbers.

A fake Vietcombank campaign: the SMS comes from "VCB-BANK", its link goes to
vcb-bank.com, victims pay into one account and are befriended by one Zalo
account. Each has its tab on the repeat screen, counted like numbers, within
his provinces, paged with the total, with the click-through and the CSV.
"""

import datetime

import pytest
from django.utils import timezone

from reports import repeats
from reports.models import Export, Report
from reports.roles import INSPECTORS

from .conftest import make_report, staff
from .exports import export_rows
from .used import used, vietcombank

pytestmark = pytest.mark.django_db

REPEATS = "/admin/reports/report/repeat-numbers/"
LIST = "/admin/reports/report/"
ACCOUNT = "VCB:0011001234567"


@pytest.fixture
def bao(client):
    user = staff("bao", INSPECTORS, "dong-nai")
    client.force_login(user)
    return user


def campaign(province="dong-nai", kind="LD", source="VCB-BANK", chosen=None, **fields):
    report = make_report(province=province, kind=kind, source=source, chosen=chosen, **fields)
    return used(
        report,
        links=["https://login.vcb-bank.com/xac-thuc", "vcb-bank.com"],  # one domain, twice
        accounts=[(vietcombank(), "0011001234567")],
        socials=[("zalo", "0912345678")],
    )


@pytest.fixture
def reports(bao):
    campaign(chosen="binh-phuoc")
    campaign(kind="S")
    campaign(status=Report.Status.RESOLVED)
    campaign(province="ha-noi")  # outside Bảo's scope
    make_report(province="dong-nai", source="0912345678")
    make_report(province="dong-nai", source="0912345678", kind="V")
    make_report(province="dong-nai", source="")  # a scam by Zalo, no number: in no tab


@pytest.mark.parametrize(
    ("subject", "key"),
    [
        ("phone", "0912345678"),
        ("sender", "VCB-BANK"),
        ("bank_account", ACCOUNT),
        ("domain", "vcb-bank.com"),
        ("social", "zalo:0912345678"),
    ],
)
def test_each_tab_lists_its_kind_counted_within_the_inspectors_provinces(
    client, reports, subject, key
):
    response = client.get(REPEATS, {"subject": subject})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.source for row in rows] == [key]
    assert response.context["found"].total == 1
    row = rows[0]
    if subject == "phone":
        assert (row.reports, row.kinds, row.open) == (2, {"S": 0, "V": 1, "LD": 1}, 2)
    else:
        # Three of Đồng Nai's, the link typed twice in a report counted once; Hà Nội's not at all.
        assert (row.reports, row.kinds, row.open) == (3, {"S": 1, "V": 0, "LD": 2}, 2)
        assert row.chosen == [("Bình Phước", False), ("Đồng Nai", True)]
    html = response.content.decode()
    assert 'aria-current="page"' in html
    assert "1 mục bị phản ánh nhiều lần" in html


@pytest.mark.parametrize("subject", ["phone", "sender", "bank_account", "domain", "social"])
def test_the_click_through_lists_the_same_reports(client, reports, subject):
    row = client.get(REPEATS, {"subject": subject, "days": "all"}).context["rows"][0]
    html = client.get(REPEATS, {"subject": subject, "days": "all"}).content.decode()
    assert f'href="{LIST}?{row.list_query}"'.replace("&", "&amp;") in html
    listing = client.get(f"{LIST}?{row.list_query}")
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == row.reports


def test_the_list_takes_only_the_lookups_the_screen_writes(client, reports):
    assert client.get(LIST, {"links__domain": "vcb-bank.com"}).status_code == 200
    assert client.get(LIST, {"bank_accounts__key": ACCOUNT}).status_code == 200
    assert client.get(LIST, {"social_accounts__key": "zalo:0912345678"}).status_code == 200
    for name in ("links__url", "links__domain__regex", "bank_accounts__number__startswith"):
        refused = client.get(LIST, {name: "x"})
        assert refused.status_code == 400, name
        assert "Danh sách này không lọc theo" in refused.content.decode()


def test_the_screen_is_paged_and_says_how_many_in_all(client, bao, monkeypatch):
    monkeypatch.setattr(repeats, "PER_PAGE", 2)
    bank = vietcombank()
    for n in range(5):
        for _ in range(2 + n):
            used(make_report(province="dong-nai", source=""), accounts=[(bank, f"00110012345{n}")])
    first = client.get(REPEATS, {"subject": "bank_account"})
    found = first.context["found"]
    assert (found.total, found.pages, found.page) == (5, 3, 1)
    assert [row.reports for row in first.context["rows"]] == [6, 5]
    html = first.content.decode()
    assert "5 mục bị phản ánh nhiều lần" in html and "đang xem 1–2, trang 1/3" in html
    assert 'rel="next"' in html and "page=2" in html
    last = client.get(REPEATS, {"subject": "bank_account", "page": "3"})
    assert [row.reports for row in last.context["rows"]] == [2]
    assert 'rel="prev"' in last.content.decode()
    # Past the end is the last page; nonsense is the first.
    assert client.get(REPEATS, {"subject": "bank_account", "page": "99"}).context["found"].page == 3
    assert client.get(REPEATS, {"subject": "bank_account", "page": "x"}).context["found"].page == 1


def test_no_silent_cap_at_two_hundred(client, bao):
    for n in range(210):
        for _ in range(2):
            make_report(province="dong-nai", source=f"0977{n:06d}")
    response = client.get(REPEATS)
    found = response.context["found"]
    assert found.total == 210
    assert found.pages == 3
    assert len(response.context["rows"]) == repeats.PER_PAGE


def test_an_unknown_tab_is_the_numbers(client, reports):
    response = client.get(REPEATS, {"subject": "<script>"})
    assert response.status_code == 200
    assert response.context["filters"].subject == "phone"


def test_a_tab_runs_a_constant_number_of_queries(client, reports, django_assert_max_num_queries):
    with django_assert_max_num_queries(13) as few:
        client.get(REPEATS, {"subject": "domain", "days": "all"})
    for n in range(30):
        for _ in range(2 + n % 3):
            used(make_report(province="dong-nai", source=""), links=[f"https://scam{n}.vn/x"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(REPEATS, {"subject": "domain", "days": "all"})
    assert response.context["found"].total == 31


def test_an_accounts_reports_are_exported_from_its_row(
    client, reports, django_capture_on_commit_callbacks
):
    response = client.get(REPEATS, {"subject": "bank_account"})
    row = response.context["rows"][0]
    form = f'<form method="post" action="{LIST}?{row.list_query}"'.replace("&", "&amp;")
    assert form in response.content.decode()
    rows = export_rows(
        client, django_capture_on_commit_callbacks, query=row.list_query, select_across=True
    )
    assert len(rows) == 1 + row.reports
    assert all("Vietcombank 0011001234567" in line for line in rows[1:])
    since = timezone.localtime(timezone.now() - datetime.timedelta(days=30))
    assert Export.objects.get().description == (
        f"Bộ lọc: gửi lúc từ {since:%d/%m/%Y} {since:%H:%M}; tài khoản nhận tiền = {ACCOUNT}."
    )
