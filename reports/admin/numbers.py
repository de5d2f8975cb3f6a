"""The repeat-numbers screen and a number's page, where inspectors record what they concluded."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.admin_values import valid_pk

from .. import numbers, repeats
from ..models import NumberMark
from ..phones import SourceError, normalize_source
from ..sms import Kind
from .filters import provinces_in_scope

COLUMNS = [
    ("source", gettext_lazy("Số bị phản ánh")),
    ("reports", gettext_lazy("Phản ánh")),
    ("S", "S"),
    ("V", "V"),
    ("LD", "LD"),
    ("provinces", gettext_lazy("Tỉnh người dân chọn")),
    ("first", gettext_lazy("Lần đầu")),
    ("last", gettext_lazy("Gần nhất")),
    ("open", gettext_lazy("Chưa xong")),
]


# The national scope's value in the mark form. It was "", which a required choice
# refuses: a national inspector could not confirm a number nationwide (issue 17).
NATIONAL = "national"


def _scope_key(province):
    return NATIONAL if province is None else str(province.pk)


class MarkForm(forms.Form):
    kind = forms.ChoiceField(choices=NumberMark.Kind.choices, widget=forms.HiddenInput)
    scope = forms.ChoiceField(label=gettext_lazy("Phạm vi"))
    owner = forms.CharField(
        label=gettext_lazy("Cơ quan dùng số"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Với số chính thức, ví dụ: Thanh tra Sở KH&CN Đắk Lắk."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Căn cứ"),
        max_length=numbers.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )

    def __init__(self, *args, scopes, **kwargs):
        super().__init__(*args, **kwargs)
        self.scopes = {_scope_key(province): province for province in scopes}
        self.fields["scope"].choices = [
            (_scope_key(province), province.name if province else _("Toàn quốc"))
            for province in scopes
        ]


class NumberViews:
    """Mixed into ReportAdmin: the screens are scoped by its get_queryset."""

    def repeat_numbers_view(self, request):
        """Sources reported again and again, within what this inspector may see."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        provinces = list(provinces_in_scope(request.user))
        filters = repeats.Filters.read(request.GET, provinces)
        suspects, official = repeats.repeat_numbers(self.get_queryset(request), filters)
        columns = [
            (
                key,
                label,
                filters.query(o=f"-{key}" if filters.sort == key else key),
                filters.sort.lstrip("-") == key,
            )
            for key, label in COLUMNS
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Số bị phản ánh nhiều lần"),
            "rows": suspects,
            "official_rows": official,
            "filters": filters,
            "columns": columns,
            "periods": [
                (key, days, filters.query(days=key)) for key, days in repeats.PERIODS.items()
            ],
            "kinds": [("", _("Mọi loại"), filters.query(kind=""))]
            + [(kind.value, kind.value, filters.query(kind=kind.value)) for kind in Kind],
            "provinces": provinces if len(provinces) > 1 else [],
            "minimum": repeats.MINIMUM_REPORTS,
            "list_url": reverse("admin:reports_report_changelist"),
            "number_url": reverse("admin:reports_report_number"),
        }
        return TemplateResponse(request, "admin/reports/report/repeat_numbers.html", context)

    def number_view(self, request):
        """One number: what the portal says of it, its marks' history, and marking it."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        try:
            source = normalize_source(Kind.SPAM_SMS, request.GET.get("source", ""))
        except SourceError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(reverse("admin:reports_report_repeat_numbers"))
        scopes = numbers.scopes_for(request.user)
        can_mark = request.user.has_perm("reports.add_numbermark") and bool(scopes)
        forms_by_kind = {
            kind: MarkForm(initial={"kind": kind}, scopes=scopes, prefix=kind)
            for kind in NumberMark.Kind.values
        }
        if request.method == "POST" and can_mark:
            response = self._number_post(request, source, scopes, forms_by_kind)
            if response is not None:
                return response
        marks = list(
            NumberMark.objects.filter(source=source).select_related(
                "province", "created_by", "withdrawn_by"
            )
        )
        reports = self.get_queryset(request).filter(source=source)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Số %(source)s") % {"source": source},
            "source": source,
            "status": numbers.status(source),
            "operator": numbers.operator_hint(source),
            "marks": marks,
            "withdrawable": {
                mark.pk
                for mark in marks
                if (mark.is_pending or (mark.is_active and not mark.is_withdrawal_pending))
                and (mark.province in scopes)
            },
            "settle_url": reverse("admin:reports_report_marks_to_settle"),
            "reports_count": reports.count(),
            "list_query": repeats.Filters(days="all").list_query(source),
            "can_mark": can_mark,
            "scam_form": forms_by_kind[NumberMark.Kind.SCAM],
            "official_form": forms_by_kind[NumberMark.Kind.OFFICIAL],
        }
        return TemplateResponse(request, "admin/reports/report/number.html", context)

    def _number_post(self, request, source, scopes, forms_by_kind):
        """Mark or withdraw; a redirect when done, None to show the page with the form's errors."""
        here = f"{reverse('admin:reports_report_number')}?source={source}"
        if "withdraw" in request.POST:
            chosen = request.POST.get("withdraw")
            marks = NumberMark.objects.filter(source=source)
            # A hand-made `withdraw=abc` was a 500: only an id the table can hold is looked up.
            mark = marks.filter(pk=chosen).first() if valid_pk(NumberMark, chosen) else None
            if mark is None:
                messages.error(request, _("Không có kết luận này."))
                return HttpResponseRedirect(here)
            try:
                mark = numbers.withdraw(
                    mark, by=request.user, reason=request.POST.get("withdrawal_reason")
                )
            except numbers.MarkRefused as refused:
                messages.error(request, str(refused))
            else:
                if mark.is_withdrawal_pending:
                    text = _(
                        "Đã đề nghị rút lại kết luận về %(source)s; kết luận vẫn có hiệu lực "
                        "đến khi một cán bộ khác cùng phạm vi duyệt."
                    )
                else:
                    text = _("Đã rút lại kết luận về %(source)s.")
                messages.success(request, text % {"source": source})
            return HttpResponseRedirect(here)
        kind = request.POST.get("kind_submitted")
        if kind not in forms_by_kind:
            return HttpResponseRedirect(here)
        form = MarkForm(request.POST, scopes=scopes, prefix=kind)
        forms_by_kind[kind] = form
        if not form.is_valid():
            return None
        try:
            mark = numbers.mark(
                source,
                form.cleaned_data["kind"],
                by=request.user,
                province=form.scopes[form.cleaned_data["scope"]],
                reason=form.cleaned_data["reason"],
                owner=form.cleaned_data["owner"],
            )
        except numbers.MarkRefused as refused:
            form.add_error(None, str(refused))
            return None
        if mark.is_pending:
            text = _(
                "Đã ghi đề xuất kết luận về %(source)s; đề xuất chỉ có hiệu lực khi một cán bộ "
                "khác cùng phạm vi duyệt."
            )
        else:
            text = _("Đã ghi kết luận về %(source)s.")
        messages.success(request, text % {"source": source})
        return HttpResponseRedirect(here)

    def marks_to_settle_view(self, request):
        """Marks waiting for a second staff member, and provinces at odds with the nation.

        Everyone who may mark sees those of their scope; approve and refuse
        show only to who may decide (never the proposer), and are checked
        again in numbers.decide for a forged POST.
        """
        if not request.user.has_perm("reports.view_numbermark"):
            raise PermissionDenied
        here = reverse("admin:reports_report_marks_to_settle")
        if request.method == "POST":
            chosen = request.POST.get("mark")
            found = (
                NumberMark.objects.filter(pk=chosen).first()
                if valid_pk(NumberMark, chosen)
                else None
            )
            decision = request.POST.get("decision")
            if found is None or decision not in ("approve", "refuse"):
                messages.error(request, _("Không có kết luận này."))
                return HttpResponseRedirect(here)
            try:
                numbers.decide(
                    found,
                    by=request.user,
                    approve=decision == "approve",
                    note=request.POST.get("note", ""),
                )
            except numbers.MarkRefused as refused:
                messages.error(request, str(refused))
            else:
                text = (
                    _("Đã duyệt: %(mark)s.")
                    if decision == "approve"
                    else _("Đã từ chối: %(mark)s.")
                )
                messages.success(request, text % {"mark": found})
            return HttpResponseRedirect(here)
        waiting = numbers.waiting(request.user)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Kết luận về số chờ duyệt"),
            "waiting": [(mark, numbers.may_decide(request.user, mark)) for mark in waiting],
            "conflicts": numbers.conflicts(request.user),
            "number_url": reverse("admin:reports_report_number"),
        }
        return TemplateResponse(request, "admin/reports/report/marks_to_settle.html", context)
