"""Admin's "Lịch sử" link on a report shows the report's own history.

Django's page said there was none (triage never writes its change log);
now it lists the same lines as the report page's history block, and a
report outside one's scope is not found there either.
"""

import pytest

from reports import triage
from reports.roles import INSPECTORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def ha(client):
    user = staff("ha", INSPECTORS, "dak-lak")
    client.force_login(user)
    return user


def test_the_history_link_lists_the_reports_steps_and_notes(client, ha):
    report = make_report()
    triage.take_step(report, "forward", by=ha, target="police", note="Gửi PA05")
    triage.add_note(report, "Người dân gọi lại", by=ha)
    page = client.get(f"/admin/reports/report/{report.pk}/change/")
    assert f'href="/admin/reports/report/{report.pk}/history/"' in page.content.decode()
    response = client.get(f"/admin/reports/report/{report.pk}/history/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Lịch sử phản ánh {report.case_number}" in html
    assert "Mới tiếp nhận → Đang xem xét" in html
    assert "Đang xem xét → Đã chuyển cơ quan chức năng (Công an)" in html
    assert "Gửi PA05" in html and "Người dân gọi lại" in html
    assert "doesn’t have a change history" not in html
    assert "không có lịch sử" not in html.lower()
    # The same block as the report page's.
    assert ReportHistory.of(page) == ReportHistory.of(response)


def test_a_report_outside_ones_scope_has_no_history_page(client, ha):
    elsewhere = make_report(province="ha-noi")
    assert client.get(f"/admin/reports/report/{elsewhere.pk}/history/").status_code == 404


def test_the_history_page_stays_bounded(client, ha, django_assert_max_num_queries):
    report = make_report()
    for n in range(5):
        triage.add_note(report, f"Ghi chú {n}", by=ha)
    client.get(f"/admin/reports/report/{report.pk}/history/")
    with django_assert_max_num_queries(15):
        client.get(f"/admin/reports/report/{report.pk}/history/")


class ReportHistory:
    @staticmethod
    def of(response):
        html = response.content.decode()
        start = html.index('<table class="report-history">')
        return html[start : html.index("</table>", start)]
