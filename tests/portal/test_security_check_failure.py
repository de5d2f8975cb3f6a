"""Chị Lan's page sat open all afternoon: her report fails the security check.

Django's own page is English and drops what she typed; ours says what happened
in Vietnamese and gives it all back, ready to send again, because her browser
says the form was on our page (Origin, or Referer when Origin is missing).
"""

import pytest
from django.test import Client

from reports.models import Report

pytestmark = pytest.mark.django_db

OUR_PAGE = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_an_expired_page_gives_back_what_was_typed_in_vietnamese(strict_client):
    typed = {
        "kind": "LD",
        "source": "0912345678",
        "content": "Giả danh công an <b>yêu cầu</b> chuyển tiền",
        "province": "Bình Phước",
        "patterns": ["khoa-sim", "chuyen-tien"],
    }
    response = strict_client.post("/report/", typed, **OUR_PAGE)
    assert response.status_code == 403
    html = response.content.decode()
    assert "phiên làm việc đã hết hạn" in html
    assert 'action="/report/"' in html
    assert 'name="csrfmiddlewaretoken"' in html  # a fresh token: "Gửi lại" goes through
    assert '<input type="hidden" name="content" value="Giả danh công an &lt;b&gt;yêu cầu' in html
    assert html.count('name="patterns"') == 2
    assert "<b>yêu cầu</b>" not in html  # escaped, never markup
    assert not Report.objects.exists()


def test_a_browser_that_sends_only_a_referer_from_our_page_gets_it_back(strict_client):
    response = strict_client.post(
        "/report/",
        {"kind": "V", "source": "0912345678", "content": "Mời họp"},
        HTTP_REFERER="http://testserver/report/",
    )
    assert response.status_code == 403
    assert 'value="Mời họp"' in response.content.decode()


def test_sending_it_again_from_that_page_files_the_report(strict_client):
    page = strict_client.post(
        "/report/", {"kind": "V", "source": "0912345678", "content": "Mời"}, **OUR_PAGE
    )
    token = page.context["csrf_token"]
    response = strict_client.post(
        "/report/",
        {"kind": "V", "source": "0912345678", "content": "Mời", "csrfmiddlewaretoken": token},
        **OUR_PAGE,
    )
    assert response.status_code == 302
    assert Report.objects.get().content == "Mời"


def test_a_trusted_origin_behind_a_proxy_counts_as_ours(strict_client, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://canhbao.example.vn"]
    response = strict_client.post(
        "/report/",
        {"kind": "V", "source": "0912345678", "content": "Mời họp"},
        HTTP_ORIGIN="https://canhbao.example.vn",
    )
    assert 'value="Mời họp"' in response.content.decode()


def test_a_password_is_never_echoed_back(strict_client):
    response = strict_client.post(
        "/admin/login/", {"username": "bao", "password": "bí-mật-123"}, **OUR_PAGE
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "bí-mật-123" not in html
    assert "<form" not in html.split('<main id="main"')[1]
