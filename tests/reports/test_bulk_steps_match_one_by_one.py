"""A bulk action done as a set leaves exactly what doing it report by report left.

Two identical sets of Đắk Lắk and Hà Nội reports, in every state, some
assigned, some with a contact and files. On one, each report goes through
reports.triage one at a time, as the bulk actions did before (take_step,
assign, erase_on_request; a refusal counted by its reason); on the other, the
same action goes through reports.triage_bulk at once. The reports' fields,
their history lines and the reasons for skipping must be the same.

Hà and Tuấn inspect Đắk Lắk, Minh supervises it, Lan inspects Hà Nội, Toàn
is a national inspector.
"""

from collections import Counter

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from reports import triage, triage_bulk
from reports.filing import erase_on_request
from reports.models import Evidence, RejectReason, Report
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS, SUPERVISORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

S = Report.Status
FIELDS = [
    "status",
    "assigned_to_id",
    "forward_target",
    "reject_reason",
    "public_reply",
    "updated_by_id",
    "contact",
    "contact_consent_text",
]
MOMENTS = ["status_changed_at", "first_action_at", "closed_at", "public_reply_at"]
EVENT_FIELDS = [
    "kind",
    "actor_id",
    "from_status",
    "status",
    "target",
    "reason",
    "assigned_to_id",
    "note",
    "reply",
]


@pytest.fixture
def people():
    return {
        "ha": staff("ha", INSPECTORS, "dak-lak"),
        "tuan": staff("tuan", INSPECTORS, "dak-lak"),
        "minh": staff("minh", SUPERVISORS, "dak-lak"),
        "lan": staff("lan", INSPECTORS, "ha-noi"),
        "toan": staff("toan", NATIONAL_INSPECTORS),
    }


def world(people):
    """One set of reports: every state, three assignees, data to erase, another province."""
    made = []
    for status in S.values:
        for assignee in (None, people["ha"], people["tuan"]):
            made.append(make_report(status=status, assigned_to=assignee, source="0912345678"))
    made.append(make_report(province="ha-noi", source="0987654321"))
    made.append(make_report(province="ha-noi", status=S.IN_REVIEW))
    consented = {
        "contact": "lan@example.com",
        "contact_consent_text": "Đồng ý",
        "contact_consented_at": timezone.now(),
    }
    made.append(make_report(**consented))
    with_files = make_report(status=S.IN_REVIEW)
    for n in range(2):
        Evidence.objects.create(
            report=with_files,
            file=ContentFile(b"x", name=f"anh-{n}.png"),
            type="image",
            content_type="image/png",
            extension="png",
            size=1,
        )
    made.append(with_files)
    return made


def one_by_one(reports, action, by, assignee=None, **details):
    """The bulk actions as they were: each report through reports.triage, refusals counted."""
    done, skipped = 0, Counter()
    for report in Report.objects.filter(pk__in=[r.pk for r in reports]).order_by("pk"):
        if action not in triage.STEPS and not triage.can_triage(by, report):
            # The admin's list held only the reports in scope: no other was looked at.
            skipped[str(triage.WHY["out_of_scope"])] += 1
            continue
        try:
            if action in triage.STEPS:
                triage.take_step(report, action, by=by, **details)
            elif action == "erase_personal_data":
                if not report.has_personal_data:
                    skipped[str(triage_bulk.WORDS["no_personal_data"])] += 1
                    continue
                erase_on_request(report, by=by)
            else:
                wanted = {"assign_to_me": by, "unassign": None}.get(action, assignee)
                if report.assigned_to_id == (wanted.pk if wanted else None):
                    skipped[str(triage_bulk.WORDS["already"])] += 1
                    continue
                triage.assign(report, wanted, by=by)
        except triage.Refused as refused:
            # One reason for every reply too long, rather than each one's length.
            too_long = refused.field == "reply"
            skipped[str(triage_bulk.WORDS["reply_too_long"]) if too_long else str(refused.why)] += 1
        else:
            done += 1
    return done, skipped


def state(reports, originals):
    """What each report looks like now, and its history (the original's id as its place)."""
    place = {original.pk: n for n, original in enumerate(originals)}
    shown = []
    for report in Report.objects.filter(pk__in=[r.pk for r in reports]).order_by("pk"):
        events = [
            (
                *(getattr(event, name) for name in EVENT_FIELDS),
                place.get(event.duplicate_of_id, event.duplicate_of_id),
            )
            for event in report.events.order_by("pk")
        ]
        shown.append(
            (
                *(getattr(report, name) for name in FIELDS),
                *(getattr(report, name) is not None for name in MOMENTS),
                place.get(report.duplicate_of_id, report.duplicate_of_id),
                report.evidence.count(),
                events,
            )
        )
    return shown


def compare(people, action, by, assignee=None, changes=True, **details):
    """Do `action` both ways on two identical worlds; both must end the same."""
    by = people[by]
    assignee = people.get(assignee)
    first, second = world(people), world(people)
    duplicate = details.pop("duplicate", False)
    kwargs_first, kwargs_second = dict(details), dict(details)
    if duplicate:
        kwargs_first["original"], kwargs_second["original"] = first[0], second[0]
    done, skipped = one_by_one(first, action, by, assignee, **kwargs_first)
    outcome = triage_bulk.act_in_bulk(
        action,
        Report.objects.filter(pk__in=[r.pk for r in second]),
        by=by,
        assignee=assignee,
        **kwargs_second,
    )
    assert (outcome.done, outcome.in_words()) == (done, dict(skipped))
    assert state(second, second[:1]) == state(first, first[:1])
    assert (done > 0) == changes  # each case changes some, as well as skipping others
    return done, skipped


def test_reviewing(people):
    compare(people, "review", "ha")


def test_forwarding_with_a_template_filled_for_each_report(people):
    template = "Số {source} ({kind}, {province}, {date}) đã chuyển tới {target}. {unknown}"
    compare(people, "forward", "ha", target="operator", reply=template, note="Đợt 1")


def test_forwarding_with_a_plain_reply(people):
    compare(people, "forward", "toan", target="police", reply="Đã chuyển công an.")


def test_forwarding_with_a_reply_too_long_once_filled(people):
    # 501 characters with "Đắk Lắk", 500 with "Hà Nội".
    _done, skipped = compare(
        people, "forward", "toan", target="police", reply="{province}" + "x" * 494
    )
    # Đắk Lắk's, new and in review (a new report is reviewed, then forwarded).
    assert skipped["trả lời người dân dài quá 500 ký tự khi điền mẫu"] == 8


def test_resolving(people):
    compare(people, "resolve", "minh", reply="")


def test_rejecting_as_duplicates_of_an_original(people):
    _done, skipped = compare(
        people, "reject", "toan", reason=RejectReason.DUPLICATE, duplicate=True
    )
    assert skipped["phản ánh gốc không hợp lệ"] >= 3  # itself, and Hà Nội's


def test_rejecting_for_another_reason(people):
    compare(people, "reject", "ha", reason=RejectReason.OTHER, note="Số nội bộ")


def test_reopening_as_a_supervisor(people):
    compare(people, "reopen", "minh", note="Số này lại gọi")


def test_reopening_needs_a_supervisor(people):
    compare(people, "reopen", "ha", note="Số này lại gọi", changes=False)


def test_taking_them(people):
    compare(people, "assign_to_me", "ha")


def test_giving_them_back(people):
    compare(people, "unassign", "ha")


def test_a_supervisor_handing_them_to_someone_of_another_province(people):
    # Lan triages Hà Nội only: Đắk Lắk's are refused for her, Hà Nội's are not Minh's.
    compare(people, "assign", "toan", assignee="lan")


def test_a_supervisor_handing_them_on(people):
    compare(people, "assign", "minh", assignee="tuan")


def test_erasing_personal_data(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        compare(people, "erase_personal_data", "ha")
    assert not Evidence.objects.exists()
