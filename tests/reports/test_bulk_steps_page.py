"""The bulk steps page shows each person their own queued bulk steps, and nobody else's.

Hà (Đắk Lắk) and Lan (Hà Nội) are inspectors; Thu publishes letters. Each
sees their own steps, newest first, at most 50; another's step is "not
found", whatever its id; the page reloads itself while one is waiting or
running, and stops once all are finished.
"""

import pytest

from advisories.roles import PUBLISHERS
from reports.models import BulkStep
from reports.roles import INSPECTORS
from tests.jobs import run_jobs

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

PAGE = "/admin/reports/bulk-steps/"
HUGE = str(2**70)


@pytest.fixture
def ha():
    return staff("ha", INSPECTORS, "dak-lak")


@pytest.fixture
def lan():
    return staff("lan", INSPECTORS, "ha-noi")


def step(user, **fields):
    return BulkStep.objects.create(
        requested_by=user, action="review", select_across=True, selected=600, **fields
    )


def test_each_inspector_sees_only_their_own(client, ha, lan):
    mine, theirs = step(ha, filter_text="trạng thái: Mới tiếp nhận"), step(lan)
    client.force_login(ha)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert [item["step"] for item in page.context["shown"]] == [mine]
    html = page.content.decode()
    assert "Bắt đầu xem xét — 600 phản ánh" in html
    assert "cả danh sách (trạng thái: Mới tiếp nhận)" in html
    assert f'href="{PAGE}{mine.pk}/"' in html and f"{PAGE}{theirs.pk}/" not in html
    assert client.get(f"{PAGE}{mine.pk}/").status_code == 200
    assert client.get(f"{PAGE}{theirs.pk}/").status_code == 404
    assert client.get(f"{PAGE}{HUGE}/").status_code == 404
    assert client.get(f"{PAGE}{2**63}/").status_code == 404


def test_the_page_reloads_while_a_step_runs_and_then_stops(
    client, ha, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_BULK_IN_REQUEST_MAX = 2
    for _ in range(3):
        make_report()
    client.force_login(ha)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/reports/report/",
            {"action": "review", "select_across": "1", "_selected_action": ["0"]},
        )
    queued = BulkStep.objects.get()
    detail = f"{PAGE}{queued.pk}/"
    assert '<meta http-equiv="refresh" content="5">' in client.get(detail).content.decode()
    assert '<meta http-equiv="refresh"' in client.get(PAGE).content.decode()
    run_jobs()
    html = client.get(detail).content.decode()
    assert 'http-equiv="refresh"' not in html
    assert "Đã chuyển 3 phản ánh sang “Đang xem xét”." in html
    assert '<progress max="3" value="3"' in html


def test_the_newest_fifty_are_shown(client, ha):
    made = [step(ha, status="done") for _ in range(55)]
    client.force_login(ha)
    page = client.get(PAGE)
    shown = [item["step"] for item in page.context["shown"]]
    assert shown == made[::-1][:50]
    assert "Chỉ hiện 50 thao tác mới nhất." in page.content.decode()


def test_someone_who_does_not_triage_reports_is_refused(client):
    client.force_login(staff("thu", PUBLISHERS))
    assert client.get(PAGE).status_code == 403


def test_the_report_list_links_to_it(client, ha):
    client.force_login(ha)
    assert f'href="{PAGE}"' in client.get("/admin/reports/report/").content.decode()
