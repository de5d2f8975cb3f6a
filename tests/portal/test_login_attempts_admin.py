"""Hùng, the administrator, clears expired login attempts from the admin's list.

django-axes' own action answered 500 every time (it reads a request attribute
only its login path sets); found by the admin fuzz test.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.utils import timezone

pytestmark = pytest.mark.django_db


def attempt(username, minutes_ago):
    made = AccessAttempt.objects.create(
        username=username, ip_address="203.0.113.7", user_agent="curl", failures_since_start=3
    )
    then = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    AccessAttempt.objects.filter(pk=made.pk).update(attempt_time=then)
    return made


def test_the_clean_up_action_removes_attempts_older_than_the_cool_off(client):
    client.force_login(get_user_model().objects.create_superuser("hung", password="x"))
    old, fresh = attempt("old", minutes_ago=60), attempt("fresh", minutes_ago=1)
    response = client.post(
        "/admin/axes/accessattempt/",
        {"action": "cleanup_expired_attempts", "_selected_action": [str(fresh.pk)], "index": "0"},
        follow=True,
    )
    assert response.status_code == 200
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["fresh"]
    assert not AccessAttempt.objects.filter(pk=old.pk).exists()
