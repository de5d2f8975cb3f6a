"""One report per submission: sending the same report again files nothing new.

A double tap, a reload of the POST, Back and Send again, or an app retrying
after a timeout all send one report twice. Each submission carries a key:

- the report form, a hidden one-time key (`new_key`), fresh on every page
  served (portal.page_cache gives each visitor of the cached page their own);
- the API, the client's `Idempotency-Key` header (`header_key`).

The first report filed with a key stores it (models.SubmissionKey) in the
same transaction as the report; a unique constraint on it settles two
requests that arrive at the same moment: the second fails at the insert and
answers with the first one's receipt (filing.file_report). No check-then-insert.

Who may use a key (the key is stored only as an HMAC of both):

- form: the browser's CSRF cookie, which only that browser holds. Someone who
  saw the key (over a shoulder, in a copied page) but not the cookie gets a
  different HMAC: their post is an ordinary new report, and no one else's
  receipt is ever shown to them.
- API: the client's address, as throttling counts it (throttle.client_key):
  an app has no cookie. A client guessing keys only finds its own. Clients
  behind one address share a scope, but a resend is answered with a code only
  when its body is the same as the first one, and a client that knows the
  exact body and key of a report is the one who sent it. The cost: an app
  that changes address between tries (Wi-Fi to mobile data) files twice.

What "the same" means: the report's fields as sent (unknown fields ignored,
as filing ignores them; empty ones as absent) and the files' bytes
(`fingerprint`). The same key with something else is not a resend: the form
says so and keeps what was typed (views), the API answers 422.

A key is kept RETENTION (24 hours) after its report: resends come within
seconds (double taps), minutes (Back) or hours (an app's retries). Older keys
answer nothing; `clean_evidence`, run daily, deletes them.
"""

import datetime
import hashlib
import json
import re
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from . import throttle
from .forms import ReportForm
from .models import Report, SubmissionKey

RETENTION = datetime.timedelta(hours=24)
# The form's hidden field; the API reads the header instead.
FORM_FIELD = "submission_key"
HEADER = "Idempotency-Key"
HEADER_MAX_LENGTH = 255
# 24 random bytes (192 bits), URL-safe base64: 32 characters.
_FORM_KEY = re.compile(r"[A-Za-z0-9_-]{32}")
# Printable ASCII, space included: what a UUID, a ULID or any token is made of.
_PRINTABLE = re.compile(r"[\x20-\x7e]+")
# The report's fields, as sent: what a resend must repeat (the key and CSRF token aside).
FIELDS = tuple(sorted(set(ReportForm.base_fields) - {"evidence"}))


def new_key():
    """A form's one-time key: unguessable, so no one can use another's by trying."""
    return secrets.token_urlsafe(24)


def posted_form_key(data):
    """The form's key as posted, or None (none, or not one we make: a hand-made post)."""
    value = data.get(FORM_FIELD, "")
    return value if _FORM_KEY.fullmatch(value) else None


class InvalidKey(ValueError):
    """An Idempotency-Key the API refuses (400); `str()` says why, in the request's language."""


def header_key(value):
    """The client's Idempotency-Key, or None without the header; raises InvalidKey.

    A quoted key (`"8e03978e-…"`, the header as a structured-field string, as
    the IETF draft writes it) is the same key as the bare one.
    """
    if value is None:
        return None
    key = value.strip()
    if len(key) >= 2 and key[0] == key[-1] == '"':
        key = key[1:-1]
    if not key:
        raise InvalidKey(
            _(
                "Tiêu đề Idempotency-Key để trống: hãy gửi một khóa (ví dụ một UUID) "
                "hoặc bỏ hẳn tiêu đề này."
            )
        )
    if len(key) > HEADER_MAX_LENGTH:
        raise InvalidKey(
            _("Tiêu đề Idempotency-Key dài tối đa %(max)s ký tự; khóa này dài %(length)s ký tự.")
            % {"max": HEADER_MAX_LENGTH, "length": len(key)}
        )
    if not _PRINTABLE.fullmatch(key):
        raise InvalidKey(
            _(
                "Tiêu đề Idempotency-Key chỉ được gồm ký tự ASCII in được (chữ không dấu, "
                "chữ số, dấu câu), ví dụ một UUID."
            )
        )
    return key


def fingerprint(data, files):
    """An HMAC of what a report says: its fields as sent and its files' bytes.

    `data` a QueryDict (the form's POST, or the API's body read into one), `files`
    the uploads. Order of fields and files does not matter; empty values count as
    absent (a form sends every field, a JSON body only some).
    """
    fields = {}
    for name in FIELDS:
        values = sorted(str(value) for value in data.getlist(name) if str(value) != "")
        if values:
            fields[name] = values
    uploads = sorted(_file_digest(upload) for name in files for upload in files.getlist(name))
    text = json.dumps({"fields": fields, "files": uploads})  # ASCII: \u escapes
    # Keyed, not a bare hash: a contact is a phone number, few enough to try them all
    # against a bare hash of the other fields, which the report itself holds.
    return salted_hmac("reports.submissions.content", text, algorithm="sha256").hexdigest()


def _file_digest(upload):
    if getattr(upload, "oversize", False):  # its bytes were never kept (evidence.uploads)
        return f"oversize:{upload.size}"
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)  # examined later, from the start
    return digest.hexdigest()


@dataclass(frozen=True)
class Claim:
    """A submission's key (as stored: the HMAC) and what the submission says."""

    key: str
    fingerprint: str


def _scoped(scope, key):
    return salted_hmac("reports.submissions", f"{scope}\n{key}", algorithm="sha256").hexdigest()


def form_claim(request):
    """The form's key, tied to this browser's CSRF cookie; None without a key or a cookie."""
    key = posted_form_key(request.POST)
    # The CSRF middleware puts the cookie's secret here; a post without one never passes
    # the CSRF check (only tests and hand-made posts get this far without it).
    secret = request.META.get("CSRF_COOKIE")
    if key is None or not secret:
        return None
    return Claim(_scoped(f"form:{secret}", key), fingerprint(request.POST, request.FILES))


def api_claim(request, key, data, files):
    """The API's key, tied to the client's address as throttling counts it."""
    return Claim(_scoped(f"api:{throttle.client_key(request)}", key), fingerprint(data, files))


@dataclass(frozen=True)
class Earlier:
    """The report a key was first used for, and whether this submission says the same."""

    report: Report
    same: bool


def earlier(claim, now=None):
    """What the key was first used for, within RETENTION; None if it is free."""
    cutoff = (now or timezone.now()) - RETENTION
    row = (
        SubmissionKey.objects.select_related("report")
        .filter(key=claim.key, created_at__gte=cutoff)
        .first()
    )
    if row is None:
        return None
    return Earlier(row.report, same=row.fingerprint == claim.fingerprint)


class AlreadyFiled(Exception):
    """The key was taken meanwhile by a twin request that committed first."""

    def __init__(self, found):
        super().__init__("submission key already used")
        self.earlier = found


def record(claim, report):
    """Store the key with its report; raises IntegrityError if the key is taken.

    Inside the transaction that stores the report, right after it and before
    any file: of two twins, the second waits here for the first to commit
    (PostgreSQL's unique index; SQLite's IMMEDIATE transactions make it wait
    at BEGIN), then fails, and nothing of it is kept.
    """
    SubmissionKey.objects.create(key=claim.key, fingerprint=claim.fingerprint, report=report)


def forget_stale(claim, now=None):
    """Delete the key's row if it outlived RETENTION (cron has not run); whether it did."""
    cutoff = (now or timezone.now()) - RETENTION
    with transaction.atomic():
        deleted, _rows = SubmissionKey.objects.filter(key=claim.key, created_at__lt=cutoff).delete()
    return deleted > 0


def forget_expired(now=None, dry_run=False):
    """Delete every key older than RETENTION (the daily clean_evidence); how many."""
    expired = SubmissionKey.objects.filter(created_at__lt=(now or timezone.now()) - RETENTION)
    if dry_run:
        return expired.count()
    deleted, _rows = expired.delete()
    return deleted
