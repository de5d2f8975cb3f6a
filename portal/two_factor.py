"""The staff second factor (issue 17): which devices a staff member has, and the checks.

Reviewed: one stolen publisher password published a letter the portal then
verified for anyone. Every staff sign-in now takes two steps (portal.admin_site,
portal.second_factor): the password, then one of

- a six-digit code from an authenticator app (a django-otp TOTP device),
- one of ten recovery codes, each good once (a static device), or
- a passkey (django-otp-webauthn).

A session past the password but not the second step is "unverified": the
middleware below shows it to every page as an anonymous visitor's, except the
pages of the second step itself, so nothing the portal serves (admin, exports,
downloads, API) ever acts for it.

The enrolment page shows the otpauth:// URI as a QR code drawn here as inline
SVG (segno, pure Python): nothing is fetched from a CDN, and the secret never
leaves the portal in a third-party image request.
"""

import re
from binascii import unhexlify

import segno
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse
from django_otp.middleware import OTPMiddleware
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

RECOVERY_CODES = 10
APP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"


def qr_svg(uri: str) -> str:
    """The URI as an inline <svg> element, for an authenticator app to scan."""
    return segno.make(uri, error="m").svg_inline(scale=4, light="#fff")


def totp_code(hex_key: str) -> str:
    """The six-digit code a TOTP device with this hex key shows now.

    bench/ and the browser tests sign in with it, as a phone would.
    """
    return f"{totp(unhexlify(hex_key)):06d}"


def passkey_rp_id(request):
    """The passkey's relying party: the host name staff sign in on, without its port."""
    from django.http.request import split_domain_port

    domain, _port = split_domain_port(request.get_host())
    return domain


def app_device(user):
    """The user's confirmed authenticator app, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user):
    """Whether the user can pass the second step: an app, a recovery code left, or a passkey."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or StaticToken.objects.filter(device__user=user, device__confirmed=True).exists()
        or WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    )


def has_passkey(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def pending_app_device(user, device_id=None):
    """The unconfirmed app device being enrolled (`device_id` from the session), or a new one."""
    if device_id is not None:
        found = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
        if found is not None:
            return found
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def confirm_app_device(device):
    """The enrolled app replaces any earlier one."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])


@transaction.atomic
def new_recovery_codes(user):
    """Ten new recovery codes (the old ones stop working), to be shown once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def new_app_device(user):
    """A confirmed app device made by an administrator's command (create_staff --totp)."""
    device = TOTPDevice(user=user, name=APP_DEVICE_NAME, confirmed=True)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device.save()
    return device


@transaction.atomic
def reset_factors(user):
    """Every device of the user removed: the next sign-in enrols again. How many there were."""
    removed = 0
    for model in (TOTPDevice, StaticDevice, WebAuthnCredential):
        count, _ = model.objects.filter(user=user).delete()
        removed += count
    return removed


def normalised(code):
    """What a person types, as a device compares it: no spaces or dashes, lower case."""
    return re.sub(r"[\s-]+", "", code or "").lower()[:64]


def matching_device(user, code):
    """The device that accepts `code` (an app's six digits, or a recovery code), or None.

    django-otp counts each device's failures and makes it wait longer after each
    (its throttling), and an app's code is good once.
    """
    code = normalised(code)
    if not code:
        return None
    if code.isdigit():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    for device in devices:
        if device.verify_is_allowed()[0] and device.verify_token(code):
            return device
    return None


def unverified_may_open(path):
    """The pages a session between the two steps may reach: the second step's own."""
    prefix = reverse("admin:second_factor")
    if not path.startswith(prefix):
        return path == reverse("admin:logout")
    rest = path[len(prefix) :]
    return rest in ("", "enrol/", "passkey/jsi18n/") or rest.startswith("passkey/authentication/")


def _masked(request, user):
    if user.is_authenticated and not user.is_verified():
        return user if unverified_may_open(request.path_info) else _Unverified()
    return user


class _Unverified(AnonymousUser):
    """What every other page sees of a session past the password only."""

    otp_device = None

    def is_verified(self):
        return False


class StaffOTPMiddleware(OTPMiddleware):
    """django-otp's middleware (user.is_verified()), and unverified sessions shown as anonymous."""

    def _verify_user_sync(self, request, user):
        user = super()._verify_user_sync(request, user)
        return _masked(request, user)

    async def _verify_user_async_via_auser(self, request, auser):
        user = await super()._verify_user_async_via_auser(request, auser)
        return _masked(request, user)


def b32_secret(device):
    """The key as an authenticator app asks for it when typed by hand (groups of four)."""
    from base64 import b32encode

    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
