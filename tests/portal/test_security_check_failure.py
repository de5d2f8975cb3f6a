"""Chị Lan's page sat open all afternoon: her report fails the security check.

Django's own page is English and drops what she typed; ours says what happened
in Vietnamese and gives it all back, ready to send again.
"""

import pytest
from django.test import Client

from reports.models import Report

pytestmark = pytest.mark.django_db


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
    response = strict_client.post("/report/", typed)
    assert response.status_code == 403
    html = response.content.decode()
    assert "phiên làm việc đã hết hạn" in html
    assert 'action="/report/"' in html
    assert 'name="csrfmiddlewaretoken"' in html  # a fresh token: "Gửi lại" goes through
    assert '<input type="hidden" name="content" value="Giả danh công an &lt;b&gt;yêu cầu' in html
    assert html.count('name="patterns"') == 2
    assert "<b>yêu cầu</b>" not in html  # escaped, never markup
    assert not Report.objects.exists()


def test_sending_it_again_from_that_page_files_the_report(strict_client):
    page = strict_client.post("/report/", {"kind": "V", "source": "0912345678", "content": "Mời"})
    token = page.context["csrf_token"]
    response = strict_client.post(
        "/report/",
        {"kind": "V", "source": "0912345678", "content": "Mời", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert Report.objects.get().content == "Mời"


def test_a_password_is_never_echoed_back(strict_client):
    response = strict_client.post("/admin/login/", {"username": "bao", "password": "bí-mật-123"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "bí-mật-123" not in html
    assert 'value="bao"' in html
