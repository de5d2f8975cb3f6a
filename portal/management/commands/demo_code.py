"""`manage.py demo_code USERNAME`: the six digits a demo account's app shows now (debug only).

`make run` is a one-command demo: its accounts have authenticator apps whose
otpauth:// addresses create_demo_accounts printed, and someone trying the portal
without a phone at hand takes the second step with this. Refused in production.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from portal.two_factor import app_device, totp_code


class Command(BaseCommand):
    help = "In mã hiện tại của ứng dụng xác thực của một tài khoản thử (chỉ khi DJANGO_DEBUG bật)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("DJANGO_DEBUG=0: lệnh này chỉ dùng cho tài khoản thử.")
        user = get_user_model().objects.filter(username=username).first()
        device = app_device(user) if user is not None else None
        if device is None:
            raise CommandError(f"Tài khoản “{username}” không có ứng dụng xác thực.")
        self.stdout.write(totp_code(device.key))
