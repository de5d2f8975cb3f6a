"""A client on IPv6 picks a new address from its /64 for every request: it is still one client.

Reviewed: 30 of 30 reports from one /64 passed a limit of 5, and 20 wrong
admin passwords from rotating addresses never locked. Throttling and the
login lockout now count an IPv6 client by its prefix (CLIENT_IPV6_PREFIX).
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from portal.clients import client_ip
from reports.models import Report
from tests.two_factor import both_steps

pytestmark = pytest.mark.django_db

REPORT = {"kind": "LD", "source": "0912345678", "content": "Giả danh công an"}


def in_one_64(n):
    return f"2001:db8:ab:cd:{n:x}:{n * 7:x}:{n * 13:x}:1"


def test_thirty_reports_from_one_64_meet_the_limit_of_five(client, settings):
    settings.REPORT_RATE_LIMIT = "5/d"
    statuses = [
        client.post("/api/v1/reports", REPORT, REMOTE_ADDR=in_one_64(n)).status_code
        for n in range(30)
    ]
    assert statuses == [201] * 5 + [429] * 25
    assert Report.objects.count() == 5


def test_a_neighbour_in_another_64_is_not_held_back(client, settings):
    settings.REPORT_RATE_LIMIT = "5/d"
    for n in range(6):
        client.post("/api/v1/reports", REPORT, REMOTE_ADDR=in_one_64(n))
    neighbour = client.post("/api/v1/reports", REPORT, REMOTE_ADDR="2001:db8:ab:ce::1")
    assert neighbour.status_code == 201


def test_the_prefix_is_configurable(settings):
    factory = RequestFactory()
    one = factory.get("/", REMOTE_ADDR="2001:db8:ab:cd::1")
    other = factory.get("/", REMOTE_ADDR="2001:db8:ab:ff::1")  # same /56, another /64
    assert client_ip(one) != client_ip(other)
    settings.CLIENT_IPV6_PREFIX = 56
    assert client_ip(one) == client_ip(other) == "2001:db8:ab::"


@pytest.mark.parametrize(
    ("seen", "counted"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("::ffff:203.0.113.7", "203.0.113.7"),  # an IPv4 client on a dual-stack socket
        ("2001:db8:ab:cd:1:2:3:4", "2001:db8:ab:cd::"),
        ("[2001:db8:ab:cd::9]", "2001:db8:ab:cd::"),
        ("not an address", None),
    ],
)
def test_the_address_counted(seen, counted):
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR=seen)) == counted


def test_the_prefix_applies_behind_a_trusted_proxy_too(settings):
    settings.REPORT_TRUSTED_PROXIES = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="2001:db8:ab:cd:5:6:7:8"
    )
    assert client_ip(request) == "2001:db8:ab:cd::"


def test_twenty_wrong_passwords_from_rotating_addresses_lock_the_guesser_out():
    get_user_model().objects.create_user("lan", password="dung-mat-khau", is_staff=True)
    office = Client(REMOTE_ADDR="2001:db8:1:1::5")
    # Lan signs in from her office every day: the account's own count across addresses
    # (20, reached below) does not lock her out there (tests/portal/test_login_lockout.py).
    assert (
        both_steps(
            office, "/admin/login/", {"username": "lan", "password": "dung-mat-khau"}
        ).status_code
        == 302
    )
    statuses = []
    for n in range(20):
        guesser = Client(REMOTE_ADDR=in_one_64(n))
        response = guesser.post("/admin/login/", {"username": "lan", "password": f"sai-{n}"})
        statuses.append(response.status_code)
    assert statuses[:4] == [200] * 4  # the form again, with its error
    assert set(statuses[4:]) == {429}
    right = Client(REMOTE_ADDR=in_one_64(99)).post(
        "/admin/login/", {"username": "lan", "password": "dung-mat-khau"}
    )
    assert right.status_code == 429  # the whole /64 waits out the cool-off
    again = both_steps(
        Client(REMOTE_ADDR="2001:db8:1:1::7"),
        "/admin/login/",
        {"username": "lan", "password": "dung-mat-khau"},
    )
    assert again.status_code == 302  # Lan, from her office's network, still gets in
