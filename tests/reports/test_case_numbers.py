"""Case numbers: what staff, police and operators call a report by (DL-2026-000123).

Inspector Bảo (Đồng Nai) and Hà (Hà Nội) work on reports citizens filed;
the receipt code stays the citizen's key and never shows on their side.
"""

import datetime
import json
import os
import subprocess
import sys
import threading
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.db import close_old_connections, connection, transaction

from advisories.case_codes import CASE_CODES, NATIONAL
from advisories.models import Province
from reports import case_numbers
from reports.case_numbers import next_number, normalize_case_number
from reports.models import CaseCounter, Evidence, Report
from reports.roles import INSPECTORS

from .conftest import make_report, staff, triage_page

pytestmark = pytest.mark.django_db

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_every_province_has_a_short_unique_code_and_none_is_the_national_one():
    codes = dict(Province.objects.values_list("slug", "case_code"))
    assert len(codes) == 64 and None not in codes.values()
    assert len(set(codes.values())) == 64
    assert codes["ha-noi"] == "HN" and codes["dak-lak"] == "DL"
    assert NATIONAL not in codes.values()


def test_load_reference_data_gives_a_code_to_a_unit_that_lost_it():
    Province.objects.filter(slug="dak-lak").update(case_code=None)
    call_command("load_reference_data", verbosity=0)
    assert Province.objects.get(slug="dak-lak").case_code == CASE_CODES["dak-lak"] == "DL"


def test_numbers_run_per_province_and_year_and_a_report_without_one_is_national():
    first = make_report(province="dak-lak")
    second = make_report(province="dak-lak")
    hanoi = make_report(province="ha-noi")
    anywhere = make_report(province=None)
    assert [first.case_number, second.case_number] == ["DL-2026-000001", "DL-2026-000002"]
    assert hanoi.case_number == "HN-2026-000001"
    assert anywhere.case_number == "QG-2026-000001"


def test_a_former_province_chosen_numbers_under_the_current_one():
    report = make_report(province="phu-yen")  # merged into Đắk Lắk in 2025
    assert report.case_number == "DL-2026-000001"


def test_the_year_is_vietnams_on_the_fixed_clock():
    # 31 December 2026, 17:30 UTC is already 1 January 2027 in Vietnam.
    with time_machine.travel(datetime.datetime(2027, 1, 1, 0, 30, tzinfo=VIETNAM), tick=False):
        new_year = make_report(province="dak-lak")
    assert new_year.case_number == "DL-2027-000001"
    assert make_report(province="dak-lak").case_number == "DL-2026-000001"


def test_a_number_is_given_once_and_kept():
    report = make_report()
    number = report.case_number
    report.content = "Sửa nội dung"
    report.save()
    report.refresh_from_db()
    assert report.case_number == number
    assert CaseCounter.objects.get(prefix="DL", year=2026).last == 1


def test_numbers_are_gap_tolerant_never_reused():
    make_report()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_report()  # its number is taken, then the filing fails
        raise RuntimeError
    case_numbers.take("DL", 2026)  # a number taken by a filing that failed elsewhere
    later = make_report()
    assert later.case_number == "DL-2026-000003"
    assert Report.objects.filter(case_number="DL-2026-000003").count() == 1


def test_existing_reports_are_numbered_by_the_migration_in_filing_order():
    from importlib import import_module

    migration = import_module("reports.migrations.0019_case_numbers")
    older, newer = make_report(), make_report(province="ha-noi")
    Report.objects.update(case_number=None)
    CaseCounter.objects.all().delete()
    migration.number_existing(apps, None)
    older.refresh_from_db()
    newer.refresh_from_db()
    assert (older.case_number, newer.case_number) == ("DL-2026-000001", "HN-2026-000001")
    assert make_report().case_number == "DL-2026-000002"  # the counter goes on from there


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("DL-2026-000123", "DL-2026-000123"),
        ("dl-2026-123", "DL-2026-000123"),
        (" dl 2026 000123 ", "DL-2026-000123"),
        ("sinh trac", None),
        ("7KQ2-M9XD-4TPA", None),
    ],
)
def test_a_case_number_typed_any_way(typed, number):
    assert normalize_case_number(typed) == number


def test_the_list_finds_a_report_by_its_case_number_typed_loosely(client):
    wanted, other = make_report(province="dong-nai"), make_report(province="dong-nai")
    client.force_login(staff("bao", INSPECTORS, "dong-nai"))
    page = client.get("/admin/reports/report/", {"q": "dna-2026-1"}).content.decode()
    assert wanted.case_number in page and other.case_number not in page
    assert wanted.code not in page


def test_the_case_sheet_prints_the_number_never_the_receipt_code(client):
    report = make_report(province="dong-nai", source="0912345678")
    Evidence.objects.create(
        report=report, file="evidence/a.mp3", type="audio", content_type="audio/mpeg",
        extension="mp3", size=10,
    )  # fmt: skip
    client.force_login(staff("bao", INSPECTORS, "dong-nai"))
    response = client.get(f"/admin/reports/report/{report.pk}/sheet/")
    assert response.status_code == 200
    html = response.content.decode()
    assert report.case_number in html and "0912345678" in html
    assert f"{report.case_number}-{report.evidence.get().pk}.mp3" in html
    assert report.code not in html


def test_the_case_sheet_of_another_province_is_not_found(client):
    report = make_report(province="dong-nai")
    client.force_login(staff("ha", INSPECTORS, "ha-noi"))
    assert client.get(f"/admin/reports/report/{report.pk}/sheet/").status_code == 404


def test_the_report_page_links_its_sheet_and_shows_no_receipt_code(client):
    report = make_report(province="dong-nai")
    client.force_login(staff("bao", INSPECTORS, "dong-nai"))
    html = client.get(f"/admin/reports/report/{report.pk}/change/").content.decode()
    assert f"/admin/reports/report/{report.pk}/sheet/" in html
    assert report.case_number in html and report.code not in html


def test_an_evidence_download_is_named_by_the_case_number(client, settings, tmp_path):
    from django.core.files.base import ContentFile

    report = make_report(province="dong-nai")
    evidence = Evidence(report=report, type="audio", content_type="audio/mpeg", extension="mp3")
    evidence.size = 3
    evidence.file.save("evidence", ContentFile(b"ID3"), save=False)
    evidence.save()
    client.force_login(staff("bao", INSPECTORS, "dong-nai"))
    response = client.get(f"/admin/reports/report/evidence/{evidence.pk}/")
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert f'filename="{report.case_number}-{evidence.pk}.mp3"' in disposition
    assert report.code not in disposition


def test_the_history_of_admin_changes_names_the_case_number(client):
    report = make_report(province="dong-nai")
    bao = staff("bao", INSPECTORS, "dong-nai")
    client.force_login(bao)
    client.post(
        f"/admin/reports/report/{report.pk}/change/",
        {"step": "review", "note": "Xem", **triage_page(client, report), "assignee": ""},
    )
    entry = LogEntry.objects.get()
    assert report.case_number in entry.object_repr
    assert report.code not in entry.object_repr + entry.get_change_message()


def test_the_citizens_receipt_shows_the_code_and_the_case_number(client, report_data):
    response = client.post("/report/", {**report_data, "province": "Đắk Lắk"})
    report = Report.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert report.code in page and report.case_number in page
    assert report.case_number == "DL-2026-000001"


# -- several workers at once --------------------------------------------------------


# Transactional: the threads see each other's commits. Earlier transactional tests may have
# flushed the migrations' rows: `reference_rows_restored` puts them back.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_rows_restored")
def test_workers_filing_at_once_never_share_a_number():
    if connection.vendor != "postgresql":
        # SQLite's test database is in memory, shared between threads by its cache:
        # concurrent writers there fail with "table is locked" instead of waiting, so
        # this does not say what several gunicorn workers on a file database do.
        pytest.skip("needs PostgreSQL (DATABASE_URL): threads on an in-memory SQLite lock")
    dak_lak = Province.objects.get(slug="dak-lak")
    numbers, errors = [], []
    start = threading.Barrier(8)

    def worker():
        try:
            start.wait()
            for _ in range(10):
                with transaction.atomic():
                    numbers.append(next_number(dak_lak))
        except Exception as error:  # reported below, in the test's own thread
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(numbers) == [f"DL-2026-{n:06d}" for n in range(1, 81)]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_rows_restored")
def test_worker_processes_on_one_sqlite_file_never_share_a_number(tmp_path):
    """SQLite as deployed: a database file, several processes (gunicorn workers) at once."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL is the threads' test above")
    url = f"sqlite:///{tmp_path / 'numbers.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    run = {"cwd": settings.BASE_DIR, "env": env, "capture_output": True, "text": True}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], check=True, timeout=300, **run)
    start = time.time() + 8  # every worker started and waiting, then all at once
    script = (
        "import json, time\n"
        "from django.db import transaction\n"
        "from advisories.models import Province\n"
        "from reports.case_numbers import next_number\n"
        "place = Province.objects.get(slug='dak-lak')\n"
        f"while time.time() < {start}: time.sleep(0.001)\n"
        "taken = []\n"
        "for _ in range(200):\n"
        "    with transaction.atomic():\n"
        "        taken.append(next_number(place))\n"
        "print(json.dumps(taken))\n"
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", script],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=settings.BASE_DIR,
            env=env,
            text=True,
        )
        for _ in range(4)
    ]
    numbers = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        numbers += json.loads(out.strip().splitlines()[-1])
    assert len(numbers) == len(set(numbers)) == 800
    assert {int(number.rsplit("-", 1)[1]) for number in numbers} == set(range(1, 801))
