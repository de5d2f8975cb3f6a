"""A deployment makes its staff with one command: `create_staff USERNAME --role …`.

Anh Quân, administrator of the Đồng Nai deployment, sets up his colleagues;
the password comes from DJANGO_STAFF_PASSWORD (or a prompt), and the old
province name that people still say resolves to today's unit.
"""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from advisories.models import Organization
from advisories.roles import ADMINISTRATORS, PUBLISHERS
from reports import triage
from reports.access import reports_for
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS, SUPERVISORS

from .conftest import make_report

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dai-du-manh-2025"


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", PASSWORD)


def create(*args, **options):
    out = StringIO()
    call_command("create_staff", *args, interactive=False, stdout=out, **options)
    return out.getvalue()


def logs_in(username, password=PASSWORD):
    request = RequestFactory().post("/admin/login/")
    return authenticate(request, username=username, password=password) is not None


@pytest.mark.parametrize(
    ("role", "scope", "group"),
    [
        ("publisher", {"organization": "stttt-dak-lak"}, PUBLISHERS),
        ("inspector", {"province": "dong-nai"}, INSPECTORS),
        ("supervisor", {"province": "dong-nai"}, SUPERVISORS),
        ("national", {}, NATIONAL_INSPECTORS),
        ("administrator", {}, ADMINISTRATORS),
    ],
)
def test_each_role_makes_a_staff_account_that_logs_in(password, role, scope, group):
    out = create("ngoc", role=role, **scope)
    assert "Đã tạo tài khoản ngoc" in out
    user = get_user_model().objects.get(username="ngoc")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [group]
    assert logs_in("ngoc")


def test_a_former_province_name_resolves_to_the_current_unit(password):
    create("bao", role="inspector", province="Bình Phước")
    bao = get_user_model().objects.get(username="bao")
    assert list(bao.inspected_provinces.values_list("province__slug", flat=True)) == ["dong-nai"]
    in_dong_nai = make_report(province="dong-nai", chosen="binh-phuoc")
    elsewhere = make_report(province="ha-noi")
    assert list(reports_for(bao)) == [in_dong_nai]
    assert elsewhere not in reports_for(bao)
    assert triage.can_triage(bao, in_dong_nai)


def test_a_publisher_by_the_symbol_printed_on_letters_and_a_former_province_name(password):
    create("thu", role="publisher", organization="STTTT", province="Bình Phước")
    body = Organization.objects.get(slug="stttt-binh-phuoc")
    assert body.members.filter(username="thu").exists()
    assert not get_user_model().objects.get(username="thu").inspected_provinces.exists()


def test_an_ambiguous_symbol_names_the_bodies_to_choose_from(password):
    with pytest.raises(CommandError, match="stttt-"):
        create("thu", role="publisher", organization="STTTT")


def test_a_national_inspector_sees_every_province_but_administers_no_one(password, client):
    create("toan", role="national")
    toan = get_user_model().objects.get(username="toan")
    report = make_report(province="ha-noi")
    assert report in reports_for(toan)
    assert not toan.has_perm("auth.change_user")
    client.force_login(toan)
    assert client.get("/admin/auth/user/").status_code == 403


def test_running_it_again_updates_the_account(password, monkeypatch):
    create("ha", role="inspector", province="dak-lak")
    monkeypatch.delenv("DJANGO_STAFF_PASSWORD")
    out = create("ha", role="supervisor", province="dak-lak")
    assert "Đã cập nhật tài khoản ha" in out
    ha = get_user_model().objects.get(username="ha")
    assert list(ha.groups.values_list("name", flat=True)) == [SUPERVISORS]
    assert logs_in("ha")  # no new password given: the old one stays


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"role": "inspector"}, "cần --province"),
        ({"role": "inspector", "province": "atlantis"}, "Không có tỉnh, thành phố"),
        ({"role": "publisher"}, "cần --organization"),
        ({"role": "publisher", "organization": "XYZ"}, "Không có cơ quan ban hành"),
        ({"role": "national", "province": "dak-lak"}, "--province không dùng"),
        ({"role": "inspector", "province": "dak-lak", "organization": "STTTT"}, "chỉ dùng"),
    ],
)
def test_a_mistake_is_said_plainly(password, args, message):
    with pytest.raises(CommandError, match=message):
        create("x", **args)
    assert not get_user_model().objects.exists()


def test_a_new_account_without_a_password_is_refused():
    with pytest.raises(CommandError, match="DJANGO_STAFF_PASSWORD"):
        create("x", role="national")


def test_a_weak_password_is_refused(monkeypatch):
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", "123")
    with pytest.raises(CommandError):
        create("x", role="national")
    assert not get_user_model().objects.exists()


def test_the_organization_can_be_given_by_its_slug(password):
    create("thu", role="publisher", organization="stttt-ninh-binh")
    assert Organization.objects.get(slug="stttt-ninh-binh").members.filter(username="thu").exists()


def test_without_the_variable_it_asks_twice_and_again_on_a_mismatch(monkeypatch):
    answers = iter([PASSWORD, "go-nham", PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    errors = StringIO()
    call_command("create_staff", "ngoc", role="national", stdout=StringIO(), stderr=errors)
    assert "không khớp" in errors.getvalue()
    assert logs_in("ngoc")
