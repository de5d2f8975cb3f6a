"""One demo account per staff role, for trying the portal locally (never in production).

Each is made by `create_staff`, the command a deployment uses, with a random
password printed once.
"""

import io
import os
import secrets
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from reports.roles import ROLES

DEMO_ACCOUNTS = [
    # username, --role, scope: the publisher acts for the Sở TTTT of Đắk Lắk (letter 004),
    # the inspector and supervisor triage Đắk Lắk's reports.
    ("bientap", "publisher", {"organization": "stttt-dak-lak"}),
    # A second publisher of the same Sở: a letter is public once a colleague approves it.
    ("duyetbai", "publisher", {"organization": "stttt-dak-lak"}),
    ("thanhtra", "inspector", {"province": "dak-lak"}),
    ("truongnhom", "supervisor", {"province": "dak-lak"}),
    ("toanquoc", "national", {}),
    ("quantri", "administrator", {}),
]

# Each demo person's name, as Django's fields hold a Vietnamese one: `last_name` ("Họ") the
# family name, `first_name` ("Tên") the middle and given names; screens show "Nguyễn Văn An"
# (portal.names). The demo data's staff (reports/demo/staff.py) are named here too.
DEMO_NAMES = {
    "bientap": ("Nguyễn", "Thị Hạnh"),
    "duyetbai": ("Trần", "Minh Đức"),
    "thanhtra": ("Lê", "Văn An"),
    "truongnhom": ("Phạm", "Thu Trang"),
    "toanquoc": ("Hoàng", "Quốc Bảo"),
    "quantri": ("Vũ", "Thanh Tùng"),
    "thanhtra-ha-noi": ("Đỗ", "Minh Quân"),
    "thanhtra-ho-chi-minh": ("Huỳnh", "Ngọc Lan"),
    "truongnhom-ho-chi-minh": ("Võ", "Thành Nhân"),
    "thanhtra-dak-lak": ("Trương", "Thị Linh"),
    "truongnhom-dak-lak": ("Mai", "Xuân Hòa"),
    "thanhtra-dong-nai": ("Bùi", "Văn Hải"),
    "thanhtra-khanh-hoa": ("Đặng", "Thị Mai"),
    "thanhtra-toanquoc": ("Phan", "Hoài Nam"),
    "quantri-demo": ("Ngô", "Gia Huy"),
    "bientap-dak-lak": ("Lý", "Thu Hà"),
}


@contextmanager
def staff_password(password):
    """create_staff reads its password from DJANGO_STAFF_PASSWORD, as in a deployment."""
    before = os.environ.get("DJANGO_STAFF_PASSWORD")
    os.environ["DJANGO_STAFF_PASSWORD"] = password
    try:
        yield
    finally:
        if before is None:
            del os.environ["DJANGO_STAFF_PASSWORD"]
        else:
            os.environ["DJANGO_STAFF_PASSWORD"] = before


def create_demo_staff(username, role, scope, password):
    """One account through create_staff, as a deployment makes them, with `password`.

    Each gets an authenticator app: the otpauth:// address create_staff printed.
    """
    out = io.StringIO()
    with staff_password(password):
        call_command(
            "create_staff",
            username,
            role=role,
            interactive=False,
            totp=True,
            stdout=out,
            **scope,
        )
    family, given = DEMO_NAMES.get(username, ("", ""))
    get_user_model().objects.filter(username=username).update(last_name=family, first_name=given)
    return next(line for line in out.getvalue().splitlines() if line.startswith("otpauth://"))


class Command(BaseCommand):
    help = "Tạo tài khoản thử cho mỗi vai trò (chỉ khi DJANGO_DEBUG bật)."

    def handle(self, *args, **options):
        port = os.environ.get("PORT") or "8000"
        if not settings.DEBUG:
            self.stdout.write("DJANGO_DEBUG=0: không tạo tài khoản thử trong môi trường thật.")
            return
        User = get_user_model()
        for username, role, scope in DEMO_ACCOUNTS:
            if User.objects.filter(username=username).exists():
                self.stdout.write(f"  {username}: đã có, giữ nguyên mật khẩu.")
                continue
            password = secrets.token_urlsafe(12)
            uri = create_demo_staff(username, role, scope, password)
            self.stdout.write(
                self.style.SUCCESS(f"  {username} ({ROLES[role]}): mật khẩu {password}")
            )
            self.stdout.write(f"    {uri}")
        self.stdout.write(
            f"Đăng nhập tại http://127.0.0.1:{port}/admin/ (mật khẩu chỉ in một lần). "
            "Bước hai: mã sáu chữ số của ứng dụng xác thực đã nhập địa chỉ otpauth:// ở trên "
            "(hoặc: .venv/bin/python manage.py demo_code TÊN)."
        )
