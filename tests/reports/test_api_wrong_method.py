"""A chatbot POSTs to a read-only API address: it gets a 405 it can read, not an HTML page.

Django's CSRF check runs before the view; without a cookie or token a POST
used to get the security-check page meant for citizens. The API has nothing a
forged request could abuse, so it answers with its own JSON error and Allow.
"""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def bot():
    """A chatbot's HTTP client: no cookies, no CSRF token, checks enforced as in production."""
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("path", ["/api/v1/provinces", "/api/v1/lookup"])
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_a_write_to_a_read_only_address_is_a_json_405_with_allow(bot, path, method):
    response = getattr(bot, method)(path, {"number": "0912345678"}, content_type="application/json")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert response["Allow"] == "GET, HEAD"
    message = response.json()["errors"]["__all__"][0]
    assert method.upper() in message and "GET" in message


def test_the_bot_still_files_a_report_and_composes_by_post_without_a_token(bot, report_data):
    assert bot.post("/api/v1/compose", report_data).status_code == 200
    assert bot.post("/api/v1/reports", report_data).status_code == 201
