"""The demo staff: one account per role, inspectors for a few provinces, made by create_staff."""

import secrets

from django.contrib.auth import get_user_model

from advisories.models import Province

from ..management.commands.create_demo_accounts import create_demo_staff
from .history import Staffing

# username, create_staff --role, scope. Inspectors are named after the
# (current) province they triage: thanhtra-<province slug>.
DEMO_STAFF = [
    ("thanhtra-ha-noi", "inspector", {"province": "ha-noi"}),
    ("thanhtra-ho-chi-minh", "inspector", {"province": "ho-chi-minh"}),
    ("truongnhom-ho-chi-minh", "supervisor", {"province": "ho-chi-minh"}),
    ("thanhtra-dak-lak", "inspector", {"province": "dak-lak"}),
    ("truongnhom-dak-lak", "supervisor", {"province": "dak-lak"}),
    ("thanhtra-dong-nai", "inspector", {"province": "dong-nai"}),
    ("thanhtra-khanh-hoa", "inspector", {"province": "khanh-hoa"}),
    ("thanhtra-toanquoc", "national", {}),
    ("quantri-demo", "administrator", {}),
    ("bientap-dak-lak", "publisher", {"organization": "stttt-dak-lak"}),
]


def ensure_staff(password=None):
    """Create the missing demo accounts; returns (usernames created, the password used).

    Existing accounts are left alone, their password included. New ones get
    `password`, or one random password drawn here (never from the seed: a
    demo password must not be guessable from a benchmark's command line).
    """
    User = get_user_model()
    existing = set(
        User.objects.filter(username__in=[name for name, _r, _s in DEMO_STAFF]).values_list(
            "username", flat=True
        )
    )
    missing = [entry for entry in DEMO_STAFF if entry[0] not in existing]
    if not missing:
        return [], None
    password = password or secrets.token_urlsafe(12)
    for username, role, scope in missing:
        create_demo_staff(username, role, scope, password)
    return [username for username, _r, _s in missing], password


def staffing():
    """Who triages what among the demo staff, in a fixed order (reproducible draws)."""
    users = get_user_model().objects.in_bulk(
        [name for name, _r, _s in DEMO_STAFF], field_name="username"
    )
    result = Staffing()
    for username, role, scope in DEMO_STAFF:
        user = users.get(username)
        if user is None or not user.is_active:
            continue
        if role == "national":
            result.national.append(user)
        elif role in ("inspector", "supervisor"):
            province = Province.resolve_slug(scope["province"])
            result.local.setdefault(province.pk, []).append(user)
            if role == "supervisor":
                result.supervisors.setdefault(province.pk, []).append(user)
    return result
