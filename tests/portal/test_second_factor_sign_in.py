"""Lan, an inspector, signs in with her password and then her phone's code.

Reviewed: one stolen publisher password published a letter the portal then
verified for anyone. The password alone now opens nothing.
"""

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_static.models import StaticToken

from portal.two_factor import new_recovery_codes, totp_code
from tests.two_factor import app_of

pytestmark = [pytest.mark.django_db, pytest.mark.two_factor]

PASSWORD = "dung-mat-khau-rat-dai"


@pytest.fixture
def lan():
    user = get_user_model().objects.create_user("lan", password=PASSWORD, is_staff=True)
    app_of(user)
    return user


def password_step(client, next_url=None):
    data = {"username": "lan", "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/admin/login/", data)


def test_the_password_leads_to_the_second_step_carrying_next(client, lan):
    response = password_step(client, "/admin/reports/report/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/second-factor/?next=%2Fadmin%2Freports%2Freport%2F"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Xác thực bước hai" in page.content.decode()


def test_the_password_alone_opens_no_admin_page_and_no_export(client, lan):
    password_step(client)
    for path in ("/admin/", "/admin/reports/report/", "/admin/reports/exports/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/login/"), path


def test_the_code_from_her_phone_opens_the_page_she_asked_for(client, lan):
    response = password_step(client, "/admin/reports/report/")
    response = client.post(response["Location"], {"code": totp_code(app_of(lan).key)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/reports/report/"
    assert client.get("/admin/").status_code == 200


def test_a_login_without_next_lands_on_the_admin_index_after_the_code(client, lan):
    response = password_step(client)
    response = client.post(response["Location"], {"code": totp_code(app_of(lan).key)})
    assert response["Location"] == "/admin/"


def test_a_wrong_code_is_refused_in_vietnamese_and_opens_nothing(client, lan):
    response = password_step(client)
    page = client.post(response["Location"], {"code": "000000"})
    assert page.status_code == 200
    assert "Mã không đúng hoặc đã hết hạn" in page.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_code_is_good_once(client, lan):
    code = totp_code(app_of(lan).key)
    client.post(password_step(client)["Location"], {"code": code})
    client.post("/admin/logout/")
    page = client.post(password_step(client)["Location"], {"code": code})
    assert "Mã không đúng hoặc đã hết hạn" in page.content.decode()


def test_a_recovery_code_works_once_and_says_how_many_are_left(client, lan):
    codes = new_recovery_codes(lan)
    response = client.post(password_step(client)["Location"], {"code": codes[0].upper()})
    assert response["Location"] == "/admin/"
    page = client.get("/admin/")
    assert "còn 9 mã" in page.content.decode()
    assert StaticToken.objects.filter(token=codes[0]).count() == 0


def test_guessing_codes_locks_the_sign_in_like_wrong_passwords(client, lan, settings):
    settings.AXES_FAILURE_LIMIT = 3
    second_step = password_step(client)["Location"]
    for guess in ("111111", "222222", "333333"):
        response = client.post(second_step, {"code": guess})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    # The right code no longer helps, nor does giving the password again.
    response = client.post(second_step, {"code": totp_code(app_of(lan).key)})
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302


def test_a_password_step_in_between_does_not_forget_the_wrong_codes(client, lan, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for guess in ("111111", "222222"):
        client.post(password_step(client)["Location"], {"code": guess})
        client.post("/admin/logout/")
    response = client.post(password_step(client)["Location"], {"code": "333333"})
    assert response.status_code == 429


def test_the_session_between_the_steps_is_anonymous_to_the_public_pages_and_api(client, lan):
    password_step(client)
    page = client.get("/")
    assert page.status_code == 200
    assert page.context["user"].is_authenticated is False


def test_a_passkey_sign_in_can_begin_between_the_steps_but_not_be_registered(client, lan):
    password_step(client)
    begin = client.post("/admin/second-factor/passkey/authentication/begin/")
    assert begin.status_code == 200
    assert "challenge" in begin.json()
    register = client.post("/admin/second-factor/passkey/registration/begin/")
    assert register.status_code in (302, 401, 403)
