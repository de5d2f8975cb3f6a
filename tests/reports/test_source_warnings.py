"""A number that looks mistyped is said so, never refused: on the form, the preview and the API.

Chị Hoa types the landline "3822 5678" without its area code; anh Nam types a
mobile with a digit missing. Both reports are filed (the switchboard takes the
number as is), but each hears what to check first.
"""

import json
import re

import phonenumbers
import pytest

from advisories.models import Province
from portal.phones import AREA_CODES, area_codes, subscriber_length
from reports.models import Report
from reports.phones import source_warnings
from reports.sms import compose

pytestmark = pytest.mark.django_db

CONTENT = "Goi tu xung can bo ngan hang, doi ma OTP"


# The plain function.


def test_a_landline_typed_without_its_area_code_names_the_codes_to_add():
    (warning,) = source_warnings("V", "3822 5678")
    assert "3822 5678" in warning and "thiếu mã vùng" in warning
    assert "024 (Hà Nội)" in warning and "028 (TP. Hồ Chí Minh)" in warning


def test_seven_digits_get_the_four_digit_codes_of_other_provinces():
    (warning,) = source_warnings("V", "822 5678")
    assert "0236 (Đà Nẵng)" in warning
    assert "024 " not in warning  # 024 and 028 numbers have 8 digits, not 7


def test_the_citizens_province_gives_its_own_area_code():
    binh_duong = Province.objects.get(slug="binh-duong")  # a former province, now in TP.HCM
    (warning,) = source_warnings("V", "382 2567", binh_duong)
    assert "0274 (Bình Dương)" in warning
    assert "Đà Nẵng" not in warning


def test_a_merged_province_gives_each_code_that_fits_the_digits():
    ho_chi_minh = Province.objects.get(slug="ho-chi-minh")
    (eight,) = source_warnings("V", "3822 5678", ho_chi_minh)
    assert "028 (TP. Hồ Chí Minh)" in eight and "024" not in eight
    (seven,) = source_warnings("V", "382 2567", ho_chi_minh)
    assert "0274 (Bình Dương)" in seven and "0254 (Bà Rịa - Vũng Tàu)" in seven
    assert "028 " not in seven


def test_a_province_whose_codes_do_not_fit_falls_back_to_the_examples():
    da_nang = Province.objects.get(slug="da-nang")  # 7-digit subscribers only
    (warning,) = source_warnings("V", "3822 5678", da_nang)
    assert "028 (TP. Hồ Chí Minh)" in warning


@pytest.mark.parametrize(("typed", "count"), [("091 234 567", 9), ("0912 345 6789", 11)])
def test_a_mobile_of_nine_or_eleven_digits_is_warned(typed, count):
    (warning,) = source_warnings("LD", typed)
    assert f"có {count} chữ số" in warning and "10 chữ số" in warning


@pytest.mark.parametrize(
    "typed",
    [
        "0912345678",
        "+84 912 345 678",
        "028 3822 5678",
        "0274 382 2567",
        "1900 1234",  # a service number of 8 digits is no landline without a code
        "0692348560",  # the police duty line: possible, not a mobile
        "+855 12 345 678",
        "855 12 345 678",
        "9029",
        "156",
        "VCB-BANK",
        "",  # refused by normalize_source, which says why
        "not a number at all",
    ],
)
def test_what_looks_right_gets_no_warning(typed):
    assert source_warnings("LD", typed) == []


def test_a_call_from_a_sender_name_is_refused_not_warned():
    assert source_warnings("V", "VCB-BANK") == []


# The area-code table.


def test_the_area_code_table_covers_every_current_province_and_every_former_unit():
    current = set(Province.objects.filter(is_current=True).values_list("slug", flat=True))
    assert set(AREA_CODES) == current
    codes = [code for entries in AREA_CODES.values() for code, _slug, _name in entries]
    assert len(codes) == len(set(codes)) == 63  # the 63 provincial units of 2017
    for former in Province.objects.filter(is_current=False).select_related("merged_into"):
        own = area_codes(former.merged_into.slug, former.slug)
        assert len(own) == 1, former.slug  # a former unit names its own code only


@pytest.mark.parametrize(
    "code", [code for entries in AREA_CODES.values() for code, _s, _n in entries]
)
def test_each_area_code_makes_valid_landlines(code):
    digits = "3" + "8225678"[: subscriber_length(code) - 1]
    number = phonenumbers.parse(code + digits, "VN")
    assert phonenumbers.is_valid_number(number)
    assert phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.FIXED_LINE


# compose() carries them.


def test_compose_carries_the_warnings_and_keeps_the_number():
    composition = compose("V", "3822 5678", CONTENT)
    assert composition.source == "038225678"  # the switchboard takes it as typed
    assert len(composition.warnings) == 1
    assert compose("V", "028 3822 5678", CONTENT).warnings == ()


# The API files at once and says so.


def test_the_api_files_a_warned_number_and_returns_the_warning(client):
    response = client.post(
        "/api/v1/reports",
        json.dumps({"kind": "V", "source": "3822 5678", "content": CONTENT, "province": "Hà Nội"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    data = response.json()
    (warning,) = data["warnings"]["source"]
    assert "024 (Hà Nội)" in warning and "028" not in warning
    assert Report.objects.get(code=data["code"]).source == "038225678"


def test_the_api_says_nothing_of_warnings_when_there_are_none(client):
    response = client.post(
        "/api/v1/reports", {"kind": "LD", "source": "0912345678", "content": CONTENT}
    )
    assert response.status_code == 201
    assert "warnings" not in response.json()


def test_a_retry_with_the_same_key_gets_the_same_warning(client):
    body = {"kind": "LD", "source": "091 234 567", "content": CONTENT}
    headers = {"Idempotency-Key": "retry-of-a-warned-number-1"}
    first = client.post("/api/v1/reports", body, headers=headers)
    again = client.post("/api/v1/reports", body, headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["code"] == first.json()["code"]
    assert again.json()["warnings"] == first.json()["warnings"]


def test_the_compose_endpoint_warns_with_the_provinces_code(client):
    data = client.get(
        "/api/v1/compose",
        {"kind": "V", "source": "382 2567", "content": CONTENT, "province": "binh-phuoc"},
    ).json()
    assert data["source"] == "03822567"
    (warning,) = data["warnings"]["source"]
    assert "0271 (Bình Phước)" in warning


def test_the_compose_endpoint_warns_by_post_too_for_the_live_preview(client):
    data = client.post(
        "/api/v1/compose", {"kind": "LD", "source": "0912 345 6789", "content": CONTENT}
    ).json()
    assert "có 11 chữ số" in data["warnings"]["source"][0]
    assert (
        "warnings"
        not in client.post(
            "/api/v1/compose", {"kind": "LD", "source": "0912345678", "content": CONTENT}
        ).json()
    )


def test_warnings_follow_accept_language(client):
    data = client.get(
        "/api/v1/compose",
        {"kind": "V", "source": "3822 5678", "content": CONTENT},
        headers={"Accept-Language": "en"},
    ).json()
    assert "area code" in data["warnings"]["source"][0]


# The page without JavaScript asks once, keeping everything typed.


def test_the_form_asks_once_then_files_the_same_number(client):
    typed = {
        "kind": "V",
        "source": "3822 5678",
        "content": CONTENT,
        "province": "Hồ Chí Minh",
        "contact": "hoa@example.com",
        "consent": "on",
    }
    first = client.post("/report/", typed)
    assert first.status_code == 200
    assert not Report.objects.exists()
    html = first.content.decode()
    assert "hãy kiểm tra lại số" in html
    assert "028 (TP. Hồ Chí Minh)" in html
    assert "Phản ánh chưa gửi được" not in html  # nothing is wrong, only to check
    assert 'name="source_confirmed" value="038225678"' in html
    assert 'value="3822 5678"' in html and 'value="hoa@example.com"' in html
    assert f"{CONTENT}</textarea>" in html

    second = client.post("/report/", {**typed, "source_confirmed": "038225678"})
    assert second.status_code == 302
    assert Report.objects.get().source == "038225678"


def test_a_different_number_after_the_warning_is_asked_about_again(client):
    typed = {"kind": "LD", "source": "091 234 567", "content": CONTENT}
    client.post("/report/", typed)
    again = client.post(
        "/report/", {**typed, "source": "0912 345 6789", "source_confirmed": "091234567"}
    )
    assert again.status_code == 200
    assert "có 11 chữ số" in again.content.decode()
    assert not Report.objects.exists()


def test_a_corrected_number_is_filed_at_once(client):
    typed = {"kind": "LD", "source": "091 234 567", "content": CONTENT}
    client.post("/report/", typed)
    fixed = client.post(
        "/report/", {**typed, "source": "0912 345 678", "source_confirmed": "091234567"}
    )
    assert fixed.status_code == 302
    assert Report.objects.get().source == "0912345678"


def test_a_warning_with_another_error_shows_both_and_is_confirmed_with_the_fix(client):
    typed = {"kind": "V", "source": "3822 5678", "content": ""}
    first = client.post("/report/", typed)
    assert first.status_code == 400
    html = first.content.decode()
    assert "Phản ánh chưa gửi được" in html and "thiếu mã vùng" in html
    hidden = re.search(r'name="source_confirmed" value="([^"]*)"', html).group(1)
    done = client.post("/report/", {**typed, "content": CONTENT, "source_confirmed": hidden})
    assert done.status_code == 302


def test_the_receipt_is_unchanged(client):
    typed = {
        "kind": "V",
        "source": "3822 5678",
        "content": CONTENT,
        "source_confirmed": "038225678",
    }
    receipt = client.get(client.post("/report/", typed)["Location"]).content.decode()
    assert "V 038225678 " in receipt
    assert "thiếu mã vùng" not in receipt


def test_the_preview_has_a_place_for_the_warning(client):
    html = client.get("/report/").content.decode()
    assert 'data-preview="warning"' in html


def test_files_sent_with_a_warned_number_are_asked_for_again(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    shot = SimpleUploadedFile("tin-nhan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, "image/png")
    typed = {"kind": "LD", "source": "091 234 567", "content": CONTENT, "evidence": [shot]}
    html = client.post("/report/", typed).content.decode()
    assert "có 9 chữ số" in html
    assert "Hãy chọn lại tệp đính kèm khi gửi lại." in html


def test_the_form_gives_the_preview_each_provinces_slug(client):
    html = client.get("/report/").content.decode()
    assert '<option value="Bình Dương" data-slug="binh-duong">' in html
