"""`seed_demo_data` fills a database with realistic, reproducible demo data.

Minh, a developer, runs `python manage.py seed_demo_data --reports 300` on
his machine to try the inspectors' screens with a year of reports; the
benchmark runs it with a fixed seed and expects the same rows every time.
Nobody may run it against a production database by mistake.
"""

import datetime
import hashlib
import re
import statistics
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

from advisories.models import Advisory
from advisories.text import search_key
from reports.access import reports_for
from reports.codes import normalize_code
from reports.models import NumberMark, Report, ReportEvent, ReportNote
from reports.phones import normalize_source
from reports.roles import ROLES
from reports.sms import normalize_content
from reports.triage import STEPS

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem-2026"
NOW = "2026-11-01T00:00:00+07:00"
NOW_AT = datetime.datetime.fromisoformat(NOW)
Status = Report.Status


@pytest.fixture(autouse=True)
def _demo_machine(settings, monkeypatch):
    """A developer's machine (DEBUG on); a fast hasher so that ten accounts cost nothing."""
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", PASSWORD)


def seed(reports=300, *, seed=1, now=NOW, advisories=0, force=False):
    args = [f"--reports={reports}", f"--seed={seed}", f"--advisories={advisories}"]
    if now:
        args.append(f"--now={now}")
    if force:
        args.append("--force")
    out, err = StringIO(), StringIO()
    call_command("seed_demo_data", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def digest():
    """Everything about the reports, their patterns and histories, in one hash."""

    def at(moment):
        return moment.isoformat() if moment else None

    rows = []
    reports = Report.objects.order_by("code").select_related(
        "province", "province_as_chosen", "duplicate_of", "assigned_to"
    )
    for r in reports.prefetch_related("patterns", "events__actor", "notes"):
        rows.append(
            (
                r.code,
                r.kind,
                r.source,
                r.content,
                r.contact,
                at(r.occurred_at),
                at(r.created_at),
                r.province.slug if r.province else None,
                r.province_as_chosen.slug if r.province_as_chosen else None,
                r.status,
                r.forward_target,
                r.reject_reason,
                r.duplicate_of.code if r.duplicate_of else None,
                r.public_reply,
                r.assigned_to.username if r.assigned_to else None,
                at(r.status_changed_at),
                at(r.first_action_at),
                at(r.closed_at),
                sorted(p.slug for p in r.patterns.all()),
                [
                    (e.kind, at(e.at), e.from_status, e.status, e.target, e.reason, e.reply, actor)
                    for e in r.events.all()
                    for actor in [e.actor.username if e.actor else None]
                ],
                [(at(n.created_at), n.text) for n in r.notes.all()],
            )
        )
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_in_production_it_refuses_without_force(settings):
    """DJANGO_DEBUG=0 may be a real database: nothing is written, and the message says why."""
    settings.DEBUG = False
    with pytest.raises(CommandError, match=r"DJANGO_DEBUG=0.*--force"):
        seed(50)
    assert not Report.objects.exists()
    assert not get_user_model().objects.exists()

    seed(50, force=True)  # a throw-away database, on purpose
    assert Report.objects.count() == 50


def test_it_makes_the_reports_and_letters_asked_for():
    out, err = seed(300, advisories=12)
    assert Report.objects.count() == 300
    assert Advisory.objects.count() == 12
    # Every report has its filing line, as a report filed through the form has.
    assert ReportEvent.objects.filter(kind=ReportEvent.Kind.FILED).count() == 300
    assert "300 phản ánh" in out and "12 công văn" in out
    assert "100% 300/300" in err  # the progress bar, on stderr


def test_running_it_again_adds_more_and_keeps_the_staff():
    """Twice with the same seed: twice the reports, receipt codes still unique, same accounts."""
    seed(200)
    users = set(get_user_model().objects.values_list("pk", "password"))
    out, _err = seed(200)
    assert Report.objects.count() == 400
    assert Report.objects.values("code").distinct().count() == 400
    assert set(get_user_model().objects.values_list("pk", "password")) == users
    assert "đã có, giữ nguyên mật khẩu" in out


def test_the_same_seed_and_now_give_the_same_rows():
    seed(300, seed=42)
    first = digest()
    Report.objects.all().delete()
    NumberMark.objects.all().delete()
    seed(300, seed=42)
    assert digest() == first


def test_another_seed_gives_other_rows():
    seed(300, seed=42)
    first = digest()
    Report.objects.all().delete()
    NumberMark.objects.all().delete()
    seed(300, seed=43)
    assert digest() != first


def test_receipt_codes_are_real_codes():
    seed(300)
    for code in Report.objects.values_list("code", flat=True):
        assert normalize_code(code) == code


def test_seeded_reports_have_case_numbers_of_their_province_and_year():
    seed(300)
    rows = list(Report.objects.values_list("case_number", "province__case_code", "created_at"))
    assert len({number for number, _code, _at in rows}) == len(rows) == 300
    for number, code, created_at in rows:
        year = timezone.localtime(created_at).year
        assert number.startswith(f"{code or 'QG'}-{year}-"), number


def test_reports_spread_over_the_last_twelve_months():
    seed(300)
    created = list(Report.objects.values_list("created_at", flat=True))
    assert max(created) <= NOW_AT
    assert min(created) >= NOW_AT - datetime.timedelta(days=366)
    months = {(NOW_AT - moment).days // 30 for moment in created if (NOW_AT - moment).days < 360}
    assert months == set(range(12))
    for occurred, filed in Report.objects.values_list("occurred_at", "created_at"):
        assert filed - datetime.timedelta(days=5) <= occurred <= filed


def test_all_three_kinds_and_no_call_from_a_sender_name():
    seed(300)
    kinds = Counter(Report.objects.values_list("kind", flat=True))
    assert set(kinds) == {"S", "V", "LD"}
    assert kinds["LD"] > kinds["S"] > 0
    for kind, source in Report.objects.values_list("kind", "source"):
        assert normalize_source(kind, source) == source  # a sender name fails for V
    assert Report.objects.filter(kind="S", source__regex=r"[A-Z]").exists()


def test_every_report_says_how_it_came_calls_by_phone_and_sender_names_by_sms():
    seed(300)
    assert not Report.objects.filter(channel="").exists()
    assert set(Report.objects.filter(kind="V").values_list("channel", flat=True)) == {"call"}
    assert set(Report.objects.filter(kind="S").values_list("channel", flat=True)) == {"sms"}
    assert set(Report.objects.filter(source__regex=r"[A-Z]").values_list("channel", flat=True)) == {
        "sms"
    }


def test_contents_are_varied_vietnamese_text_as_the_form_stores_it():
    seed(300)
    contents = list(Report.objects.values_list("content", "content_search"))
    assert len({content for content, _key in contents}) > 150
    for content, key in contents:
        assert normalize_content(content) == content
        assert key == search_key(content)
    text = " ".join(key for _content, key in contents)
    for phrase in ("sinh trac hoc", "khoa sim", "zalo", "vu an", "chuyen", "link"):
        assert phrase in text
    assert Report.objects.filter(patterns__slug="mao-danh-co-quan").exists()
    assert Report.objects.filter(patterns__isnull=True).exists()


def test_provinces_as_citizens_choose_them_old_names_included():
    seed(300)
    reports = Report.objects.select_related("province", "province_as_chosen__merged_into")
    chosen_former = 0
    for report in reports:
        if report.province_as_chosen is None:
            assert report.province is None
            continue
        assert report.province == report.province_as_chosen.resolve()
        chosen_former += not report.province_as_chosen.is_current
    assert chosen_former >= 30  # Bình Phước, Phú Yên, Quảng Nam…
    assert Report.objects.filter(province__isnull=True).exists()
    assert Report.objects.values("province").distinct().count() >= 25


def test_a_few_sources_are_reported_many_times_most_once():
    seed(300)
    counts = Counter(Report.objects.values_list("source", flat=True))
    ranked = sorted(counts.values(), reverse=True)
    assert ranked[0] >= 5 * statistics.median(ranked)
    assert sum(1 for n in ranked if n == 1) > len(ranked) / 2
    # Citizens report official lines too: the Bình Phước inspectorate's hotline.
    assert counts["0888596677"] >= 2


def test_inspectors_confirmed_scams_and_verified_official_lines():
    seed(300)
    marks = NumberMark.objects.active()
    scams = marks.filter(kind=NumberMark.Kind.SCAM)
    assert scams.filter(province__isnull=True).exists()
    assert scams.filter(province__isnull=False).exists()
    official = marks.filter(kind=NumberMark.Kind.OFFICIAL)
    assert official.exists() and all(mark.owner for mark in official)
    assert not scams.filter(source__in=official.values("source")).exists()
    assert Report.objects.filter(source__in=official.values("source")).exists()
    assert NumberMark.objects.filter(withdrawn_at__isnull=False).exists()  # history kept
    for mark in NumberMark.objects.all():
        assert mark.created_at <= NOW_AT


def test_states_agree_with_their_history():
    """Every step is one the workflow allows; the report's fields say what its steps did."""
    seed(300)
    for report in Report.objects.prefetch_related("events"):
        events = list(report.events.all())
        assert events[0].kind == ReportEvent.Kind.FILED and events[0].at == report.created_at
        steps = [e for e in events if e.kind == ReportEvent.Kind.STEP]
        state = Status.NEW
        for event in steps:
            assert event.from_status == state
            assert any(state in step.sources and step.to == event.status for step in STEPS.values())
            assert event.actor is not None
            state = event.status
        assert report.status == state
        if report.status == Status.NEW:
            assert not steps
        else:
            assert steps[-1].status == report.status
            assert report.status_changed_at == steps[-1].at
        acted = [e.at for e in events if e.kind != ReportEvent.Kind.FILED]
        assert report.first_action_at == (min(acted) if acted else None)
        closed = report.status in (Status.RESOLVED, Status.REJECTED)
        assert (report.closed_at is not None) == closed
        if closed:
            assert report.closed_at == steps[-1].at
        if report.status == Status.FORWARDED:
            assert report.forward_target == steps[-1].target != ""
        if report.status == Status.REJECTED:
            assert report.reject_reason == steps[-1].reason != ""
        assert all(e.at <= NOW_AT for e in events)


def test_old_reports_are_mostly_closed_recent_ones_open():
    seed(300)
    old = Report.objects.filter(created_at__lt=NOW_AT - datetime.timedelta(days=90))
    recent = Report.objects.filter(created_at__gte=NOW_AT - datetime.timedelta(days=3))
    closed = old.filter(status__in=[Status.RESOLVED, Status.REJECTED]).count()
    assert closed > 0.7 * old.count()
    assert recent.exists()
    assert recent.filter(status__in=[Status.NEW, Status.IN_REVIEW]).count() > recent.count() / 2


def test_duplicates_point_to_an_earlier_original_of_the_same_province():
    seed(300)
    duplicates = Report.objects.filter(duplicate_of__isnull=False).select_related("duplicate_of")
    assert duplicates.exists()
    for report in duplicates:
        original = report.duplicate_of
        assert report.status == Status.REJECTED and report.reject_reason == "duplicate"
        assert original.province_id == report.province_id is not None
        assert original.source == report.source
        assert original.created_at < report.created_at
        assert original.duplicate_of_id is None
        step = report.events.filter(kind=ReportEvent.Kind.STEP, status=Status.REJECTED).last()
        assert step.duplicate_of_id == original.pk


def test_assignees_notes_and_replies_are_those_of_staff_who_see_the_report():
    seed(300)
    assigned = Report.objects.filter(assigned_to__isnull=False).select_related("assigned_to")
    assert assigned.exists()
    for report in assigned:
        assert reports_for(report.assigned_to).filter(pk=report.pk).exists()
    for note in ReportNote.objects.select_related("author", "report"):
        assert reports_for(note.author).filter(pk=note.report_id).exists()
    replied = Report.objects.exclude(public_reply="")
    assert replied.exists()
    for report in replied:
        assert "{" not in report.public_reply and report.source in report.public_reply
        assert report.public_reply_at is not None


def test_staff_of_each_role_exist_and_sign_in():
    out, _err = seed(50)
    users = get_user_model().objects.filter(is_staff=True)
    groups = set(users.values_list("groups__name", flat=True))
    assert groups == set(ROLES.values())
    assert users.filter(username="thanhtra-dak-lak", inspected_provinces__province__slug="dak-lak")
    request = RequestFactory().post("/admin/login/")
    for user in users:
        assert authenticate(request, username=user.username, password=PASSWORD) == user
    assert PASSWORD not in out  # it came from DJANGO_STAFF_PASSWORD: not printed


def test_without_a_password_in_the_environment_one_is_printed_once(monkeypatch):
    monkeypatch.delenv("DJANGO_STAFF_PASSWORD")
    out, _err = seed(20)
    password = re.search(r"Mật khẩu chung \(chỉ in một lần\): (\S+)", out)[1]
    request = RequestFactory().post("/admin/login/")
    assert authenticate(request, username="thanhtra-toanquoc", password=password)
    again, _err = seed(20)
    assert password not in again


def test_letters_are_published_searchable_and_have_unique_slugs(client):
    seed(100, now=None, advisories=15)
    letters = Advisory.objects.all()
    assert letters.count() == 15
    assert all(letter.status == Advisory.Status.PUBLISHED for letter in letters)
    assert len({letter.slug for letter in letters}) == 15
    assert letters.filter(numbers__contains=" 156 ").count() == 15  # every letter names 156
    assert letters.filter(patterns__isnull=False).distinct().count() == 15
    years = set(letters.values_list("issued_year", flat=True))
    assert len(years) >= 2

    letter = letters.order_by("pk").first()
    assert letter.issued_on.year == letter.issued_year
    page = client.get("/advisories/", {"q": search_key(letter.signer_name)})
    assert letter.get_absolute_url() in page.content.decode()
    assert client.get(letter.get_absolute_url()).status_code == 200


def test_a_seeded_receipt_shows_its_state_and_reply(client):
    seed(300, now=None)
    report = Report.objects.exclude(public_reply="").exclude(duplicate_of__isnull=False).first()
    page = client.get(f"/report/{report.code}/")
    assert page.status_code == 200
    assert report.public_reply in page.content.decode()


def test_a_bad_now_is_refused_with_an_example():
    with pytest.raises(CommandError, match="ISO 8601"):
        seed(10, now="hôm qua")


def test_scam_reports_name_accounts_links_and_chat_accounts_some_reused():
    from reports.models import ReportBankAccount, ReportLink, ReportSocialAccount

    seed(600)
    accounts = ReportBankAccount.objects.select_related("report", "bank")
    assert accounts.count() > 50 and ReportLink.objects.count() > 40
    assert ReportSocialAccount.objects.exists()
    assert {a.report.kind for a in accounts} == {"LD"}  # spam names none
    assert all(a.bank is not None and a.key == f"{a.bank.abbr}:{a.number}" for a in accounts)
    assert all(6 <= len(a.number) <= 19 and a.number.isdigit() for a in accounts)
    # A mule account is reused: the repeat screen has accounts to rank.
    assert max(Counter(a.key for a in accounts).values()) >= 3
    assert all(link.domain and link.domain in link.url for link in ReportLink.objects.all())


def test_some_who_named_an_account_paid_into_it_and_say_how_much():
    seed(600)
    paid = Report.objects.filter(paid=True)
    assert paid.exists()
    assert not paid.filter(bank_accounts__isnull=True).exists()
    assert not paid.filter(amount_lost__isnull=True).exists()
    assert all(r.lost_on <= r.created_at.date() for r in paid)
    assert not Report.objects.filter(paid=False, amount_lost__isnull=False).exists()


def test_what_was_used_is_the_same_for_the_same_seed():
    from reports.models import ReportBankAccount

    def used():
        return sorted(
            ReportBankAccount.objects.values_list("report__code", "key").order_by("report__code")
        )

    seed(300, seed=42)
    first = used()
    Report.objects.all().delete()
    NumberMark.objects.all().delete()
    seed(300, seed=42)
    assert used() == first and first
