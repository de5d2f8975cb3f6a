"""Passwords, second-factor secrets and citizens' reports never reach the history tables.

The history tables have no column for them, and no value of any row is one of
them: checked across every table of the audit app, after the secrets were set
and changed the way staff and the portal do.
"""

import pytest
from django.apps import apps
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from advisories.models import Province
from reports import triage
from reports.models import Report

from .conftest import staff

pytestmark = pytest.mark.django_db


def every_stored_value():
    """Each value of each row of each table of the audit app, as text."""
    values = []
    for model in apps.get_app_config("audit").get_models():
        if not model._meta.managed:
            continue
        for row in model.objects.values_list():
            values.extend(str(value) for value in row)
    return " ".join(values)


def columns():
    return {
        field.name
        for model in apps.get_app_config("audit").get_models()
        for field in model._meta.fields
    }


def test_no_password_and_no_second_factor_secret():
    user = staff("thu")
    user.set_password("mat-khau-moi-rat-dai-2026")
    user.save()
    hashed = user.password
    totp = TOTPDevice.objects.create(
        user=user, name="Điện thoại", key="3132333435363738393031323334353637383930"
    )
    totp.key = "aabbccddeeff00112233445566778899aabbccdd"
    totp.save()
    recovery = StaticDevice.objects.create(user=user, name="Mã dự phòng")
    StaticToken.objects.create(device=recovery, token="k7q2m9x4")
    WebAuthnCredential.objects.create(
        user=user,
        name="Khóa bảo mật",
        credential_id=b"credential-id-bytes-1234",
        credential_id_sha256="ab" * 32,
        public_key=b"public-key-bytes-5678",
        sign_count=1,
    )

    assert {"password", "key", "token", "public_key", "credential_id"}.isdisjoint(columns())
    stored = every_stored_value()
    for secret in (
        hashed,
        "mat-khau-moi",
        "3132333435363738393031323334353637383930",
        "aabbccddeeff00112233445566778899aabbccdd",
        "k7q2m9x4",
        "credential-id-bytes",
        "public-key-bytes",
        "ab" * 32,
    ):
        assert secret not in stored
    # The devices themselves are recorded: who enrolled which factor, when.
    assert totp.history.count() == 2
    assert recovery.history.count() == 1


def test_a_login_adds_no_empty_row(client):
    user = staff("lan")
    before = user.history.count()
    response = client.post(reverse("admin:login"), {"username": "lan", "password": "x"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.last_login is not None
    assert user.history.count() == before


def test_a_citizens_contact_and_receipt_code_never_appear(hotline_156):
    lan = staff("lan", "Thanh tra viên", "dak-lak")
    report = Report.objects.create(
        kind="LD",
        source="0912345678",
        content="Giả danh công an yêu cầu cài ứng dụng",
        occurred_at="2026-11-17T09:00:00+07:00",
        province=Province.objects.get(slug="dak-lak"),
        contact="nguoidan.hoa@example.com",
        contact_consent_text="Tôi đồng ý được liên hệ lại",
        contact_consented_at="2026-11-17T09:05:00+07:00",
    )
    triage.take_step(report, "review", by=lan)
    triage.reply(report, "Đã tiếp nhận, cảm ơn bạn", by=lan)

    assert not hasattr(Report, "history")
    stored = every_stored_value()
    assert report.code not in stored
    assert "nguoidan.hoa@example.com" not in stored
    assert "0912345678" not in stored
    assert {"contact", "code"}.isdisjoint(columns())
