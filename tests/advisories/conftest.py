"""Actors and letters for the advisories tests.

Named actors, as in the issue: a citizen (anonymous client), a publisher of
Sở TTTT Đắk Lắk, a publisher of Sở TTTT Ninh Bình, an administrator. Letters
are made by `make_advisory`, modelled on the five seed letters.
"""

import itertools
import os

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from advisories.models import Advisory, DatePrecision, Organization
from advisories.roles import ADMINISTRATORS, PUBLISHERS

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Letter originals go to a folder of the test's own, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tesseract():
    """Tesseract with the Vietnamese model. CI installs it (.ci/run) and sets REQUIRE_TESSERACT=1,
    so there a missing Tesseract fails instead of skipping."""
    from advisories import ocr

    if not ocr.available():
        message = "Tesseract with Vietnamese is not installed (apt-get install tesseract-ocr-vie)"
        if os.environ.get("REQUIRE_TESSERACT"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def no_parsing(monkeypatch):
    """Parsing a letter's text starts by splitting it into lines: here that fails the test.

    For the files that must be refused before their text is parsed.
    """
    from advisories import letter_parser

    def split(text):
        raise AssertionError("the text was parsed")

    monkeypatch.setattr(letter_parser, "_split", split)


NINH_BINH_CONTENT = (
    "Theo phản ánh, thời gian gần đây trên địa bàn tỉnh Ninh Bình xuất hiện một số đối "
    "tượng sử dụng số điện thoại lạ để **mạo danh Lãnh đạo** của một số cơ quan.\n\n"
    "- Thông tin, tuyên truyền đến toàn bộ cán bộ, công chức.\n\n"
    "- Khi nhận được cuộc gọi có dấu hiệu lừa đảo, phản ánh tới số Tổng đài 156 hoặc 5656."
)


@pytest.fixture
def make_advisory(db):
    """`make_advisory("stttt-ninh-binh", summary=..., published=True)` → a saved letter."""

    def make(issuer="stttt-ninh-binh", *, published=True, patterns=(), **fields):
        organization = Organization.objects.get(slug=issuer)
        n = next(_counter)
        values = {
            "issuer": organization,
            "number": "",
            "symbol": f"{organization.symbol}-TTra",
            "place": organization.place,
            "issued_year": 2024,
            "issued_month": 2,
            "issued_day": None,
            "date_precision": DatePrecision.MONTH,
            "summary": f"cảnh báo các cuộc gọi mạo danh với mục đích lừa đảo ({n})",
            "recipients": "Các Sở, ban, ngành của tỉnh;\nCông an tỉnh;",
            "content": NINH_BINH_CONTENT,
            "signer_authority": "KT. GIÁM ĐỐC",
            "signer_title": "PHÓ GIÁM ĐỐC",
            "signer_name": "Đặng Tùng Anh",
            "distribution": "Như trên;\nLưu: VT.",
            "slug": f"{issuer}-2024-{n}",
        }
        values.update(fields)
        if published:
            values.setdefault("status", Advisory.Status.PUBLISHED)
            values.setdefault("published_at", timezone.now() - timezone.timedelta(hours=n))
        advisory = Advisory(**values)
        advisory.full_clean()
        advisory.save()
        if patterns:
            advisory.patterns.set(patterns)
        return advisory

    return make


def _staff(django_user_model, username, group, organizations=()):
    user = django_user_model.objects.create_user(username, password="mật-khẩu-dài-123")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group))
    for slug in organizations:
        Organization.objects.get(slug=slug).members.add(user)
    return user


@pytest.fixture
def dak_lak_publisher(db, django_user_model):
    return _staff(django_user_model, "can-bo-dak-lak", PUBLISHERS, ["stttt-dak-lak"])


@pytest.fixture
def ninh_binh_publisher(db, django_user_model):
    return _staff(django_user_model, "can-bo-ninh-binh", PUBLISHERS, ["stttt-ninh-binh"])


@pytest.fixture
def ninh_binh_colleague(db, django_user_model):
    """A second publisher of Sở TTTT Ninh Bình: the one who approves the first one's letters."""
    return _staff(django_user_model, "can-bo-ninh-binh-2", PUBLISHERS, ["stttt-ninh-binh"])


@pytest.fixture
def administrator(db, django_user_model):
    return _staff(django_user_model, "quan-tri", ADMINISTRATORS)


@pytest.fixture
def as_user(client):
    """`as_user(user)` → the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def admin_form_data():
    """`admin_form_data(issuer, **fields)` → a POST body for the advisory add/change form."""

    def data(issuer, **fields):
        body = {
            "issuer": str(issuer.pk),
            "slug": "",
            "number": "",
            "symbol": "STTTT-TTra",
            "place": issuer.place,
            "date_precision": "month",
            "issued_day": "",
            "issued_month": "2",
            "issued_year": "2024",
            "summary": "cảnh báo các cuộc gọi mạo danh với mục đích lừa đảo",
            "recipients": "Các Sở, ban, ngành của tỉnh;",
            "content": "Theo phản ánh, có đối tượng mạo danh lãnh đạo Sở.",
            "signer_authority": "KT. GIÁM ĐỐC",
            "signer_title": "PHÓ GIÁM ĐỐC",
            "signer_name": "Đặng Tùng Anh",
            "distribution": "Như trên;\nLưu: VT.",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
            "citations-MIN_NUM_FORMS": "0",
            "citations-MAX_NUM_FORMS": "1000",
        }
        body.update({k: "" if v is None else str(v) for k, v in fields.items()})
        return body

    return data
