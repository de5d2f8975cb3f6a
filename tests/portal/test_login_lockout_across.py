"""A guesser tries many accounts from one address, or one account from many: both are locked out.

Reviewed: 28 wrong passwords over 7 accounts from one address locked
nothing, and rotating addresses started the count again. Now, within the
15-minute cool-off, one address is locked after 10 failures whatever the
accounts (LOGIN_ADDRESS_FAILURE_LIMIT), and one account after 20 whatever
the addresses (LOGIN_ACCOUNT_FAILURE_LIMIT), except from an address the
account signed in from in the past 30 days: a stranger cannot lock Lan, an
inspector of Hà Nội, out of her own office.
"""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client

from tests.conftest import NOW
from tests.two_factor import both_steps

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
GUESSER = "203.0.113.66"
OFFICE = "198.51.100.20"
HOME = "192.0.2.44"
RIGHT = "dung-mat-khau-cua-lan"


@pytest.fixture
def staff():
    """Seven accounts, Lan's among them; each password is its name's."""
    User = get_user_model()
    names = ["lan", "minh", "hoa", "tuan", "thu", "khoa", "ha"]
    for name in names:
        User.objects.create_user(name, password=f"dung-mat-khau-cua-{name}", is_staff=True)
    return names


def log_in(username, password, address):
    data = {"username": username, "password": password}
    response = both_steps(Client(REMOTE_ADDR=address), LOGIN, data)
    assert response.status_code in (200, 302, 429)
    return response.status_code


def test_28_wrong_passwords_over_seven_accounts_from_one_address_lock_that_address(staff):
    statuses = [log_in(name, f"sai-{round_}", GUESSER) for round_ in range(4) for name in staff]
    assert statuses[:9] == [200] * 9  # the form again, with its error
    assert set(statuses[9:]) == {429}  # the tenth failure from the address locks it
    # Even a right password waits out the cool-off from that address...
    assert log_in("ha", "dung-mat-khau-cua-ha", GUESSER) == 429
    # ...while every account, Lan's included, still signs in from anywhere else.
    assert log_in("lan", RIGHT, OFFICE) == 302
    assert log_in("minh", "dung-mat-khau-cua-minh", HOME) == 302


def rotating(n, start=1):
    """A guesser's addresses: a new one for every try."""
    return [f"198.18.{k // 250}.{k % 250 + 1}" for k in range(start, start + n)]


def signed_in_from(address, days_ago):
    with time_machine.travel(NOW - datetime.timedelta(days=days_ago)):
        assert log_in("lan", RIGHT, address) == 302


def test_twenty_wrong_passwords_from_twenty_addresses_lock_the_account(staff):
    signed_in_from(OFFICE, days_ago=10)
    statuses = [log_in("lan", f"sai-{n}", address) for n, address in enumerate(rotating(20))]
    assert statuses == [200] * 19 + [429]
    assert log_in("lan", RIGHT, rotating(1, start=99)[0]) == 429
    assert log_in("lan", RIGHT, HOME) == 429  # she never signed in from home
    assert log_in("lan", RIGHT, OFFICE) == 302  # her office, where she signed in lately
    assert log_in("minh", "dung-mat-khau-cua-minh", HOME) == 302  # other accounts are free


def test_an_office_she_left_more_than_30_days_ago_is_no_longer_known(staff):
    signed_in_from(OFFICE, days_ago=31)
    for n, address in enumerate(rotating(20)):
        log_in("lan", f"sai-{n}", address)
    assert log_in("lan", RIGHT, OFFICE) == 429


def test_her_own_success_forgets_her_failures_from_every_address(staff):
    signed_in_from(OFFICE, days_ago=2)
    for n, address in enumerate(rotating(19)):
        assert log_in("lan", f"sai-{n}", address) == 200
    assert log_in("lan", RIGHT, OFFICE) == 302
    assert not AccessAttempt.objects.filter(username="lan").exists()
    for n, address in enumerate(rotating(19, start=50)):
        assert log_in("lan", f"sai-{n}", address) == 200


def test_a_guesser_with_an_account_of_his_own_cannot_wipe_his_addresss_count(staff):
    # Khoa is staff: he guesses his colleagues' passwords, signing in as himself in between.
    for n, name in enumerate(["lan", "minh", "hoa", "tuan", "thu", "ha"] * 2):
        if n == 9:
            break
        assert log_in(name, f"sai-{n}", GUESSER) == 200
        if n % 3 == 2:
            assert log_in("khoa", "dung-mat-khau-cua-khoa", GUESSER) == 302
    assert log_in("ha", "sai-9", GUESSER) == 429  # the tenth failure from his address


def test_failures_older_than_the_cool_off_are_forgotten(staff):
    for n in range(9):
        log_in(staff[n % 7], f"sai-{n}", GUESSER)
    with time_machine.travel(NOW + datetime.timedelta(minutes=16)):
        statuses = [log_in(staff[n % 7], f"sai-{n}", GUESSER) for n in range(9)]
    assert statuses == [200] * 9


def test_the_limits_are_settings(staff, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 4
    assert [log_in(name, "sai", GUESSER) for name in staff[1:4]] == [200, 200, 429]
    assert [log_in("lan", "sai", address) for address in rotating(4)] == [200] * 3 + [429]
