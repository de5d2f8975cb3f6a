"""Lan, an inspector, leaves her desk signed in: her session ends after 30 idle minutes, and
any session ends 12 hours after signing in.

Reviewed: staff sessions lasted 14 days with no idle timeout. Both limits are
settings (STAFF_SESSION_IDLE_MINUTES, STAFF_SESSION_HOURS); the suite's
clock is fixed, and each test travels forward from it.
"""

import datetime
from urllib.parse import urlencode

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model

from tests.conftest import NOW
from tests.two_factor import both_steps

from .test_settings import PRODUCTION, manage

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/report/?status__exact=new"


@pytest.fixture
def lan(client):
    user = get_user_model().objects.create_superuser("lan", password="mat-khau-rat-dai-9x")
    with at(0):
        response = both_steps(
            client,
            "/admin/login/",
            {"username": "lan", "password": "mat-khau-rat-dai-9x", "next": "/admin/"},
        )
    assert response.status_code == 302
    return user


def at(minutes):
    """The clock this many minutes after Lan signed in (the suite's NOW), standing still."""
    return time_machine.travel(NOW + datetime.timedelta(minutes=minutes), tick=False)


def signed_in(client):
    return "_auth_user_id" in client.session


def sent_to_login(response, next_url):
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?{urlencode({'next': next_url})}"


def test_twenty_nine_idle_minutes_and_she_is_still_signed_in(client, lan):
    with at(29):
        assert client.get(LIST).status_code == 200
    with at(29 + 29):
        assert client.get(LIST).status_code == 200  # each request starts the 30 minutes again
    assert signed_in(client)


def test_after_thirty_idle_minutes_she_signs_in_again_and_is_told_why(client, lan):
    with at(10):
        assert client.get(LIST).status_code == 200
    with at(10 + 30):
        response = client.get(LIST)
        sent_to_login(response, LIST)
        assert not signed_in(client)
        login = client.get(response["Location"])
    page = login.content.decode()
    assert "Phiên làm việc đã kết thúc vì không có thao tác trong 30 phút." in page
    assert 'name="next" value="/admin/reports/report/?status__exact=new"' in page


def test_a_form_sent_after_the_timeout_saves_nothing_and_says_so(client, lan):
    with at(45):
        response = client.post("/admin/auth/user/add/", {"username": "moi"})
        assert response.status_code == 302
        assert response["Location"] == "/admin/login/?next=%2Fadmin%2Fauth%2Fuser%2Fadd%2F"
        page = client.get(response["Location"]).content.decode()
    assert "Nội dung vừa gửi chưa được lưu" in page
    assert not get_user_model().objects.filter(username="moi").exists()


def test_twelve_hours_after_signing_in_the_session_ends_however_busy_she_is(client, lan):
    for minutes in range(20, 12 * 60, 20):
        with at(minutes):
            assert client.get(LIST).status_code == 200, minutes
    with at(12 * 60):
        response = client.get(LIST)
        sent_to_login(response, LIST)
        page = client.get(response["Location"]).content.decode()
    assert "mỗi lần đăng nhập dùng được tối đa 12 giờ" in page
    assert not signed_in(client)


def test_on_the_public_site_an_ended_session_just_reads_as_a_visitor(client, lan):
    with at(31):
        response = client.get("/advisories/")
        assert response.status_code == 200
        assert not signed_in(client)


def test_both_limits_are_settings(client, lan, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    settings.STAFF_SESSION_HOURS = 1
    with at(4):
        assert client.get(LIST).status_code == 200
    with at(4 + 5):
        sent_to_login(client.get(LIST), LIST)
        both_steps(client, "/admin/login/", {"username": "lan", "password": "mat-khau-rat-dai-9x"})
    for minutes in range(9 + 4, 9 + 60, 4):
        with at(minutes):
            assert client.get(LIST).status_code == 200
    with at(9 + 60):
        sent_to_login(client.get(LIST), LIST)


def test_the_cookie_lives_as_long_as_the_session_may():
    assert settings.SESSION_COOKIE_AGE == settings.STAFF_SESSION_HOURS * 3600 == 12 * 3600


def test_a_session_signed_in_before_these_rules_is_over(client, lan):
    session = client.session
    del session["portal_login_at"]
    session.save()
    sent_to_login(client.get(LIST), LIST)


def test_a_visitor_of_the_public_pages_is_never_given_a_session(client):
    for url in ("/", "/advisories/", "/report/", "/lookup/?number=0912345678"):
        response = client.get(url)
        assert response.status_code == 200
        assert settings.SESSION_COOKIE_NAME not in response.cookies, url


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("STAFF_SESSION_IDLE_MINUTES", "0"),
        ("STAFF_SESSION_HOURS", "forever"),
        ("STAFF_SESSION_IDLE_MINUTES", "900"),
    ],
)
def test_a_bad_value_stops_the_start_up(variable, value):
    result = manage("check", env={**PRODUCTION, variable: value})
    assert result.returncode != 0
    assert variable in result.stderr
