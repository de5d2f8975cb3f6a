"""Inspector Bảo sends the police an Excel file instead of a CSV (issue 19).

The action "Xuất tệp Excel" goes the way the CSV does: a job writes the
file, Bảo downloads it from his exports page. The police open it and see the
numbers as typed (text cells, leading 0 and `+` kept), the moments as real
dates they can sort and filter, and nothing a citizen typed runs as a
formula. Only reports Bảo may see; staff who may not see reports cannot ask.
"""

import datetime

import pytest

from advisories.roles import PUBLISHERS
from reports import triage
from reports.admin.reports import ReportAdmin
from reports.export import header
from reports.models import Export, ForwardTarget
from reports.roles import INSPECTORS

from .conftest import make_report, staff
from .exports import EXPORTS, LIST, ask, export_cells, export_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def bao(client):
    user = staff("bao", INSPECTORS, "dong-nai")
    client.force_login(user)
    return user


@pytest.fixture
def cells(client, bao, django_capture_on_commit_callbacks):
    def written(reports=(), **how):
        return export_cells(client, django_capture_on_commit_callbacks, reports, **how)

    return written


def by_header(rows):
    """Each data row as {header: cell}."""
    names = [cell.value for cell in rows[0]]
    return [dict(zip(names, row, strict=True)) for row in rows[1:]]


def test_the_same_columns_as_the_csv(client, bao, cells, django_capture_on_commit_callbacks):
    report = make_report(province="dong-nai")
    rows = cells([report])
    assert [cell.value for cell in rows[0]] == header()
    csv_rows = export_rows(client, django_capture_on_commit_callbacks, [report])
    assert len(rows[0]) == len(csv_rows[0])


def test_numbers_and_codes_are_text_cells_dates_are_dates(bao, cells):
    report = make_report(
        province="dong-nai",
        source="0912345678",
        contact="+639171234567",
        contact_consent_text="Tôi đồng ý",
        contact_consented_at="2026-11-17T08:00:00+07:00",
        occurred_at=datetime.datetime(2026, 11, 17, 9, 30, tzinfo=datetime.UTC),
    )
    report.bank_accounts.create(
        bank_as_typed="VCB", number="0011001234567", key="VCB:0011001234567"
    )
    [row] = by_header(cells([report]))
    for name, text in [
        ("Nguồn", "0912345678"),
        ("Liên hệ (người dân đồng ý)", "+639171234567"),
        ("Số hồ sơ", report.case_number),
        ("Tài khoản nhận tiền", "VCB 0011001234567"),
    ]:
        assert row[name].value == text, name
        assert row[name].data_type == "s", name
    # Vietnam's time, as a date cell Excel sorts (15:00 on the suite's clock).
    sent = row["Gửi lúc"]
    assert sent.is_date and sent.value.replace(second=0) == datetime.datetime(2026, 11, 18, 15, 0)
    assert sent.number_format == "DD/MM/YYYY HH:MM"
    assert row["Xảy ra lúc"].value == datetime.datetime(2026, 11, 17, 16, 30)
    assert row["Số tệp bằng chứng"].value == 0  # a count is a number


def test_the_day_money_was_lost_is_a_date_cell_and_the_amount_a_number(bao, cells):
    report = make_report(
        province="dong-nai", paid=True, amount_lost=50_000_000, lost_on=datetime.date(2026, 11, 30)
    )
    [row] = by_header(cells([report]))
    assert row["Ngày mất tiền"].is_date
    assert row["Ngày mất tiền"].value.date() == datetime.date(2026, 11, 30)
    assert row["Số tiền mất (đồng)"].value == 50_000_000
    assert row["Số tiền mất (đồng)"].data_type == "n"


def test_what_a_citizen_typed_never_runs_as_a_formula(bao, cells):
    report = make_report(province="dong-nai", content='=HYPERLINK("http://x")\x07')
    [row] = by_header(cells([report]))
    content = row["Nội dung"]
    assert content.data_type == "s"
    assert content.value == '=HYPERLINK("http://x")'  # the bell character XML cannot carry


def test_the_history_says_an_excel_file_was_exported(bao, cells):
    reports = [make_report(province="dong-nai") for _ in range(2)]
    cells(reports)
    for report in reports:
        event = report.events.get(kind="export")
        assert event.actor == bao
        assert event.note == "Xuất tệp Excel gồm 2 phản ánh."


def test_only_reports_of_his_province_whatever_is_posted(bao, cells):
    mine = make_report(province="dong-nai")
    theirs = make_report(province="ha-noi")
    rows = cells([mine, theirs])
    assert [row[0].value for row in rows[1:]] == [mine.case_number]
    assert not theirs.events.filter(kind="export").exists()
    rows = cells(select_across=True)  # "all of the list": his province only
    assert [row[0].value for row in rows[1:]] == [mine.case_number]


def test_forwarded_reports_of_his_list_as_the_police_need_them(bao, cells):
    report = make_report(province="dong-nai")
    triage.take_step(report, "review", by=bao)
    triage.take_step(report, "forward", by=bao, target=ForwardTarget.POLICE)
    make_report(province="dong-nai")
    rows = cells(query="status__exact=forwarded", select_across=True)
    assert [row[0].value for row in rows[1:]] == [report.case_number]


def test_the_same_permission_as_the_csv(client, bao):
    assert ReportAdmin.export_xlsx.allowed_permissions == ReportAdmin.export_csv.allowed_permissions
    html = client.get(LIST).content.decode()
    assert '<option value="export_xlsx">Xuất tệp Excel (cho công an, nhà mạng)</option>' in html


def test_a_publisher_cannot_ask_for_one(client, django_capture_on_commit_callbacks):
    report = make_report(province="dong-nai")
    client.force_login(staff("thu", PUBLISHERS))
    response = ask(
        client, [report], capture=django_capture_on_commit_callbacks, action="export_xlsx"
    )
    assert response.status_code == 403
    assert not Export.objects.exists()


def test_asking_says_it_is_written_in_the_background(
    client, bao, django_capture_on_commit_callbacks
):
    response = ask(
        client,
        [make_report(province="dong-nai")],
        capture=django_capture_on_commit_callbacks,
        action="export_xlsx",
    )
    assert response["Location"] == EXPORTS
    assert "Đã nhận yêu cầu xuất tệp Excel." in client.get(EXPORTS).content.decode()
