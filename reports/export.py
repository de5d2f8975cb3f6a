"""Reports as a CSV file for the police or an operator: what they need, and nothing more.

One row per report. UTF-8 with a byte-order mark, so Excel opens Vietnamese
correctly. The contact only where the citizen consented to be contacted;
internal notes never. A cell that a spreadsheet would read as a formula
(`=`, `+`, `-`, `@`, and tab or carriage return before them) is prefixed
with an apostrophe: a citizen's text must not run in the inspector's Excel.
Every export is a line in the history of each report it holds.
"""

import csv

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import ReportEvent

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000


def neutralise(value):
    """A cell's text, never a formula (OWASP: CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _local(moment):
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


def header():
    return [
        _("Mã biên nhận"),
        _("Gửi lúc"),
        _("Xảy ra lúc"),
        _("Loại"),
        _("Nguồn"),
        _("Nội dung"),
        _("Tỉnh, thành phố (hiện nay)"),
        _("Tỉnh người dân chọn"),
        _("Thủ đoạn"),
        _("Trạng thái"),
        _("Chuyển tới / lý do"),
        _("Số tệp bằng chứng"),
        _("Liên hệ (người dân đồng ý)"),
    ]


def row(report):
    target_or_reason = ""
    if report.forward_target:
        target_or_reason = report.get_forward_target_display()
    if report.reject_reason:
        target_or_reason = report.get_reject_reason_display()
    consented = bool(report.contact and report.contact_consented_at)
    return [
        report.code,
        _local(report.created_at),
        _local(report.occurred_at),
        report.kind,
        report.source,
        report.content,
        report.province.name if report.province else "",
        report.province_as_chosen.name if report.province_as_chosen else "",
        "; ".join(pattern.name for pattern in report.patterns.all()),
        report.get_status_display(),
        target_or_reason,
        report._export_evidence,
        report.contact if consented else "",
    ]


def exportable(queryset):
    """The rows' related data in a constant number of queries per chunk."""
    return (
        queryset.select_related("province", "province_as_chosen")
        .prefetch_related("patterns")
        .with_evidence_count("_export_evidence")
        .order_by("created_at", "pk")
    )


class _Echo:
    def write(self, value):
        return value


def lines(queryset):
    """The file, line by line (streamed: an export of a year's reports fits no memory)."""
    writer = csv.writer(_Echo())
    # The file is for Vietnamese authorities: its words are Vietnamese whatever
    # language the inspector reads the admin in.
    with translation.override("vi"):
        yield BOM + writer.writerow(header())
        for report in exportable(queryset).iterator(chunk_size=CHUNK):
            yield writer.writerow([neutralise(cell) for cell in row(report)])


def record(queryset, by):
    """One history line per exported report: who exported it, when, and how many went together."""
    rows = list(queryset.order_by().values_list("pk", "status"))
    with translation.override("vi"):
        note = ngettext(
            "Xuất tệp CSV gồm %(count)d phản ánh.",
            "Xuất tệp CSV gồm %(count)d phản ánh.",
            len(rows),
        ) % {"count": len(rows)}
    ReportEvent.objects.bulk_create(
        [
            ReportEvent(
                report_id=pk,
                actor=by,
                kind=ReportEvent.Kind.EXPORT,
                from_status=status,
                status=status,
                note=note,
            )
            for pk, status in rows
        ],
        batch_size=CHUNK,
    )
    return len(rows)
