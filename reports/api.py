"""JSON API for chatbots and apps: the same composition and routing as the form.

Errors are `{"errors": {"<parameter>": ["message", ...]}}` with status 400,
in Vietnamese (or English when the client's Accept-Language asks for it).
"""

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from advisories.models import Province

from . import throttle
from .evidence import EvidenceSizeLimitHandler
from .filing import file_report
from .forms import ReportForm
from .models import Channel
from .related import hotline_payload
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


def _province_from_slug(value):
    slug = clean_text(value)[:100].lower()
    return Province.objects.select_related("merged_into").filter(slug=slug).first()


@require_safe
def compose_view(request):
    params = request.GET
    errors = {}
    try:
        composition = compose(params.get("kind"), params.get("source"), params.get("content"))
    except CompositionError as error:
        errors.update(error.errors)
        composition = None
    province = None
    if clean_text(params.get("province")):
        province = _province_from_slug(params["province"])
        if province is None:
            errors["province"] = [
                _("Không có tỉnh, thành phố mã “%(value)s”. Danh sách mã: /api/v1/provinces.")
                % {"value": clean_text(params["province"])[:100]}
            ]
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


@require_safe
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


@csrf_exempt  # no cookie or session authenticates anything here: nothing to forge
@require_POST
def reports_view(request):
    """File a report with the form's field names (form-encoded or multipart): 201 and the code."""
    request.upload_handlers.insert(0, EvidenceSizeLimitHandler(request))
    if not throttle.allow(request, "report"):
        message = _("Bạn gửi quá nhanh: hãy đợi một phút rồi gửi lại.")
        return _json({"errors": {"__all__": [message]}}, status=429)
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = {
            name: [error["message"] for error in messages]
            for name, messages in form.errors.get_json_data().items()
        }
        return _json({"errors": errors}, status=400)
    report = file_report(form.cleaned_data)
    url = reverse("reports:receipt", kwargs={"code": report.code})
    response = _json(
        {
            "code": report.code,
            "receipt_url": request.build_absolute_uri(url),
            "status": report.status,
            "sms": form.cleaned_data["composition"].sms,
            "sms_ascii": form.cleaned_data["composition"].sms_ascii,
        },
        status=201,
    )
    response["Location"] = url
    return response
