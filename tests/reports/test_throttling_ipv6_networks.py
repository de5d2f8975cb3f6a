"""A script spreads its reports over the /64s of one /56: the /56 is counted too.

Reviewed: 40 /64s of one /56 passed a limit of 5 a minute. A household or
small office gets a /56 and may use several of its /64s, so that network
gets three times each limit (CLIENT_IPV6_WIDE_FACTOR), on top of each /64's
own; and three of its reports' files examined at once. IPv4 clients are
counted as before.
"""

import pytest
from django.test import RequestFactory

from portal import counters
from portal.clients import client_network
from reports import throttle
from reports.models import Report

from .media import png, upload

pytestmark = pytest.mark.django_db

API, FORM = "/api/v1/reports", "/report/"


@pytest.fixture
def limit(settings, monkeypatch):
    """Five reports a minute, the throttle's clock stopped 10 s into a window."""
    settings.REPORT_RATE_LIMIT = "5/m"
    monkeypatch.setattr(throttle, "_now", lambda: 29_000_000 * 60 + 10.5)


@pytest.fixture(params=["database", "cache"])
def shared_counters(request, settings):
    settings.SHARED_COUNTERS = request.param


def in_56(n, network="2001:db8:ab"):
    """An address in the n-th /64 (of 256) of the /56 `2001:db8:ab::/56`."""
    return f"{network}:{n:x}:{n * 7:x}::{n + 1:x}"


def test_forty_64s_of_one_56_file_three_times_the_limit(
    client, report_data, limit, shared_counters
):
    responses = [client.post(API, report_data, REMOTE_ADDR=in_56(n)) for n in range(40)]
    assert [r.status_code for r in responses] == [201] * 15 + [429] * 25
    assert Report.objects.count() == 15
    refused = responses[15].json()["errors"]["__all__"][0]
    assert "Mạng của bạn (cùng một nhà hoặc cơ quan) đã gửi tối đa 15 phản ánh trong 1 phút" in (
        refused
    )
    assert responses[15]["Retry-After"] == "50"


def test_a_neighbour_in_another_56_is_not_held_back(client, report_data, limit):
    for n in range(16):
        client.post(API, report_data, REMOTE_ADDR=in_56(n))
    neighbour = client.post(API, report_data, REMOTE_ADDR=in_56(0, network="2001:db8:ac"))
    assert neighbour.status_code == 201


def test_one_64_over_its_own_limit_does_not_use_up_its_neighbours_share(client, report_data, limit):
    statuses = [client.post(API, report_data, REMOTE_ADDR=in_56(0)).status_code for _ in range(12)]
    assert statuses == [201] * 5 + [429] * 7  # the /64's own limit
    for n in (1, 2):  # two more /64s: the network's 15 are not spent by the refusals
        statuses = [
            client.post(API, report_data, REMOTE_ADDR=in_56(n)).status_code for _ in range(5)
        ]
        assert statuses == [201] * 5
    assert client.post(API, report_data, REMOTE_ADDR=in_56(3)).status_code == 429


def test_the_form_says_so_too_and_keeps_the_text(client, report_data, limit):
    for n in range(15):
        assert client.post(FORM, report_data, REMOTE_ADDR=in_56(n)).status_code == 302
    response = client.post(FORM, report_data, REMOTE_ADDR=in_56(15))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Mạng của bạn (cùng một nhà hoặc cơ quan) đã gửi tối đa 15 phản ánh" in html
    assert report_data["content"] in html


def test_ipv4_clients_are_counted_as_before(client, report_data, limit):
    statuses = [
        client.post(API, report_data, REMOTE_ADDR=f"203.0.113.{n}").status_code for n in range(20)
    ]
    assert statuses == [201] * 20  # twenty households, five each


def test_the_wide_prefix_and_its_factor_are_settings(client, report_data, limit, settings):
    settings.CLIENT_IPV6_WIDE_PREFIX = 48
    settings.CLIENT_IPV6_WIDE_FACTOR = 2
    # One /64 in each of twelve /56s of one /48.
    statuses = [
        client.post(API, report_data, REMOTE_ADDR=f"2001:db8:ab:{n:02x}00::1").status_code
        for n in range(12)
    ]
    assert statuses == [201] * 10 + [429] * 2
    settings.CLIENT_IPV6_WIDE_PREFIX = 64  # no wider count
    statuses = [
        client.post(API, report_data, REMOTE_ADDR=f"2001:db8:cd:{n:x}::1").status_code
        for n in range(12)
    ]
    assert statuses == [201] * 12


def test_three_64s_of_one_56_have_files_examined_at_once_not_four(
    client, report_data, limit, shared_counters
):
    def request_from(n):
        return RequestFactory().post("/", REMOTE_ADDR=in_56(n))

    slots = throttle.network_slot_keys(request_from(0))
    assert len(slots) == 3
    for slot in slots:  # three uploads under way in the household
        assert counters.acquire(slot, timeout=throttle.EVIDENCE_SLOT_SECONDS)
    files = [upload("man-hinh.png", png())]
    response = client.post(FORM, {**report_data, "evidence": files}, REMOTE_ADDR=in_56(3))
    assert response.status_code == 429
    assert response["Retry-After"] == str(throttle.EVIDENCE_BUSY_RETRY_AFTER)
    html = response.content.decode()
    assert "đang có 3 phản ánh được kiểm tra tệp đính kèm" in html
    assert report_data["content"] in html
    # The refused client's own slot was given back.
    own = throttle.evidence_slot_key(request_from(3))
    assert counters.acquire(own, timeout=60)
    counters.release(own)
    counters.release(slots[0])  # one of the three is done
    files = [upload("man-hinh.png", png())]
    response = client.post(FORM, {**report_data, "evidence": files}, REMOTE_ADDR=in_56(4))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("seen", "network"),
    [
        ("2001:db8:ab:cd:1:2:3:4", "2001:db8:ab::/56"),
        ("2001:db8:ab:ff::1", "2001:db8:ab::/56"),
        ("203.0.113.7", None),
        ("::ffff:203.0.113.7", None),
        ("not an address", None),
    ],
)
def test_the_network_counted(seen, network):
    assert client_network(RequestFactory().get("/", REMOTE_ADDR=seen)) == network
