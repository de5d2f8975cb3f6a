"""Staff are named as Vietnamese say it, family name first: "Nguyễn Văn An", not "Văn An Nguyễn".

Django's `last_name` ("Họ") holds the family name, `first_name` ("Tên") the
middle and given names; portal.names.full_name puts them the Vietnamese way round
on every screen that names a staff member, and the user page asks for "Họ" first.
"""

import pytest

from portal.names import full_name
from reports import triage
from reports.roles import ROLES

from ..audit.conftest import staff as audit_staff
from ..reports.conftest import make_report, staff
from .admin_data import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def an(db):
    """Nguyễn Văn An, an inspector of Đắk Lắk."""
    user = staff("an.nv", ROLES["inspector"], "dak-lak")
    user.last_name, user.first_name = "Nguyễn", "Văn An"
    user.save()
    return user


def test_the_family_name_comes_first(an):
    assert full_name(an) == "Nguyễn Văn An"
    assert triage.display_name(an) == "Nguyễn Văn An"


def test_an_account_without_a_name_is_its_username(django_user_model):
    nameless = django_user_model.objects.create_user("thanhtra-hue")
    assert full_name(nameless) == "thanhtra-hue"
    assert full_name(None) == ""


def test_the_report_list_and_history_name_the_assignee_family_name_first(client, an):
    report = make_report()
    triage.assign(report, an, by=an)
    client.force_login(person("superuser"))
    listed = client.get("/admin/reports/report/").content.decode()
    page = client.get(f"/admin/reports/report/{report.pk}/change/").content.decode()
    assert "Nguyễn Văn An" in listed
    assert "Nguyễn Văn An" in page
    assert "Văn An Nguyễn" not in listed + page
    history = page[page.index('<table class="report-history">') :]
    history = history[: history.index("</table>")]
    assert "Nguyễn Văn An" in history  # who did it, and to whom it was given
    assert "an.nv" not in history
    sheet = client.get(f"/admin/reports/report/{report.pk}/print/").content.decode()
    assert "Nguyễn Văn An" in sheet


def test_the_user_page_asks_for_the_family_name_first(client, an):
    client.force_login(person("superuser"))
    html = client.get(f"/admin/auth/user/{an.pk}/change/").content.decode()
    assert html.index('name="last_name"') < html.index('name="first_name"')
    assert "“Nguyễn” trong “Nguyễn Văn An”" in html
    listed = client.get("/admin/auth/user/").content.decode()
    assert listed.index("Nguyễn") < listed.index("Văn An")


def test_the_audit_page_names_who_changed_what_family_name_first(client):
    from django.urls import reverse

    quan = person("superuser")
    quan.last_name, quan.first_name = "Vũ", "Minh Quân"
    quan.save()
    client.force_login(quan)
    lan = audit_staff("lan", ROLES["publisher"])  # with her authenticator app
    client.post(
        "/admin/auth/user/", {"action": "reset_second_factor", "_selected_action": [lan.pk]}
    )
    page = client.get(reverse("audit_log"), {"model": "otp_totp.totpdevice"})
    removed = [entry for entry in page.context["entries"] if entry.action == "Xóa"]
    assert [entry.user for entry in removed] == ["root"]  # the filter and export keep the account
    assert "Vũ Minh Quân (root)" in page.content.decode()
