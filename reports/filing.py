"""Reading and storing a report, and erasing what the citizen withdraws consent for."""

import logging

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.db import IntegrityError, transaction
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import case_numbers, qr, submissions, throttle
from .codes import new_code
from .forms import CONSENT_TEXT
from .models import (
    Evidence,
    Report,
    ReportBankAccount,
    ReportEvent,
    ReportLink,
    ReportSocialAccount,
)
from .triage import record

logger = logging.getLogger(__name__)

# What Django raises while reading a body it will not take: more than
# DATA_UPLOAD_MAX_MEMORY_SIZE outside files, too many fields or files (all
# SuspiciousOperation), a broken multipart body, a non-UTF-8 urlencoded one.
# Left alone, each becomes Django's bare English "Bad Request (400)".
BODY_ERRORS = (SuspiciousOperation, BadRequest, MultiPartParserError)
TOO_MUCH = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def body_error(error):
    """(HTTP status, message for the citizen) for one of BODY_ERRORS."""
    if isinstance(error, TOO_MUCH):
        return 413, _(
            "Phản ánh chưa gửi được vì dữ liệu gửi lên quá lớn hoặc có quá nhiều ô. "
            "Hãy ghi nội dung ngắn gọn (tối đa 1.000 ký tự), gửi tối đa %(count)s tệp, "
            "rồi gửi lại."
        ) % {"count": settings.REPORT_EVIDENCE_MAX_FILES}
    return 400, _(
        "Phản ánh chưa gửi được vì dữ liệu gửi lên bị lỗi, không đọc được. "
        "Hãy tải lại trang, ghi lại nội dung rồi gửi lại."
    )


# Room for the text fields and the multipart framing around the files.
TEXT_FIELDS_MARGIN = 1024 * 1024


def max_body_size():
    """The largest body a report can need: every file at its limit, and the text fields."""
    return (
        settings.REPORT_EVIDENCE_MAX_FILES * settings.REPORT_EVIDENCE_MAX_SIZE + TEXT_FIELDS_MARGIN
    )


def body_too_large(request):
    """Whether the announced Content-Length rules the body out before a byte of it is read.

    Django would read all of it (to disk, for files) before any limit of
    the form applies; nothing that long can be a valid report.
    """
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False  # Django reads no body at all then
    return length > max_body_size()


def too_large_message(form=True):
    """For a body refused on its Content-Length alone: nothing of it was read.

    `form`: the citizen is at the form page, where the browser's Back button
    usually brings back what they typed.
    """
    message = _(
        "Phản ánh chưa gửi được vì các tệp đính kèm quá lớn: gửi tối đa %(count)s tệp, "
        "mỗi tệp đến %(mb)s MB."
    ) % {
        "count": settings.REPORT_EVIDENCE_MAX_FILES,
        "mb": settings.REPORT_EVIDENCE_MAX_SIZE // (1024 * 1024),
    }
    if form:
        message += " " + _(
            "Bấm Quay lại trên trình duyệt để lấy lại nội dung đã ghi, "
            "chọn tệp nhỏ hơn rồi gửi lại."
        )
    return message


def too_many_files_message():
    """For a body whose reading stopped at the file beyond REPORT_EVIDENCE_MAX_FILES."""
    return _(
        "Phản ánh chưa gửi được vì có quá nhiều tệp đính kèm: hãy chọn lại tối đa "
        "%(count)s tệp rồi gửi lại."
    ) % {"count": settings.REPORT_EVIDENCE_MAX_FILES}


def admit(request, gate, form):
    """Count a valid form's report against the client's limit and examine its files.

    Returns the throttle.Hit to refuse with (429), or None; after None,
    form.is_valid() says whether the files were accepted too. Without files,
    the report just counts (throttle.admit_report). With files, the costly
    part, the report counts before they are examined and stays counted
    whatever they turn out to be, and they are examined only within the
    client's evidence slot: one report's files at a time per client.

    The count stays on the form (`form.admitted`), for give_back().
    """
    if not form.has_evidence:
        admitted = form.admitted = throttle.admit_report(request, gate)
        return None if admitted.allowed else admitted
    try:
        with throttle.evidence_slot(request):
            admitted = form.admitted = throttle.admit_report(request, gate)
            if admitted.allowed:
                form.examine_evidence()
    except throttle.Busy as busy:
        return busy.hit
    return None if admitted.allowed else admitted


def give_back(form):
    """A report admitted, then found to be a resend (submissions.AlreadyFiled), stored
    nothing: only stored reports count towards the limit."""
    form.admitted.undo()


def file_report(cleaned, claim=None):
    """Create the report from `ReportForm.cleaned_data`; returns the saved Report.

    With a submissions.Claim, its key is stored with the report. If a twin
    request (a double tap) stored it first, this one stores nothing and
    raises submissions.AlreadyFiled with the first report.
    """
    try:
        return _store(cleaned, claim)
    except IntegrityError:
        if claim is None:
            raise
        # The whole transaction is gone: the twin's row, committed, is what stopped it.
        found = submissions.earlier(claim)
        if found is not None:
            raise submissions.AlreadyFiled(found) from None
        if not submissions.forget_stale(claim):  # a key used a day ago, not yet cleaned
            raise
        return _store(cleaned, claim)


def _store(cleaned, claim):
    # ReportForm leaves the keyword, channel, source and content normalised; the
    # source is "" (and cleaned["composition"] None) for a scam by Zalo or a website alone.
    chosen = cleaned.get("province")
    now = timezone.now()
    report = Report(
        kind=cleaned["kind"],
        channel=cleaned.get("channel") or "",
        source=cleaned.get("source") or "",
        content=cleaned["content"],
        occurred_at=cleaned.get("occurred_at") or now,
        province=chosen.resolve() if chosen else None,
        province_as_chosen=chosen,
        paid=bool(cleaned.get("paid")),
        gave_code=bool(cleaned.get("gave_code")),
        installed_app=bool(cleaned.get("installed_app")),
        amount_lost=cleaned.get("amount_lost"),
        payment_method=cleaned.get("payment_method") or "",
        lost_on=cleaned.get("lost_on"),
    )
    if cleaned.get("contact"):
        report.contact = cleaned["contact"]
        # The words the citizen saw, in the language they saw them in.
        report.contact_consent_text = str(CONSENT_TEXT)
        report.contact_consented_at = now
    # Taken before the transaction, in a statement of its own: the counter's row stays
    # locked (PostgreSQL) only for that statement, not while the evidence is written.
    # A filing that fails after this leaves a gap in the sequence, never a duplicate.
    report.case_number = case_numbers.next_number(report.province, now)
    with transaction.atomic():
        for _attempt in range(3):
            # 60 random bits: a collision is all but impossible, but never a 500.
            report.code = new_code()
            try:
                with transaction.atomic():  # a savepoint: a clash leaves the rest intact
                    report.save()
                break
            except IntegrityError:
                report.pk = None
                report.case_number = None  # a clash on the number: save() takes the next
        else:  # pragma: no cover
            raise IntegrityError("could not draw a free receipt code")
        if claim is not None:
            # Before any file is written: a twin that loses here leaves nothing behind.
            submissions.record(claim, report)
        if cleaned.get("patterns"):
            report.patterns.set(cleaned["patterns"])
        _store_what_was_used(report, cleaned)
        # evidence.Accepted, from ReportForm.examine_evidence: never the files as sent.
        for kept in cleaned.get("evidence") or []:
            evidence = Evidence(
                report=report,
                type=kept.file_type.type,
                content_type=kept.file_type.content_type,
                extension=kept.file_type.extension,
                size=kept.content.size,
            )
            evidence.file.save("evidence", kept.content, save=False)
            evidence.save()
        qr.add_qr_accounts(report, cleaned.get("evidence") or [])  # after the typed accounts
        record(report, ReportEvent.Kind.FILED, from_status="")
    return report


def _store_what_was_used(report, cleaned):
    """The links, accounts and chat accounts, in the report's transaction.

    One save() each, not bulk_create: save() computes the keys (a handful of
    rows at most, ReportForm allows 5 links and 3 of each account).
    """
    for link in cleaned.get("links") or []:
        ReportLink(report=report, url=link["url"], domain=link["domain"]).save()
    for account in cleaned.get("bank_accounts") or []:
        ReportBankAccount(
            report=report,
            bank=account["bank"],
            bank_as_typed=account["bank_as_typed"],
            number=account["number"],
        ).save()
    for account in cleaned.get("social_accounts") or []:
        ReportSocialAccount(
            report=report, platform=account["platform"], handle=account["handle"]
        ).save()


def erase_on_request(report, by=None):
    """Erase contact, consent and evidence at the citizen's request; returns the files erased.

    From the receipt (`by` None: the citizen withdrew consent) or by an
    inspector in admin (`by`: who did it). One transaction with its history
    line, which says what kind of data went, never the data, in the portal's
    language whatever language the person who asked reads.
    """
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        count = report.erase_personal_data(by=by)
        record(report, ReportEvent.Kind.ERASURE, by=by, note=erasure_note(count, by=by))
    return count


def erasure_note(count, *, by):
    """The erasure's history line (for one report, or each of a bulk erasure's)."""
    with translation.override(settings.LANGUAGE_CODE):
        if by is None:
            note = _(
                "Người dân rút lại đồng ý qua trang biên nhận: đã xóa thông tin liên hệ "
                "(nếu có) và %(count)s tệp đính kèm."
            )
        else:
            note = _(
                "Xóa theo yêu cầu của người dân: thông tin liên hệ, nội dung đồng ý "
                "và %(count)s tệp đính kèm."
            )
        return note % {"count": count}
