"""A downloaded file says what it holds: `phan-anh_dak-lak_dang-mo_2026-12-07.xlsx` (issue 19).

Inspector Hà of Đắk Lắk follows the dashboard's "open reports" link and
exports; the police officer who gets the file sees the province, the
filter and the day in its name, ASCII only. The day is Vietnam's (just
after midnight there is still the day before in UTC). Never the search,
which may be a receipt code or a citizen's number.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from reports.dashboard import OPEN_STATES
from reports.export_names import ascii_slug, file_name
from reports.models import Export
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS
from tests.jobs import run_jobs

from .conftest import make_report, staff
from .exports import EXPORTS, ask

pytestmark = pytest.mark.django_db

# 00:30 on 7 December in Vietnam: still the 6th in UTC.
SEVENTH = datetime.datetime(2026, 12, 7, 0, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
OPEN = "status__in=" + ",".join(OPEN_STATES)


@pytest.fixture
def ha(client):
    return staff("ha", INSPECTORS, "dak-lak")


def downloaded_name(client, capture, user, **how):
    """Signed in, asked, written and downloaded on the 7th (a session of the 18th has expired)."""
    with time_machine.travel(SEVENTH, tick=True):
        client.force_login(user)
        make_report(province="dak-lak")
        ask(client, capture=capture, **how)
        run_jobs()
        export = Export.objects.latest("created_at")
        assert export.status == Export.Status.DONE, export.failure
        disposition = client.get(f"{EXPORTS}{export.pk}/download/")["Content-Disposition"]
    return disposition.removeprefix('attachment; filename="').removesuffix('"')


def test_the_dashboards_open_reports_of_dak_lak_as_excel(
    client, ha, django_capture_on_commit_callbacks
):
    name = downloaded_name(
        client,
        django_capture_on_commit_callbacks,
        ha,
        query=f"province=dak-lak&{OPEN}",
        select_across=True,
        action="export_xlsx",
    )
    assert name == "phan-anh_dak-lak_dang-mo_2026-12-07.xlsx"


def test_rows_ticked_by_hand_in_her_province_as_csv(client, ha, django_capture_on_commit_callbacks):
    report = make_report(province="dak-lak")
    name = downloaded_name(client, django_capture_on_commit_callbacks, ha, reports=[report])
    assert name == "phan-anh_dak-lak_da-chon_2026-12-07.csv"


def test_a_search_never_goes_in_the_name(client, ha, django_capture_on_commit_callbacks):
    name = downloaded_name(
        client, django_capture_on_commit_callbacks, ha, query="q=0987000111", select_across=True
    )
    assert name == "phan-anh_dak-lak_tim-kiem_2026-12-07.csv"


def test_national_staff_exporting_everything(client, django_capture_on_commit_callbacks):
    quoc = staff("quoc", NATIONAL_INSPECTORS)
    name = downloaded_name(client, django_capture_on_commit_callbacks, quoc, select_across=True)
    assert name == "phan-anh_toan-quoc_tat-ca_2026-12-07.csv"


@pytest.mark.parametrize(
    ("query", "part"),
    [
        ("status__exact=forwarded", "da-chuyen-co-quan-chuc-nang"),
        ("status__in=new", "moi-tiep-nhan"),
        ("source__exact=0912345678", "so-0912345678"),
        ("source__exact=0912345678&status__exact=new", "so-0912345678-moi-tiep-nhan"),
        ("kind__exact=LD&evidence=yes", "ld-loc"),
        ("pattern=chuyen-tien", "loc"),
        ("", "tat-ca"),
    ],
)
def test_the_filter_in_a_word_or_two(query, part):
    export = Export(query=query, select_across=True, scope="all", created_at=SEVENTH)
    assert file_name(export, "csv") == f"phan-anh_toan-quoc_{part}_2026-12-07.csv"


def test_several_provinces_and_odd_slugs_stay_ascii():
    export = Export(query="province=Đắk Lắk!", select_across=True, scope="1,2", created_at=SEVENTH)
    assert file_name(export, "xlsx") == "phan-anh_dak-lak_tat-ca_2026-12-07.xlsx"
    export = Export(query="", select_across=True, scope="1,2", created_at=SEVENTH)
    assert file_name(export, "xlsx") == "phan-anh_nhieu-tinh_tat-ca_2026-12-07.xlsx"
    assert ascii_slug("Đang mở") == "dang-mo"
