"""The report list's filters: each lists only what the inspector's scope holds."""

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from advisories.models import Province, ScamPattern

from ..access import sees_every_report
from ..models import Evidence, ReportBankAccount, ReportLink, ReportSocialAccount
from ..triage import assignable_staff, display_name
from .facets import NOT_GROUPED, GroupedFacets, RowsFacets, choices_once


def provinces_in_scope(user):
    """The current provinces whose reports this user triages (every one for national staff)."""
    current = Province.objects.current()
    if sees_every_report(user):
        return current
    return current.filter(inspectors__user=user)


class ProvinceFilter(GroupedFacets, admin.SimpleListFilter):
    title = _("tỉnh, thành phố (hiện nay)")
    parameter_name = "province"
    facet_field = "province__slug"

    @choices_once
    def lookups(self, request, model_admin):
        return [(p.slug, p.name) for p in provinces_in_scope(request.user)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(province__slug=self.value())
        return queryset


class ChosenProvinceFilter(GroupedFacets, admin.SimpleListFilter):
    """What the citizen typed: `Bình Phước` is in Đồng Nai's scope, but the name matters."""

    title = _("tỉnh người dân chọn")
    parameter_name = "chosen"
    facet_field = "province_as_chosen__slug"

    @choices_once
    def lookups(self, request, model_admin):
        scope = provinces_in_scope(request.user)
        chosen = Province.objects.filter(pk__in=scope.values("pk")) | Province.objects.filter(
            merged_into__in=scope
        )
        return [(p.slug, str(p)) for p in chosen.order_by("name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(province_as_chosen__slug=self.value())
        return queryset


class PatternFilter(GroupedFacets, admin.SimpleListFilter):
    title = _("thủ đoạn")
    parameter_name = "pattern"
    facet_through = ("patterns", "scampattern__slug")  # one row a (report, pattern)

    @choices_once
    def lookups(self, request, model_admin):
        return [(p.slug, p.display_name) for p in ScamPattern.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(patterns__slug=self.value())
        return queryset


HARMED = Q(paid=True) | Q(gave_code=True) | Q(installed_app=True)
MINE = "mine"
NOBODY = "nobody"


class AssigneeFilter(GroupedFacets, admin.SimpleListFilter):
    """ "Mine" is an inspector's queue; "nobody" what is waiting to be taken."""

    title = _("người xử lý")
    parameter_name = "assignee"
    facet_field = "assigned_to_id"

    def facet_value(self, lookup):
        if lookup == MINE:
            return self.request.user.pk
        if lookup == NOBODY:
            return None
        return int(lookup) if str(lookup).isdigit() else NOT_GROUPED

    @choices_once
    def lookups(self, request, model_admin):
        people = assignable_staff(provinces_in_scope(request.user), every=False)
        choices = [(MINE, _("Của tôi")), (NOBODY, _("Chưa giao cho ai"))]
        return choices + [
            (str(person.pk), display_name(person)) for person in people.exclude(pk=request.user.pk)
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == MINE:
            return queryset.filter(assigned_to=request.user)
        if value == NOBODY:
            return queryset.filter(assigned_to__isnull=True)
        if value and value.isdigit():
            return queryset.filter(assigned_to_id=int(value))
        return queryset


class EvidenceFilter(RowsFacets, admin.SimpleListFilter):
    title = _("bằng chứng")
    parameter_name = "evidence"
    facet_tables = {"yes": Evidence}

    def facet_extra(self, filtered, found):
        return {"no": filtered.count() - found["yes"]}

    def lookups(self, request, model_admin):
        return [("yes", _("Có ảnh, ghi âm")), ("no", _("Không có"))]

    def queryset(self, request, queryset):
        has = Exists(Evidence.objects.filter(report=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(has)
        if self.value() == "no":
            return queryset.exclude(has)
        return queryset


class UsedFilter(RowsFacets, admin.SimpleListFilter):
    """Reports naming a bank account, a link or a chat account, or whose citizen lost something."""

    title = _("kẻ gian đã dùng")
    parameter_name = "used"
    facet_tables = {
        "bank_account": ReportBankAccount,
        "link": ReportLink,
        "social": ReportSocialAccount,
    }

    def facet_extra(self, filtered, found):
        return {"harmed": filtered.filter(HARMED).count()}

    def lookups(self, request, model_admin):
        return [
            ("bank_account", _("tài khoản ngân hàng")),
            ("link", _("đường link")),
            ("social", _("tài khoản mạng xã hội")),
            ("harmed", _("người dân đã mất tiền, lộ mã hoặc cài ứng dụng")),
        ]

    def queryset(self, request, queryset):
        # Exists, not a join: a report with two links is one row of the list.
        rows = {
            "bank_account": ReportBankAccount,
            "link": ReportLink,
            "social": ReportSocialAccount,
        }
        value = self.value()
        if value in rows:
            return queryset.filter(Exists(rows[value].objects.filter(report=OuterRef("pk"))))
        if value == "harmed":
            return queryset.filter(HARMED)
        return queryset
