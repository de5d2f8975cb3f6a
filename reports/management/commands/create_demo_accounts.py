"""One demo account per staff role, for trying the portal locally (never in production)."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from advisories.models import Organization
from advisories.roles import ADMINISTRATORS, PUBLISHERS
from reports.roles import INSPECTORS

DEMO_ACCOUNTS = [
    # username, group, organisation slug (publishers act for one organisation)
    ("bientap", PUBLISHERS, "stttt-dak-lak"),
    ("thanhtra", INSPECTORS, None),
    ("quantri", ADMINISTRATORS, None),
]


class Command(BaseCommand):
    help = "Tạo tài khoản thử cho mỗi vai trò (chỉ khi DJANGO_DEBUG bật)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            self.stdout.write("DJANGO_DEBUG=0: không tạo tài khoản thử trong môi trường thật.")
            return
        User = get_user_model()
        for username, group_name, org_slug in DEMO_ACCOUNTS:
            if User.objects.filter(username=username).exists():
                self.stdout.write(f"  {username}: đã có, giữ nguyên mật khẩu.")
                continue
            password = secrets.token_urlsafe(12)
            with transaction.atomic():
                user = User.objects.create_user(username, password=password, is_staff=True)
                user.groups.add(Group.objects.get(name=group_name))
                if org_slug:
                    Organization.objects.get(slug=org_slug).members.add(user)
            self.stdout.write(
                self.style.SUCCESS(f"  {username} ({group_name}): mật khẩu {password}")
            )
        self.stdout.write("Đăng nhập tại http://127.0.0.1:8000/admin/ (mật khẩu chỉ in một lần).")
