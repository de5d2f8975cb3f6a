"""The report list's filters: each lists only what the inspector's scope holds."""

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from advisories.models import Province, ScamPattern

from ..access import sees_every_report
from ..models import Evidence, ReportBankAccount, ReportLink, ReportSocialAccount
from ..triage import assignable_staff, display_name


def provinces_in_scope(user):
    """The current provinces whose reports this user triages (every one for national staff)."""
    current = Province.objects.current()
    if sees_every_report(user):
        return current
    return current.filter(inspectors__user=user)


class ProvinceFilter(admin.SimpleListFilter):
    title = _("tỉnh, thành phố (hiện nay)")
    parameter_name = "province"

    def lookups(self, request, model_admin):
        return [(p.slug, p.name) for p in provinces_in_scope(request.user)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(province__slug=self.value())
        return queryset


class ChosenProvinceFilter(admin.SimpleListFilter):
    """What the citizen typed: `Bình Phước` is in Đồng Nai's scope, but the name matters."""

    title = _("tỉnh người dân chọn")
    parameter_name = "chosen"

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


class PatternFilter(admin.SimpleListFilter):
    title = _("thủ đoạn")
    parameter_name = "pattern"

    def lookups(self, request, model_admin):
        return [(p.slug, p.display_name) for p in ScamPattern.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(patterns__slug=self.value())
        return queryset


MINE = "mine"
NOBODY = "nobody"


class AssigneeFilter(admin.SimpleListFilter):
    """ "Mine" is an inspector's queue; "nobody" what is waiting to be taken."""

    title = _("người xử lý")
    parameter_name = "assignee"

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


class EvidenceFilter(admin.SimpleListFilter):
    title = _("bằng chứng")
    parameter_name = "evidence"

    def lookups(self, request, model_admin):
        return [("yes", _("Có ảnh, ghi âm")), ("no", _("Không có"))]

    def queryset(self, request, queryset):
        has = Exists(Evidence.objects.filter(report=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(has)
        if self.value() == "no":
            return queryset.exclude(has)
        return queryset


class UsedFilter(admin.SimpleListFilter):
    """Reports naming a bank account, a link or a chat account, or whose citizen lost something."""

    title = _("kẻ gian đã dùng")
    parameter_name = "used"

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
            return queryset.filter(Q(paid=True) | Q(gave_code=True) | Q(installed_app=True))
        return queryset
