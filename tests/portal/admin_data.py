"""What the admin tests here open: a person of each staff role, rows on both sides of a scope.

Inspectors and supervisors triage Đắk Lắk; the publisher publishes for Sở TTTT
Đắk Lắk. Hà Nội's reports and Ninh Bình's draft are outside their scope.
"""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from advisories.models import Advisory, DatePrecision, Organization
from reports.models import Report
from reports.roles import ROLES

from ..reports.conftest import make_report, staff

ROLE_NAMES = [*ROLES, "superuser"]
NOW = datetime.datetime(2026, 11, 18, 15, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
DAY = datetime.timedelta(days=1)


def person(role):
    """`person("inspector")`: a staff member of that role (of Đắk Lắk where a role has a place)."""
    if role == "superuser":
        return get_user_model().objects.create_superuser("root", password="x")
    province = "dak-lak" if role in ("inspector", "supervisor") else None
    user = staff(f"{role}-1", ROLES[role], province)
    if role == "publisher":
        Organization.objects.get(slug="stttt-dak-lak").members.add(user)
    return user


def letter(issuer, summary, published=True):
    return Advisory.objects.create(
        issuer=Organization.objects.get(slug=issuer),
        symbol="STTTT-TTra",
        place="Việt Nam",
        issued_year=2026,
        issued_month=11,
        date_precision=DatePrecision.MONTH,
        summary=summary,
        content="Nội dung.",
        signer_title="GIÁM ĐỐC",
        slug=f"cong-van-{issuer}-{Advisory.objects.count() + 1}",
        status=Advisory.Status.PUBLISHED if published else Advisory.Status.DRAFT,
        published_at=timezone.now() if published else None,
    )


def reports_on_both_sides():
    """Đắk Lắk's reports (new and old, repeated numbers, one assigned) and Hà Nội's two."""
    colleague = staff("binh", ROLES["inspector"], "dak-lak")
    made = {"dak-lak": [], "ha-noi": []}
    for days, province, source, status in [
        (0, "dak-lak", "0912345678", Report.Status.NEW),
        (1, "dak-lak", "0912345678", Report.Status.IN_REVIEW),
        (3, "dak-lak", "0987000111", Report.Status.FORWARDED),
        (10, "dak-lak", "0912345678", Report.Status.NEW),  # over seven days: overdue
        (40, "dak-lak", "0987000111", Report.Status.RESOLVED),
        (2, "ha-noi", "0912345678", Report.Status.NEW),
        (12, "ha-noi", "0909090909", Report.Status.REJECTED),
    ]:
        report = make_report(
            province=province, source=source, content=f"Giả danh công an ở {province}"
        )
        Report.objects.filter(pk=report.pk).update(
            created_at=NOW - days * DAY, status=status, assigned_to=colleague if days == 3 else None
        )
        report.refresh_from_db()
        made[province].append(report)
    return made
