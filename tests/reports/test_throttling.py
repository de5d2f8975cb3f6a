"""A script that fires reports gets a clear 429; a citizen's text is never lost to it."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from reports import throttle
from reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit(settings):
    settings.REPORT_RATE_LIMIT = "2/m"


def test_a_client_that_submits_too_fast_gets_a_clear_429_with_its_text(client, report_data, limit):
    assert client.post("/report/", report_data).status_code == 302
    assert client.post("/report/", report_data).status_code == 302
    response = client.post("/report/", {**report_data, "province": "Bình Phước"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Bạn gửi quá nhanh" in html
    assert report_data["content"] in html
    assert 'value="Bình Phước"' in html
    assert Report.objects.count() == 2


def test_the_api_is_throttled_with_the_same_counter(client, report_data, limit):
    client.post("/report/", report_data)
    client.post("/api/v1/reports", report_data)
    response = client.post("/api/v1/reports", report_data)
    assert response.status_code == 429
    assert "quá nhanh" in response.json()["errors"]["__all__"][0]


def test_another_client_is_not_held_back(client, report_data, limit):
    for _ in range(3):
        client.post("/report/", report_data, REMOTE_ADDR="10.0.0.1")
    assert client.post("/report/", report_data, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_x_forwarded_for_counts_only_behind_a_trusted_proxy(settings):
    factory = RequestFactory()
    forged = factory.post("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.1.1.1, 2.2.2.2")
    other = factory.post("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="3.3.3.3, 2.2.2.2")
    settings.REPORT_TRUSTED_PROXIES = 0
    assert throttle.client_key(forged) == throttle.client_key(other)  # header ignored
    settings.REPORT_TRUSTED_PROXIES = 1
    # One proxy: the address it appended (rightmost) is the client; the rest is forgeable.
    assert throttle.client_key(forged) == throttle.client_key(other)
    settings.REPORT_TRUSTED_PROXIES = 2
    assert throttle.client_key(forged) != throttle.client_key(other)


def test_zero_turns_throttling_off(client, report_data, settings):
    settings.REPORT_RATE_LIMIT = "0"
    for _ in range(8):
        assert client.post("/report/", report_data).status_code == 302


@pytest.mark.parametrize(
    ("rate", "parsed"),
    [("5/m", (5, 60)), ("30/h", (30, 3600)), ("10/10s", (10, 10)), ("0", None), ("", None)],
)
def test_the_rate_setting(rate, parsed):
    assert throttle.parse_rate(rate) == parsed


@pytest.mark.parametrize("rate", ["5", "five/m", "5/y", "0/m"])
def test_a_rate_we_do_not_understand_stops_loudly(rate):
    with pytest.raises(ImproperlyConfigured):
        throttle.parse_rate(rate)
