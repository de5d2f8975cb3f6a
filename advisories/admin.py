"""Staff publish letters here. A publisher sees and edits only their own bodies' letters.

Scope comes from advisories.access: a letter outside it behaves as if it did
not exist (404), on every admin URL (change, delete, history, preview).
Importing a letter from a file, and following a scan being read, is
advisories.admin_import.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal.admin_bounds import BoundedAdmin
from portal.admin_values import valid_pk

from . import approval
from .access import advisories_for, is_administrator, organizations_for
from .admin_import import LetterImportViews
from .forms import AdvisoryAdminForm, CitedDocumentForm
from .models import Advisory, CitedDocument, Organization, Province, ScamPattern
from .templatetags.advisory_tags import original_label


class ProvinceListFilter(admin.SimpleListFilter):
    """A current province includes the letters of the former units merged into it."""

    title = _("tỉnh, thành phố (hiện nay)")
    parameter_name = "province"

    def lookups(self, request, model_admin):
        return [(p.slug, p.name) for p in Province.objects.current()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        province = Province.resolve_slug(self.value())
        if province is None:
            return queryset.none()
        return queryset.for_province(province)


class YearListFilter(admin.SimpleListFilter):
    title = _("năm ban hành")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = (
            model_admin.get_queryset(request)
            .order_by("-issued_year")
            .values_list("issued_year", flat=True)
            .distinct()
        )
        return [(str(y), str(y)) for y in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(issued_year=int(self.value()))
        return queryset


class IssuerListFilter(admin.SimpleListFilter):
    """Only the bodies the staff member may see: the filter must not list others."""

    title = _("cơ quan ban hành")
    parameter_name = "issuer"

    def lookups(self, request, model_admin):
        return [(o.slug, o.name) for o in organizations_for(request.user)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(issuer__slug=self.value())
        return queryset


class CitedDocumentInline(admin.TabularInline):
    model = CitedDocument
    form = CitedDocumentForm
    fk_name = "advisory"
    extra = 0
    fields = [
        "position",
        "kind",
        "number_symbol",
        "issued_on",
        "issuer_as_written",
        "cited_advisory",
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "cited_advisory":
            # Only letters everyone can read: never list another body's drafts.
            kwargs["queryset"] = Advisory.objects.published().select_related("issuer")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Advisory)
class AdvisoryAdmin(LetterImportViews, BoundedAdmin):
    form = AdvisoryAdminForm
    inlines = [CitedDocumentInline]
    list_display = [
        "display_number",
        "short_summary",
        "issuer",
        "issuer_province",
        "issue_date",
        "status",
        "published_at",
        "preview_link",
    ]
    list_display_links = ["display_number", "short_summary"]
    list_filter = [ProvinceListFilter, IssuerListFilter, YearListFilter, "status"]
    list_select_related = ["issuer__province"]
    search_fields = ["search_text"]  # shows the box; get_search_results does the work
    search_help_text = _("Tìm theo số, ký hiệu hoặc nội dung; gõ có dấu hay không dấu đều được.")
    filter_horizontal = ["patterns"]
    actions = ["publish", "approve", "refuse", "unpublish"]
    readonly_fields = [
        *approval.STATE_FIELDS,  # set by the approval's steps only, never typed
        "slug",
        "preview_link",
        "original_link",
        "created_by",
        "updated_by",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["issuer", "status", "published_at", "slug", "preview_link"]}),
        (_("Số, ký hiệu và ngày"), {"fields": [
            ("number", "symbol"), "place",
            "date_precision", ("issued_day", "issued_month", "issued_year"),
        ]}),
        (_("Nội dung"), {"fields": ["summary", "recipients", "content", "patterns"]}),
        (_("Người ký và nơi nhận"), {"fields": [
            "signer_authority", "signer_title", "signer_name", "distribution",
        ]}),
        (_("Bản gốc đã ký, đóng dấu"), {"fields": [
            "original_link", "original_upload", "remove_original",
        ]}),
        (_("Duyệt đăng"), {"fields": [
            ("proposed_by", "proposed_at"), ("approved_by", "approved_at"), "approver_role",
        ]}),
        (_("Lịch sử"), {"fields": [("created_by", "created_at"), ("updated_by", "updated_at")],
                        "classes": ["collapse"]}),
    ]  # fmt: skip

    # -- scope -------------------------------------------------------------

    def get_queryset(self, request):
        return advisories_for(request.user).select_related("issuer__province")

    def get_object(self, request, object_id, from_field=None):
        # Outside the scope is "not found", never "forbidden": no existence leak.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "issuer":
            kwargs["queryset"] = organizations_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        issuer = form.base_fields.get("issuer")
        if issuer is not None and not change and issuer.queryset.count() == 1:
            issuer.initial = issuer.queryset.first().pk
        return form

    def get_prepopulated_fields(self, request, obj=None):
        return {}

    def save_model(self, request, obj, form, change):
        if not organizations_for(request.user).filter(pk=obj.issuer_id).exists():
            raise PermissionDenied  # the form already refuses it; belt and braces
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        if not obj.slug:
            # Made once, never typed: a published letter's address is shared and
            # must not change, and no one learns another body's addresses from it.
            obj.slug = obj.unique_slug()
        if change and form.has_changed():
            # A pending or published letter changed by one person waits for a second again.
            approval.edited(obj, request.user)
        if change:
            obj.read_by_ocr = False  # saved once by a publisher: the fields were checked
        super().save_model(request, obj, form, change)
        original = form.cleaned_data.get("original_upload")
        if original is not None:
            obj.replace_original(original.content, original.content_type, original.name)
        elif form.cleaned_data.get("remove_original"):
            obj.remove_original()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if change and not form.has_changed() and any(f.has_changed() for f in formsets):
            # Only the cited documents changed: still a change to what the public reads.
            approval.edited(obj, request.user)
            obj.save(update_fields=[*approval.STATE_FIELDS, "updated_by", "updated_at"])

    # -- list ----------------------------------------------------------------

    def get_search_results(self, request, queryset, search_term):
        """Folded search (case and diacritics ignored), the same as the public search."""
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False

    @admin.display(description=_("số, ký hiệu"), ordering="number")
    def display_number(self, obj):
        return obj.display_number

    @admin.display(description=_("trích yếu"))
    def short_summary(self, obj):
        return obj.summary[:90] + ("…" if len(obj.summary) > 90 else "")

    @admin.display(description=_("tỉnh, thành phố"), ordering="issuer__province__name")
    def issuer_province(self, obj):
        return obj.issuer.province or "—"

    @admin.display(description=_("ngày ban hành"), ordering="issued_on")
    def issue_date(self, obj):
        return obj.date_display

    @admin.display(description=_("xem trước"))
    def preview_link(self, obj):
        if obj is None or obj.pk is None:
            return _("Lưu bản nháp để xem trước bố cục công văn.")
        url = reverse("admin:advisories_advisory_preview", args=[obj.pk])
        return format_html('<a href="{}" target="_blank">{}</a>', url, _("Xem trước"))

    @admin.display(description=_("bản gốc hiện có"))
    def original_link(self, obj):
        if obj is None or not obj.original_file:
            return _("Chưa có bản gốc.")
        url = reverse("advisories:original", args=[obj.slug])
        if obj.status != Advisory.Status.PUBLISHED:
            url += "?preview"  # a draft's original opens for staff in scope only
        return format_html(
            '<a href="{}" target="_blank">{}</a> — {}', url, original_label(obj), obj.original_name
        )

    # -- actions -------------------------------------------------------------

    def has_approve_permission(self, request, obj=None):
        return request.user.has_perm(approval.APPROVE_PERMISSION)

    @admin.action(permissions=["change"], description=_("Đăng các công văn đã chọn"))
    def publish(self, request, queryset):
        """Drafts go to a second publisher (PENDING), or straight out where no second is needed."""
        pending = published = 0
        with transaction.atomic():
            for letter in self._each(queryset.filter(status=Advisory.Status.DRAFT)):
                if approval.propose(letter, request.user) == Advisory.Status.PENDING:
                    pending += 1
                    self.log_change(
                        request, letter, gettext("Đề nghị đăng; chờ cán bộ thứ hai duyệt.")
                    )
                else:
                    published += 1
                    self.log_change(
                        request, letter, gettext("Đã đăng (cơ quan không yêu cầu duyệt lần hai).")
                    )
        if pending:
            self.message_user(
                request,
                ngettext(
                    "%(count)d công văn chờ một cán bộ khác duyệt trước khi hiện với người dân.",
                    "%(count)d công văn chờ một cán bộ khác duyệt trước khi hiện với người dân.",
                    pending,
                )
                % {"count": pending},
                messages.SUCCESS,
            )
        if published or not pending:
            self.message_user(
                request,
                ngettext("Đã đăng %(count)d công văn.", "Đã đăng %(count)d công văn.", published)
                % {"count": published},
                messages.SUCCESS,
            )

    @admin.action(permissions=["approve"], description=_("Duyệt đăng các công văn đã chọn"))
    def approve(self, request, queryset):
        """A confirmation page first, as delete_selected: approving shows letters to everyone."""
        letters = list(self._each(queryset.filter(status=Advisory.Status.PENDING)))
        allowed = [letter for letter in letters if approval.can_approve(letter, request.user)]
        refused = [
            approval.refusal(letter, request.user) for letter in letters if letter not in allowed
        ]
        for reason in refused:
            self.message_user(request, reason, messages.ERROR)
        if not allowed:
            if not letters:
                self.message_user(
                    request,
                    gettext("Không có công văn nào chờ duyệt trong các công văn đã chọn."),
                    messages.WARNING,
                )
            return None
        if request.POST.get("post") == "yes":
            approved = self._approve(request, allowed)
            self.message_user(
                request,
                ngettext(
                    "Đã duyệt và đăng %(count)d công văn.",
                    "Đã duyệt và đăng %(count)d công văn.",
                    approved,
                )
                % {"count": approved},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Duyệt đăng công văn"),
            "opts": self.model._meta,
            "letters": allowed,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/advisories/advisory/approve_selected.html", context)

    def _approve(self, request, letters):
        done = 0
        with transaction.atomic():
            for letter in letters:
                proposer = letter.proposed_by
                try:
                    approval.approve(letter, request.user)
                except approval.ApprovalRefused as refused:
                    self.message_user(request, refused.message, messages.ERROR)
                    continue
                done += 1
                self.log_change(
                    request,
                    letter,
                    gettext(
                        "Duyệt đăng (đề nghị bởi %(proposer)s); công văn đã hiện với người dân."
                    )
                    % {"proposer": proposer or gettext("lệnh nhập công văn")},
                )
        return done

    @admin.action(permissions=["approve"], description=_("Từ chối đăng (trả về bản nháp)"))
    def refuse(self, request, queryset):
        count = 0
        with transaction.atomic():
            for letter in self._each(queryset.filter(status=Advisory.Status.PENDING)):
                approval.send_back(letter, request.user)
                self.log_change(request, letter, gettext("Từ chối đăng, trả về bản nháp."))
                count += 1
        self.message_user(
            request,
            ngettext(
                "Đã trả %(count)d công văn về bản nháp.",
                "Đã trả %(count)d công văn về bản nháp.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(permissions=["change"], description=_("Gỡ đăng (chuyển về bản nháp)"))
    def unpublish(self, request, queryset):
        # Taking a letter down, or a proposal back, only lessens what the public trusts:
        # one person may do it, and it is logged.
        count = 0
        with transaction.atomic():
            wanted = queryset.filter(
                status__in=[Advisory.Status.PUBLISHED, Advisory.Status.PENDING]
            )
            for letter in self._each(wanted):
                was = letter.get_status_display()
                approval.send_back(letter, request.user)
                self.log_change(
                    request, letter, gettext("Gỡ đăng (%(was)s), trả về bản nháp.") % {"was": was}
                )
                count += 1
        self.message_user(
            request,
            ngettext("Đã gỡ %(count)d công văn.", "Đã gỡ %(count)d công văn.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def _each(self, queryset):
        return queryset.select_related("issuer", "proposed_by").order_by("pk")

    # -- the change page's buttons (POST only, the same rules as the actions) ---

    STATE_ACTIONS = ["publish", "approve", "refuse", "unpublish"]

    def state_actions_for(self, request, obj):
        """(name, label) of the buttons this user gets on this letter's page."""
        if obj is None or obj.pk is None:
            return []
        can_change = self.has_change_permission(request, obj)
        buttons = []
        if obj.status == Advisory.Status.DRAFT and can_change:
            label = (
                _("Đề nghị đăng (chờ cán bộ khác duyệt)")
                if approval.needs_second_approval(obj)
                else _("Đăng")
            )
            buttons.append(("publish", label))
        if obj.status == Advisory.Status.PENDING:
            if approval.can_approve(obj, request.user):
                buttons.append(("approve", _("Duyệt đăng")))
            if self.has_approve_permission(request):
                buttons.append(("refuse", _("Từ chối, trả về bản nháp")))
        if obj.status in (Advisory.Status.PUBLISHED, Advisory.Status.PENDING) and can_change:
            buttons.append(("unpublish", _("Gỡ đăng")))
        return buttons

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id) if valid_pk(Advisory, object_id) else None
        extra_context["state_actions"] = self.state_actions_for(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def state_view(self, request, object_id, name):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not valid_pk(Advisory, object_id):
            raise Http404
        obj = self.get_object(request, object_id)
        allowed = dict(self.state_actions_for(request, obj))
        if name == "approve" and name not in allowed:
            # A forged POST (the proposer has no button): say why, change nothing.
            self.message_user(
                request,
                approval.refusal(obj, request.user) or gettext("Không thể duyệt công văn này."),
                messages.ERROR,
            )
        elif name not in allowed:
            raise PermissionDenied
        elif name == "approve":
            if self._approve(request, [obj]):
                self.message_user(
                    request, gettext("Đã duyệt, công văn đã hiện với người dân."), messages.SUCCESS
                )
        else:
            getattr(self, name)(request, Advisory.objects.filter(pk=obj.pk))
        return HttpResponseRedirect(reverse("admin:advisories_advisory_change", args=[obj.pk]))

    # -- its own pages (the preview here; importing in admin_import) -------------

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        state = self.admin_site.admin_view(self.state_view)
        return [
            *self.import_urls(),
            path("<int:object_id>/preview/", preview, name="advisories_advisory_preview"),
            path(
                "<int:object_id>/state/<str:name>/",
                state,
                name="advisories_advisory_state",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        """The public page's template, for drafts too; the same scope as every admin URL."""
        from .views import letter_context, letter_queryset

        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = letter_queryset(self.get_queryset(request)).filter(pk=object_id).first()
        if obj is None:
            raise Http404
        return render(request, "advisories/detail.html", letter_context(request, obj, True))


@admin.register(Organization)
class OrganizationAdmin(BoundedAdmin):
    list_display = ["name", "symbol", "level", "province"]
    list_filter = ["level", "province"]
    list_select_related = ["province"]
    search_fields = ["name", "symbol", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["members"]
    autocomplete_fields = ["province"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if is_administrator(request.user):
            return qs
        return qs.filter(pk__in=organizations_for(request.user))

    def get_readonly_fields(self, request, obj=None):
        if is_administrator(request.user):
            # Switching the second approval off would let one account publish alone:
            # nobody does it from the admin (a deployment's operator may, on the server).
            return ["requires_second_approval"]
        # Membership decides who publishes for whom: only administrators change it.
        return [f.name for f in self.model._meta.fields if f.editable and not f.primary_key] + [
            "members"
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "members":
            from django.contrib.auth import get_user_model

            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class AdministratorsChange:
    """Reference data others trust (provinces, the banks' list): only administrators
    add, change or delete it; the roles' view permission still lets others read it."""

    def _admin_only(self, request):
        return is_administrator(request.user)

    def has_add_permission(self, request):
        return self._admin_only(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._admin_only(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._admin_only(request) and super().has_delete_permission(request, obj)


# Reference data from Resolution 202/2025: only administrators correct it.
@admin.register(Province)
class ProvinceAdmin(AdministratorsChange, BoundedAdmin):
    list_display = ["name", "slug", "case_code", "kind", "is_current", "merged_into"]
    list_filter = ["is_current", "kind"]
    list_select_related = ["merged_into"]
    search_fields = ["name", "slug", "case_code"]


@admin.register(ScamPattern)
class ScamPatternAdmin(BoundedAdmin):
    list_display = ["name", "name_en", "slug", "position", "advisory_count"]
    list_editable = ["position"]
    search_fields = ["name", "name_en", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        from django.db.models import Count

        return (
            super()
            .get_queryset(request)
            .annotate(_advisories=Count("advisories", filter=Q(advisories__status="published")))
        )

    @admin.display(description=_("số công văn đã đăng"), ordering="_advisories")
    def advisory_count(self, obj):
        return obj._advisories


def view_on_site(request, content_type_id, object_id):
    """Admin's "view on site" redirect (`/admin/r/…`), scoped like every advisory URL.

    Django's own shortcut redirects any staff member to any object's public
    address: for another body's draft that would confirm it exists and show
    the first words of its summary in the slug.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.contenttypes.views import shortcut

    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    if model is not None and not valid_pk(model, object_id):
        raise Http404  # Django's shortcut lets a malformed UUID through as a 500
    if model is not None and (not model._meta.managed or not hasattr(model, "get_absolute_url")):
        # Nothing to show on the site; a model with no table (a permission's holder)
        # would be a query on a table that does not exist.
        raise Http404
    is_advisory = model is Advisory
    in_scope = (
        valid_pk(Advisory, object_id) and advisories_for(request.user).filter(pk=object_id).exists()
    )
    if is_advisory and not in_scope:
        raise Http404
    return shortcut(request, content_type_id, object_id)
