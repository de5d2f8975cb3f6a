"""Chị Lan checks a number on her phone before calling back."""

import pytest

from .conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_look_up_answers_on_a_320_px_phone_and_passes_axe(narrow_phone):
    phone = narrow_phone
    phone.goto("/")
    phone.get_by_role("link", name="Tra cứu số").click()
    field = phone.get_by_label("Điện thoại, tên người gửi tin nhắn, tài khoản ngân hàng")
    field.fill("0888 596 677")
    phone.get_by_role("button", name="Tra cứu").click()
    assert "Đây là số chính thức" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(phone) == []


def test_a_long_link_looked_up_on_a_320_px_phone_stays_in_the_screen(narrow_phone):
    phone = narrow_phone
    phone.goto("/lookup/")
    field = phone.get_by_label("Điện thoại, tên người gửi tin nhắn, tài khoản ngân hàng")
    field.fill("https://dang-nhap-tai-khoan-ngan-hang-vietcombank-xac-thuc.com.vn/otp?id=1")
    phone.get_by_role("button", name="Tra cứu").click()
    assert "Đừng nhập mật khẩu, mã OTP" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(phone) == []
