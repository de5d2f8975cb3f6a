"""JSON API for chatbots and apps: the same composition and routing as the form.

Errors are `{"errors": {"<parameter>": ["message", ...]}}` (`__all__` when no
one parameter is at fault, `Idempotency-Key` for that header) with status
400, 405, 413, 415, 422 or 429, in Vietnamese (or English when the client's
Accept-Language asks for it).
"""

import json
from functools import wraps

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import JsonResponse, QueryDict
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from advisories.models import Province
from portal.origins import from_another_site

from . import submissions, throttle
from .api_used import used_from_json, used_payload
from .evidence import EvidenceSizeLimitHandler
from .filing import (
    BODY_ERRORS,
    admit,
    body_error,
    body_too_large,
    file_report,
    give_back,
    too_large_message,
    too_many_files_message,
)
from .forms import ReportForm
from .forms_used import api_errors
from .lookup import SourceError, look_up, province_from_slug, typed_query
from .models import Channel
from .phones import source_warnings
from .related import advisory_payload, hotline_payload
from .routing import hotlines_for
from .sms import CompositionError, clean_text, compose


def _json(data, status=200):
    return JsonResponse(
        data,
        status=status,
        safe=False,
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json; charset=utf-8",
    )


def _error(message, status):
    return _json({"errors": {"__all__": [message]}}, status=status)


def api_methods(*methods):
    """Like require_http_methods, but a client gets the API's JSON error and an Allow header.

    Also exempt from CSRF, for every API view at once: no cookie or session
    authenticates anything here, and a wrong method must get this 405 rather
    than the HTML page of a failed CSRF check (the middleware runs before the
    view). Only /api/v1/reports changes anything, and it is open to anyone by
    design (throttled instead): chatbots, apps and `curl` need no token.

    What a token would stop is still refused: a browser posting for a page of
    another site (a hostile page's auto-submitting form would file reports
    from its visitors' browsers, inflating a number's count and using up
    their own limit). The browser says so itself (portal.origins); the body
    is not read and nothing is counted.
    """
    allowed = list(methods) + (["HEAD"] if "GET" in methods else [])

    def decorator(view):
        @csrf_exempt
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in allowed:
                response = _error(
                    _("Phương thức %(method)s không dùng được ở địa chỉ này; hãy dùng %(allowed)s.")
                    % {"method": request.method[:20], "allowed": ", ".join(methods)},
                    status=405,
                )
                response["Allow"] = ", ".join(allowed)
                return response
            if request.method not in ("GET", "HEAD") and from_another_site(request):
                return _error(
                    _(
                        "Cổng không nhận dữ liệu gửi từ trang web khác. Hãy phản ánh ngay trên "
                        "trang của cổng (%(form)s)."
                    )
                    % {"form": reverse("reports:form")},
                    status=403,
                )
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class SkipFiles(FileUploadHandler):
    """A file sent along to compose is read past, never kept in memory or on disk."""

    def new_file(self, *args, **kwargs):
        raise SkipFile

    def receive_data_chunk(self, raw_data, start):  # never reached: every file is skipped
        return None

    def file_complete(self, file_size):
        return None


def _province_from_slug(value):
    slug = clean_text(value)[:100].lower()
    return Province.objects.select_related("merged_into").filter(slug=slug).first()


# The fields of a report the composition reads; a POST body may carry these only.
COMPOSE_FIELDS = frozenset({"kind", "source", "content", "province"})


@api_methods("GET", "POST")
def compose_view(request):
    """The SMS and where to send it, from GET parameters (chatbots) or a POST body.

    POST (form-encoded, multipart or a JSON object) is for the report page's live
    preview: what a citizen types must not travel in a URL, which proxies and
    access logs keep. It computes and stores nothing, so like GET it needs no
    CSRF token (api_methods exempts it).
    """
    if request.method == "POST":
        request.upload_handlers = [SkipFiles()]
        try:
            params, type_errors, _files = _submission(request, COMPOSE_FIELDS)
        except Unreadable as problem:
            return _error(problem.message, problem.status)
        if type_errors:
            return _json({"errors": type_errors}, status=400)
    else:
        params = request.GET
    errors = {}
    province = None
    if clean_text(params.get("province")):
        province = _province_from_slug(params["province"])
        if province is None:
            errors["province"] = [
                _("Không có tỉnh, thành phố mã “%(value)s”. Danh sách mã: /api/v1/provinces.")
                % {"value": clean_text(params["province"])[:100]}
            ]
    try:
        composition = compose(
            params.get("kind"), params.get("source"), params.get("content"), province=province
        )
    except CompositionError as error:
        errors = {**error.errors, **errors}
        composition = None
    if errors:
        return _json({"errors": errors}, status=400)
    hotlines = hotlines_for(province, composition.kind)
    links = [{"channel": Channel.SMS.value, **link} for link in composition.links]
    links += [
        {"channel": Channel.CALL.value, "number": line.number, "href": line.href}
        for line in hotlines
        if line.channel == Channel.CALL
    ]
    return _json(
        {
            **warnings_payload(composition.warnings),
            "kind": composition.kind,
            "source": composition.source,
            "content": composition.content,
            "sms": composition.sms,
            "sms_ascii": composition.sms_ascii,
            "encoding": composition.encoding,
            "parts": composition.parts,
            "shortcodes": list(composition.shortcodes),
            "links": links,
            "province": province.resolve().slug if province else None,
            "hotlines": [hotline_payload(line) for line in hotlines],
        }
    )


@api_methods("GET")
def provinces_view(request):
    rows = Province.objects.select_related("merged_into").order_by("name", "slug")
    return _json(
        [
            {
                "slug": province.slug,
                "name": province.name,
                "current": province.is_current,
                "belongs_to": province.resolve().slug,
            }
            for province in rows
        ]
    )


@api_methods("GET")
def lookup_view(request):
    """The look-up's answer: what was recognised, official lines, letters, report counts.

    `?q=` takes a number, sender name, bank account, link or chat account
    (reports.lookup.recognise); `?number=` still works, for the clients
    that were written for numbers. `kind` and `value` say what it was taken
    for; `number` (the same value) and the other fields are as before.
    `?province=<slug>` gives that province's own verdict where it has one;
    without it, or where it has none, the national one. `verdict_scope` says
    whose verdict it is.
    """
    errors = {}
    province = None
    if clean_text(request.GET.get("province")):
        province = province_from_slug(clean_text(request.GET["province"]))
        if province is None:
            errors["province"] = [
                _("Không có tỉnh, thành phố mã “%(value)s”. Danh sách mã: /api/v1/provinces.")
                % {"value": clean_text(request.GET["province"])[:100]}
            ]
    try:
        result = look_up(typed_query(request.GET), province)
    except SourceError as error:
        errors["q" if "q" in request.GET else "number"] = [str(error)]
    if errors:
        return _json({"errors": errors}, status=400)
    last = result.last_reported
    words = result.words
    return _json(
        {
            # phone, sender, bank_account, domain or social; value: its normal form, the
            # key reports and marks go by (0912345678, VCB-BANK, VCB:0011001234567 or
            # ?:0011001234567 for the number at any bank, evil.com, zalo:0912345678).
            "kind": result.kind,
            "value": result.value,
            "number": result.number,
            # official, confirmed_scam, reported or unknown: only a number inspectors
            # confirmed is ever called a scam.
            "verdict": result.verdict,
            "official": [hotline_payload(line) for line in result.hotlines],
            "verified_official": [{"owner": owner} for owner in result.verified_owners],
            # Whose verdict this is: "national", a province's slug (asked for with
            # ?province= and it has its own), or "provinces" (only provinces confirmed).
            "province": province.slug if province else None,
            "verdict_scope": (
                {
                    "scope": result.verdict_scope,
                    "name": result.verdict_scope_name,
                    "organizations": result.verdict_organizations,
                }
                if result.verdict_scope
                else None
            ),
            "confirmed_scam": (
                {
                    # Province names, and "national" for national inspectors.
                    "by": [
                        "national" if m is None else m
                        for m in _scope_names_for_api(result.scam_marks)
                    ],
                    "since": min(m.created_at for m in result.scam_marks).isoformat(),
                }
                if result.is_confirmed_scam
                else None
            ),
            "advisories": [advisory_payload(advisory) for advisory in result.advisories],
            # Counts only: reports are unverified and what citizens wrote stays private.
            "reports": {
                "total": result.reports,
                "by_kind": result.counts,
                "last": last.isoformat() if last else None,
            },
            # What the page says, fitted to the kind, in the client's language.
            "message": _lookup_message(result, words),
            "advice": [] if result.is_official else words.advice,
        }
    )


def _lookup_message(result, words):
    """The page's headline sentence for this verdict (reports.lookup_words)."""
    if result.is_official:
        return " ".join([*words.verified_owners, words.official_warning]).strip()
    if result.is_confirmed_scam:
        return f"{words.confirmed} {words.confirmed_action}"
    return (
        words.reports_line.rstrip(":") + ". " + words.unverified if result.reports else words.nobody
    )


def _scope_names_for_api(marks):
    """Province names in order, then None for a national mark (the API calls it "national")."""
    provinces = sorted({mark.province.name for mark in marks if mark.province_id})
    return provinces + ([None] if any(mark.province_id is None for mark in marks) else [])


def _throttled(hit):
    response = _error(throttle.message(hit), status=429)
    response["Retry-After"] = str(hit.retry_after)
    return response


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# Fields a JSON body may give as a list of strings (the form's checkboxes).
LIST_FIELDS = {"patterns"}


class Unreadable(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


# What a report's body may carry besides files (JSON cannot carry those).
REPORT_FIELDS = frozenset(ReportForm.base_fields) - {"evidence"}


def _text(value):
    """A JSON string as the form would have it: JSON may carry lone surrogates, forms never do."""
    if isinstance(value, bool):  # `"consent": true`, as a checkbox sends it
        return "true" if value else "false"
    return value.encode("utf-8", "replace").decode("utf-8")


def _from_json(body, fields):
    """A JSON object with the given field names → (QueryDict, per-field type errors)."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # bad JSON or UTF-8, absurd nesting or digits
        raise Unreadable(
            400, _("Nội dung gửi lên không phải JSON hợp lệ (mã hóa UTF-8).")
        ) from None
    if not isinstance(data, dict):
        raise Unreadable(
            400,
            _(
                "Hãy gửi một đối tượng JSON với các trường của phản ánh, ví dụ "
                '{"kind": "LD", "source": "0912345678", "content": "..."}.'
            ),
        )
    query, errors = QueryDict(mutable=True), {}
    if fields is REPORT_FIELDS:
        used, errors = used_from_json(data)  # lists and objects → the form's fields
        for name, value in used.items():
            query[name] = _text(value)
    for name, value in data.items():
        if name == "evidence" and fields is REPORT_FIELDS:
            errors[name] = [_("Tệp đính kèm chỉ gửi được dạng multipart/form-data.")]
            continue
        if name not in fields or value is None:  # unknown fields are ignored, as in the form
            continue
        values = value if isinstance(value, list) and name in LIST_FIELDS else [value]
        if not all(isinstance(item, str | bool) for item in values):
            errors[name] = [
                _('Hãy gửi danh sách chuỗi, ví dụ ["khoa-sim"].')
                if name in LIST_FIELDS
                else _('Hãy gửi giá trị dạng chuỗi, ví dụ "0912345678".')
            ]
            continue
        query.setlist(name, [_text(item) for item in values])
    return query, errors


def _submission(request, fields=REPORT_FIELDS):
    """The fields and files, however the client sent them; raises Unreadable."""
    content_type = request.content_type or ""
    try:
        if content_type == "application/json" or content_type.endswith("+json"):
            return (*_from_json(request.body, fields), MultiValueDict())
        if content_type and content_type not in FORM_TYPES:
            raise Unreadable(
                415,
                _(
                    "Không đọc được dữ liệu dạng %(type)s. Hãy gửi dạng form "
                    "(application/x-www-form-urlencoded hoặc multipart/form-data) "
                    "hoặc JSON (application/json)."
                )
                % {"type": content_type[:100]},
            )
        return request.POST, {}, request.FILES
    except BODY_ERRORS as error:
        raise Unreadable(*body_error(error)) from None


def _key_error(message, status):
    return _json({"errors": {submissions.HEADER: [message]}}, status=status)


def warnings_payload(warnings):
    """`{"warnings": {"source": [...]}}` when the source looks mistyped, else nothing.

    Warnings never refuse: the report is filed (or the SMS composed) all the
    same, and a client may show them to the citizen.
    """
    return {"warnings": {"source": list(warnings)}} if warnings else {}


def _report_payload(request, report, composition, status, warnings=None):
    url = reverse("reports:receipt", kwargs={"code": report.code})
    if warnings is None:
        warnings = composition.warnings if composition is not None else ()
    response = _json(
        {
            **warnings_payload(warnings),
            "code": report.code,
            # What the citizen tells the police; unlike the code, it opens nothing.
            "case_number": report.case_number,
            "receipt_url": request.build_absolute_uri(url),
            "status": report.status,
            "kind": report.kind,
            # null for a scam by Zalo or a website with no number or sender to put in it.
            "sms": composition.sms if composition else None,
            "sms_ascii": composition.sms_ascii if composition else None,
            **used_payload(report),
        },
        status=status,
    )
    if status == 201:
        response["Location"] = url
    return response


def _resent(request, earlier, data=None):
    """The key was used before: the same report again is answered as the first time
    (200, the same code, the same warnings); another report under it is refused (422)."""
    if not earlier.same:
        return _key_error(
            _(
                "Khóa Idempotency-Key này đã dùng cho một phản ánh khác nội dung. "
                "Mỗi phản ánh mới cần một khóa mới; gửi lại đúng nội dung cũ để nhận lại mã."
            ),
            422,
        )
    warnings = _typed_warnings(data) if data is not None else ()
    response = _report_payload(
        request, earlier.report, earlier.report.composition(), 200, warnings=warnings
    )
    response["Idempotent-Replayed"] = "true"
    return response


def _typed_warnings(data):
    """The source's warnings for a body sent again: the stored report keeps none."""
    province = Province.lookup(clean_text(data.get("province"))[:100])
    return tuple(source_warnings(data.get("kind", ""), data.get("source"), province))


@api_methods("POST")
def reports_view(request):
    """File a report with the form's field names (form, multipart or JSON): 201 and the code.

    With an Idempotency-Key, sending it again (a retry after a timeout) files
    nothing new: see reports.submissions.
    """
    if body_too_large(request):  # refused before a byte of it is read
        return _error(too_large_message(form=False), 413)
    try:
        key = submissions.header_key(request.headers.get(submissions.HEADER))
    except submissions.InvalidKey as invalid:
        return _key_error(str(invalid), 400)
    limit = EvidenceSizeLimitHandler(request)
    request.upload_handlers.insert(0, limit)
    gate = throttle.report_gate(request)
    if not gate.allowed:
        return _throttled(gate)
    try:
        data, type_errors, files = _submission(request)
    except Unreadable as problem:
        return _error(problem.message, problem.status)
    if limit.too_many_files:
        return _error(too_many_files_message(), 413)
    if type_errors:
        return _json({"errors": type_errors}, status=400)
    claim = submissions.api_claim(request, key, data, files) if key else None
    if claim and (found := submissions.earlier(claim)):
        return _resent(request, found, data)
    form = ReportForm(data, files)  # files at once: warnings come back with the 201
    # The fields and the files' sizes first: a report refused for them decodes nothing.
    if form.is_valid() and (refused := admit(request, gate, form)):
        return _throttled(refused)
    if not form.is_valid():  # the files may have been refused in admit()
        errors = {
            name: [error["message"] for error in messages]
            for name, messages in form.errors.get_json_data().items()
        }
        return _json({"errors": api_errors(errors)}, status=400)
    try:
        report = file_report(form.cleaned_data, claim)
    except submissions.AlreadyFiled as twin:  # the same request, sent twice at once
        give_back(form)
        return _resent(request, twin.earlier, data)
    return _report_payload(request, report, form.cleaned_data["composition"], 201)
