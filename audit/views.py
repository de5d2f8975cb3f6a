"""/admin/audit/ and its CSV: the history of every audited model, for administrators only.

Served through admin.site.admin_view (portal/urls.py), like the reports'
exports page: signed-in staff only; beyond that, superusers and holders of
audit.view_audit_log (the administrators' group). Everyone else gets a 403:
the log shows what every account did and from where.
"""

import csv
import itertools

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .log import Filters, entries, keys, model_choices

PER_PAGE = 50
# A cell starting with one of these is a formula to a spreadsheet (OWASP: CSV
# injection), as in reports.export: the audit does not depend on the reports app.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The CSV reads this many records' details at a time.
CSV_CHUNK = 500


def neutralise(text):
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def may_read_audit(user):
    return user.is_active and user.is_staff and user.has_perm("audit.view_audit_log")


class FilterForm(forms.Form):
    model = forms.ChoiceField(label=gettext_lazy("Loại dữ liệu"), required=False)
    user = forms.CharField(
        label=gettext_lazy("Tên đăng nhập"),
        required=False,
        max_length=150,
        help_text=gettext_lazy("Đúng tên đăng nhập của cán bộ."),
    )
    since = forms.DateField(
        label=gettext_lazy("Từ ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label=gettext_lazy("Đến hết ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    object = forms.CharField(widget=forms.HiddenInput, required=False, max_length=18)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", _("Tất cả")), *model_choices()]

    def filters(self):
        """The filters asked for; those that do not read as one are left out."""
        if not self.is_valid():
            data = {name: self.cleaned_data.get(name) for name in self.fields}
        else:
            data = self.cleaned_data
        return Filters(
            model=data.get("model") or "",
            user=(data.get("user") or "").strip(),
            since=data.get("since"),
            until=data.get("until"),
            object=(data.get("object") or "").strip(),
        )


def _checked(request):
    if not may_read_audit(request.user):
        raise PermissionDenied
    form = FilterForm(request.GET or None)
    return form, form.filters() if request.GET else Filters()


def audit_log(request):
    """One page of the log, newest first, under the filters of the query string."""
    form, filters = _checked(request)
    query = keys(filters)
    page = Paginator(query if query is not None else [], PER_PAGE).get_page(request.GET.get("p"))
    asked = request.GET.copy()
    asked.pop("p", None)
    context = {
        **admin.site.each_context(request),
        "title": _("Nhật ký thay đổi"),
        "form": form,
        "page": page,
        "entries": entries(list(page.object_list)),
        "query": asked.urlencode(),
        "export_url": reverse("audit_export") + (f"?{asked.urlencode()}" if asked else ""),
        "max_rows": settings.AUDIT_EXPORT_MAX_ROWS,
    }
    return TemplateResponse(request, "admin/audit/log.html", context)


class _Echo:
    def write(self, value):
        return value


def header():
    return [
        _("Thời điểm"),
        _("Người thực hiện"),
        _("Địa chỉ máy"),
        _("Lý do, nguồn"),
        _("Loại dữ liệu"),
        _("Đối tượng"),
        _("Thao tác"),
        _("Thay đổi (cũ → mới)"),
    ]


def _row(entry):
    changes = "\n".join(f"{change.field}: {change.old} → {change.new}" for change in entry.changes)
    cells = [
        timezone.localtime(entry.when).strftime("%d/%m/%Y %H:%M:%S"),
        entry.user,
        entry.address,
        entry.reason,
        str(entry.model_name),
        entry.object_label,
        entry.action,
        changes,
    ]
    return [neutralise(cell) for cell in cells]


def _lines(filters, limit):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # Excel reads UTF-8 only after a byte order mark
    yield writer.writerow(header())
    query = keys(filters)
    found = list(query[: limit + 1]) if query is not None else []
    more = len(found) > limit
    rows = iter(found[:limit])
    while chunk := list(itertools.islice(rows, CSV_CHUNK)):
        for entry in entries(chunk, full=True):
            yield writer.writerow(_row(entry))
    if more:
        yield writer.writerow(
            [
                _(
                    "Chỉ có %(count)d bản ghi đầu tiên (mới nhất): còn bản ghi khớp bộ lọc. "
                    "Hãy thu hẹp khoảng ngày hoặc chọn loại dữ liệu, người thực hiện."
                )
                % {"count": limit}
            ]
        )


def audit_export(request):
    """The same filters as CSV, streamed, at most AUDIT_EXPORT_MAX_ROWS records."""
    _form, filters = _checked(request)
    response = StreamingHttpResponse(
        _lines(filters, settings.AUDIT_EXPORT_MAX_ROWS), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="nhat-ky-thay-doi-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
