"""Inspector Hà finds the dashboard from the admin's first page and from her report list.

Thảo, who only publishes letters, sees no such box: the page would refuse her.
"""

import pytest

from advisories.roles import PUBLISHERS
from reports.roles import INSPECTORS

from .conftest import staff

pytestmark = pytest.mark.django_db

LINK = 'href="/admin/reports/dashboard/"'


def test_the_admin_index_has_a_box_leading_to_the_dashboard(client):
    client.force_login(staff("ha", INSPECTORS, "dak-lak"))
    html = client.get("/admin/").content.decode()
    box = html.split('id="reports-dashboard-module"')[1].split("</div>")[0]
    assert "Tình hình xử lý phản ánh" in box
    assert LINK in box
    assert "Phản ánh của người dân" in html  # the usual app list is still there
    assert client.get("/admin/reports/dashboard/").status_code == 200


def test_the_report_list_links_to_the_dashboard(client):
    client.force_login(staff("ha", INSPECTORS, "dak-lak"))
    html = client.get("/admin/reports/report/").content.decode()
    tools = html.split('class="object-tools"')[1].split("</ul>")[0]
    assert f"<a {LINK}>Tình hình xử lý phản ánh</a>" in tools


def test_a_publisher_sees_no_dashboard_box(client):
    client.force_login(staff("thao", PUBLISHERS))
    html = client.get("/admin/").content.decode()
    assert "reports-dashboard-module" not in html and LINK not in html
