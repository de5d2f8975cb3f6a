"""`make run` makes one demo account per staff role, in debug mode only."""

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from reports.access import reports_for
from reports.models import Report

pytestmark = pytest.mark.django_db


def run():
    out = StringIO()
    call_command("create_demo_accounts", stdout=out)
    return out.getvalue()


def test_in_debug_each_role_gets_an_account_whose_password_is_printed_once(settings):
    settings.DEBUG = True
    out = run()
    passwords = dict(re.findall(r"(\w+) \(.+?\): mật khẩu (\S+)", out))
    assert set(passwords) == {
        "bientap",
        "duyetbai",
        "thanhtra",
        "truongnhom",
        "toanquoc",
        "quantri",
    }
    for username, password in passwords.items():
        user = authenticate(
            RequestFactory().post("/admin/login/"), username=username, password=password
        )
        assert user is not None and user.is_staff and not user.is_superuser

    again = run()
    assert not any(password in again for password in passwords.values())
    assert again.count("đã có, giữ nguyên mật khẩu") == 6
    assert get_user_model().objects.count() == 6


def test_the_demo_publisher_and_inspector_work_in_dak_lak(settings, client, report_data):
    settings.DEBUG = True
    run()
    users = get_user_model().objects
    publisher, inspector = users.get(username="bientap"), users.get(username="thanhtra")
    assert list(publisher.organizations.values_list("slug", flat=True)) == ["stttt-dak-lak"]
    for province in ("dak-lak", "ha-noi"):
        client.post("/report/", {**report_data, "province": province})
    in_dak_lak, in_ha_noi = (
        Report.objects.get(province__slug="dak-lak"),
        Report.objects.get(province__slug="ha-noi"),
    )
    assert list(reports_for(inspector)) == [in_dak_lak]
    assert list(reports_for(users.get(username="truongnhom"))) == [in_dak_lak]
    assert in_ha_noi in reports_for(users.get(username="quantri"))
    assert in_ha_noi in reports_for(users.get(username="toanquoc"))


def test_in_production_no_account_is_made(settings):
    settings.DEBUG = False
    assert "không tạo tài khoản thử" in run()
    assert not get_user_model().objects.exists()
