"""Public pages of the advisories: list, detail (official layout), verify.

Every public query starts from Advisory.objects.published(); drafts are only
shown to staff whose scope covers them (advisories.access), as a preview.
"""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

from portal.page_cache import public_page

from . import markup
from .access import advisories_for, can_preview
from .forms import AdvisoryFilterForm, VerifyForm
from .models import Advisory, CitedDocument, Organization, Province

PER_PAGE = 20


def public_list_queryset():
    """Published letters with what a list row shows, in one query per page."""
    return Advisory.objects.published().select_related("issuer__province__merged_into")


@public_page()
@require_safe
def advisory_list(request):
    typed_province = request.GET.get("province", "").strip()
    province = Province.lookup(typed_province)
    current = province.resolve() if province else None
    data = request.GET.copy()
    # An old slug (binh-phuoc) is shown, and filtered, as its current unit (dong-nai).
    data["province"] = current.slug if current else ""
    # A pasted SMS can be long: search by its beginning rather than ignore it.
    data["q"] = data.get("q", "")[: AdvisoryFilterForm.base_fields["q"].max_length]

    provinces = list(Province.objects.current())
    issuers = list(Organization.objects.only("slug", "name"))
    years = list(
        Advisory.objects.published()
        .order_by("-issued_year")
        .values_list("issued_year", flat=True)
        .distinct()
    )
    form = AdvisoryFilterForm(data, provinces=provinces, issuers=issuers, years=years)
    form.is_valid()  # invalid values are dropped from cleaned_data, never a 500
    filters = form.cleaned_data
    # An unknown province, issuer or year matches nothing: say so rather than
    # quietly showing every letter as if they matched.
    unknown = bool(typed_province and not current) or any(
        name in form.errors for name in ("issuer", "year")
    )

    advisories = public_list_queryset()
    if unknown:
        advisories = advisories.none()
    if current:
        advisories = advisories.filter(issuer__province__in=[current, *current.former_units.all()])
    if filters.get("issuer"):
        advisories = advisories.filter(issuer__slug=filters["issuer"])
    if filters.get("year"):
        advisories = advisories.filter(issued_year=filters["year"])
    if filters.get("q"):
        advisories = advisories.search(filters["q"])

    page = Paginator(advisories, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "advisories/list.html",
        {
            "form": form,
            "page": page,
            "province": current,
            "provinces": provinces,
            "filtered": any(filters.get(k) for k in ("q", "issuer", "year")) or current or unknown,
            "unknown_filter": unknown,
            "querystring": query.urlencode(),
        },
    )


def letter_context(request, advisory, preview=False):
    """What the official layout needs; shared by the public page and the admin preview."""
    now = timezone.now()
    citations = []
    for cited in advisory.citations.all():
        target = cited.cited_advisory
        public = (
            target is not None
            and target.status == Advisory.Status.PUBLISHED
            and target.published_at is not None
            and target.published_at <= now
        )
        citations.append((cited, target.get_absolute_url() if public else None))
    description = Truncator(markup.plain(advisory.content)).chars(200)
    return {
        "advisory": advisory,
        "issuer": advisory.issuer,
        "province": advisory.issuer.province,
        "patterns": list(advisory.patterns.all()),
        "citations": citations,
        "preview": preview,
        "description": description,
        "absolute_url": request.build_absolute_uri(advisory.get_absolute_url()),
    }


def letter_queryset(base):
    return base.select_related("issuer__province__merged_into").prefetch_related(
        "patterns",
        Prefetch("citations", queryset=CitedDocument.objects.select_related("cited_advisory")),
    )


def visible_letter(request, slug, queryset=letter_queryset):
    """(advisory, preview): published for everyone; a draft for staff in scope who ask."""
    # get(), not first(): the slug is unique, and first() would order by the list's
    # three-column sort, which costs more to build than the lookup itself.
    try:
        return queryset(Advisory.objects.published()).get(slug=slug), False
    except Advisory.DoesNotExist:
        pass
    # A draft exists only for staff who may edit it, and only when they ask.
    if "preview" not in request.GET or not request.user.is_authenticated:
        raise Http404
    advisory = queryset(advisories_for(request.user)).filter(slug=slug).first()
    if advisory is None or not can_preview(request.user, advisory):
        raise Http404
    return advisory, True


@public_page()
@require_safe
def advisory_detail(request, slug):
    advisory, preview = visible_letter(request, slug)
    return render(request, "advisories/detail.html", letter_context(request, advisory, preview))


@require_safe
def advisory_original(request, slug):
    """The signed original, never from static files: only for a letter the visitor may see.

    PDF and images open in the browser, anything else (.docx) is downloaded;
    either way nosniff, and a sandbox that runs nothing the file may carry.
    """
    advisory, preview = visible_letter(request, slug, lambda qs: qs)
    if not advisory.original_file:
        raise Http404
    try:
        handle = advisory.original_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = advisory.original_file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        as_attachment=not advisory.original_inline,
        filename=f"{advisory.slug}.{extension}",
        content_type=advisory.original_content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # A draft's file is for the staff member's eyes only; a published one may be cached briefly.
    response["Cache-Control"] = "private, no-store" if preview else "public, max-age=300"
    return response


@public_page()
@require_safe
def verify(request):
    """Did the portal publish the letter I received? GET, so the answer can be shared."""
    asked = any(request.GET.get(k) for k in ("number_symbol", "issuer", "month", "year"))
    form = VerifyForm(request.GET if asked else None)
    matches, unnumbered = None, []
    if asked and form.is_valid():
        matches = list(form.matches())
        if not matches:
            unnumbered = form.unnumbered_matches()
    return render(
        request,
        "advisories/verify.html",
        {"form": form, "matches": matches, "unnumbered": unnumbered, "asked": asked},
    )
