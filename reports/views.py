"""The citizen's pages: the report form and the receipt. Rules live in forms/filing/routing."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from advisories.models import Province
from portal.page_cache import public_page

from . import submissions, throttle, used_words
from .codes import normalize_code
from .evidence import EvidenceSizeLimitHandler
from .filing import (
    BODY_ERRORS,
    admit,
    body_error,
    body_too_large,
    erase_on_request,
    file_report,
    give_back,
    too_large_message,
    too_many_files_message,
)
from .forms import ReportForm
from .lookup import SourceError, look_up, province_from_slug, typed_query
from .models import Report
from .related import advisory_url, related_advisories
from .routing import hotlines_for
from .sms import Kind
from .stats import months_chart, public_statistics
from .triage import CITIZEN_MEANING


# The page, for anonymous GETs; each visitor gets their own CSRF token and submission key.
@public_page(fresh={submissions.FORM_FIELD: submissions.new_key})
@csrf_exempt  # the upload handler must go in before CSRF reads the body...
@require_http_methods(["GET", "HEAD", "POST"])
def report_form(request):
    if request.method == "POST":
        if body_too_large(request):  # refused before a byte of it is read
            return _request_error(request, ReportForm(), too_large_message(), 413)
        limit = EvidenceSizeLimitHandler(request)
        request.upload_handlers.insert(0, limit)
        try:
            # Read here, not in the CSRF check: a body Django refuses gets our page.
            request.POST, request.FILES  # noqa: B018
        except BODY_ERRORS as error:
            status, message = body_error(error)
            return _request_error(request, ReportForm(), message, status)
        if limit.too_many_files:
            # Reading stopped there: what was typed before the files comes back.
            form = ReportForm(request.POST) if request.POST else ReportForm()
            return _request_error(request, form, too_many_files_message(), 413)
    return _report_form(request)


def _request_error(request, form, message, status):
    """The form page with a message about the request itself, above the form."""
    return _form_page(request, {"form": form, "request_error": message}, status=status)


def _form_page(request, context, status=200):
    """The report form page, with a new one-time key each time it is shown.

    New after an error too: nothing was filed with the old one, and the page
    the citizen sends from is the one in front of her.
    """
    context["submission_key"] = submissions.new_key()
    return render(request, "reports/report_form.html", context, status=status)


@csrf_protect  # ...and the check runs here, as usual
def _report_form(request):
    if request.method != "POST":
        # `?source=` from the number look-up's "report this number" link.
        initial = {"source": request.GET.get("source", "")[:100]}
        return _form_page(request, {"form": ReportForm(initial=initial)})
    gate = throttle.report_gate(request)
    if not gate.allowed:
        return _throttled(request, gate)
    # Sent before with this page's key (a double tap, a reload, Back then Send)?
    claim = submissions.form_claim(request)
    if claim and (found := submissions.earlier(claim)):
        return _resent(request, found)
    form = ReportForm(request.POST, request.FILES, confirm_warnings=True)
    # The fields and the files' sizes first: a report refused for them decodes nothing.
    if form.is_valid() and (refused := admit(request, gate, form)):
        return _throttled(request, refused)
    if not form.is_valid():  # the files may have been refused in admit()
        # A number that only looks mistyped is not an error: the page asks once.
        status = 200 if form.only_awaiting_confirmation else 400
        return _form_page(request, {"form": form}, status=status)
    try:
        report = file_report(form.cleaned_data, claim)
    except submissions.AlreadyFiled as twin:  # the other tap of a double tap was first
        give_back(form)
        return _resent(request, twin.earlier)
    return redirect("reports:receipt", code=report.code)


def _resent(request, earlier):
    """The page's key was used already: nothing new is filed.

    The same report again: its receipt, as after the first send (a redirect),
    with a word that it was filed once. Something else (she went Back and
    changed it): the form with what she typed now and a new key, a link to the
    first receipt, and one more tap files it as a new report. Taking the change
    silently for a resend would lose it; filing it at once would file the
    first report's twin whenever Back keeps a field she did not mean to send.
    """
    sent_at = time_format(timezone.localtime(earlier.report.created_at), "H:i")
    if earlier.same:
        messages.info(
            request,
            _(
                "Phản ánh này đã được gửi lúc %(time)s và chỉ được ghi nhận một lần. "
                "Đây là biên nhận của bạn."
            )
            % {"time": sent_at},
        )
        return redirect("reports:receipt", code=earlier.report.code)
    context = {
        "form": ReportForm(request.POST),
        "resent": earlier.report,
        "resent_at": sent_at,
        "reselect_files": bool(request.FILES),
    }
    return _form_page(request, context, status=409)


def _throttled(request, hit):
    """429 with every value the citizen typed (files excepted: no page can refill those)."""
    message = _("Nội dung bạn đã ghi vẫn còn dưới đây.")
    if request.FILES:
        message += " " + _("Hãy chọn lại tệp đính kèm khi gửi lại.")
    response = _form_page(
        request,
        # Bound to what was typed (rendering it shows any field to fix as well).
        {"form": ReportForm(request.POST), "throttled": f"{throttle.message(hit)} {message}"},
        status=429,
    )
    response["Retry-After"] = str(hit.retry_after)
    return response


@never_cache
@require_safe
def receipt(request, code):
    """The code is the only key: a wrong one is a 404, never a hint."""
    normal = normalize_code(code)
    if normal is None:
        raise Http404
    report = get_object_or_404(
        Report.objects.select_related("province", "duplicate_of").prefetch_related("patterns"),
        code=normal,
    )
    if normal != code:
        return redirect("reports:receipt", code=normal)
    patterns = list(report.patterns.all())
    # What the citizen said the scammer used, read back to them (as text: a link is
    # never clickable here either).
    accounts = list(report.bank_accounts.select_related("bank").order_by("pk"))
    links = list(report.links.order_by("pk"))
    socials = list(report.social_accounts.order_by("pk"))
    advisories = [
        (advisory, advisory_url(advisory))
        for advisory in related_advisories(report.province, patterns)
    ]
    response = render(
        request,
        "reports/receipt.html",
        {
            "report": report,
            "composition": report.composition(),
            "hotlines": hotlines_for(report.province, report.kind),
            "patterns": patterns,
            "advisories": advisories,
            "can_withdraw": report.has_personal_data,
            "help_bank": help_bank(accounts) if report.harmed else None,
            "accounts": [used_words.account_words(account) for account in accounts],
            "links": links,
            "socials": socials,
            "amount": used_words.dong(report.amount_lost),
            **receipt_state(report),
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def help_bank(accounts):
    """The bank of the first account they paid into whose hotline a source gives, or None.

    None: the receipt says to call the number on the back of their card.
    """
    for account in accounts:
        if account.bank_id and account.bank.hotline:
            return account.bank
    return None


def receipt_state(report):
    """What the citizen reads of the triage: the state, since when, what it means, the reply.

    A duplicate shows the state of the report it was merged into, never that
    report's code or reply: those belong to another citizen.
    """
    shown = report.duplicate_of or report
    return {
        "state": shown.get_status_display(),
        "state_since": shown.status_changed_at or shown.created_at,
        "state_meaning": CITIZEN_MEANING[shown.status],
        "state_target": shown.get_forward_target_display() if shown.forward_target else "",
        "merged": report.duplicate_of is not None,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, code):
    """The citizen withdraws consent: contact and evidence erased, the report kept.

    The code is the only key a citizen has, so it is the key here too (CSRF
    checked by the middleware). GET erases nothing: it leads back to the receipt.
    """
    normal = normalize_code(code)
    if normal is None:
        raise Http404
    report = get_object_or_404(Report, code=normal)
    if request.method == "POST":
        if report.has_personal_data:
            count = erase_on_request(report)
            messages.success(
                request,
                _(
                    "Đã rút lại đồng ý: thông tin liên hệ và %(count)s tệp đính kèm của bạn "
                    "đã được xóa hẳn. Phản ánh vẫn được xem xét, nhưng cán bộ sẽ không "
                    "liên hệ lại với bạn."
                )
                % {"count": count},
            )
        else:
            messages.info(
                request, _("Phản ánh này không còn thông tin liên hệ hay tệp đính kèm nào.")
            )
    return redirect("reports:receipt", code=normal)


@require_safe
def find_receipt(request):
    """`/report/find?code=7kq2 m9xd 4tpa` → the receipt (a form on the report page)."""
    normal = normalize_code(request.GET.get("code", ""))
    if normal is None or not Report.objects.filter(code=normal).exists():
        return _form_page(
            request,
            {
                "form": ReportForm(),
                "lookup_code": request.GET.get("code", "")[:40],
                "lookup_error": _(
                    "Không có biên nhận với mã này. Mã gồm 12 ký tự, ví dụ 7KQ2-M9XD-4TPA."
                ),
            },
            status=404,
        )
    return redirect("reports:receipt", code=normal)


@public_page(timeout=60)
@require_safe
def lookup(request):
    """Tra cứu: GET ?q= (or the older ?number=), so a result can be shared; no JavaScript.

    Takes a number, sender name, bank account, link or chat account
    (reports.lookup.recognise). `?province=<slug>` shows that province's own
    verdict where it has one.
    """
    typed = typed_query(request.GET)
    province = province_from_slug(request.GET.get("province", ""))
    result = error = None
    if typed.strip():
        try:
            result = look_up(typed, province)
        except SourceError as exc:
            error = str(exc)
    context = {
        "typed": typed,
        "result": result,
        "error": error,
        "province": province,
        "provinces": Province.objects.current().order_by("name"),
    }
    return render(request, "reports/lookup.html", context, status=400 if error else 200)


@public_page()
@require_safe
def statistics(request):
    """Counts of the last twelve months, by month, kind, province and scam pattern."""
    figures = public_statistics()
    english = get_language() == "en"
    context = {
        **figures,
        "kinds": [(Kind(value).label, count) for value, count in figures["kinds"]],
        "patterns": [
            (name_en if english and name_en else name, count)
            for _slug, name, name_en, count in figures["patterns"]
        ],
        "months_chart": months_chart(figures["months"]),
    }
    return render(request, "reports/statistics.html", context)
