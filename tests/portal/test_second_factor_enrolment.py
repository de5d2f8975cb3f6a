"""Minh, a new publisher, enrols his phone at his first sign-in; Hoa, an administrator,
resets the factors of a colleague who lost his phone.
"""

import re
from io import StringIO
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.two_factor import has_second_factor, totp_code
from tests.two_factor import app_of, code_for

pytestmark = [pytest.mark.django_db, pytest.mark.two_factor]

PASSWORD = "mat-khau-cua-minh-2026"


@pytest.fixture
def minh():
    return get_user_model().objects.create_user("minh", password=PASSWORD, is_staff=True)


def sign_in_password(client, username="minh", password=PASSWORD):
    response = client.post("/admin/login/", {"username": username, "password": password})
    assert response.status_code == 302
    return client.get(response["Location"], follow=True)


def test_a_first_sign_in_shows_a_qr_code_then_ten_recovery_codes_once(client, minh):
    page = sign_in_password(client)
    html = page.content.decode()
    assert page.request["PATH_INFO"] == "/admin/second-factor/enrol/"
    assert "<svg" in html  # the QR code, drawn in the page: nothing fetched elsewhere
    secret = re.search(r'id="second-factor-secret">([A-Z2-7 ]+)<', html).group(1)
    assert len(secret.replace(" ", "")) == 32
    device = TOTPDevice.objects.get(user=minh)
    assert device.confirmed is False

    done = client.post(page.request["PATH_INFO"], {"code": totp_code(device.key)})
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert LogEntry.objects.filter(object_id=str(minh.pk)).count() == 1
    # Shown once: nowhere to see them again.
    devices = client.get("/admin/second-factor/devices/").content.decode()
    assert "Còn 10 mã chưa dùng" in devices
    assert codes[0] not in devices


def test_a_wrong_first_code_enrols_nothing(client, minh):
    page = sign_in_password(client)
    response = client.post(page.request["PATH_INFO"], {"code": "123456"})
    assert "Mã không khớp" in response.content.decode()
    assert not has_second_factor(minh)
    assert client.get("/admin/").status_code == 302


def test_a_password_alone_cannot_add_a_factor_to_an_account_that_has_one(client, minh):
    app_of(minh)
    sign_in_password(client)
    response = client.get("/admin/second-factor/enrol/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/second-factor/?")
    # Nor a passkey: the registration endpoints are for verified sessions only.
    begin = client.post("/admin/second-factor/passkey/registration/begin/")
    assert begin.status_code in (302, 401, 403)
    assert TOTPDevice.objects.filter(user=minh).count() == 1


def test_create_staff_totp_prints_the_otpauth_address_on_its_own_line(client, monkeypatch):
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", PASSWORD)
    out = StringIO()
    call_command("create_staff", "tuan", role="national", interactive=False, totp=True, stdout=out)
    lines = out.getvalue().splitlines()
    uri = next(line for line in lines if line.startswith("otpauth://"))
    assert uri == uri.strip() and " " not in uri
    secret = parse_qs(urlparse(uri).query)["secret"][0]
    tuan = get_user_model().objects.get(username="tuan")
    assert app_of(tuan).bin_key.hex() == TOTPDevice.objects.get(user=tuan).key
    response = client.post("/admin/login/", {"username": "tuan", "password": PASSWORD})
    response = client.post(response["Location"], {"code": code_for(tuan)})
    assert response["Location"] == "/admin/"
    assert secret  # what the phone takes


def test_demo_accounts_each_get_an_app(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("create_demo_accounts", stdout=out)
    assert out.getvalue().count("    otpauth://totp/") == get_user_model().objects.count() == 6
    assert TOTPDevice.objects.filter(confirmed=True).count() == 6
    code = StringIO()
    call_command("demo_code", "thanhtra", stdout=code)
    assert re.fullmatch(r"\d{6}\n", code.getvalue())


def test_an_administrator_resets_a_lost_phone_and_it_is_logged(client, minh):
    hoa = get_user_model().objects.create_superuser("hoa", password="quan-tri-vien-hoa-2026")
    app_of(minh)
    response = client.post(
        "/admin/login/", {"username": "hoa", "password": "quan-tri-vien-hoa-2026"}
    )
    client.post(response["Location"], {"code": code_for(hoa)})
    response = client.post(
        "/admin/auth/user/",
        {"action": "reset_second_factor", "_selected_action": [minh.pk]},
        follow=True,
    )
    assert "Đã xóa yếu tố xác thực thứ hai của 1 tài khoản" in response.content.decode()
    assert not has_second_factor(minh)
    entry = LogEntry.objects.get(object_id=str(minh.pk), user=hoa)
    assert "Đã xóa 1 yếu tố xác thực thứ hai" in entry.get_change_message()
    # Minh enrols again at his next sign-in.
    other = client.__class__()
    page = sign_in_password(other)
    assert page.request["PATH_INFO"] == "/admin/second-factor/enrol/"


def test_the_admin_index_leads_to_ones_own_factors(client, minh):
    from django.test import Client as Plain

    browser = Plain()
    app_of(minh)
    response = browser.post("/admin/login/", {"username": "minh", "password": PASSWORD})
    browser.post(response["Location"], {"code": code_for(minh)})
    index = browser.get("/admin/").content.decode()
    assert 'href="/admin/second-factor/devices/"' in index
