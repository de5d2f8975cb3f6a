"""Lan, an inspector, signs in on the admin's login page with no `next`: after
the second step she lands on the admin.

Reviewed: a login posted without `next` (a bookmark of the bare form, an
outside check) went to /accounts/profile/, a page the portal does not have.
"""

import pytest
from django.contrib.auth import get_user_model

from tests.two_factor import both_steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def lan():
    return get_user_model().objects.create_user("lan", password="dung-mat-khau", is_staff=True)


def test_a_login_without_next_lands_on_the_admin_index(client, lan):
    response = both_steps(client, "/admin/login/", {"username": "lan", "password": "dung-mat-khau"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    index = client.get(response["Location"])
    assert index.status_code == 200
    assert index.context["user"] == lan
    assert "/accounts/profile/" not in response["Location"]
