"""Reports as a CSV or .xlsx file for the police or an operator: what they need, and nothing more.

One row per report, the same columns in both formats: `chunks` reads each
row's values typed (texts, moments, dates, whole numbers), `write` turns them
into CSV texts and `write_xlsx` into typed cells (openpyxl, write-only: rows
go to a temporary file, memory stays flat). The CSV is UTF-8 with a
byte-order mark, so Excel opens Vietnamese correctly. The contact only where
the citizen consented to be contacted; internal notes never. A CSV cell that
a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, and tab or
carriage return before them) is prefixed with an apostrophe: a citizen's
text must not run in the inspector's Excel; a number's digits start with a
tab instead (see DIGITS), so Excel keeps them as typed.
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
import datetime
import re
from collections import defaultdict

from django.db import connections
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from advisories.models import Province
from portal.bulk import insert_rows

from . import numbers
from .models import (
    ForwardTarget,
    NumberMark,
    PaymentMethod,
    RejectReason,
    Report,
    ReportBankAccount,
    ReportChannel,
    ReportEvent,
    ReportLink,
    ReportSocialAccount,
)
from .models.used import HARM_FIELDS, Origin, Platform, Subject

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
    *HARM_FIELDS,
    # The inspector's desk (issue 19): the reply the citizen reads on their receipt.
    "public_reply",
)


# A text of digits alone (a phone number, an account, a code): Excel reads such a CSV
# cell as a number, dropping its leading 0 (0912345678 becomes 912345678), turning
# `+639171234567` into 639171234567 and more than 15 digits into 9.12E+15. The
# apostrophe that neutralises a formula does not help: Excel honours it only when
# typed, and shows it literally from a CSV (`'+639…`). `="0912345678"` would work,
# but it is a formula, the very thing a file of citizens' text must never carry,
# and other programs (LibreOffice, the police's own tools) would read it literally.
# So such a cell starts with a tab: Excel, LibreOffice and Google Sheets then take
# it as text, as typed, nothing to evaluate. A tab is one of OWASP's formula starts
# only because some programs trim it and read what follows; what follows here is
# digits and at most a leading `+`, which no program runs as anything but a number.
# Every other text starting with a formula character still gets the apostrophe.
# The price: the tab is in the cell's text (invisible; a program reading the CSV as
# data strips it). Whoever needs the cells clean and typed takes the .xlsx, which
# needs none of this: its cells carry their own types (write_xlsx).
DIGITS = re.compile(r"\+?[0-9]+")
_DIGIT_FIRSTS = frozenset("+0123456789")
TEXT_MARK = "\t"


def neutralise(value):
    """A cell's text, never a formula (OWASP: CSV injection), a number's digits kept as text."""
    return _csv_text("" if value is None else str(value))


_FORMULA_FIRSTS = frozenset(FORMULA_STARTS)  # each one character: the first is enough


def _csv_text(cell):
    first = cell[:1]
    if first in _DIGIT_FIRSTS and DIGITS.fullmatch(cell):
        return TEXT_MARK + cell
    if first in _FORMULA_FIRSTS:
        return "'" + cell
    return cell


def _csv_cells(values, zone):
    """A row's typed values as the CSV's texts: moments and dates as Vietnam reads them."""
    cells = []
    for value in values:
        if value is None:
            cells.append("")
        elif isinstance(value, str):
            cells.append(_csv_text(value) if value else value)
        elif isinstance(value, datetime.datetime):
            cells.append(_local(value, zone))
        elif isinstance(value, datetime.date):
            cells.append(value.strftime("%d/%m/%Y"))
        else:  # a count or an amount: a number in Excel too
            cells.append(str(value))
    return cells


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
        # Issue 19: who the case went to, when and by whom; what the citizen was told;
        # what inspectors concluded about the number; and where the case is in admin.
        _("Chuyển tới"),
        _("Chuyển lúc"),
        _("Người chuyển"),
        _("Trả lời người dân"),
        _("Kết luận về số"),
        _("Đường dẫn hồ sơ"),
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
        self.official = str(NumberMark.Kind.OFFICIAL.label)
        self.scam = str(NumberMark.Kind.SCAM.label)
        # The report's page in admin, for any pk: one reverse() a file, not one a row.
        self.change_url = reverse("admin:reports_report_change", args=[987654321]).replace(
            "987654321", "{}"
        )


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


class _Desk:
    """A chunk's last forwarding (to whom, when, by whom) and its numbers' verdicts.

    Three queries a chunk: the forwarding steps of its reports, then the
    active hotlines and the marks in force about its sources (reports.numbers).
    The verdict is what staff see (NumberStatus): an official line, a confirmed
    scam with whose inspectors concluded, or nothing.
    """

    def __init__(self, report_ids, sources, labels):
        self.forwarded = {}
        for report_id, target, at, first, last, username in (
            ReportEvent.objects.filter(
                report_id__in=report_ids,
                kind=ReportEvent.Kind.STEP,
                status=Report.Status.FORWARDED,
            )
            .order_by("report_id", "at", "pk")
            .values_list(
                "report_id",
                "target",
                "at",
                "actor__first_name",
                "actor__last_name",
                "actor__username",
            )
        ):
            name = f"{first} {last}".strip() or username or ""
            self.forwarded[report_id] = (target, at, name)  # the last one wins
        self.verdicts = {}
        for source, found in numbers.statuses(sources, Subject.PHONE).items():
            if found.is_official:
                names = found.official_names
                text = labels.official + (f" ({', '.join(names)})" if names else "")
            elif found.is_confirmed_scam:
                text = f"{labels.scam} ({', '.join(found.confirmed_by)})"
            else:
                continue
            self.verdicts[source] = text


def _row(values, patterns, labels, zone, used, desk=None, origin=""):
    """The file's row for one report, typed: texts, moments, dates, whole numbers or None."""
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
        public_reply,
        evidence,
    ) = values
    yes_no = {True: labels.yes, False: labels.no}
    target_or_reason = labels.targets.get(forward_target, forward_target)
    if reject_reason:
        target_or_reason = labels.reasons.get(reject_reason, reject_reason)
    target, forwarded_at, forwarded_by = ("", None, "")
    verdict = ""
    if desk is not None:
        target, forwarded_at, forwarded_by = desk.forwarded.get(pk, (forward_target, None, ""))
        verdict = desk.verdicts.get(source, "")
    return [
        case_number or "",
        created_at,
        occurred_at,
        kind,
        source,
        content,
        labels.provinces.get(province_id, ""),
        labels.provinces.get(chosen_id, ""),
        "; ".join(patterns),
        labels.states.get(status, status),
        target_or_reason,
        evidence,
        contact if contact and consented_at else "",
        labels.channels.get(channel, channel),
        *used.cells(pk),
        yes_no[paid],
        yes_no[gave_code],
        yes_no[installed_app],
        amount_lost,
        labels.methods.get(payment_method, payment_method),
        lost_on,
        labels.targets.get(target, target) if target else "",
        forwarded_at,
        forwarded_by,
        public_reply,
        verdict,
        origin + labels.change_url.format(pk),
    ]


def _after(created_at, pk):
    """Rows after (created_at, pk) in file order; `created_at >=` lets an index start there."""
    return Q(created_at__gte=created_at) & (Q(created_at__gt=created_at) | Q(pk__gt=pk))


def chunks(queryset, size=CHUNK, origin=""):
    """Lists of `(pk, status, values)`, oldest report first, `size` at a time.

    `values` is the file's row for the report, typed (_row); `status` is what
    the row says, for the history line (record). Eight queries a chunk: the
    rows with their evidence counts, then their patterns, links, bank
    accounts, chat accounts and forwarding steps, each found by the same
    chunk's query as a subquery (a list of 2,000 ids as parameters cost
    PostgreSQL's driver more to parse than the database took to answer), and
    the hotlines and marks of the chunk's numbers. `origin` (`https://host`)
    begins each case's admin address.
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
        with translation.override("vi"):
            desk = _Desk(page.values("pk")[:size], [row[5] for row in values], labels)
        yield [
            (
                row[0],
                row[9],
                _row(row, patterns.get(row[0], ()), labels, zone, used, desk, origin),
            )
            for row in values
        ]
        last = (values[-1][2], values[-1][0])


def write(queryset, stream, on_chunk=None, origin=""):
    """The whole CSV into `stream` (text, newline=""); returns the number of rows.

    `on_chunk(rows_so_far, chunk)` after each chunk: the job's progress, and
    the ids it keeps for the history lines.
    """
    writer = csv.writer(stream)
    zone = timezone.get_current_timezone()
    # The file is for Vietnamese authorities: its words are Vietnamese whatever
    # language the inspector reads the admin in.
    with translation.override("vi"):
        stream.write(BOM)
        writer.writerow(header())
    written = 0
    for chunk in chunks(queryset, origin=origin):
        writer.writerows(_csv_cells(values, zone) for _pk, _status, values in chunk)
        written += len(chunk)
        if on_chunk is not None:
            on_chunk(written, chunk)
    return written


# Excel's own limits on a cell's text; the characters XML 1.0 cannot carry at all.
XLSX_TEXT_MAX = 32_767
XLSX_DATETIME = "DD/MM/YYYY HH:MM"
XLSX_DATE = "DD/MM/YYYY"


def _xlsx_cells(sheet, values, zone):
    """A row's typed values as cells: texts always text cells, moments and dates real dates.

    A text starting with `=` would be a formula to openpyxl: its type is set back
    to text, so nothing a citizen typed ever runs. Control characters XML cannot
    carry (a pasted SMS may hold some) are dropped.
    """
    cells = []
    for value in values:
        if isinstance(value, str):
            if not value:
                cells.append(None)
                continue
            text = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_TEXT_MAX]
            if text.startswith("="):
                cell = WriteOnlyCell(sheet, value=text)
                cell.data_type = "s"
                cells.append(cell)
            else:
                cells.append(text)
        elif isinstance(value, datetime.datetime):
            local = value.astimezone(zone).replace(tzinfo=None, microsecond=0)
            cell = WriteOnlyCell(sheet, value=local)
            cell.number_format = XLSX_DATETIME
            cells.append(cell)
        elif isinstance(value, datetime.date):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = XLSX_DATE
            cells.append(cell)
        else:  # None, a count, an amount
            cells.append(value)
    return cells


def write_xlsx(queryset, stream, on_chunk=None, origin=""):
    """The whole .xlsx into `stream` (binary, seekable); returns the number of rows.

    openpyxl's write-only workbook: each row goes to a temporary file as it
    comes, so a million rows never sit in memory; `save` zips it at the end.
    """
    workbook = Workbook(write_only=True)
    zone = timezone.get_current_timezone()
    with translation.override("vi"):
        sheet = workbook.create_sheet(title=_("Phản ánh"))
        sheet.freeze_panes = "B2"  # the header and the case number stay in view
        sheet.append(header())
    written = 0
    for chunk in chunks(queryset, origin=origin):
        for _pk, _status, values in chunk:
            sheet.append(_xlsx_cells(sheet, values, zone))
        written += len(chunk)
        if on_chunk is not None:
            on_chunk(written, chunk)
    workbook.save(stream)
    return written


WRITERS = {"csv": write, "xlsx": write_xlsx}
FORMATS = tuple(WRITERS)


def note(count, fmt="csv"):
    """The history line's words: `Xuất tệp CSV gồm 3 phản ánh.` (`Xuất tệp Excel …` for .xlsx)"""
    with translation.override("vi"):
        if fmt == "xlsx":
            return ngettext(
                "Xuất tệp Excel gồm %(count)d phản ánh.",
                "Xuất tệp Excel gồm %(count)d phản ánh.",
                count,
            ) % {"count": count}
        return ngettext(
            "Xuất tệp CSV gồm %(count)d phản ánh.",
            "Xuất tệp CSV gồm %(count)d phản ánh.",
            count,
        ) % {"count": count}


def record(rows, by, count, fmt="csv"):
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
        note=note(count, fmt),
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
