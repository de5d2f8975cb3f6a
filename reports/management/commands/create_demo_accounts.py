"""One demo account per staff role, for trying the portal locally (never in production)."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from advisories.models import Organization, Province
from advisories.roles import ADMINISTRATORS, PUBLISHERS
from reports.models import InspectorProvince
from reports.roles import INSPECTORS

DEMO_ACCOUNTS = [
    # username, group, slug: the organisation a publisher acts for, the province
    # whose reports an inspector triages; both in Đắk Lắk, like seed letter 004.
    ("bientap", PUBLISHERS, "stttt-dak-lak"),
    ("thanhtra", INSPECTORS, "dak-lak"),
    ("quantri", ADMINISTRATORS, None),
]


class Command(BaseCommand):
    help = "Tạo tài khoản thử cho mỗi vai trò (chỉ khi DJANGO_DEBUG bật)."

    def handle(self, *args, **options):
        port = os.environ.get("PORT") or "8000"
        if not settings.DEBUG:
            self.stdout.write("DJANGO_DEBUG=0: không tạo tài khoản thử trong môi trường thật.")
            return
        User = get_user_model()
        for username, group_name, scope in DEMO_ACCOUNTS:
            if User.objects.filter(username=username).exists():
                self.stdout.write(f"  {username}: đã có, giữ nguyên mật khẩu.")
                continue
            password = secrets.token_urlsafe(12)
            with transaction.atomic():
                user = User.objects.create_user(username, password=password, is_staff=True)
                user.groups.add(Group.objects.get(name=group_name))
                if group_name == PUBLISHERS:
                    Organization.objects.get(slug=scope).members.add(user)
                elif group_name == INSPECTORS:
                    province = Province.objects.get(slug=scope)
                    InspectorProvince.objects.create(user=user, province=province)
            self.stdout.write(
                self.style.SUCCESS(f"  {username} ({group_name}): mật khẩu {password}")
            )
        self.stdout.write(
            f"Đăng nhập tại http://127.0.0.1:{port}/admin/ (mật khẩu chỉ in một lần)."
        )
