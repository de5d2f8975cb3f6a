"""The history tables: one per audited model, each row the values after a change.

django-simple-history makes them (`register(..., app="audit")`: the tables and
their migrations are this app's, the audited apps stay as they are). Each row
also has who (history_user, and the user name as it was), when, what kind of
change (+ created, ~ changed, - deleted), why (history_change_reason: the
command, for audit.origin) and from which address.

Never recorded: passwords and second-factor secrets (excluded fields: the
history table has no column for them), and nothing of a citizen's report:
Report is not registered (its triage is recorded in ReportEvent, with who and
when), so a citizen's contact and receipt code never reach these tables.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.utils import get_credential_model
from simple_history import register
from simple_history.models import HistoricalRecords

from advisories.models import Advisory, Organization, Province, ScamPattern

from .context import client_address, current_origin


class AuditRecord(models.Model):
    """What every history row has beyond the audited model's values."""

    client_address = models.GenericIPAddressField(
        _("địa chỉ máy"),
        null=True,
        blank=True,
        help_text=_("Địa chỉ của người thực hiện, như máy chủ nhận được; trống với lệnh."),
    )
    # The account may be deleted later (history_user becomes empty): its name stays.
    history_username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)

    class Meta:
        abstract = True


class AuditedRecords(HistoricalRecords):
    """No record for a save that only touched fields the audit leaves out.

    A login saves last_login, a second factor's check its counters: without
    this every sign-in would add an empty "changed" row to the log.
    """

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not created and update_fields and set(update_fields) <= set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)


class AuditLog(models.Model):
    """No table: the holder of the permission to read the audit (audit.view_audit_log).

    Superusers have it; migration 0001 gives it to the administrators, the
    national role. No provincial role gets it.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_audit_log", _("Xem nhật ký thay đổi của cán bộ"))]
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")

    def __str__(self):
        return str(self._meta.verbose_name)


def _register(model, excluded=(), m2m=()):
    register(
        model,
        app="audit",
        records_class=AuditedRecords,
        bases=[AuditRecord],
        excluded_fields=list(excluded),
        m2m_fields=list(m2m),
        # A deleted row's history stays: that is when it matters most.
        cascade_delete_history=False,
    )


# Each audited model, its left-out fields and why. Derived or bookkeeping fields
# are left out too: they change on every save and say nothing a person did.
AUDITED = []


def audited(model, excluded=(), m2m=()):
    _register(model, excluded, m2m)
    AUDITED.append(model)


audited(Province)
# Its members are who may publish letters in its name.
audited(Organization, m2m=[Organization.members.field])
audited(ScamPattern)
# search_text and numbers are computed from the letter's text; updated_at is the
# record's own time.
audited(Advisory, excluded=["search_text", "numbers", "updated_at"])
# The letters can run without the citizens' reports (tests/portal/test_app_boundaries.py):
# so can their audit.
if apps.is_installed("reports"):
    from reports.models import Bank, Hotline, NumberMark, ReplyTemplate

    # The banks' list is reference data the help steps and the look-up trust.
    audited(Bank)
    audited(Hotline)
    audited(NumberMark)
    audited(ReplyTemplate)
# Never a password hash, not even a changed one: "the password was changed" is
# what the admin's own history says. last_login changes at each sign-in.
# Groups and permissions: the roles, what an account and a role may do.
User = get_user_model()
audited(
    User,
    excluded=["password", "last_login"],
    m2m=[User.groups.field, User.user_permissions.field],
)
audited(Group, m2m=[Group.permissions.field])
# Second factors: never the secret (TOTP key, recovery codes, a passkey's key
# and id), nor the counters each check moves.
_DEVICE_NOISE = ["throttling_failure_timestamp", "throttling_failure_count", "last_used_at"]
audited(TOTPDevice, excluded=["key", "drift", "last_t", *_DEVICE_NOISE])
audited(StaticDevice, excluded=_DEVICE_NOISE)
audited(StaticToken, excluded=["token"])
audited(
    get_credential_model(),
    excluded=["public_key", "credential_id", "credential_id_sha256", "sign_count", "last_used_at"],
)


def fill_record(sender, history_instance, **kwargs):
    """simple-history's pre_create_historical_record: address, user name, command."""
    reason = current_origin()
    if reason:
        history_instance.history_user = None
        history_instance.history_change_reason = reason
        history_instance.client_address = None
        return
    from .context import current_request

    request = current_request()
    if request is not None:
        history_instance.client_address = client_address(request)
    user = history_instance.history_user
    if user is not None:
        history_instance.history_username = user.get_username()
