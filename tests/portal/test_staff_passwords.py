"""Hùng, the administrator, gives staff passwords a guesser of this portal would not try first.

Reviewed: Django's default rules accepted "canhbao2025" and "hanoi123". Now a
password has at least 12 characters, and is not the portal's own words, a
province's name (current or former, with or without accents) or a year with
only digits and signs around them.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

pytestmark = pytest.mark.django_db

TOO_SHORT = "Mật khẩu này quá ngắn: cần ít nhất 12 ký tự."
PORTAL_WORDS = "chỉ gồm tên cổng, tên tỉnh, thành phố hoặc từ quen thuộc"
A_YEAR = "Mật khẩu này chủ yếu là một năm"


def refusals(password, username="hung"):
    try:
        with translation.override("vi"):
            validate_password(password, get_user_model()(username=username))
    except ValidationError as error:
        with translation.override("vi"):
            return " ".join(error.messages)
    return ""


@pytest.mark.parametrize("password", ["canhbao2025", "hanoi123"])
def test_the_reviews_two_passwords_are_refused_for_length_and_for_their_words(password):
    refused = refusals(password)
    assert TOO_SHORT in refused
    assert PORTAL_WORDS in refused


@pytest.mark.parametrize(
    "password",
    [
        "canhbao2025!!",
        "Cảnh Báo 2025 @@",
        "CANH-BAO-2025-2026",
        "hanoi123456789",
        "Hà Nội @ 123456",
        "ThuaThienHue1975",  # a former province
        "Bà Rịa - Vũng Tàu 1",
        "daklak2025daklak",
        "canhbaohanoi2025",  # two of the words end to end
        "luadao.congan.99",
        "thanhtra@dak-lak",
        "tphcm!!2025!!",
        "matkhau12345678",
    ],
)
def test_the_portals_words_and_province_names_with_digits_around_them_are_refused(password):
    assert PORTAL_WORDS in refusals(password)


@pytest.mark.parametrize("password", ["Tet2025!!2026", "2025-2026-abc!", "1990...xyz..."])
def test_a_password_that_is_mostly_a_year_is_refused(password):
    assert A_YEAR in refusals(password)


@pytest.mark.parametrize(
    "password",
    [
        "mat-khau-dai-du-manh-2025",  # the passphrase of the create_staff tests
        "Hanoi mua thu la vang 1986",  # a province in a sentence of one's own
        "x7Kq!pR2-vN9z",
        "bien-tap-vien-so-mot-xyz",
    ],
)
def test_a_long_password_of_ones_own_passes(password):
    assert refusals(password) == ""


def test_a_password_like_the_user_name_is_refused_as_before():
    assert refusals("thanhhuong-staff", username="thanhhuong") != ""


def test_a_common_password_is_refused_as_before():
    assert "quá phổ biến" in refusals("password12345")


def test_the_rules_are_said_where_a_password_is_chosen():
    with translation.override("vi"):
        helps = " ".join(password_validators_help_texts())
    assert "ít nhất 12 ký tự" in helps
    assert "không được chỉ là tên cổng, tên tỉnh, thành phố hay một năm" in helps


def test_create_staff_refuses_them_with_the_reasons(monkeypatch):
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", "canhbao2025")
    with translation.override("vi"), pytest.raises(CommandError) as refused:
        call_command("create_staff", "hung", role="administrator", interactive=False)
    assert TOO_SHORT in str(refused.value) and PORTAL_WORDS in str(refused.value)
    assert not get_user_model().objects.filter(username="hung").exists()
