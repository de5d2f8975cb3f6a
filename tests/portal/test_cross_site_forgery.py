"""A hostile page on another site posts to our addresses: nothing comes back to click.

The browser sends no cookies with the cross-site POST, so the security check
fails. Our failure page must not turn that into a one-click forgery: no
"send again" button, no posted value, only a plain page with a link to start
again. Seen in review: a publisher's click published a forged letter, an
administrator's click added a scammer's number as an official hotline, a
citizen's click on a forged withdrawal erased their evidence.
"""

import pytest
from django.test import Client

from reports.models import Hotline, Report

pytestmark = pytest.mark.django_db

HOTLINE = {
    "scope": "national",
    "number": "0987654321",
    "channel": "call",
    "kinds": ["LD"],
    "label": "Tổng đài hỗ trợ chính thức",
    "announced_year": "2024",
    "position": "0",
    "is_active": "on",
}
EVIL = {"HTTP_ORIGIN": "https://evil.example"}
OUR_PAGE = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def main_part(response):
    return response.content.decode().split('<main id="main"')[1].split("</main>")[0]


def assert_plain_refusal(response, restart):
    assert response.status_code == 403
    main = main_part(response)
    assert "Yêu cầu bị từ chối" in main
    assert "<form" not in main and "<button" not in main
    assert "csrfmiddlewaretoken" not in main
    assert f'href="{restart}"' in main


@pytest.mark.parametrize(
    "where",
    [
        EVIL,
        {"HTTP_ORIGIN": "null"},  # a sandboxed frame or a data: page
        {"HTTP_REFERER": "https://evil.example/trap.html"},
        {"HTTP_ORIGIN": "http://testserver.evil.example"},
        {},  # the browser says nothing: unknown is not ours
    ],
    ids=["other-site", "null-origin", "other-referer", "lookalike-host", "unknown"],
)
def test_a_forged_hotline_gets_no_button_to_click(strict_client, where):
    response = strict_client.post("/admin/reports/hotline/add/", HOTLINE, **where)
    assert_plain_refusal(response, "/admin/reports/hotline/add/")
    assert "0987654321" not in response.content.decode()
    assert not Hotline.objects.filter(number="0987654321").exists()


def test_even_from_our_own_admin_page_nothing_is_echoed(strict_client):
    # An expired admin form is retyped: staff know where they were, and no
    # admin URL ever gets a pre-filled button.
    response = strict_client.post("/admin/reports/hotline/add/", HOTLINE, **OUR_PAGE)
    assert_plain_refusal(response, "/admin/reports/hotline/add/")
    assert "Tổng đài hỗ trợ chính thức" not in response.content.decode()


@pytest.mark.parametrize("where", [EVIL, OUR_PAGE], ids=["other-site", "our-page"])
def test_a_withdrawal_that_fails_the_check_erases_nothing_and_offers_nothing(strict_client, where):
    report = Report.objects.create(
        kind="LD",
        source="0912345678",
        content="Giả danh công an",
        occurred_at="2024-09-12T14:30:00+07:00",
        contact="lan@example.com",
        contact_consent_text="Tôi đồng ý",
        contact_consented_at="2024-09-12T14:31:00+07:00",
    )
    path = f"/report/{report.code}/withdraw"
    response = strict_client.post(path, {}, **where)
    assert_plain_refusal(response, path)
    report.refresh_from_db()
    assert report.contact == "lan@example.com"


def test_a_report_posted_from_another_site_is_not_given_back_to_send(strict_client):
    response = strict_client.post(
        "/report/", {"kind": "LD", "source": "0912345678", "content": "Số mồi"}, **EVIL
    )
    assert_plain_refusal(response, "/report/")
    assert "Số mồi" not in response.content.decode()
    assert not Report.objects.exists()


def test_a_forged_language_switch_is_refused_plainly(strict_client):
    response = strict_client.post("/i18n/setlang/", {"language": "en", "next": "/"}, **EVIL)
    assert_plain_refusal(response, "/i18n/setlang/")
