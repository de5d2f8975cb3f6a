"""A letter becomes public only when a second staff member approves it.

An outside review published a fake letter ("gọi ngay đường dây nóng
0900000002 để được hoàn tiền") with one publisher's password, and the verify
page then vouched for it. The rule: one staff account never changes what the
public trusts alone. So publishing puts a letter in PENDING; another staff
member with `advisories.approve_advisory` whose scope covers the letter
(advisories.access) approves it, and only then is it PUBLISHED, at the
server's time. A body whose `requires_second_approval` is off publishes
directly, as before.

Plain functions, used by the admin (which writes the LogEntry) and the importer.
Each saves with save(), so the page cache and model history see the change.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import advisories_for, is_administrator
from .models import Advisory
from .roles import PUBLISHERS
from .signals import letter_published

APPROVE_PERMISSION = "advisories.approve_advisory"
STATE_FIELDS = [
    "status",
    "published_at",
    "proposed_by",
    "proposed_at",
    "approved_by",
    "approved_at",
    "approver_role",
]


class ApprovalRefused(Exception):
    """Why this person may not approve this letter, in Vietnamese for the admin message."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def needs_second_approval(advisory):
    return advisory.issuer.requires_second_approval


def propose(advisory, user, now=None):
    """Publish as far as one person may: PENDING, or PUBLISHED for a body that needs no second.

    Returns the new status. `user` None: the command line (import_advisories).
    """
    now = now or timezone.now()
    if not needs_second_approval(advisory):
        _make_public(advisory, now)
        advisory.proposed_by, advisory.proposed_at = user, now
        advisory.approved_by, advisory.approved_at, advisory.approver_role = None, None, ""
        _save(advisory, user)
        return advisory.status
    advisory.status = Advisory.Status.PENDING
    advisory.proposed_by, advisory.proposed_at = user, now
    advisory.approved_by, advisory.approved_at, advisory.approver_role = None, None, ""
    _save(advisory, user)
    return advisory.status


def publish_reviewed(advisory, now=None):
    """Public at once, no second approval: only for letters reviewed another way.

    The seed letters (advisories/seeds/, reviewed with the code) and the demo
    data. Never for what a staff member typed or uploaded.
    """
    _make_public(advisory, now or timezone.now())
    _save(advisory, None)


def refusal(advisory, user):
    """None if `user` may approve `advisory` now, else the reason (Vietnamese)."""
    if advisory.status != Advisory.Status.PENDING:
        return _("Công văn %(number)s không chờ duyệt.") % {"number": advisory.display_number}
    if advisory.proposed_by_id is not None and advisory.proposed_by_id == user.pk:
        return _(
            "Bạn đã đề nghị đăng (hoặc sửa lần cuối) công văn %(number)s nên không thể tự duyệt: "
            "cần một cán bộ khác cùng cơ quan duyệt."
        ) % {"number": advisory.display_number}
    if not user.has_perm(APPROVE_PERMISSION):
        return _("Bạn không có quyền duyệt đăng công văn.")
    if not advisories_for(user).filter(pk=advisory.pk).exists():
        return _("Công văn %(number)s không thuộc phạm vi của bạn.") % {
            "number": advisory.display_number
        }
    return None


def can_approve(advisory, user):
    return refusal(advisory, user) is None


def approve(advisory, user, now=None):
    """The second person's approval: the letter is public from now (the server's clock)."""
    reason = refusal(advisory, user)
    if reason:
        raise ApprovalRefused(reason)
    now = now or timezone.now()
    _make_public(advisory, now)
    advisory.approved_by, advisory.approved_at = user, now
    advisory.approver_role = role_of(user, advisory)
    _save(advisory, user)


def send_back(advisory, user):
    """A pending or published letter back to draft (refused, or taken down)."""
    advisory.status = Advisory.Status.DRAFT
    advisory.proposed_by = advisory.proposed_at = None
    _save(advisory, user)


def edited(advisory, user, now=None):
    """A publisher changed a pending or published letter: it waits for a second look again.

    Otherwise one account could approve-then-rewrite, or rewrite a letter
    another approved. The editor becomes its proposer, so they cannot approve it.
    Called by the admin before the letter is saved; does not save.
    """
    if advisory.status == Advisory.Status.DRAFT or not needs_second_approval(advisory):
        return
    advisory.status = Advisory.Status.PENDING
    advisory.proposed_by, advisory.proposed_at = user, now or timezone.now()
    advisory.approved_by, advisory.approved_at, advisory.approver_role = None, None, ""


def role_of(user, advisory):
    """What the verify page says of the approver: role and body, never their name."""
    if is_administrator(user):
        return _("Quản trị viên của cổng")
    groups = set(user.groups.values_list("name", flat=True))
    role = _("Cán bộ đăng công văn") if PUBLISHERS in groups else _("Cán bộ")
    body = user.organizations.filter(pk=advisory.issuer_id).first()
    if body is None:
        body = user.organizations.order_by("name").first()
    return f"{role}, {body.name}" if body else role


def _make_public(advisory, now):
    became_public = advisory.status != Advisory.Status.PUBLISHED
    advisory.status = Advisory.Status.PUBLISHED
    # First publication date is kept on a re-publish: the feed must not re-announce it.
    # It was set by the server then too (never typed since migration 0015).
    if advisory.published_at is None:
        advisory.published_at = now
    if became_public:
        transaction.on_commit(partial(_announce, advisory.pk))


def _announce(pk):
    advisory = Advisory.objects.filter(pk=pk).select_related("issuer").first()
    if advisory is not None and advisory.status == Advisory.Status.PUBLISHED:
        letter_published.send(sender=Advisory, advisory=advisory)


def _save(advisory, user):
    advisory.updated_by = user
    advisory.save(update_fields=[*STATE_FIELDS, "updated_by", "updated_at"])
