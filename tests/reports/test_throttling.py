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
    assert 1 <= int(response["Retry-After"]) <= 60


def test_the_form_says_when_to_come_back_in_a_retry_after_header(client, report_data, limit):
    client.post("/report/", report_data)
    client.post("/report/", report_data)
    response = client.post("/report/", report_data)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60


@pytest.fixture
def ten_minutes_into_the_hour(monkeypatch):
    """The clock of the throttle: 600 s into a one-hour window, 3,000 s before it ends."""
    monkeypatch.setattr(throttle, "_now", lambda: 480_000 * 3600 + 600.5)


def test_an_hourly_limit_is_worded_in_hours_not_one_minute(
    client, report_data, settings, ten_minutes_into_the_hour
):
    settings.REPORT_RATE_LIMIT = "3/h"
    for _ in range(3):
        assert client.post("/report/", report_data).status_code == 302
    response = client.post("/report/", report_data)
    assert response.status_code == 429
    html = response.content.decode()
    assert "tối đa 3 phản ánh trong 1 giờ" in html
    assert "Hãy đợi 50 phút rồi gửi lại" in html
    assert "một phút" not in html and "1 phút" not in html
    assert response["Retry-After"] == "3000"
    api = client.post("/api/v1/reports", report_data)
    assert api.status_code == 429 and api["Retry-After"] == "3000"
    assert "trong 1 giờ" in api.json()["errors"]["__all__"][0]


def test_chi_lan_fixing_her_mistakes_is_not_throttled(client, report_data, limit):
    # Six tries with a mistake each (limit 2/m): none of them stored, none counted.
    mistakes = [
        {"source": ""},
        {"source": "VCB BANK"},
        {"kind": ""},
        {"content": ""},
        {"occurred_at": "01/01/2099"},
        {"contact": "0987654321"},  # no consent ticked
    ]
    for mistake in mistakes:
        response = client.post("/report/", {**report_data, **mistake})
        assert response.status_code == 400, mistake
    assert client.post("/report/", report_data).status_code == 302
    assert client.post("/api/v1/reports", report_data).status_code == 201
    assert client.post("/report/", report_data).status_code == 429  # the limit still holds
    assert Report.objects.count() == 2


def test_a_script_hammering_validation_hits_a_ceiling_of_four_times_the_limit(
    client, report_data, limit
):
    bad = {**report_data, "kind": "X"}
    for _ in range(4 * 2):
        assert client.post("/api/v1/reports", bad).status_code == 400
    response = client.post("/api/v1/reports", bad)
    assert response.status_code == 429
    assert "quá nhanh" in response.json()["errors"]["__all__"][0]
    assert int(response["Retry-After"]) >= 1
    # Even a good report waits now: the same client went over the ceiling.
    form = client.post("/report/", report_data)
    assert form.status_code == 429 and "Retry-After" in form
    assert report_data["content"] in form.content.decode()
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    ("rate", "period"),
    [
        ("5/m", "1 phút"),
        ("30/h", "1 giờ"),
        ("10/10s", "10 giây"),
        ("5/90s", "90 giây"),
        ("100/d", "1 ngày"),
        ("10/2h", "2 giờ"),
    ],
)
def test_the_period_in_the_message_is_the_configured_one(rate, period):
    assert throttle.duration(throttle.parse_rate(rate)[1], exact=True) == period


@pytest.mark.parametrize(
    ("seconds", "wait"),
    [
        (1, "1 giây"),
        (59, "59 giây"),
        (60, "1 phút"),
        (61, "2 phút"),
        (3000, "50 phút"),
        (3600, "1 giờ"),
        (7200, "2 giờ"),
    ],
)
def test_the_wait_is_rounded_up_so_nobody_comes_back_too_early(seconds, wait):
    assert throttle.duration(seconds) == wait


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
