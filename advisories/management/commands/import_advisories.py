"""`manage.py import_advisories FILE... [--publish] [--issuer SLUG] [--dry-run]`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from advisories.importer import import_file
from advisories.letter_parser import LetterError
from advisories.models import Organization


class Command(BaseCommand):
    @property
    def help(self):  # translated when asked, not when the module is imported
        return _(
            "Nhập công văn cảnh báo từ tệp văn bản (mỗi tệp một công văn; thư mục: mọi tệp .txt "
            "trong đó). Nhập lại một công văn đã có không tạo bản trùng."
        )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help=_("tệp .txt hoặc thư mục"))
        parser.add_argument(
            "--publish",
            action="store_true",
            help=_("đăng ngay các công văn chưa từng đăng"),
        )
        parser.add_argument(
            "--issuer",
            metavar="SLUG",
            help=_("mã cơ quan ban hành, khi không suy ra được từ văn bản (ví dụ: stttt-dak-lak)"),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("chỉ đọc và kiểm tra, không lưu gì")
        )

    def handle(self, *args, files, publish, issuer, dry_run, **options):
        organization = self._issuer(issuer)
        paths = _expand(files)
        total = len(paths)
        counts = {"created": 0, "existing": 0, "failed": 0}
        for index, path in enumerate(paths, 1):
            progress = f"[{index}/{total}]"
            try:
                outcome = import_file(path, issuer=organization, publish=publish, dry_run=dry_run)
            except LetterError as error:
                counts["failed"] += 1
                self.stderr.write(
                    f"{progress} {error} " + _("Không lưu gì từ tệp này."), self.style.ERROR
                )
                continue
            counts["created" if outcome.created else "existing"] += 1
            if options["verbosity"] >= 1:
                self.stdout.write(f"{progress} {path.name}: {_describe(outcome, dry_run)}")

        summary = _("%(total)d tệp: %(created)d nhập mới, %(existing)d đã có, %(failed)d lỗi.") % {
            "total": total,
            **counts,
        }
        if dry_run:
            summary += " " + _("(Chạy thử: không lưu gì.)")
        if counts["failed"]:
            raise CommandError(summary)
        if options["verbosity"] >= 1:
            self.stdout.write(summary, self.style.SUCCESS)

    def _issuer(self, slug):
        if not slug:
            return None
        found = Organization.objects.filter(slug=slug).first()
        if found is None:
            known = ", ".join(Organization.objects.values_list("slug", flat=True))
            raise CommandError(
                _("Không có cơ quan mã “%(slug)s”. Các mã hiện có: %(known)s.")
                % {"slug": slug, "known": known}
            )
        return found


def _expand(arguments):
    """Files as given; a directory stands for its .txt files, in name order."""
    paths = []
    for argument in arguments:
        path = Path(argument)
        paths.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    return paths


def _describe(outcome, dry_run):
    advisory = outcome.advisory
    if not outcome.created:
        text = _("đã có")
    elif dry_run:
        text = _("sẽ nhập")
    else:
        text = _("đã nhập")
    text = f"{text} {advisory.slug} ({advisory.issuer.slug})"
    if outcome.published:
        text += ", " + (_("sẽ đăng") if dry_run else _("đã đăng"))
    return text
