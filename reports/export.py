"""Reports as a CSV file for the police or an operator: what they need, and nothing more.

One row per report. UTF-8 with a byte-order mark, so Excel opens Vietnamese
correctly. The contact only where the citizen consented to be contacted;
internal notes never. A cell that a spreadsheet would read as a formula
(`=`, `+`, `-`, `@`, and tab or carriage return before them) is prefixed
with an apostrophe: a citizen's text must not run in the inspector's Excel.
Every export is a line in the history of each report it holds, written once
the file is complete (reports.export_jobs).

Written by a job, for up to a million reports in flat memory: the rows come
`CHUNK` at a time, each chunk a query of its own that starts after the last
row of the one before (by `created_at`, then id: the order of the file), so
no cursor stays open between chunks. On SQLite an open cursor would keep the
implicit transaction of the job's progress updates open, and with it the
write lock every citizen's report needs, for the whole export. Each chunk
reads plain values with their evidence counts, not model instances, then its
patterns, links and accounts in a query each; provinces' names and the choices' labels are
read once. Model instances and `get_…_display()` per row cost three
quarters of the time: 3,400 rows a second on SQLite, in-process; 22,000 now
on the same machine (bench/README.md has the whole job's figures).
"""

import csv
from collections import defaultdict

from django.db import connections
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from advisories.models import Province
from portal.bulk import insert_rows

from .models import (
    ForwardTarget,
    PaymentMethod,
    RejectReason,
    Report,
    ReportBankAccount,
    ReportChannel,
    ReportEvent,
    ReportLink,
    ReportSocialAccount,
)
from .models.used import Origin, Platform

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000

# What each chunk reads of a report, in this order.
COLUMNS = (
    "pk",
    # The case number, never the receipt code: the file goes to the police and operators,
    # and the code is the citizen's key to withdraw their contact and evidence.
    "case_number",
    "created_at",
    "occurred_at",
    "kind",
    "source",
    "content",
    "province_id",
    "province_as_chosen_id",
    "status",
    "forward_target",
    "reject_reason",
    "contact",
    "contact_consented_at",
    # What the scammer used and what the citizen lost (issue 18); the links and
    # accounts come in a query each per chunk (_used).
    "channel",
    "paid",
    "gave_code",
    "installed_app",
    "amount_lost",
    "payment_method",
    "lost_on",
)


def neutralise(value):
    """A cell's text, never a formula (OWASP: CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


_FORMULA_FIRSTS = frozenset(FORMULA_STARTS)  # each one character: the first is enough


def _neutralised(cells):
    """neutralise() over a row of texts, at the cost of one look at each first character."""
    return ["'" + cell if cell[:1] in _FORMULA_FIRSTS else cell for cell in cells]


def _local(moment, zone):
    return moment.astimezone(zone).strftime("%d/%m/%Y %H:%M") if moment else ""


def header():
    return [
        _("Số hồ sơ"),
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
        _("Cách liên lạc"),
        _("Đường link"),
        _("Tài khoản nhận tiền"),
        _("Tài khoản mạng xã hội"),
        _("Đã chuyển tiền"),
        _("Đã đọc mã OTP, mật khẩu"),
        _("Đã cài ứng dụng theo hướng dẫn"),
        _("Số tiền mất (đồng)"),
        _("Chuyển bằng"),
        _("Ngày mất tiền"),
    ]


class _Labels:
    """Names read once per file: provinces, states, targets and reasons, in Vietnamese."""

    def __init__(self):
        self.provinces = dict(Province.objects.values_list("pk", "name"))
        self.states = {value: str(label) for value, label in Report.Status.choices}
        self.targets = {value: str(label) for value, label in ForwardTarget.choices}
        self.reasons = {value: str(label) for value, label in RejectReason.choices}
        self.channels = {value: str(label) for value, label in ReportChannel.choices}
        self.methods = {value: str(label) for value, label in PaymentMethod.choices}
        self.platforms = {value: str(label) for value, label in Platform.choices}
        self.qr = str(Origin.QR.label)
        self.unknown_bank = _("ngân hàng không rõ")
        self.yes, self.no = _("có"), _("không")


# Several links or accounts of one report share a cell, each as typed.
SEPARATOR = "; "


class _Used:
    """A chunk's links, bank accounts and chat accounts, each report's as cell texts."""

    def __init__(self, report_ids, labels):
        self.links = defaultdict(list)
        self.accounts = defaultdict(list)
        self.socials = defaultdict(list)
        for report_id, url in (
            ReportLink.objects.filter(report_id__in=report_ids)
            .order_by("report_id", "pk")
            .values_list("report_id", "url")
        ):
            self.links[report_id].append(url)
        for report_id, bank, typed, number, origin in (
            ReportBankAccount.objects.filter(report_id__in=report_ids)
            .order_by("report_id", "pk")
            .values_list("report_id", "bank__short_name", "bank_as_typed", "number", "origin")
        ):
            # The number stays a text of digits inside the bank's words: leading zeros kept.
            text = f"{bank or typed or labels.unknown_bank} {number}"
            if origin == Origin.QR:
                text = f"{text} ({labels.qr})"
            self.accounts[report_id].append(text)
        for report_id, platform, handle in (
            ReportSocialAccount.objects.filter(report_id__in=report_ids)
            .order_by("report_id", "pk")
            .values_list("report_id", "platform", "handle")
        ):
            self.socials[report_id].append(f"{labels.platforms.get(platform, platform)}: {handle}")

    def cells(self, pk):
        return [
            SEPARATOR.join(self.links.get(pk, ())),
            SEPARATOR.join(self.accounts.get(pk, ())),
            SEPARATOR.join(self.socials.get(pk, ())),
        ]


def _row(values, patterns, labels, zone, used):
    (
        pk,
        case_number,
        created_at,
        occurred_at,
        kind,
        source,
        content,
        province_id,
        chosen_id,
        status,
        forward_target,
        reject_reason,
        contact,
        consented_at,
        channel,
        paid,
        gave_code,
        installed_app,
        amount_lost,
        payment_method,
        lost_on,
        evidence,
    ) = values
    yes_no = {True: labels.yes, False: labels.no}
    target_or_reason = labels.targets.get(forward_target, forward_target)
    if reject_reason:
        target_or_reason = labels.reasons.get(reject_reason, reject_reason)
    return [
        case_number or "",
        _local(created_at, zone),
        _local(occurred_at, zone),
        kind,
        source,
        content,
        labels.provinces.get(province_id, ""),
        labels.provinces.get(chosen_id, ""),
        "; ".join(patterns),
        labels.states.get(status, status),
        target_or_reason,
        str(evidence),
        contact if contact and consented_at else "",
        labels.channels.get(channel, channel),
        *used.cells(pk),
        yes_no[paid],
        yes_no[gave_code],
        yes_no[installed_app],
        "" if amount_lost is None else str(amount_lost),
        labels.methods.get(payment_method, payment_method),
        lost_on.strftime("%d/%m/%Y") if lost_on else "",
    ]


def _after(created_at, pk):
    """Rows after (created_at, pk) in file order; `created_at >=` lets an index start there."""
    return Q(created_at__gte=created_at) & (Q(created_at__gt=created_at) | Q(pk__gt=pk))


def chunks(queryset, size=CHUNK):
    """Lists of `(pk, status, cells)`, oldest report first, `size` at a time.

    `cells` is the file's row for the report, neutralised; `status` is what
    the row says, for the history line (record). Five queries a chunk: the
    rows with their evidence counts, then their patterns, links, bank
    accounts and chat accounts, each found by the same
    chunk's query as a subquery (a list of 2,000 ids as parameters cost
    PostgreSQL's driver more to parse than the database took to answer).
    """
    base = queryset.order_by().select_related(None).prefetch_related(None)
    Through = Report.patterns.through
    zone = timezone.get_current_timezone()
    with translation.override("vi"):
        labels = _Labels()
    last = None
    while True:
        page = (base if last is None else base.filter(_after(*last))).order_by("created_at", "pk")
        values = list(
            page.with_evidence_count("_export_evidence").values_list(*COLUMNS, "_export_evidence")[
                :size
            ]
        )
        if not values:
            return
        patterns = defaultdict(list)
        for report_id, name in (
            Through.objects.filter(report_id__in=page.values("pk")[:size])
            .order_by("scampattern__position", "scampattern__name")
            .values_list("report_id", "scampattern__name")
        ):
            patterns[report_id].append(name)
        used = _Used(page.values("pk")[:size], labels)
        yield [
            (
                row[0],
                row[9],
                _neutralised(_row(row, patterns.get(row[0], ()), labels, zone, used)),
            )
            for row in values
        ]
        last = (values[-1][2], values[-1][0])


def write(queryset, stream, on_chunk=None):
    """The whole file into `stream` (text, newline=""); returns the number of rows.

    `on_chunk(rows_so_far, chunk)` after each chunk: the job's progress, and
    the ids it keeps for the history lines.
    """
    writer = csv.writer(stream)
    # The file is for Vietnamese authorities: its words are Vietnamese whatever
    # language the inspector reads the admin in.
    with translation.override("vi"):
        stream.write(BOM)
        writer.writerow(header())
    written = 0
    for chunk in chunks(queryset):
        writer.writerows(cells for _pk, _status, cells in chunk)
        written += len(chunk)
        if on_chunk is not None:
            on_chunk(written, chunk)
    return written


def note(count):
    """The history line's words: `Xuất tệp CSV gồm 3 phản ánh.`"""
    with translation.override("vi"):
        return ngettext(
            "Xuất tệp CSV gồm %(count)d phản ánh.",
            "Xuất tệp CSV gồm %(count)d phản ánh.",
            count,
        ) % {"count": count}


def record(rows, by, count):
    """One history line per exported report: who exported it, when, and how many went together.

    `rows` is an iterable of `(report pk, status as exported)`, read and
    written a batch at a time (a million rows never in memory at once). Run
    it inside the transaction that marks the export done.
    """
    fields = [field for field in ReportEvent._meta.concrete_fields if not field.primary_key]
    line = {field.attname: field.get_default() for field in fields}
    line.update(
        at=timezone.now(),
        actor_id=by.pk,
        kind=ReportEvent.Kind.EXPORT.value,
        note=note(count),
    )
    connection = connections[ReportEvent.objects.db]
    if connection.vendor == "postgresql":
        _record_from_arrays(connection, fields, line, rows)
        return
    batch = []
    for pk, status in rows:
        batch.append({**line, "report_id": pk, "from_status": status, "status": status})
        if len(batch) == CHUNK:
            insert_rows(ReportEvent, batch)
            batch = []
    insert_rows(ReportEvent, batch)


# PostgreSQL: rows per INSERT … SELECT FROM unnest(ids, states). A row at a time
# (executemany) wrote 8,000 lines a second: two minutes of a million-report export.
ARRAY_BATCH = 20_000
PER_ROW = {"report_id": "t.report_id", "from_status": "t.status", "status": "t.status"}


def _record_from_arrays(connection, fields, line, rows):
    """The same lines, each batch one statement with two array parameters."""
    quote = connection.ops.quote_name
    columns, values, constants = [], [], []
    for field in fields:
        columns.append(quote(field.column))
        if field.attname in PER_ROW:
            values.append(PER_ROW[field.attname])
        else:
            values.append("%s")
            constants.append(field.get_db_prep_save(line[field.attname], connection))
    sql = (
        f"INSERT INTO {quote(ReportEvent._meta.db_table)} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} "
        "FROM unnest(%s::bigint[], %s::text[]) AS t(report_id, status)"
    )
    with connection.cursor() as cursor:
        ids, states = [], []
        for pk, status in rows:
            ids.append(pk)
            states.append(status)
            if len(ids) == ARRAY_BATCH:
                cursor.execute(sql, [*constants, ids, states])
                ids, states = [], []
        if ids:
            cursor.execute(sql, [*constants, ids, states])
