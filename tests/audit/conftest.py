import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from advisories.models import Province
from advisories.roles import ADMINISTRATORS, PUBLISHERS
from reports.models import Hotline, InspectorProvince
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS, SUPERVISORS
from tests.two_factor import app_of


def staff(username, group=None, province=None, **fields):
    user = get_user_model().objects.create_user(username, password="x", is_staff=True, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    if province:
        InspectorProvince.objects.create(user=user, province=Province.objects.get(slug=province))
    app_of(user)  # their phone, enrolled before the changes each test makes (and audits)
    return user


@pytest.fixture
def quan(db):
    """Anh Quân, the deployment's administrator (the administrators' group, no superuser)."""
    return staff("quan", ADMINISTRATORS)


@pytest.fixture
def refused(db):
    """Staff of every other role: none of them may read the audit."""
    return [
        staff("thu", PUBLISHERS),
        staff("lan", INSPECTORS, "dak-lak"),
        staff("minh", SUPERVISORS, "dak-lak"),
        staff("hai", NATIONAL_INSPECTORS),
    ]


def hotline_form(line, **changes):
    """The hotline's admin change form as the browser posts it, with `changes`."""
    data = {
        "scope": line.scope,
        "province": line.province_id or "",
        "number": line.number,
        "channel": line.channel,
        "kinds": line.kinds.split(),
        "label": line.label,
        "note": line.note,
        "source_advisory": line.source_advisory_id or "",
        "announced_by": line.announced_by_id or "",
        "announced_year": line.announced_year,
        "announced_month": line.announced_month or "",
        "position": line.position,
        "is_active": "on" if line.is_active else "",
    }
    data.update(changes)
    return data


@pytest.fixture
def hotline_156(db):
    """156, in force: approved, so a change waits for a second administrator."""
    line = Hotline.objects.create(
        scope=Hotline.Scope.NATIONAL,
        number="156",
        channel="call",
        label="Trung tâm giám sát an toàn không gian mạng quốc gia",
        announced_year=2024,
        review=Hotline.Review.APPROVED,
        approved_at=timezone.now(),
    )
    return line
