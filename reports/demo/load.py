"""Writing demo reports fast: batches of bulk inserts, one transaction each, memory bounded.

Per batch: the reports (bulk_create, RETURNING their keys on SQLite and
PostgreSQL), their duplicate links, scam patterns (the M2M table), history
lines (four a report: plain rows through portal.bulk.insert_rows) and
notes. bulk_create skips save(), so what save() derives (content_search)
is derived here, and the timestamps are kept as drawn (portal.bulk).
"""

import datetime
import random
from functools import lru_cache

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Min
from django.utils import translation

from advisories.models import Province, ScamPattern
from advisories.roles import ADMINISTRATORS
from advisories.text import search_key
from portal.bulk import given_timestamps, insert_rows

from ..case_numbers import number_all
from ..codes import ALPHABET, GROUP, LENGTH
from ..forms import CONSENT_TEXT
from ..models import NumberMark, ReplyTemplate, Report, ReportChannel, ReportEvent, ReportNote
from ..numbers import MarkRefused, decide, mark, may_decide, withdraw
from .history import Triage
from .sources import (
    CONTACT_SHARE,
    NUMBER,
    ProvinceChooser,
    SourcePool,
    content_for,
    family_for,
    filing_times,
    kind_for,
    mobile,
    occurred_before,
)
from .used import UsedMaker

BATCH = 2000
# Contents repeat (templates × slots): fold each distinct one once. Bounded.
cached_search_key = lru_cache(maxsize=65536)(search_key)
IN_CHUNK = 500  # codes per `IN (...)` look-up: under SQLite's 999 parameters


def channel_for(kind, source):
    """How it came, from what the demo already drew (no draw of its own: same rows per seed)."""
    if kind == "V" or (kind == "LD" and NUMBER.fullmatch(source)):
        return ReportChannel.CALL
    return ReportChannel.SMS


def seeded_code(rng):
    """A receipt code like reports.codes.new_code, from a seeded generator (demo data only)."""
    raw = "".join(rng.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def free_codes(rng, count):
    """`count` seeded codes that no stored report has (a second run with the same seed)."""
    codes = [seeded_code(rng) for _ in range(count)]
    while True:
        taken = set()
        for start in range(0, len(codes), IN_CHUNK):
            chunk = codes[start : start + IN_CHUNK]
            taken.update(Report.objects.filter(code__in=chunk).values_list("code", flat=True))
        seen = set()
        clashes = 0
        for i, code in enumerate(codes):
            if code in taken or code in seen:
                codes[i] = seeded_code(rng)
                clashes += 1
            seen.add(codes[i])
        if not clashes:
            return codes


class ReportLoader:
    """Makes `count` reports from a seeded generator; `run()` writes them batch by batch."""

    def __init__(self, rng, code_rng, now, count, staffing, used_rng=None):
        self.rng, self.code_rng, self.now, self.count = rng, code_rng, now, count
        # Its own generator (seed_demo_data gives one): the rest stays as drawn before.
        self.used = UsedMaker(used_rng or random.Random(0), count)
        provinces = list(Province.objects.select_related("merged_into").order_by("slug"))
        self.chooser = ProvinceChooser(provinces)
        self.pool = SourcePool(rng, count)
        self.pooled = {source.value for source in self.pool.sources}
        self.homes = {}  # pooled source → the unit it mostly calls
        self.patterns = dict(ScamPattern.objects.order_by("slug").values_list("slug", "pk"))
        templates = ReplyTemplate.objects.filter(is_active=True).order_by(
            "status", "position", "title", "pk"
        )
        self.triage = Triage(staffing, {t.title: t.text for t in templates}, now)
        with translation.override("vi"):
            self.consent = str(CONSENT_TEXT)
        # (source, province pk) → (the first report's pk or instance, its filing time).
        self.originals = {}
        self.fresh_keys = []  # keys whose original is in the batch being drafted
        self.totals = {
            **dict.fromkeys(["reports", "events", "notes", "duplicates", "patterns"], 0),
            **dict.fromkeys(["accounts", "links", "socials"], 0),
        }

    def run(self, progress=None):
        times = filing_times(self.rng, self.count, self.now)
        done = 0
        while done < self.count:
            size = min(BATCH, self.count - done)
            codes = free_codes(self.code_rng, size)
            drafts = [self._draft(code, next(times)) for code in codes]
            with transaction.atomic(), given_timestamps(Report, ReportNote):
                self._write(drafts)
            done += size
            if progress:
                progress(done)
        return self.totals

    def _draft(self, code, created):
        rng = self.rng
        source = self.pool.draw(rng)
        kind = kind_for(rng, source)
        chosen = self.chooser.choose(rng, self._home(rng, source))
        province = chosen.resolve() if chosen else None
        place = chosen.name if chosen else rng.choice(self.chooser.units).name
        content, slugs = content_for(rng, family_for(source, kind), place)
        report = Report(
            code=code,
            kind=kind,
            channel=channel_for(kind, source.value),
            source=source.value,
            content=content,
            content_search=cached_search_key(content),
            occurred_at=occurred_before(rng, created),
            province=province,
            province_as_chosen=chosen,
            created_at=created,
        )
        self.used.draw(report, created)
        if rng.random() < CONTACT_SHARE:
            report.contact = mobile(rng)
            report.contact_consent_text = self.consent
            report.contact_consented_at = created
        key = (source.value, province.pk) if province and source.value in self.pooled else None
        earlier = self.originals.get(key) if key else None
        original = earlier[0] if earlier and earlier[1] < created else None
        history = self.triage.play(rng, report, original)
        if key and history.original is None and key not in self.originals:
            self.originals[key] = (report, created)
            self.fresh_keys.append(key)
        return report, [self.patterns[s] for s in slugs if s in self.patterns], history

    def _home(self, rng, source):
        """The province a repeated source mostly calls: its line's own, else drawn once."""
        if source.value not in self.pooled:
            return None
        if source.value not in self.homes:
            line = self.chooser.by_slug.get(source.province) if source.province else None
            self.homes[source.value] = line or self.chooser.unit(rng)
        return self.homes[source.value]

    def _write(self, drafts):
        reports = [report for report, _p, _h in drafts]
        number_all(reports)  # bulk_create skips save(): case numbers by block
        Report.objects.bulk_create(reports)
        duplicates = []
        for report, _patterns, history in drafts:
            if history.original is not None:
                original = history.original
                report.duplicate_of_id = original if isinstance(original, int) else original.pk
                history.duplicate_event["duplicate_of_id"] = report.duplicate_of_id
                duplicates.append(report)
        Report.objects.bulk_update(duplicates, ["duplicate_of"])
        Through = Report.patterns.through
        links = [
            Through(report_id=report.pk, scampattern_id=pattern)
            for report, patterns, _h in drafts
            for pattern in patterns
        ]
        Through.objects.bulk_create(links)
        accounts, used_links, socials = self.used.write(reports)
        events, notes = [], []
        for report, _patterns, history in drafts:
            for row in history.events:
                row["report_id"] = report.pk
            for note in history.notes:
                note.report_id = report.pk
            events += history.events
            notes += history.notes
        insert_rows(ReportEvent, events)
        ReportNote.objects.bulk_create(notes)
        # The next batches link their duplicates by key, not by instance: memory stays flat.
        for key in self.fresh_keys:
            ref, created = self.originals[key]
            self.originals[key] = (ref.pk, created)
        self.fresh_keys = []
        for name, value in (
            ("reports", len(reports)),
            ("events", len(events)),
            ("notes", len(notes)),
            ("duplicates", len(duplicates)),
            ("patterns", len(links)),
            ("accounts", accounts),
            ("links", used_links),
            ("socials", socials),
        ):
            self.totals[name] += value


# -- what inspectors concluded about numbers ---------------------------------------------

NATIONAL_SCAMS = 3
PROVINCIAL_SCAMS = 8


def make_marks(rng, pool, staffing, now):
    """Confirmed-scam marks (national and provincial), verified-official ones, one withdrawn.

    Made through reports.numbers.mark(), which checks the marker's scope and
    refuses a scam mark on an official line; a mark that already exists
    (an earlier run) is skipped. What waits for a second staff member (an
    official line, a withdrawal) is approved as it would be: by a
    supervisor of the province, national staff or the administrator, never
    the proposer. Returns how many were made.
    """
    if not staffing.national:
        return 0
    national = staffing.national[0]
    made = 0
    administrators = list(
        get_user_model().objects.filter(groups__name=ADMINISTRATORS, is_active=True)[:1]
    )

    def second(row):
        """The waiting mark (or withdrawal) approved by the first who may."""
        for person in staffing.reopeners(row.province) + administrators:
            if may_decide(person, row):
                return decide(row, by=person, approve=True)
        return row

    def conclude(source, kind, province, reason, at, owner="", by=None):
        nonlocal made
        marker = by or _marker(staffing, province) or national
        try:
            row = mark(source, kind, by=marker, province=province, reason=reason, owner=owner)
        except MarkRefused:
            return None
        if row.is_pending:
            second(row)
        NumberMark.objects.filter(pk=row.pk).update(created_at=min(at, now))
        made += 1
        return row

    provinces = {p.slug: p for p in Province.objects.filter(is_current=True)}
    for line in pool.official_lines:
        province = provinces.get(line.province) if line.province else None
        conclude(
            line.value,
            NumberMark.Kind.OFFICIAL,
            province,
            "Đã gọi xác minh: số máy bàn của cơ quan, đăng ký tên cơ quan. Kẻ gian giả mạo số "
            "này để gọi người dân.",
            now - datetime.timedelta(days=rng.uniform(30, 300)),
            owner=line.owner,
        )
    scams = pool.top(NATIONAL_SCAMS + PROVINCIAL_SCAMS)
    spam = pool.top(1, profiles=("spam_caller",))
    where = _most_reported([s.value for s in scams + spam])
    for i, source in enumerate(scams):
        if source.value not in where:
            continue
        province_pk, there, total, first = where[source.value]
        national_mark = i < NATIONAL_SCAMS
        province = None if national_mark else Province.objects.get(pk=province_pk)
        scope = "trên nhiều tỉnh, thành phố" if national_mark else f"tại {province.name}"
        count = total if national_mark else there
        conclude(
            source.value,
            NumberMark.Kind.SCAM,
            province,
            f"{count} phản ánh của người dân {scope}; nhà mạng xác nhận thuê bao đăng ký "
            "thông tin không chính chủ và đã chặn hai chiều.",
            first + datetime.timedelta(days=rng.uniform(3, 20)),
            by=national if national_mark else None,
        )
    for source in spam:
        if source.value not in where:
            continue
        province_pk, _there, _total, first = where[source.value]
        at = min(first + datetime.timedelta(days=rng.uniform(3, 20)), now)
        province = Province.objects.get(pk=province_pk)
        row = conclude(
            source.value,
            NumberMark.Kind.SCAM,
            province,
            "Nhiều người dân phản ánh bị gọi liên tục.",
            at,
        )
        if row is not None:
            second(
                withdraw(
                    row,
                    by=national,
                    reason="Số của doanh nghiệp gọi quảng cáo: cuộc gọi rác, không phải lừa đảo.",
                )
            )
            withdrawn = min(at + datetime.timedelta(days=rng.uniform(2, 10)), now)
            NumberMark.objects.filter(pk=row.pk).update(withdrawn_at=withdrawn)
    return made


def _marker(staffing, province):
    if province is None:
        return None
    local = staffing.local.get(province.pk)
    return local[0] if local else None


def _most_reported(sources):
    """{source: (province pk most reporting it, reports there, all its reports, first report)}."""
    rows = (
        Report.objects.filter(source__in=sources, province__isnull=False)
        .values("source", "province")
        .annotate(n=Count("pk"), first=Min("created_at"))
        .order_by("source", "-n", "province")
    )
    found = {}
    for row in rows:
        province, there, total, first = found.get(
            row["source"], (row["province"], row["n"], 0, row["first"])
        )
        found[row["source"]] = (province, there, total + row["n"], min(first, row["first"]))
    return found
