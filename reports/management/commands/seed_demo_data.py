"""`manage.py seed_demo_data --reports N [--advisories M] [--seed S] [--now ISO]`.

Realistic, reproducible demo data for trying the portal or benchmarking it:
the demo staff of each role (through create_staff), N citizen reports over
the last 12 months with their triage histories, the numbers inspectors
concluded on, and M published letters. The same seed and `--now` give the
same rows (receipt codes included: drawn from the seed here, never in
normal filing). Adds to what is there; never in production without --force.
"""

import datetime
import os
import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from advisories.demo import LetterMaker
from advisories.models import Province
from portal.bulk import queries_not_logged
from reports.demo.load import ReportLoader, make_marks
from reports.demo.staff import DEMO_STAFF, ensure_staff, staffing
from reports.roles import ROLES

PASSWORD_VARIABLE = "DJANGO_STAFF_PASSWORD"


class Progress:
    """A text progress bar on stderr, redrawn every few percent (one line per step off a TTY)."""

    WIDTH = 30
    STEP = 2  # percent

    def __init__(self, stream, total, label):
        self.stream, self.total, self.label = stream, total, label  # a command's OutputWrapper
        self.started = time.monotonic()
        self.shown = -self.STEP
        self.tty = stream.isatty()

    def __call__(self, done):
        percent = 100 * done // self.total if self.total else 100
        if percent < self.shown + self.STEP and done < self.total:
            return
        if not self.tty and percent < self.shown + 10 and done < self.total:
            return  # a log file gets a line per 10 %
        self.shown = percent
        filled = self.WIDTH * percent // 100
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        elapsed = time.monotonic() - self.started
        line = f"{self.label} [{bar}] {percent:3d}% {done:,}/{self.total:,} {elapsed:.0f} s"
        ending = "\n" if done >= self.total or not self.tty else ""
        self.stream.write(("\r" if self.tty else "") + line, ending=ending)
        self.stream.flush()


def aware(value):
    """--now: an ISO 8601 date-time; without an offset, in the portal's time zone."""
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--now “{value}” không phải thời điểm ISO 8601, ví dụ 2026-11-01T00:00:00+07:00."
        ) from None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu thử nghiệm giống thật, lặp lại được theo --seed: cán bộ mỗi vai trò, "
        "phản ánh của người dân trong 12 tháng cùng lịch sử xử lý, kết luận về số, công văn. "
        "Không chạy khi DJANGO_DEBUG=0 (trừ khi có --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reports", type=int, required=True, metavar="N", help="Số phản ánh cần tạo."
        )
        parser.add_argument(
            "--advisories",
            type=int,
            default=0,
            metavar="M",
            help="Số công văn đã đăng cần tạo (mặc định 0).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            help="Hạt giống ngẫu nhiên: cùng hạt giống (và --now) cho cùng dữ liệu. "
            "Mặc định: chọn ngẫu nhiên và in ra.",
        )
        parser.add_argument(
            "--now",
            type=aware,
            help="Thời điểm coi là “bây giờ” (ISO 8601), để dữ liệu lặp lại được đúng từng "
            "giây; mặc định: bây giờ.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Chạy cả khi DJANGO_DEBUG=0. Chỉ dùng cho cơ sở dữ liệu thử, không bao giờ "
            "cho dữ liệu thật.",
        )

    def handle(self, *args, reports, advisories, seed, now, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DJANGO_DEBUG=0: đây có thể là môi trường thật, không tạo dữ liệu thử. "
                "Chỉ với cơ sở dữ liệu thử, chạy lại với --force."
            )
        if reports < 0 or advisories < 0:
            raise CommandError("--reports và --advisories phải là số không âm.")
        if not Province.objects.exists():
            raise CommandError(
                "Chưa có danh mục tỉnh, thành phố: chạy `python manage.py migrate` và "
                "`python manage.py load_reference_data` trước."
            )
        if isinstance(now, str):  # call_command(now=…) skips the parser's conversion
            now = aware(now)
        if seed is None:
            seed = random.SystemRandom().randrange(1, 10**6)
        # Whole seconds: the printed --now then replays this run exactly.
        now = now or timezone.now().replace(microsecond=0)
        started = time.monotonic()

        created, password = ensure_staff(os.environ.get(PASSWORD_VARIABLE))
        staff = staffing()
        rng = random.Random(f"seed_demo_data:{seed}")
        code_rng = random.Random(f"seed_demo_data:codes:{seed}")

        used_rng = random.Random(f"seed_demo_data:used:{seed}")
        loader = ReportLoader(rng, code_rng, now, reports, staff, used_rng)
        with queries_not_logged():
            totals = loader.run(Progress(self.stderr, reports, "Phản ánh")) if reports else {}
        with transaction.atomic():
            marks = make_marks(rng, loader.pool, staff, now) if reports else 0
        letters = 0
        if advisories:
            named = [source.value for source in loader.pool.top(6)]
            lines = {}
            for line in loader.pool.official_lines:
                if line.province:
                    slug = Province.resolve_slug(line.province).slug
                    lines.setdefault(slug, []).append((line.value, line.owner))
            letters = LetterMaker(rng, now, named, lines).run(advisories)
        if connection.vendor == "postgresql":
            # Planner statistics for what was just bulk-loaded, as autovacuum would
            # gather them minutes later: until then PostgreSQL guesses row counts
            # and reads the look-up's letters by a sequential scan, not the index.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        self._report(seed, now, totals, marks, letters, created, password, started)

    def _report(self, seed, now, totals, marks, letters, created, password, started):
        elapsed = time.monotonic() - started
        moment = timezone.localtime(now).isoformat()
        out = self.stdout
        out.write(
            self.style.SUCCESS(
                f"Đã tạo {totals.get('reports', 0):,} phản ánh ({totals.get('events', 0):,} dòng "
                f"lịch sử, {totals.get('notes', 0):,} ghi chú, {totals.get('duplicates', 0):,} "
                f"phản ánh trùng; {totals.get('accounts', 0):,} tài khoản, "
                f"{totals.get('links', 0):,} đường link, {totals.get('socials', 0):,} tài khoản "
                f"mạng xã hội kẻ gian dùng), {marks} kết luận về số, {letters:,} công văn "
                f"trong {elapsed:.1f} giây."
            )
        )
        out.write(
            f"Hạt giống: {seed}, bây giờ: {moment}. Chạy lại với "
            f"--seed {seed} --now {moment} để có đúng dữ liệu này."
        )
        if created:
            roles = {username: ROLES[role] for username, role, _scope in DEMO_STAFF}
            out.write("Tài khoản cán bộ thử đã tạo:")
            for username in created:
                out.write(f"  {username} ({roles[username]})")
            if os.environ.get(PASSWORD_VARIABLE):
                out.write(f"Mật khẩu: lấy từ {PASSWORD_VARIABLE}.")
            else:
                out.write(self.style.WARNING(f"Mật khẩu chung (chỉ in một lần): {password}"))
        else:
            out.write("Tài khoản cán bộ thử: đã có, giữ nguyên mật khẩu.")
