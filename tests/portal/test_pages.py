"""The page skeleton a citizen sees first: home, health check, error pages."""

from unittest import mock

import pytest
from django.db import connection
from django.test import RequestFactory

from portal.views import server_error

pytestmark = pytest.mark.django_db


def test_a_citizen_gets_the_home_page_in_vietnamese(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    for label in ("Cảnh báo", "Báo cáo", "Tra cứu số"):
        assert label in html
    assert '<a class="nav-link" href="/lookup/">Tra cứu số</a>' in html
    # The national channels are always one tap away.
    assert 'href="sms:156"' in html
    assert 'href="sms:5656"' in html
    assert 'href="tel:156"' in html
    assert 'name="viewport"' in html


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch.object(connection, "cursor", side_effect=Exception("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_an_unknown_page_gets_a_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'href="/"' in html


def test_a_server_error_gets_a_vietnamese_page_with_the_national_channels():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Hệ thống đang gặp sự cố" in html
    assert "sms:156" in html


def test_healthz_is_not_redirected_to_https_for_the_load_balancer(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301
