"""`manage.py import_advisories FILE... [--publish] [--issuer SLUG] [--dry-run]`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

import audit
from advisories.importer import import_file
from advisories.letter_files import SUPPORTED_SUFFIXES
from advisories.letter_parser import LetterError
from advisories.models import Organization


class Command(BaseCommand):
    @property
    def help(self):  # translated when asked, not when the module is imported
        return _(
            "Nhập công văn cảnh báo từ tệp .txt, .docx, PDF hoặc ảnh bản quét (mỗi tệp một "
            "công văn; thư mục: mọi tệp như vậy trong đó). Bản PDF, ảnh hoặc .docx được giữ "
            "làm bản gốc của công văn. Nhập lại một công văn đã có không tạo bản trùng."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="+", metavar="FILE", help=_("tệp .txt, .docx, PDF, ảnh hoặc thư mục")
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help=_(
                "đăng các công văn chưa từng đăng; với cơ quan cần cán bộ thứ hai duyệt, "
                "công văn chờ duyệt trong trang quản trị"
            ),
        )
        parser.add_argument(
            "--issuer",
            metavar="SLUG",
            help=_("mã cơ quan ban hành, khi không suy ra được từ văn bản (ví dụ: stttt-dak-lak)"),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("chỉ đọc và kiểm tra, không lưu gì")
        )

    def handle(self, *args, **options):
        # Every letter, issuer and pattern link saved is recorded as this command's.
        with audit.origin("lệnh import_advisories"):
            return self._handle(*args, **options)

    def _handle(self, *args, files, publish, issuer, dry_run, **options):
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
    """Files as given; a directory stands for its letter files (.txt, .docx, PDF, images).

    In name order. In a directory the name decides which files are letters;
    what each file is, is then read from its content.
    """
    paths = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = [p for p in path.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES]
            paths.extend(sorted(p for p in found if p.is_file()))
        else:
            paths.append(path)
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
    if outcome.issuer_created:
        text += ", " + (
            _("sẽ thêm cơ quan mới theo tiêu đề") if dry_run else _("cơ quan mới theo tiêu đề")
        )
    if outcome.original_attached:
        text += ", " + _("giữ bản gốc %(kind)s") % {"kind": advisory.original_kind}
    if outcome.by_ocr:
        text += ", " + _("đọc bằng OCR: hãy kiểm tra từng ô")
    if outcome.published and advisory.status == advisory.Status.PENDING:
        text += ", " + (
            _("sẽ chờ cán bộ thứ hai duyệt mới đăng")
            if dry_run
            else _("chờ cán bộ thứ hai duyệt mới đăng")
        )
    elif outcome.published:
        text += ", " + (_("sẽ đăng") if dry_run else _("đã đăng"))
    return text
