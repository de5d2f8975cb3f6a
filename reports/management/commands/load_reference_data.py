"""Load everything the portal needs to be useful, idempotently.

Provinces and issuing organisations come with the migrations; this command
adds what depends on them. Running it twice changes nothing.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

import audit
from advisories.case_codes import fill_case_codes
from advisories.importer import SEED_DIR
from advisories.models import Organization, Province
from reports.bank_list import load_banks
from reports.hotlines import load_hotlines
from reports.models import Bank, Hotline


class Command(BaseCommand):
    help = "Nạp dữ liệu tham chiếu (chạy lại nhiều lần không tạo bản trùng)."

    def handle(self, *args, **options):
        # What it adds or links is recorded as this command's (the letters too).
        with audit.origin("lệnh load_reference_data"):
            self._handle(**options)

    def _handle(self, **options):
        # The five letters of advisories/seeds/, published; already there → left as they are.
        call_command(
            "import_advisories",
            str(SEED_DIR),  # every .txt in it, in name order
            publish=True,
            verbosity=options["verbosity"],
            stdout=self.stdout,
            stderr=self.stderr,
        )
        # The migrations give the codes too; this catches a unit added without one.
        fill_case_codes(Province)
        self.stdout.write(
            f"Tỉnh, thành phố: {Province.objects.current().count()} hiện nay, "
            f"{Province.objects.former().count()} trước sáp nhập; "
            f"cơ quan ban hành: {Organization.objects.count()}."
        )
        self.load_hotlines()
        # The migration loads them too; this brings a bank added to the list later.
        created, updated = load_banks(Bank)
        self.stdout.write(
            f"Ngân hàng, ví điện tử: {Bank.objects.count()} "
            f"(thêm mới {created}, cập nhật {updated})."
        )

    def load_hotlines(self):
        """After the letters: each line links to the letter that announced it."""
        created, linked = load_hotlines()
        self.stdout.write(
            f"Kênh tiếp nhận: {Hotline.objects.count()} "
            f"(thêm mới {created}, gắn công văn nguồn {linked})."
        )
