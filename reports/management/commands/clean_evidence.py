"""Remove evidence files that no report points to any more (left behind by a failure).

Every way an Evidence row disappears deletes its file once committed; a file
that could not be deleted then (storage down, permissions) is logged and
found here. Run it from cron, e.g. daily: `python manage.py clean_evidence`.

The same daily run forgets the submission keys past their 24 hours
(reports.submissions): kept only to answer a resend, they answer nothing
after that, and would only pile up.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from reports.models import EVIDENCE_DIR, delete_evidence_files, orphan_evidence_files
from reports.submissions import RETENTION, forget_expired


class Command(BaseCommand):
    help = (
        "Xóa các tệp bằng chứng trong thư mục evidence/ không còn thuộc phản ánh nào "
        "(chỉ tệp cũ hơn --older-than phút), và các khóa gửi phản ánh đã quá 24 giờ."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ liệt kê các tệp sẽ bị xóa, không xóa tệp hay khóa nào.",
        )
        parser.add_argument(
            "--older-than",
            type=int,
            default=60,
            metavar="PHÚT",
            help=(
                "Chỉ xét tệp được lưu cách đây hơn ngần ấy phút (mặc định 60): tệp của "
                "một phản ánh đang gửi được lưu trước khi phản ánh được ghi vào cơ sở dữ liệu."
            ),
        )

    def handle(self, *args, dry_run, older_than, **options):
        if older_than < 0:
            raise CommandError("--older-than phải là số phút không âm.")
        self._forget_keys(dry_run)
        orphans = orphan_evidence_files(datetime.timedelta(minutes=older_than))
        for name in orphans:
            self.stdout.write(f"  {name}")
        found = len(orphans)
        summary = (
            f"Tìm thấy {found} tệp trong {EVIDENCE_DIR}/ không thuộc phản ánh nào "
            f"(lưu cách đây hơn {older_than} phút)"
        )
        if dry_run:
            self.stdout.write(f"{summary}. Chạy thử (--dry-run): không xóa tệp nào.")
            return
        removed = delete_evidence_files(orphans)
        style = self.style.SUCCESS if removed == found else self.style.WARNING
        self.stdout.write(style(f"{summary}; đã xóa {removed} tệp."))
        if removed < found:
            self.stdout.write(
                self.style.WARNING(
                    f"{found - removed} tệp không xóa được: xem nhật ký (log), "
                    "sửa quyền truy cập rồi chạy lại."
                )
            )

    def _forget_keys(self, dry_run):
        hours = int(RETENTION.total_seconds() // 3600)
        count = forget_expired(dry_run=dry_run)
        if dry_run:
            self.stdout.write(
                f"{count} khóa gửi phản ánh đã quá {hours} giờ. Chạy thử (--dry-run): "
                "không xóa khóa nào."
            )
        else:
            self.stdout.write(f"Đã xóa {count} khóa gửi phản ánh đã quá {hours} giờ.")
