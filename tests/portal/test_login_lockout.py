"""Someone guesses an inspector's password: after five tries that pair is locked out.

django-axes counts failed logins per user name and address, so the guesser
waits out the cool-off while the inspector still logs in from her office.
Counts across addresses and across accounts: test_login_lockout_across.py.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.two_factor import both_steps

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def inspector():
    return get_user_model().objects.create_user("lan", password="dung-mat-khau", is_staff=True)


def log_in(password, address="203.0.113.7"):
    client = Client(REMOTE_ADDR=address)
    return both_steps(client, LOGIN, {"username": "lan", "password": password})


def test_five_wrong_passwords_lock_that_address_out_even_with_the_right_one(inspector):
    for _ in range(4):
        assert log_in("sai").status_code == 200  # the form again, with its error
    locked = log_in("sai")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    assert log_in("dung-mat-khau").status_code == 429


def test_the_inspector_still_logs_in_from_another_address(inspector):
    for _ in range(5):
        log_in("sai")
    assert log_in("dung-mat-khau", address="198.51.100.2").status_code == 302


def test_a_successful_login_forgets_earlier_mistakes(inspector):
    for _ in range(4):
        log_in("sai")
    assert log_in("dung-mat-khau").status_code == 302
    for _ in range(4):
        assert log_in("sai").status_code == 200
