"""`manage.py create_staff USERNAME --role ROLE [--province SLUG] [--organization SYMBOL] [--totp]`.

Makes or updates one staff account, for deployments and demos. The password
comes from DJANGO_STAFF_PASSWORD, else a prompt; an existing account keeps
its password when neither gives one. The account gets exactly the role's
group; a former province name (`binh-phuoc`, `Bình Phước`) resolves to the
current unit (Đồng Nai).

Every sign-in takes a second factor too (portal.two_factor). With `--totp` the
account gets a new authenticator app (any earlier one stops working) and the
command prints its `otpauth://` address on a line of its own, for the person's
phone to take (as a QR code: `qrencode -t ansiutf8 < line`, or typed). Without
it, the person enrols at their first sign-in.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

import audit
from advisories.models import Organization, Province
from portal.two_factor import new_app_device
from reports.models import InspectorProvince
from reports.roles import ROLES

NEEDS_PROVINCE = {"inspector", "supervisor"}
PASSWORD_VARIABLE = "DJANGO_STAFF_PASSWORD"


class Command(BaseCommand):
    help = "Tạo hoặc cập nhật tài khoản cán bộ theo vai trò (mật khẩu từ DJANGO_STAFF_PASSWORD)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLES))
        parser.add_argument(
            "--province",
            help=(
                "Tỉnh, thành phố (mã hoặc tên, cũ hay mới): địa bàn của inspector, supervisor; "
                "với publisher, chọn cơ quan theo tỉnh."
            ),
        )
        parser.add_argument(
            "--organization",
            help="Cơ quan ban hành (ký hiệu như STTTT, hoặc mã như stttt-dak-lak), cho publisher.",
        )
        parser.add_argument(
            "--totp",
            action="store_true",
            help=(
                "Tạo ứng dụng xác thực mới cho tài khoản (thay ứng dụng cũ) và in địa chỉ "
                "otpauth:// trên một dòng riêng để nhập vào điện thoại."
            ),
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Không hỏi mật khẩu: dùng DJANGO_STAFF_PASSWORD, hoặc giữ mật khẩu cũ.",
        )

    def handle(
        self, *args, username, role, province, organization, interactive, totp=False, **options
    ):
        province_obj = self._province(role, province)
        organization_obj = self._organization(role, organization, province_obj)
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = self._password(user is None, interactive, username)
        # The account, its group and its body are recorded as this command's doing.
        with transaction.atomic(), audit.origin("lệnh create_staff"):
            created = user is None
            if created:
                user = User(username=username)
            user.is_staff = True
            user.is_active = True
            if password is not None:
                user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=ROLES[role])])
            if role in NEEDS_PROVINCE:
                InspectorProvince.objects.get_or_create(user=user, province=province_obj)
            if organization_obj is not None:
                organization_obj.members.add(user)
            device = new_app_device(user) if totp else None
        verb = "Đã tạo" if created else "Đã cập nhật"
        scope = organization_obj or province_obj
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} tài khoản {username}: {ROLES[role]}" + (f", {scope}" if scope else "")
            )
        )
        if device is not None:
            self.stdout.write("Ứng dụng xác thực (quét hoặc nhập vào điện thoại, chỉ in một lần):")
            self.stdout.write(device.config_url)
        return None

    def _province(self, role, value):
        """The current unit for an inspector's scope, or a publisher's body's province."""
        if role not in NEEDS_PROVINCE and role != "publisher":
            if value:
                raise CommandError(f"--province không dùng cho vai trò {role}.")
            return None
        if not value:
            if role in NEEDS_PROVINCE:
                raise CommandError(f"Vai trò {role} cần --province (ví dụ --province dak-lak).")
            return None
        found = Province.lookup(value)
        if found is None:
            raise CommandError(
                f"Không có tỉnh, thành phố “{value}”. Dùng mã hoặc tên, cũ hay mới, "
                "ví dụ dak-lak, binh-phuoc hoặc “Bình Phước”."
            )
        return found.resolve()

    def _organization(self, role, value, province):
        if role != "publisher":
            if value:
                raise CommandError(f"--organization chỉ dùng cho publisher, không cho {role}.")
            return None
        if not value:
            raise CommandError("Vai trò publisher cần --organization (ví dụ --organization STTTT).")
        by_slug = Organization.objects.filter(slug=value.lower())
        if by_slug.exists():
            return by_slug.get()
        matches = Organization.objects.filter(symbol__iexact=value)
        if province is not None:
            matches = matches.filter(province__in=province.family())
        count = matches.count()
        if count == 1:
            return matches.get()
        if count == 0:
            raise CommandError(f"Không có cơ quan ban hành “{value}” (ký hiệu hoặc mã).")
        names = ", ".join(matches.values_list("slug", flat=True)[:10])
        raise CommandError(f"Ký hiệu “{value}” có {count} cơ quan; hãy dùng mã: {names}.")

    def _password(self, required, interactive, username):
        password = os.environ.get(PASSWORD_VARIABLE)
        if password:
            return self._valid(password, username)
        if not interactive:
            if required:
                raise CommandError(
                    f"Tài khoản mới cần mật khẩu: đặt {PASSWORD_VARIABLE} hoặc chạy không có "
                    "--noinput để nhập."
                )
            return None
        while True:
            first = getpass.getpass(
                "Mật khẩu (để trống: giữ mật khẩu cũ): " if not required else "Mật khẩu: "
            )
            if not first and not required:
                return None
            if getpass.getpass("Nhập lại mật khẩu: ") != first:
                self.stderr.write("Hai lần nhập không khớp; nhập lại.")
                continue
            try:
                return self._valid(first, username)
            except CommandError as error:
                self.stderr.write(str(error))

    def _valid(self, password, username):
        try:
            validate_password(password, get_user_model()(username=username))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return password
