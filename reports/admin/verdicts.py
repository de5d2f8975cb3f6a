"""What is known about a report's source, shown where inspectors decide (issue 19, part 1).

An official line (whose) or a confirmed scam (by whom) on the list row, the
report page and the dashboard, with the source's reports in the viewer's scope
and nationwide and links to its page and its other reports. Forwarding a report
about an official line to the police was the mistake this prevents.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import numbers, repeats
from ..dashboard import OPEN_STATES
from ..models import Hotline, NumberMark, Report
from ..subjects import phone_subject


def verdict_html(status):
    """`[Số chính thức] Thanh tra Sở Đắk Lắk` or `[Đã xác nhận lừa đảo] bởi Đồng Nai`, or ""."""
    if status is None:
        return ""
    if status.is_official:
        names = ", ".join(status.official_names)
        return format_html(
            '<span class="number-badge number-badge-official">{}</span>{}',
            _("Số chính thức"),
            format_html(" {}", names) if names else "",
        )
    if status.is_confirmed_scam:
        return format_html(
            '<span class="number-badge number-badge-scam">{}</span> {}',
            _("Đã xác nhận lừa đảo"),
            _("bởi %(who)s") % {"who": ", ".join(status.confirmed_by)},
        )
    return ""


def page_statuses(sources):
    """{source: NumberStatus} for a page of rows: two queries whatever the page's size."""
    return numbers.statuses([source for source in sources if source])


OFFICIAL_SHOWN = 10


def official_sources(reports):
    """Up to ten official lines among the reports' sources (a bulk forward names them).

    One query whatever the selection: the sources matching an approved active
    hotline or an official mark in force.
    """
    lines = Hotline.objects.approved().active().values("number")
    marks = NumberMark.objects.active().filter(kind=NumberMark.Kind.OFFICIAL).values("source")
    return list(
        reports.filter(Q(source__in=lines) | Q(source__in=marks))
        .order_by("source")
        .values_list("source", flat=True)
        .distinct()[:OFFICIAL_SHOWN]
    )


def _counts(reports):
    return reports.aggregate(total=Count("pk"), open=Count("pk", filter=Q(status__in=OPEN_STATES)))


def facts(report, scoped_reports, *, national):
    """The report page's block about its source: verdict, counts, links. Four queries."""
    source = report.source
    subject = phone_subject(source)
    status = numbers.status(source, subject)
    here = _counts(scoped_reports.filter(source=source))
    parts = [
        ngettext(
            "%(total)d phản ánh về nguồn này trong phạm vi của bạn (%(open)d đang mở)",
            "%(total)d phản ánh về nguồn này trong phạm vi của bạn (%(open)d đang mở)",
            here["total"],
        )
        % here
    ]
    if not national:
        everywhere = _counts(Report.objects.filter(source=source))
        parts.append(
            ngettext(
                "%(total)d trên toàn quốc (%(open)d đang mở)",
                "%(total)d trên toàn quốc (%(open)d đang mở)",
                everywhere["total"],
            )
            % everywhere
        )
    list_url = reverse("admin:reports_report_changelist")
    others = repeats.Filters(days="all").list_query(source, subject)
    links = [
        (reverse("admin:reports_report_number") + "?" + repeats.page_query(subject, source),
         _("Trang của nguồn này")),
        (f"{list_url}?{others}", _("Các phản ánh về nguồn này")),
    ]  # fmt: skip
    return format_html(
        '<div class="report-source-facts"><p><strong class="report-source">{}</strong> {}</p>'
        "<p>{}</p><p>{}</p></div>",
        source,
        verdict_html(status),
        " · ".join(parts),
        format_html_join(" · ", '<a href="{}">{}</a>', links),
    )
