"""The inspector's desk in the file (issue 19): whom a case went to, the reply, the verdict.

Beside what citizens reported, the police and the operator read, in the CSV
and in the .xlsx alike: whom the case was forwarded to, when and by whom;
what the citizen was told on their receipt; what inspectors concluded about
the number (an official line, a confirmed scam and whose, or nothing); and
the case's full address in admin, to open it from the file. However many
reports, the file costs the same few queries a chunk.
"""

import io

import pytest
from django.contrib.auth import get_user_model

from reports import export, triage
from reports.models import ForwardTarget, NumberMark, Report
from reports.roles import INSPECTORS, SUPERVISORS

from .conftest import make_report, staff
from .exports import export_cells, export_rows

pytestmark = pytest.mark.django_db

DESK = [
    "Chuyển tới", "Chuyển lúc", "Người chuyển", "Trả lời người dân", "Kết luận về số",
    "Đường dẫn hồ sơ",
]  # fmt: skip


@pytest.fixture
def bao(client):
    user = staff("bao", INSPECTORS, "dong-nai")
    get_user_model().objects.filter(pk=user.pk).update(first_name="Bảo", last_name="Trần")
    user.refresh_from_db()
    client.force_login(user)
    return user


@pytest.fixture
def desk(bao):
    """Three reports: forwarded with a reply about an official line, a confirmed scam, nothing."""
    official = make_report(province="dong-nai", source="1900545413")
    triage.take_step(official, "review", by=bao)
    triage.take_step(
        official,
        "forward",
        by=bao,
        target=ForwardTarget.POLICE,
        reply="Đã chuyển Công an tỉnh Đồng Nai.",
    )
    NumberMark.objects.create(
        source="1900545413", kind=NumberMark.Kind.OFFICIAL, owner="Vietcombank", reason="Tổng đài"
    )
    scam = make_report(province="dong-nai", source="0912345678")
    NumberMark.objects.create(
        source="0912345678",
        kind=NumberMark.Kind.SCAM,
        province=bao.inspected_provinces.get().province,
        reason="Nhiều phản ánh",
    )
    plain = make_report(province="dong-nai", source="0987654321")
    return [Report.objects.get(pk=r.pk) for r in (official, scam, plain)]


def url(report):
    return f"http://testserver/admin/reports/report/{report.pk}/change/"


def test_the_csv_says_whom_when_who_the_reply_the_verdict_and_where(
    client, desk, django_capture_on_commit_callbacks
):
    rows = export_rows(client, django_capture_on_commit_callbacks, desk)
    assert rows[0][-6:] == DESK
    official, scam, plain = (dict(zip(rows[0], row, strict=True)) for row in rows[1:])
    assert [official[name] for name in DESK] == [
        "Công an",
        "18/11/2026 15:00",
        "Bảo Trần",
        "Đã chuyển Công an tỉnh Đồng Nai.",
        "Số chính thức đã xác minh (Vietcombank)",
        url(desk[0]),
    ]
    assert [scam[name] for name in DESK] == [
        "", "", "", "", "Đã xác nhận lừa đảo (Đồng Nai)", url(desk[1])
    ]  # fmt: skip
    assert [plain[name] for name in DESK] == ["", "", "", "", "", url(desk[2])]


def test_the_xlsx_says_the_same_forwarding_a_date_cell(
    client, desk, django_capture_on_commit_callbacks
):
    rows = export_cells(client, django_capture_on_commit_callbacks, desk)
    assert [cell.value for cell in rows[0][-6:]] == DESK
    target, at, by, reply, verdict, address = rows[1][-6:]
    assert (target.value, by.value, reply.value) == (
        "Công an",
        "Bảo Trần",
        "Đã chuyển Công an tỉnh Đồng Nai.",
    )
    assert at.is_date and at.value.strftime("%d/%m/%Y %H:%M") == "18/11/2026 15:00"
    assert verdict.value == "Số chính thức đã xác minh (Vietcombank)"
    assert address.value == url(desk[0]) and address.data_type == "s"
    assert rows[2][-2].value == "Đã xác nhận lừa đảo (Đồng Nai)"
    assert [cell.value for cell in rows[3][-6:-1]] == [None] * 5


def test_a_case_forwarded_again_after_reopening_shows_the_last_forwarding(
    client, bao, django_capture_on_commit_callbacks
):
    report = make_report(province="dong-nai")
    triage.take_step(report, "review", by=bao)
    triage.take_step(report, "forward", by=bao, target=ForwardTarget.POLICE)
    triage.take_step(report, "resolve", by=bao)
    lan = staff("lan", SUPERVISORS, "dong-nai")
    report = triage.take_step(report, "reopen", by=lan, note="Thiếu bằng chứng")
    triage.take_step(report, "forward", by=lan, target=ForwardTarget.OPERATOR)
    rows = export_rows(client, django_capture_on_commit_callbacks, [report])
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Chuyển tới"] == str(ForwardTarget.OPERATOR.label)
    assert row["Người chuyển"] == "lan"


def test_without_a_request_the_address_starts_with_the_sites_origin(settings, desk):
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://canhbao.example.vn"]
    from reports.export_jobs import default_origin

    stream = io.StringIO()
    export.write(Report.objects.filter(pk=desk[0].pk), stream, origin=default_origin())
    assert f"https://canhbao.example.vn/admin/reports/report/{desk[0].pk}/change/" in (
        stream.getvalue()
    )


@pytest.mark.parametrize("write", [export.write, export.write_xlsx], ids=["csv", "xlsx"])
def test_the_same_queries_for_three_reports_or_thirty(
    bao, desk, write, django_assert_max_num_queries
):
    stream = io.StringIO() if write is export.write else io.BytesIO()
    with django_assert_max_num_queries(12) as few:
        write(Report.objects.all(), stream)
    for i in range(27):
        report = make_report(province="dong-nai", source=f"09000000{i:02d}")
        if i % 3 == 0:
            triage.take_step(report, "review", by=bao)
            triage.take_step(report, "forward", by=bao, target=ForwardTarget.POLICE)
        if i % 3 == 1:
            NumberMark.objects.create(
                source=report.source, kind=NumberMark.Kind.SCAM, reason="Nhiều phản ánh"
            )
    stream = io.StringIO() if write is export.write else io.BytesIO()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert write(Report.objects.all(), stream) == 30
