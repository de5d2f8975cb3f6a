"""A hostile page auto-submits a form to /api/v1/reports from its visitors' browsers.

Each visit would file a report about the number the page chose (inflating its
public count) and use up the visitor's own limit. The browser says where the
form was: another site's page is refused before the body is read or anything
counted. Zalo's chatbot, an app and `curl` send no such label and keep
working without a token, as the README promises; so does the report page's
own live preview (a same-origin fetch).
"""

import pytest

from reports.models import Report

pytestmark = pytest.mark.django_db

HOSTILE = "https://trung-thuong.example"
OURS = "http://testserver"


@pytest.fixture
def limit(settings):
    settings.REPORT_RATE_LIMIT = "2/m"


def post(client, data, path="/api/v1/reports", **headers):
    return client.post(path, data, **headers)


@pytest.mark.parametrize(
    "headers",
    [
        # Every current browser: the label, and the page's origin.
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": HOSTILE},
        # A neighbouring subdomain is another origin all the same.
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "https://x.canhbao.example.vn"},
        # An older browser: Origin alone.
        {"HTTP_ORIGIN": HOSTILE},
        # A sandboxed frame or a data: page hides where it is.
        {"HTTP_ORIGIN": "null"},
    ],
    ids=["cross-site", "same-site", "origin-only", "origin-null"],
)
def test_a_form_on_another_site_files_nothing(client, report_data, headers):
    response = post(client, report_data, **headers)
    assert response.status_code == 403
    message = response.json()["errors"]["__all__"][0]
    assert "trang web khác" in message and "/report/" in message
    assert Report.objects.count() == 0


def test_refused_posts_do_not_use_up_the_visitors_limit(client, report_data, limit):
    for _ in range(20):
        assert post(client, report_data, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    # Chị Lan, whose browser the page used, still reports her own call.
    assert post(client, report_data).status_code == 201
    assert Report.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {},  # a chatbot, an app, curl
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": OURS},  # our own page's script
        {"HTTP_ORIGIN": OURS},  # an older browser on our page
        {"HTTP_SEC_FETCH_SITE": "none"},  # the user themselves, no page in between
    ],
    ids=["no-browser", "same-origin", "origin-ours", "user-initiated"],
)
def test_clients_that_are_not_another_sites_page_still_file(client, report_data, headers):
    response = post(client, report_data, **headers)
    assert response.status_code == 201
    assert Report.objects.get().code == response.json()["code"]


def test_an_origin_the_deployment_trusts_is_ours(client, report_data, settings):
    """Behind a proxy that changes the scheme, the public origin is listed as trusted."""
    settings.CSRF_TRUSTED_ORIGINS = ["https://canhbao.example.vn"]
    response = post(client, report_data, HTTP_ORIGIN="https://canhbao.example.vn")
    assert response.status_code == 201


def test_the_live_preview_is_refused_to_other_sites_but_a_chatbots_get_is_not(client):
    params = {"kind": "LD", "source": "0912345678", "content": "alo"}
    preview = post(client, params, path="/api/v1/compose", HTTP_SEC_FETCH_SITE="cross-site")
    assert preview.status_code == 403
    # GET computes and stores nothing: a chatbot's page may fetch it from anywhere.
    got = client.get("/api/v1/compose", params, HTTP_SEC_FETCH_SITE="cross-site")
    assert got.status_code == 200
    assert got.json()["sms"] == "LD 0912345678 alo"


def test_the_refusal_speaks_the_clients_language(client, report_data):
    response = post(
        client, report_data, HTTP_SEC_FETCH_SITE="cross-site", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403
    assert "another website" in response.json()["errors"]["__all__"][0]
