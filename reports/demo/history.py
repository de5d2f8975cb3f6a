"""What inspectors did with a demo report: its steps, assignee, replies and notes.

A report's history is played forward from its filing time through the
workflow's own table (reports.triage.STEPS), each step after a realistic
delay, and stops at `now`: old reports had time to be closed, recent ones
are new or in review. The fields a step sets are set as take_step sets
them, so the report agrees with its events.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation

from ..models import ForwardTarget, RejectReason, Report, ReportEvent, ReportNote
from ..sms import Kind as SmsKind
from ..triage import STEPS, apply_step, fill_reply
from . import texts
from .sources import weighted

Status = Report.Status
Kind = ReportEvent.Kind

UNTOUCHED = 0.02  # never looked at, however old
REJECT_AT_ONCE = 0.12  # rejected from "new", without a review
DUPLICATE_WHEN_POSSIBLE = 0.25  # of reports with an earlier one on the same source and province
AFTER_REVIEW = (("forward", 72), ("reject", 22), ("stay", 6))
RESOLVED_WHEN_FORWARDED = 0.92
REASONS = (
    (RejectReason.NOT_SCAM, 40),
    (RejectReason.NOT_ENOUGH_INFORMATION, 45),
    (RejectReason.OTHER, 15),
)
TARGETS = ((ForwardTarget.POLICE, 45), (ForwardTarget.OPERATOR, 45), (ForwardTarget.DEPARTMENT, 10))
TAKEN = 0.75  # someone takes (or is given) the report before acting
GIVEN_BY_SUPERVISOR = 0.2
REOPENED = 0.02
NOTED = 0.1
REPLY_CHANCE = {"review": 0.1, "forward": 0.4, "resolve": 0.3, "reject": 0.4, "reopen": 0.0}
# Reply templates by title (migration 0008); a step without a fitting one gets no reply.
REPLY_TITLES = {
    ("forward", ForwardTarget.POLICE): "Chuyển công an",
    ("forward", ForwardTarget.OPERATOR): "Chuyển nhà mạng",
    ("forward", ForwardTarget.DEPARTMENT): "Chuyển sở, ngành",
    ("reject", RejectReason.DUPLICATE): "Trùng phản ánh khác",
    ("reject", RejectReason.NOT_SCAM): "Không có dấu hiệu lừa đảo",
    ("reject", RejectReason.NOT_ENOUGH_INFORMATION): "Chưa đủ thông tin",
    ("review", ""): "Đang xem xét",
    ("resolve", ""): "Đã xử lý",
}


@dataclass
class Staffing:
    """The demo staff, by what they may do: assignees only among staff who may see the report."""

    local: dict = field(default_factory=dict)  # province pk → inspectors and supervisors
    supervisors: dict = field(default_factory=dict)  # province pk → supervisors
    national: list = field(default_factory=list)

    def triagers(self, province):
        return self.local.get(province.pk if province else None) or self.national

    def reopeners(self, province):
        """Who may reopen (reports.reopen_report): the province's supervisors, national staff."""
        return self.supervisors.get(province.pk if province else None, []) + self.national


@dataclass(frozen=True)
class Receipt:
    source: str
    code: str
    province: object
    created_at: datetime.datetime
    forward_target: str
    kind_label: str
    target_label: str

    def get_kind_display(self):
        return self.kind_label

    def get_forward_target_display(self):
        return self.target_label


@dataclass
class History:
    events: list = field(default_factory=list)  # rows for insert_rows, without report_id
    notes: list = field(default_factory=list)
    original: object = None  # what the report duplicates: a pk, or a Report of the same batch
    duplicate_event: dict = None  # the step that rejected it as a duplicate


# A history line as a plain row (portal.bulk.insert_rows): at 400,000 lines, model
# instances and bulk_create's per-value preparation cost more than everything else.
EVENT_DEFAULTS = {
    field.attname: field.get_default()
    for field in ReportEvent._meta.concrete_fields
    if not field.primary_key
}


def hours(rng, median, sigma=1.0):
    return datetime.timedelta(hours=rng.lognormvariate(0, sigma) * median)


class Triage:
    """Plays one report's history forward; see the module docstring."""

    def __init__(self, staffing, templates, now):
        self.staffing = staffing
        self.templates = templates  # {title: text} of the active reply templates
        self.now = now
        # Replies are read by citizens in the portal's language, as the templates are written.
        with translation.override(settings.LANGUAGE_CODE):
            self.labels = {
                choice: str(label) for choice, label in [*SmsKind.choices, *ForwardTarget.choices]
            }

    def play(self, rng, report, original=None):
        """Set the report's triage fields and return its History. `original`: a possible one."""
        self.rng, self.report, self.history = rng, report, History()
        report.status = Status.NEW
        self._event(Kind.FILED, report.created_at, None)
        triagers = self.staffing.triagers(report.province)
        if not triagers or rng.random() < UNTOUCHED:
            return self._done()
        t = report.created_at + hours(rng, 20, 1.1)
        actor = rng.choice(triagers)
        if rng.random() < TAKEN:
            if t > self.now:
                return self._done()
            giver = actor
            bosses = self.staffing.reopeners(report.province)
            if bosses and rng.random() < GIVEN_BY_SUPERVISOR:
                giver = rng.choice(bosses)
            self._assign(t, actor, by=giver)
            t += datetime.timedelta(minutes=rng.uniform(1, 90))

        duplicate = original is not None and rng.random() < DUPLICATE_WHEN_POSSIBLE
        if duplicate and rng.random() < 0.5:  # half are seen as duplicates at first sight
            self._reject_or_stop(t, actor, original)
            return self._done()
        if not duplicate and rng.random() < REJECT_AT_ONCE:
            self._reject_or_stop(t, actor, None)
            return self._done()
        if not self._step("review", t, actor):
            return self._done()
        t += hours(rng, 24)
        after = "reject" if duplicate else weighted(rng, AFTER_REVIEW)
        if after == "reject":
            self._reject_or_stop(t, actor, original if duplicate else None)
        elif after == "forward":
            self._forward_and_resolve(t, actor)
        if report.status in (Status.RESOLVED, Status.REJECTED) and not duplicate:
            self._maybe_reopen()
        return self._done()

    # -- pieces --------------------------------------------------------------------------

    def _reject_or_stop(self, t, actor, original):
        if original is not None:
            reason, note = RejectReason.DUPLICATE, ""
        else:
            reason = weighted(self.rng, REASONS)
            note = self.rng.choice(texts.REJECT_OTHER_NOTES) if reason == RejectReason.OTHER else ""
        if self._step("reject", t, actor, reason=reason, note=note) and original is not None:
            self.history.original = original
            self.history.duplicate_event = self.history.events[-1]

    def _forward_and_resolve(self, t, actor):
        target = weighted(self.rng, TARGETS)
        if not self._step("forward", t, actor, target=target):
            return
        if self.rng.random() < RESOLVED_WHEN_FORWARDED:
            self._step("resolve", t + hours(self.rng, 120, 0.8), actor)

    def _maybe_reopen(self):
        bosses = self.staffing.reopeners(self.report.province)
        if not bosses or self.rng.random() >= REOPENED:
            return
        t = self.report.closed_at + datetime.timedelta(days=self.rng.uniform(2, 30))
        boss = self.rng.choice(bosses)
        if self._step("reopen", t, boss, note=self.rng.choice(texts.REOPEN_NOTES)):
            self._forward_and_resolve(t + hours(self.rng, 24), self.report.assigned_to or boss)

    def _assign(self, t, assignee, by):
        report = self.report
        report.assigned_to = assignee
        report.first_action_at = report.first_action_at or t
        report.updated_by = by
        self._event(Kind.ASSIGNMENT, t, by, from_status=report.status, assigned_to=assignee)

    def _step(self, name, t, actor, target="", reason="", note=""):
        """Take the step as reports.triage.take_step would; False (nothing done) after now."""
        if t > self.now:
            return False
        step, report = STEPS[name], self.report
        assert report.status in step.sources, (name, report.status)
        before = report.status
        apply_step(report, step, t, target=target, reason=reason)
        if name == "reopen":
            self.history.original = None
        reply = ""
        title = REPLY_TITLES.get((name, target or reason))
        if title in self.templates and self.rng.random() < REPLY_CHANCE[name]:
            reply = fill_reply(self.templates[title], self._receipt(report))
            report.public_reply, report.public_reply_at = reply, t
        report.updated_by = actor
        self._event(
            Kind.STEP,
            t,
            actor,
            from_status=before,
            target=target if step.to == Status.FORWARDED else "",
            reason=reason if step.to == Status.REJECTED else "",
            assigned_to=report.assigned_to,
            note=note,
            reply=reply,
        )
        if self.rng.random() < NOTED / 2:  # about one report in ten, over its steps
            self._note(t, actor)
        return True

    def _receipt(self, report):
        """What fill_reply reads of the report, its choice labels looked up once per value.

        Looking them up on the report (get_kind_display) translates and hashes
        every label each time: a fifth of the whole load at 100,000 reports.
        """
        return Receipt(
            source=report.source,
            code=report.code,
            province=report.province,
            created_at=report.created_at,
            forward_target=report.forward_target,
            kind_label=self.labels[report.kind],
            target_label=self.labels.get(report.forward_target, ""),
        )

    def _note(self, t, author):
        at = t + datetime.timedelta(minutes=self.rng.uniform(5, 600))
        if at > self.now:
            return
        text = self.rng.choice(texts.NOTES).format(
            count=self.rng.randrange(2, 40), telco=self.rng.choice(texts.SLOTS["telco"])
        )
        self.history.notes.append(ReportNote(author_id=author.pk, created_at=at, text=text))

    def _event(self, kind, at, actor, from_status="", assigned_to=None, **fields):
        self.history.events.append(
            {
                **EVENT_DEFAULTS,
                "kind": kind,
                "at": at,
                "actor_id": actor.pk if actor else None,
                "from_status": from_status,
                "status": self.report.status,
                "assigned_to_id": assigned_to.pk if assigned_to else None,
                **fields,
            }
        )

    def _done(self):
        report = self.report
        report.updated_at = max(event["at"] for event in self.history.events)
        return self.history
