import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from PIL import Image

from advisories.models import Advisory, DatePrecision, Organization, Province, ScamPattern
from reports.hotlines import load_hotlines
from reports.models import InspectorProvince, Report, ReportEvent

# An S3-compatible store for the tests that ask for `bucket` (started only for them).
from .object_storage import bucket, s3_endpoint  # noqa: F401


def staff(username, group, province=None):
    """A staff member in a role group; an inspector also gets the province they triage."""
    user = get_user_model().objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    if province:
        InspectorProvince.objects.create(user=user, province=Province.objects.get(slug=province))
    return user


def make_report(province="dak-lak", source="0912345678", kind="LD", chosen=None, **fields):
    """A stored report as filing makes it (its FILED history line included)."""
    as_chosen = Province.objects.get(slug=chosen or province) if province else None
    report = Report.objects.create(
        kind=kind,
        source=source,
        content=fields.pop("content", "Giả danh công an, yêu cầu xác thực sinh trắc học"),
        occurred_at=fields.pop("occurred_at", timezone.now()),
        province=as_chosen.resolve() if as_chosen else None,
        province_as_chosen=as_chosen,
        **fields,
    )
    ReportEvent.objects.create(report=report, kind=ReportEvent.Kind.FILED, status=report.status)
    return report


@pytest.fixture(autouse=True)
def _reports_settings(settings, tmp_path):
    """Evidence goes to a throw-away folder; throttling only where a test turns it on."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REPORT_RATE_LIMIT = "0"


@pytest.fixture
def hotlines(db):
    """The lines of PRODUCT.md, as `load_reference_data` loads them."""
    load_hotlines()


@pytest.fixture
def make_advisory(db):
    """A published letter of an issuer of the seeds (`stttt-ninh-thuan`...), month precision."""
    counter = iter(range(1, 1000))

    def make(issuer="stttt-ninh-thuan", year=2024, month=9, patterns=(), published=True, **kw):
        number = next(counter)
        advisory = Advisory.objects.create(
            issuer=Organization.objects.get(slug=issuer),
            symbol="STTTT-TTra",
            place="Ninh Thuận",
            issued_year=year,
            issued_month=month,
            date_precision=DatePrecision.MONTH,
            summary=kw.pop("summary", f"cảnh báo cuộc gọi mạo danh số {number}"),
            content="Nội dung.",
            signer_title="GIÁM ĐỐC",
            slug=f"cong-van-{issuer}-{number}",
            status=Advisory.Status.PUBLISHED if published else Advisory.Status.DRAFT,
            published_at=timezone.now() if published else None,
            **kw,
        )
        advisory.patterns.set(ScamPattern.objects.filter(slug__in=patterns))
        return advisory

    return make


@pytest.fixture
def report_data():
    """What Chị Lan types after a call from someone claiming to be from the Sở TTTT."""
    return {
        "kind": "LD",
        "source": "+84 912 345 678",
        "content": "Tự xưng cán bộ Sở TTTT, dọa khóa SIM nếu không chuyển tiền",
    }


@pytest.fixture
def nothing_decoded(monkeypatch):
    """Fails the test if Pillow opens or decodes any image from here on."""

    def refuse(*args, **kwargs):
        raise AssertionError("an image was opened or decoded")

    monkeypatch.setattr(Image, "open", refuse)
    monkeypatch.setattr(Image.Image, "load", refuse)


def triage_page(client, report):
    """The hidden fields of the report page as `client` opens it now: the version it
    shows and what it shows (reports.admin.forms.TriageForm), to post back with a save."""
    import html
    import re

    page = client.get(f"/admin/reports/report/{report.pk}/change/").content.decode()
    fields = {}
    for name in ("seen_version", "seen"):
        found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', page)
        assert found, f"no hidden {name} on the report page"
        fields[name] = html.unescape(found.group(1))
    return fields


@pytest.fixture(autouse=True)
def _fresh_bank_list():
    """reports.banks keeps the list in memory: a test's rolled-back rows must not outlive it."""
    from reports.banks import forget

    forget()
    yield
    forget()
