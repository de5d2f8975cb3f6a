"""The worker exports what the requester may see when it runs, never more.

Lan, an inspector of Hà Nội, asks for "all of the list". The worker runs the
list again as Lan, so the file holds Hà Nội's reports only, like her list.
If Lan is moved to Đồng Nai before the job starts, it holds none of Hà
Nội's; if her account is closed, nothing is written and her page says why.
"""

import pytest

from advisories.models import Province
from reports.models import Export, InspectorProvince
from reports.roles import INSPECTORS
from tests.jobs import run_jobs

from .conftest import make_report, staff
from .exports import EXPORTS, ask, download

pytestmark = pytest.mark.django_db


@pytest.fixture
def lan(client):
    user = staff("lan", INSPECTORS, "ha-noi")
    client.force_login(user)
    return user


@pytest.fixture
def both_sides(db):
    return {
        "ha-noi": [make_report(province="ha-noi", content=f"Hà Nội {i}") for i in range(3)],
        "dong-nai": [make_report(province="dong-nai", content=f"Đồng Nai {i}") for i in range(2)],
    }


def codes(rows):
    return {row[0] for row in rows[1:]}


def queued(client, capture, **how):
    response = ask(client, capture=capture, **how)
    assert response.status_code == 302
    return Export.objects.latest("created_at")


def test_all_of_lans_list_is_ha_nois_reports_only(
    client, lan, both_sides, django_capture_on_commit_callbacks
):
    export = queued(client, django_capture_on_commit_callbacks, select_across=True)
    run_jobs()
    export.refresh_from_db()
    assert codes(download(client, export)) == {r.case_number for r in both_sides["ha-noi"]}
    assert export.rows_total == 3


def test_moved_to_dong_nai_before_the_job_gets_none_of_ha_nois(
    client, lan, both_sides, django_capture_on_commit_callbacks
):
    export = queued(client, django_capture_on_commit_callbacks, select_across=True)
    InspectorProvince.objects.filter(user=lan).update(
        province=Province.objects.get(slug="dong-nai")
    )
    run_jobs()
    export.refresh_from_db()
    assert export.status == Export.Status.DONE
    assert codes(download(client, export)) == {r.case_number for r in both_sides["dong-nai"]}


def test_ticked_rows_of_a_province_she_left_are_not_exported(
    client, lan, both_sides, django_capture_on_commit_callbacks
):
    export = queued(client, django_capture_on_commit_callbacks, reports=both_sides["ha-noi"][:2])
    InspectorProvince.objects.filter(user=lan).update(
        province=Province.objects.get(slug="dong-nai")
    )
    run_jobs()
    export.refresh_from_db()
    assert export.rows_total == 0
    assert codes(download(client, export)) == set()


def test_a_filter_on_a_province_she_left_fails_and_says_why(
    client, lan, both_sides, django_capture_on_commit_callbacks
):
    export = queued(
        client, django_capture_on_commit_callbacks, query="province=ha-noi", select_across=True
    )
    InspectorProvince.objects.filter(user=lan).update(
        province=Province.objects.get(slug="dong-nai")
    )
    run_jobs()
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED
    assert "Bộ lọc của danh sách không còn dùng được" in client.get(EXPORTS).content.decode()
    assert not export.file


def test_an_account_closed_before_the_job_gets_nothing(
    client, lan, both_sides, django_capture_on_commit_callbacks
):
    export = queued(client, django_capture_on_commit_callbacks, select_across=True)
    lan.is_active = False
    lan.save()
    run_jobs()
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED
    assert export.failure == "Tài khoản của bạn không còn quyền xem phản ánh."
    assert not export.file
    assert export.rows_total is None
