"""Chị Hạnh, an administrator, works in the Vietnamese admin: no screen of Django speaks English.

The reviewers found, in the Vietnamese admin, "Please correct the error below.",
the permission picker's "Choose all" and "Remove all", the user page's
"Password-based authentication" and "Reset password", and permissions named
"Can add phản ánh". Our catalog (portal/locale/vi) fills what Django's and the
third-party apps' own Vietnamese catalogs lack; permissions are named anew
(portal.permissions). Anh Tuấn, who chose English, still gets English.
The suite's clock: Wednesday 18/11/2026, 15:00 in Vietnam.
"""

import json
import re
from html import unescape
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.utils import translation

from reports.hotlines import load_hotlines
from reports.models import Hotline, Report

from ..reports.conftest import make_report
from .admin_data import letter, person

pytestmark = pytest.mark.django_db

DJANGO = Path(django.__file__).parent
OURS = Path(settings.BASE_DIR) / "portal" / "locale" / "vi" / "LC_MESSAGES"

# English a Vietnamese admin page must never show (words of the page, not of its data).
ENGLISH = [
    "Please correct",
    "Choose all",
    "Remove all",
    "Reset password",
    "Password-based",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    "Save and add another",
    "Save and continue editing",
    ">Delete<",
    ">History<",
    "Filter",
    ">Search<",
    "Enabled",
    "Disabled",
    "Raw passwords",
    "Log out",
    "Welcome,",
    "View site",
    "Change password",
    "Add ",
    "If disabled",
    "Whether the user",
    "Models in",
    ">Axes<",
    ">Portal<",
    "Tasks Database Backend",
]


def text_of(response):
    """The page as a person reads it: tags, scripts and attributes' values aside."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    titles = " ".join(re.findall(r'(?:title|aria-label|placeholder|value)="([^"]*)"', html))
    return unescape(re.sub(r"<[^>]+>", "><", html) + " " + titles)


def english_on(response):
    text = text_of(response)
    return [phrase for phrase in ENGLISH if phrase in text]


@pytest.fixture
def superuser(client):
    user = person("superuser")
    client.force_login(user)
    return user


@pytest.fixture
def in_english(client):
    client.cookies["django_language"] = "en"


def test_a_form_error_says_to_correct_it_in_vietnamese(client, superuser):
    response = client.post("/admin/auth/group/add/", {"name": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vui lòng sửa lỗi bên dưới." in html
    assert "Please correct" not in html


def test_the_user_pages_speak_vietnamese(client, superuser):
    added = client.get("/admin/auth/user/add/")
    changed = client.get(f"/admin/auth/user/{superuser.pk}/change/")
    password = client.get(f"/admin/auth/user/{superuser.pk}/password/")
    for response in (added, changed, password):
        assert response.status_code == 200
        html = response.content.decode()
        assert "Password-based authentication" not in html
        assert "Reset password" not in html
    assert "Đăng nhập bằng mật khẩu" in added.content.decode()
    assert "Đặt lại mật khẩu" in changed.content.decode()
    assert "Nếu tắt, mật khẩu hiện tại của người dùng này sẽ mất." in password.content.decode()


def catalog_of(client, url):
    """The strings a JavaScript catalog (Django's jsi18n) hands the page's scripts."""
    response = client.get(url)
    assert response.status_code == 200
    found = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    return json.loads(found.group(1)) if found else {}


def test_the_filter_widget_speaks_vietnamese(client, superuser):
    catalog = catalog_of(client, "/admin/jsi18n/")
    assert catalog["Choose all %s"] == "Chọn tất cả %s"
    assert catalog["Remove all %s"] == "Bỏ tất cả %s"
    assert catalog["Choose selected %s"] == "Chọn %s đã đánh dấu"
    assert catalog["Wednesday"] == "Thứ tư"


def test_the_passkey_scripts_speak_vietnamese(client, superuser):
    catalog = catalog_of(client, "/admin/second-factor/passkey/jsi18n/")
    assert catalog["Register a Passkey"] == "Đăng ký khóa truy cập"


def test_the_group_pages_permissions_read_in_vietnamese(
    client, superuser, django_assert_max_num_queries
):
    group = Group.objects.get(name__isnull=False, pk=Group.objects.order_by("pk")[0].pk)
    with django_assert_max_num_queries(20):
        response = client.get(f"/admin/auth/group/{group.pk}/change/")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "Có thể thêm phản ánh" in html
    assert "Có thể xem phản ánh" in html
    assert "Can add" not in html
    # The user page's picker too, in as many queries whatever the number of permissions.
    with django_assert_max_num_queries(25):
        response = client.get(f"/admin/auth/user/{superuser.pk}/change/")
    assert "Có thể sửa phản ánh" in unescape(response.content.decode())


def test_a_custom_permission_keeps_its_own_name():
    from portal.permissions import permission_label

    custom = (
        Permission.objects.select_related("content_type")
        .exclude(codename__regex=r"^(add|change|delete|view)_")
        .first()
    )
    if custom is not None:
        assert permission_label(custom).endswith(f"| {custom.name}")
    report_add = Permission.objects.select_related("content_type").get(codename="add_report")
    with translation.override("en"):
        assert permission_label(report_add).endswith("| Can add report")
    with translation.override("vi"):
        assert permission_label(report_add).endswith("| Có thể thêm phản ánh")


def test_the_history_and_second_factor_permissions_are_named_in_vietnamese():
    from portal.permissions import permission_label

    def label(codename):
        permission = Permission.objects.select_related("content_type").get(codename=codename)
        return permission_label(permission)

    with translation.override("vi"):
        assert label("view_historicaladvisory") == (
            "Nhật ký thay đổi | lịch sử thay đổi của công văn"
            " | Có thể xem lịch sử thay đổi của công văn"
        )
        assert label("change_totpdevice") == (
            "Ứng dụng xác thực (TOTP) | ứng dụng xác thực | Có thể sửa ứng dụng xác thực"
        )
        assert label("view_logentry").endswith("| Có thể xem mục nhật ký quản trị")


def test_english_admin_still_speaks_english(client, superuser, in_english):
    response = client.post("/admin/auth/group/add/", {"name": ""})
    html = unescape(response.content.decode())
    assert "Please correct the error below." in html
    assert "Can add report" in html
    assert "Choose all %s" not in catalog_of(client, "/admin/jsi18n/")
    added = client.get("/admin/auth/user/add/").content.decode()
    assert "Password-based authentication" in added
    password = client.get(f"/admin/auth/user/{superuser.pk}/password/").content.decode()
    assert "If disabled, the current password for this user will be lost." in password
    assert "Sign-in monitoring" in client.get("/admin/").content.decode()


@pytest.fixture
def admin_pages():
    load_hotlines()
    report = make_report()
    advisory = letter("stttt-dak-lak", "cảnh báo cuộc gọi mạo danh công an")
    line = Hotline.objects.order_by("pk").first()
    group = Group.objects.order_by("pk").first()
    return [
        "/admin/",
        "/admin/reports/report/",
        f"/admin/reports/report/{report.pk}/change/",
        f"/admin/reports/report/{report.pk}/history/",
        "/admin/advisories/advisory/",
        f"/admin/advisories/advisory/{advisory.pk}/change/",
        "/admin/advisories/advisory/add/",
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/auth/group/",
        f"/admin/auth/group/{group.pk}/change/",
        "/admin/auth/group/add/",
        "/admin/reports/hotline/",
        f"/admin/reports/hotline/{line.pk}/change/",
        "/admin/reports/hotline/add/",
        "/admin/axes/accessattempt/",
        "/admin/portal/jobrun/",
    ]


def test_the_main_admin_pages_show_no_english(client, superuser, admin_pages):
    user_pages = [f"/admin/auth/user/{superuser.pk}/{page}/" for page in ("change", "password")]
    lists = [f"/admin/{m._meta.app_label}/{m._meta.model_name}/" for m in admin.site._registry]
    found = {}
    for url in dict.fromkeys([*admin_pages, *user_pages, *lists, "/admin/password_change/"]):
        response = client.get(url)
        assert response.status_code == 200, url
        if english := english_on(response):
            found[url] = english
    assert found == {}
    assert Report.objects.exists()


def test_every_django_admin_string_has_its_vietnamese():
    """Django's admin, auth, contenttypes, sessions and forms strings: none falls back to English.

    A string may read the same in both languages ("IPv4", "%s KB") only where our catalog says so.
    """
    same_on_purpose = {
        e.msgid for e in polib.pofile(str(OURS / "django.po")) if e.msgstr == e.msgid
    } | {
        e.msgid for e in polib.pofile(str(OURS / "django.po")) if e.msgstr_plural.get(0) == e.msgid
    }
    apps = ["contrib/admin", "contrib/auth", "contrib/contenttypes", "contrib/sessions", "conf"]
    english = []
    with translation.override("vi"):
        for app in apps:
            for e in polib.pofile(
                str(DJANGO / app / "locale" / "en" / "LC_MESSAGES" / "django.po")
            ):
                if e.msgid_plural:
                    said = (
                        translation.npgettext(e.msgctxt, e.msgid, e.msgid_plural, 1)
                        if e.msgctxt
                        else translation.ngettext(e.msgid, e.msgid_plural, 1)
                    )
                else:
                    said = (
                        translation.pgettext(e.msgctxt, e.msgid)
                        if e.msgctxt
                        else translation.gettext(e.msgid)
                    )
                if said == e.msgid and e.msgid not in same_on_purpose:
                    english.append(e.msgid)
    assert english == []


def test_the_vietnamese_catalogs_are_compiled():
    for name in ("django", "djangojs"):
        po = polib.pofile(str(OURS / f"{name}.po"))
        mo = polib.mofile(str(OURS / f"{name}.mo"))
        assert {(e.msgctxt, e.msgid) for e in po.translated_entries()} == {
            (e.msgctxt, e.msgid) for e in mo
        }, f"{name}.mo is stale: msgfmt --check -o {name}.mo {name}.po"
