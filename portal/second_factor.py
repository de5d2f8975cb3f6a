"""The second step of a staff sign-in, and enrolling the factors (portal.two_factor).

- `verify` (/admin/second-factor/): after the password, a code from the app, a
  recovery code, or a passkey. A wrong code counts as a failed login (django-axes,
  portal.lockout), so codes cannot be guessed faster than passwords.
- `enrol` (/admin/second-factor/enrol/): a staff member with no factor yet scans a
  QR code and types the app's code; ten recovery codes are shown once.
- `devices` (/admin/second-factor/devices/, verified sessions only): the factors
  one has, new recovery codes, passkeys added or removed.

These pages are not `admin_view`s (the first two are for sessions not yet
verified) and check what they need themselves.
"""

from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import CompleteCredentialAuthenticationView

from . import two_factor
from .admin_site import is_verified

ENROL_DEVICE = "portal_enrol_device"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=64,
        help_text=gettext_lazy(
            "Sáu chữ số trong ứng dụng xác thực, hoặc một mã dự phòng (mỗi mã chỉ dùng một lần)."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


def _next(request):
    """Where to go after the second step: the login's `next` if it is ours, else the index."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _to_login(request):
    return HttpResponseRedirect(f"{reverse('admin:login')}?{urlencode({'next': _next(request)})}")


def _signed_in_staff(request):
    user = request.user
    return user.is_authenticated and user.is_active and user.is_staff


def _context(request, **extra):
    return {
        **admin.site.each_context(request),
        "next": _next(request),
        "site_header": admin.site.site_header,
        **extra,
    }


def log_factor_change(actor, user, message):
    """An entry in the user's admin history: the factors changed, never their secrets."""
    LogEntry.objects.log_actions(
        user_id=actor.pk, queryset=[user], action_flag=CHANGE, change_message=message
    )


def _passed(request, user, device):
    """The second step passed: the session is verified, and counts as a successful login."""
    otp_login(request, device)
    _recorded(request, user)


def _recorded(request, user):
    request.session.cycle_key()  # a new session key for the verified session
    request.portal_second_factor_passed = True
    # Only now does django-axes record the login and forget the account's failures
    # (portal.lockout.LockoutHandler skips the password step).
    AxesProxyHandler.user_logged_in(sender=get_user_model(), request=request, user=user)


def _failed(request, user):
    AxesProxyHandler.update_request(request)
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )


def _locked(request, user):
    AxesProxyHandler.update_request(request)
    return AxesProxyHandler.is_locked(request, {"username": user.get_username()})


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    if not _signed_in_staff(request):
        return _to_login(request)
    user = request.user
    if is_verified(user):
        return HttpResponseRedirect(_next(request))
    if not two_factor.has_second_factor(user):
        return HttpResponseRedirect(
            f"{reverse('admin:second_factor_enrol')}?{urlencode({'next': _next(request)})}"
        )
    if _locked(request, user):
        return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.matching_device(user, form.cleaned_data["code"])
        if device is not None:
            _passed(request, user, device)
            if device.persistent_id.startswith("otp_static"):
                left = two_factor.recovery_codes_left(user)
                messages.warning(
                    request,
                    _(
                        "Bạn vừa dùng một mã dự phòng; còn %(left)d mã. Hãy tạo mã mới "
                        "trong trang Xác thực hai bước khi còn ít."
                    )
                    % {"left": left},
                )
            return HttpResponseRedirect(_next(request))
        _failed(request, user)
        if _locked(request, user):
            return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)
        form.add_error(
            "code",
            _(
                "Mã không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trong ứng dụng, "
                "hoặc một mã dự phòng chưa dùng."
            ),
        )
    context = _context(
        request,
        title=_("Xác thực bước hai"),
        form=form,
        passkey=two_factor.has_passkey(user),
        app=two_factor.app_device(user) is not None,
    )
    return render(request, "admin/second_factor/verify.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request):
    """An authenticator app: for staff without any factor, or verified staff replacing theirs."""
    if not _signed_in_staff(request):
        return _to_login(request)
    user = request.user
    verified = is_verified(user)
    if not verified and two_factor.has_second_factor(user):
        # Adding a factor takes the one already held: a password alone adds none.
        return HttpResponseRedirect(
            f"{reverse('admin:second_factor')}?{urlencode({'next': _next(request)})}"
        )
    device = two_factor.pending_app_device(user, request.session.get(ENROL_DEVICE))
    request.session[ENROL_DEVICE] = device.pk
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_is_allowed()[0] and device.verify_token(
            two_factor.normalised(form.cleaned_data["code"])
        ):
            two_factor.confirm_app_device(device)
            codes = two_factor.new_recovery_codes(user)
            del request.session[ENROL_DEVICE]
            if not verified:
                _passed(request, user, device)
            log_factor_change(user, user, _("Đã đăng ký ứng dụng xác thực và 10 mã dự phòng."))
            context = _context(request, title=_("Mã dự phòng"), codes=codes)
            return render(request, "admin/second_factor/recovery_codes.html", context)
        if not verified:
            _failed(request, user)
        form.add_error(
            "code",
            _(
                "Mã không khớp. Kiểm tra đồng hồ của điện thoại, rồi nhập mã đang hiện trong "
                "ứng dụng."
            ),
        )
    context = _context(
        request,
        title=_("Đăng ký xác thực hai bước"),
        form=form,
        qr=two_factor.qr_svg(device.config_url),
        secret=two_factor.b32_secret(device),
        replacing=verified and two_factor.app_device(user) is not None,
    )
    return render(request, "admin/second_factor/enrol.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def devices(request):
    """A verified staff member's own factors (an admin_view: verified sessions only)."""
    user = request.user
    if request.method == "POST":
        if "recovery" in request.POST:
            codes = two_factor.new_recovery_codes(user)
            log_factor_change(user, user, _("Đã tạo 10 mã dự phòng mới."))
            context = _context(request, title=_("Mã dự phòng"), codes=codes)
            return render(request, "admin/second_factor/recovery_codes.html", context)
        remove = request.POST.get("remove_passkey", "")
        if remove.isdigit():
            removed, _objects = WebAuthnCredential.objects.filter(
                user=user, pk=int(remove)
            ).delete()
            if removed:
                log_factor_change(user, user, _("Đã xóa một khóa truy cập (passkey)."))
                messages.success(request, _("Đã xóa khóa truy cập."))
        return HttpResponseRedirect(reverse("admin:second_factor_devices"))
    context = _context(
        request,
        title=_("Xác thực hai bước"),
        app=two_factor.app_device(user),
        recovery_left=two_factor.recovery_codes_left(user),
        passkeys=WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("pk"),
    )
    return render(request, "admin/second_factor/devices.html", context)


class PasskeyCompleted(CompleteCredentialAuthenticationView):
    """django-otp-webauthn's last step of a passkey sign-in, recorded as the code form's is."""

    def complete_auth(self, device):
        user = super().complete_auth(device)
        _recorded(self.request, user)
        return user
