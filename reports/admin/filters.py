"""The report list's filters: each lists only what the inspector's scope holds."""

from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advisories.models import Province, ScamPattern

from .. import service_levels
from ..access import sees_every_report
from ..dashboard import NO_PROVINCE, OPEN_STATES, OVERDUE
from ..models import Evidence, ReportBankAccount, ReportLink, ReportSocialAccount
from ..triage import assignable_staff, display_name
from .facets import NOT_GROUPED, GroupedFacets, RowsFacets, choices_once


def provinces_in_scope(user):
    """The current provinces whose reports this user triages (every one for national staff)."""
    current = Province.objects.current()
    if sees_every_report(user):
        return current
    return current.filter(inspectors__user=user)


OPEN = ",".join(OPEN_STATES)


class StateFilter(admin.ChoicesFieldListFilter):
    """Each state, and "Đang mở": new, in review and forwarded together.

    "Đang mở" is `?status__in=new,in_review,forwarded`, the form the dashboard's
    links have always used; this filter takes `status__in` (any open states the
    dashboard writes, such as new and in review) beside `status__exact`.
    """

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_kwarg_in = f"{field_path}__in"
        asked = params.get(self.lookup_kwarg_in)
        self.lookup_val_in = set(asked[-1].split(",")) if asked else None
        super().__init__(field, request, params, model, model_admin, field_path)

    def expected_parameters(self):
        return [*super().expected_parameters(), self.lookup_kwarg_in]

    def get_facet_counts(self, pk_attname, filtered_qs):
        counts = super().get_facet_counts(pk_attname, filtered_qs)
        counts["open__c"] = Count(pk_attname, filter=Q(status__in=OPEN_STATES))
        return counts

    def get_facet_queryset(self, changelist):
        # Asked twice (the open choice's label, then Django's choices): counted once.
        if not hasattr(self, "_facets"):
            self._facets = super().get_facet_queryset(changelist)
        return self._facets

    def choices(self, changelist):
        mine = [self.lookup_kwarg, self.lookup_kwarg_isnull, self.lookup_kwarg_in]
        open_label = _("Đang mở (mới, đang xem xét, đã chuyển)")
        if changelist.add_facets:  # ?_facets: each choice with its count, this one too
            open_label = f"{open_label} ({self.get_facet_queryset(changelist)['open__c']})"
        choices = list(super().choices(changelist))
        everything, single = choices[0], choices[1:]
        everything["selected"] = self.lookup_val is None and self.lookup_val_in is None
        everything["query_string"] = changelist.get_query_string(remove=mine)
        for choice, (value, _label) in zip(single, self.field.flatchoices, strict=False):
            choice["query_string"] = changelist.get_query_string(
                {self.lookup_kwarg: value}, [self.lookup_kwarg_isnull, self.lookup_kwarg_in]
            )
        yield everything
        yield {
            "selected": self.lookup_val_in == set(OPEN_STATES),
            "query_string": changelist.get_query_string(
                {self.lookup_kwarg_in: OPEN}, [self.lookup_kwarg, self.lookup_kwarg_isnull]
            ),
            "display": open_label,
        }
        yield from single


def _by_province(queryset, field, value):
    if value == NO_PROVINCE:
        return queryset.filter(**{f"{field}__isnull": True})
    if value:
        return queryset.filter(**{f"{field}__slug": value})
    return queryset


# Reports filed without a province (or placed in none yet): national staff's to place.
NO_PROVINCE_CHOICE = (NO_PROVINCE, _("Chưa rõ tỉnh"))


class ProvinceFacets(GroupedFacets):
    """Counted by the province's slug; "Chưa rõ tỉnh" is the reports without one."""

    def facet_value(self, lookup):
        return None if lookup == NO_PROVINCE else lookup


class ProvinceFilter(ProvinceFacets, admin.SimpleListFilter):
    title = _("tỉnh, thành phố (hiện nay)")
    parameter_name = "province"
    facet_field = "province__slug"

    @choices_once
    def lookups(self, request, model_admin):
        return [(p.slug, p.name) for p in provinces_in_scope(request.user)] + [NO_PROVINCE_CHOICE]

    def queryset(self, request, queryset):
        return _by_province(queryset, "province", self.value())


class ChosenProvinceFilter(ProvinceFacets, admin.SimpleListFilter):
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
        return [(p.slug, str(p)) for p in chosen.order_by("name")] + [NO_PROVINCE_CHOICE]

    def queryset(self, request, queryset):
        return _by_province(queryset, "province_as_chosen", self.value())


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
MINE_OPEN = "mine_open"
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
        choices = [
            (MINE, _("Của tôi")),
            (MINE_OPEN, _("Của tôi, đang mở")),
            (NOBODY, _("Chưa giao cho ai")),
        ]
        return choices + [
            (str(person.pk), display_name(person)) for person in people.exclude(pk=request.user.pk)
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == MINE:
            return queryset.filter(assigned_to=request.user)
        if value == MINE_OPEN:
            return queryset.filter(assigned_to=request.user, status__in=OPEN_STATES)
        if value == NOBODY:
            return queryset.filter(assigned_to__isnull=True)
        if value and value.isdigit():
            return queryset.filter(assigned_to_id=int(value))
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    """Open reports past their service level (reports.service_levels), or the others."""

    title = _("quá hạn")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [(OVERDUE, _("Quá hạn")), ("no", _("Không quá hạn"))]

    def get_facet_queryset(self, changelist):
        """One conditional count (reports.admin.facets), not a subquery per choice."""
        filtered = changelist.get_queryset(
            self.request, exclude_parameters=self.expected_parameters()
        )
        overdue = service_levels.overdue_q(timezone.now())
        counts = filtered.aggregate(all=Count("pk"), overdue=Count("pk", filter=overdue))
        return {"0__c": counts["overdue"], "1__c": counts["all"] - counts["overdue"]}

    def queryset(self, request, queryset):
        if self.value() == OVERDUE:
            return queryset.filter(service_levels.overdue_q(timezone.now()))
        if self.value() == "no":
            return queryset.exclude(service_levels.overdue_q(timezone.now()))
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
