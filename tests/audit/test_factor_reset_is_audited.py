"""Anh Quân resets the factors of Lan, who lost her phone: the audit says who removed what."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from advisories.roles import PUBLISHERS

from .conftest import staff

pytestmark = pytest.mark.django_db


def test_an_administrators_reset_of_a_colleagues_factors_is_in_the_audit(client, quan):
    lan = staff("lan", PUBLISHERS)
    client.force_login(quan)
    client.post(
        "/admin/auth/user/",
        {"action": "reset_second_factor", "_selected_action": [lan.pk]},
        REMOTE_ADDR="203.0.113.7",
    )
    assert not TOTPDevice.objects.filter(user=lan).exists()

    page = client.get(reverse("audit_log"), {"model": "otp_totp.totpdevice"})
    removed = [entry for entry in page.context["entries"] if entry.action == "Xóa"]
    assert [(entry.user, entry.address) for entry in removed] == [("quan", "203.0.113.7")]
    assert "lan" in removed[0].object_label
