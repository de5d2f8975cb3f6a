"""Inspector Bảo sends the police a file of the reports about one number.

Excel must open the Vietnamese right (UTF-8 with BOM); the contact only
where the citizen agreed to be contacted; never an internal note; no cell
Excel would run as a formula; only reports Bảo may see, whatever ids are
posted; and each report's history says it was exported. The file is written
by the worker (issue 16): Bảo asks, the job runs, he downloads it from his
exports page.
"""

import pytest

from advisories.models import ScamPattern
from reports import triage
from reports.export import neutralise
from reports.models import Evidence, ForwardTarget
from reports.roles import INSPECTORS

from .conftest import make_report, staff
from .exports import export_rows

pytestmark = pytest.mark.django_db

# The columns of issue 18, after these (tests/reports/test_export_what_was_used.py).
WHAT_WAS_USED = [
    "Cách liên lạc", "Đường link", "Tài khoản nhận tiền", "Tài khoản mạng xã hội",
    "Đã chuyển tiền", "Đã đọc mã OTP, mật khẩu", "Đã cài ứng dụng theo hướng dẫn",
    "Số tiền mất (đồng)", "Chuyển bằng", "Ngày mất tiền",
]  # fmt: skip
# The inspector's desk (issue 19), last (tests/reports/test_export_desk_columns.py).
DESK = [
    "Chuyển tới", "Chuyển lúc", "Người chuyển", "Trả lời người dân", "Kết luận về số",
    "Đường dẫn hồ sơ",
]  # fmt: skip


@pytest.fixture
def bao(client):
    user = staff("bao", INSPECTORS, "dong-nai")
    client.force_login(user)
    return user


@pytest.fixture
def export(client, bao, django_capture_on_commit_callbacks):
    """The file's rows, header first, as Bảo downloads it once the worker wrote it."""

    def rows(reports=(), **how):
        return export_rows(client, django_capture_on_commit_callbacks, reports, **how)

    return rows


def test_one_row_per_report_with_what_the_police_need(bao, export):
    report = make_report(
        province="dong-nai",
        chosen="binh-phuoc",
        source="0912345678",
        content="Tự xưng công an tỉnh, đòi chuyển 50 triệu",
        contact="0987000111",
        contact_consent_text="Tôi đồng ý",
        contact_consented_at="2026-11-20T08:00:00+07:00",
    )
    report.patterns.set(ScamPattern.objects.filter(slug="chuyen-tien"))
    Evidence.objects.create(
        report=report,
        file="evidence/a.png",
        type="image",
        content_type="image/png",
        extension="png",
        size=10,
    )
    triage.take_step(report, "review", by=bao)
    triage.take_step(report, "forward", by=bao, target=ForwardTarget.POLICE)
    triage.add_note(report, "Người dân nói giọng miền Bắc", by=bao)
    header, row = export([report])
    assert header == [
        "Số hồ sơ", "Gửi lúc", "Xảy ra lúc", "Loại", "Nguồn", "Nội dung",
        "Tỉnh, thành phố (hiện nay)", "Tỉnh người dân chọn", "Thủ đoạn", "Trạng thái",
        "Chuyển tới / lý do", "Số tệp bằng chứng", "Liên hệ (người dân đồng ý)",
        *WHAT_WAS_USED, *DESK,
    ]  # fmt: skip
    assert row[0] == report.case_number == "DNA-2026-000001"
    # The receipt code is the citizen's key to withdraw: never in a file sent out.
    assert report.code not in ",".join(row)
    assert row[3:9] == [
        "LD", "\t0912345678", "Tự xưng công an tỉnh, đòi chuyển 50 triệu",
        "Đồng Nai", "Bình Phước", "Yêu cầu chuyển tiền, nộp tiền",
    ]  # fmt: skip
    assert row[9:13] == ["Đã chuyển cơ quan chức năng", "Công an", "1", "\t0987000111"]
    assert "miền Bắc" not in ",".join(row)


def test_the_contact_only_with_consent(export):
    report = make_report(province="dong-nai")
    _header, row = export([report])
    assert row[12] == ""


@pytest.mark.parametrize(
    ("typed", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+84 gọi", "'+84 gọi"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Bình thường", "Bình thường"),
    ],
)
def test_a_cell_is_never_a_formula(typed, cell):
    assert neutralise(typed) == cell


def test_formulas_in_what_citizens_typed_are_neutralised_in_the_file(export):
    report = make_report(province="dong-nai", source="+85512345678", content="=cmd|' /C calc'!A0")
    _header, row = export([report])
    # A number's digits, foreign ones too, start with a tab: text to Excel, no apostrophe
    # shown (tests/reports/test_export_numbers_stay_text.py).
    assert row[4] == "\t+85512345678"
    assert row[5] == "'=cmd|' /C calc'!A0"


def test_ids_of_another_province_posted_export_nothing_of_them(export):
    mine = make_report(province="dong-nai", content="Của Đồng Nai")
    theirs = make_report(province="ha-noi", content="Của Hà Nội")
    rows = export([mine, theirs])
    assert [row[0] for row in rows[1:]] == [mine.case_number]
    assert not theirs.events.filter(kind="export").exists()


def test_every_report_exported_records_who_when_and_how_many(bao, export):
    reports = [make_report(province="dong-nai") for _ in range(3)]
    export(reports)
    for report in reports:
        event = report.events.get(kind="export")
        assert event.actor == bao
        assert event.note == "Xuất tệp CSV gồm 3 phản ánh."
        assert event.status == report.status


def test_all_reports_about_one_number_at_once(client, bao, export):
    about = [make_report(province="dong-nai", source="0912345678") for _ in range(4)]
    make_report(province="dong-nai", source="0987654321")
    rows = export(select_across=True)
    assert len(rows) == 1 + 5  # "all of the list": everything in scope
    # What the repeat-numbers screen's and a number's page's "Xuất CSV" post:
    # all of the number's list.
    rows = export(query="source__exact=0912345678", select_across=True)
    assert {row[0] for row in rows[1:]} == {report.case_number for report in about}
