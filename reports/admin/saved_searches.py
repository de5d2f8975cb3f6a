"""Saved searches in admin's menu: each staff member's own and their province's shared ones.

Saved from the report list (reports.saved_searches), never added here. The
menu entry needs no query of its own (the report list's permission decides),
so every admin page's sidebar leads to them. Only the owner renames, reshares
(within their provinces) or deletes one; a colleague's shared one is read-only.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisories.models import Province
from portal.admin_bounds import BoundedAdmin

from .. import saved_searches
from ..access import provinces_of
from ..models import SavedSearch


@admin.register(SavedSearch)
class SavedSearchAdmin(BoundedAdmin):
    list_display = ["name", "open_link", "owner_cell", "shared_with"]
    list_select_related = ["owner", "shared_with"]
    search_fields = ["name"]
    fields = ["name", "shared_with", "open_link", "query", "created_at", "updated_at"]
    readonly_fields = ["open_link", "query", "created_at", "updated_at"]
    actions = None  # no bulk delete: it would reach colleagues' shared searches

    def _staff(self, request):
        return request.user.is_active and request.user.has_perm("reports.view_report")

    def has_module_permission(self, request):
        return self._staff(request)

    def has_view_permission(self, request, obj=None):
        return self._staff(request)

    def has_add_permission(self, request):
        return False  # saved from the report list, with its query

    def has_change_permission(self, request, obj=None):
        return self._staff(request) and (obj is None or obj.owner_id == request.user.pk)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def get_queryset(self, request):
        return saved_searches.visible_to(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "shared_with":
            kwargs["queryset"] = Province.objects.filter(pk__in=provinces_of(request.user))
            kwargs["empty_label"] = _("không chia sẻ")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # The form offers only the owner's provinces; a forged one is refused here too.
        if obj.owner_id != request.user.pk or (
            obj.shared_with_id is not None
            and not saved_searches.may_share_with(request.user, obj.shared_with_id)
        ):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    @admin.display(description=gettext_lazy("danh sách"))
    def open_link(self, search):
        return format_html('<a href="{}">{}</a>', saved_searches.list_url(search), _("Mở"))

    @admin.display(description=gettext_lazy("người lưu"), ordering="owner__username")
    def owner_cell(self, search):
        return search.owner.get_full_name() or search.owner.username
