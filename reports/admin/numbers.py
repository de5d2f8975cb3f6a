"""The repeat screen and a thing's page (a number, a sender name, an account, a domain),
where inspectors record what they concluded."""

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
from ..models import NumberMark, Subject
from ..sms import Kind
from ..subjects import normal_key
from .filters import provinces_in_scope

# The first column's heading, per tab of the repeat screen.
KEY_HEADINGS = {
    Subject.PHONE: gettext_lazy("Số bị phản ánh"),
    Subject.SENDER: gettext_lazy("Tên người gửi bị phản ánh"),
    Subject.BANK_ACCOUNT: gettext_lazy("Tài khoản (ngân hàng:số)"),
    Subject.DOMAIN: gettext_lazy("Tên miền"),
    Subject.SOCIAL: gettext_lazy("Tài khoản (nền tảng:tài khoản)"),
}
# A thing's page title.
TITLES = {
    Subject.PHONE: gettext_lazy("Số %(source)s"),
    Subject.SENDER: gettext_lazy("Tên người gửi %(source)s"),
    Subject.BANK_ACCOUNT: gettext_lazy("Tài khoản ngân hàng %(source)s"),
    Subject.DOMAIN: gettext_lazy("Tên miền %(source)s"),
    Subject.SOCIAL: gettext_lazy("Tài khoản mạng xã hội %(source)s"),
}
# Examples shown under the mark box of the repeat screen.
KEY_EXAMPLES = gettext_lazy(
    "Ví dụ: 0912345678, VCB-BANK, VCB 0011001234567, vietcombank-vn.com, zalo:0912345678."
)

COLUMNS = [
    ("source", ""),  # KEY_HEADINGS
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
        found = repeats.repeats(self.get_queryset(request), filters)
        columns = [
            (
                key,
                label or KEY_HEADINGS[filters.subject],
                filters.query(o=f"-{key}" if filters.sort == key else key),
                filters.sort.lstrip("-") == key,
            )
            for key, label in COLUMNS
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Bị phản ánh nhiều lần"),
            "rows": found.suspects,
            "official_rows": found.official,
            "found": found,
            "previous_query": filters.query(page=found.page - 1) if found.page > 1 else "",
            "next_query": filters.query(page=found.page + 1) if found.page < found.pages else "",
            "subjects": [
                (value, label, filters.query(subject=value, o="", page=1))
                for value, label in Subject.choices
            ],
            "subject_choices": Subject.choices,
            "key_examples": KEY_EXAMPLES,
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
        """One thing of any subject: what the portal says of it, its marks, and marking it.

        `?source=` alone is a number or a sender name, as before; `?subject=`
        names the others (`bank_account`, `domain`, `social`), with the key or
        anything that normalises to it (reports.subjects).
        """
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        asked = request.GET.get("subject", Subject.PHONE)
        try:
            if asked not in Subject.values:
                raise ValueError(_("Không có loại này."))
            subject, source = normal_key(asked, request.GET.get("source", ""))
        except ValueError as error:
            messages.error(request, str(error))
            back = reverse("admin:reports_report_repeat_numbers")
            if asked in Subject.values and asked != Subject.PHONE:
                back += f"?subject={asked}"
            return HttpResponseRedirect(back)
        scopes = numbers.scopes_for(request.user)
        can_mark = request.user.has_perm("reports.add_numbermark") and bool(scopes)
        forms_by_kind = {
            kind: MarkForm(initial={"kind": kind}, scopes=scopes, prefix=kind)
            for kind in NumberMark.Kind.values
        }
        if request.method == "POST" and can_mark:
            response = self._number_post(request, subject, source, scopes, forms_by_kind)
            if response is not None:
                return response
        marks = list(
            NumberMark.objects.filter(source=source).select_related(
                "province", "created_by", "withdrawn_by"
            )
        )
        keyed, path = repeats.keyed(self.get_queryset(request), subject)
        reports = keyed.filter(**{path: source})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": TITLES[subject] % {"source": source},
            "subject": subject,
            "subject_label": Subject(subject).label,
            "source": source,
            "here_query": repeats.page_query(subject, source),
            "status": numbers.status(source, subject),
            "operator": numbers.operator_hint(source) if subject == Subject.PHONE else "",
            "marks": marks,
            "withdrawable": {
                mark.pk
                for mark in marks
                if (mark.is_pending or (mark.is_active and not mark.is_withdrawal_pending))
                and (mark.province in scopes)
            },
            "settle_url": reverse("admin:reports_report_marks_to_settle"),
            "reports_count": reports.values("pk").distinct().count(),
            "list_query": repeats.Filters(days="all").list_query(source, subject),
            "can_mark": can_mark,
            "scam_form": forms_by_kind[NumberMark.Kind.SCAM],
            "official_form": forms_by_kind[NumberMark.Kind.OFFICIAL],
        }
        return TemplateResponse(request, "admin/reports/report/number.html", context)

    def _number_post(self, request, subject, source, scopes, forms_by_kind):
        """Mark or withdraw; a redirect when done, None to show the page with the form's errors."""
        here = f"{reverse('admin:reports_report_number')}?{repeats.page_query(subject, source)}"
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
                subject=subject,
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
