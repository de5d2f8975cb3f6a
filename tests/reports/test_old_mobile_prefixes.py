"""A pre-2018 eleven-digit mobile ("0168 8888 888", from an old letter or contact) is
filed as today's ten-digit number, by the published conversion table, and the
citizen is told which number it became."""

import pytest

from portal.phones import OLD_MOBILE_PREFIXES, modern_mobile
from reports.models import Report
from reports.phones import normalize_source, source_warnings

pytestmark = pytest.mark.django_db

CONTENT = "Tin nhan trung thuong, yeu cau nop phi"

# The conversion table, as published (Viettel, MobiFone, VinaPhone, Vietnamobile, Gmobile).
TABLE = {
    **{f"016{d}": f"03{d}" for d in "23456789"},
    "0120": "070",
    "0121": "079",
    "0122": "077",
    "0126": "076",
    "0128": "078",
    "0123": "083",
    "0124": "084",
    "0125": "085",
    "0127": "081",
    "0129": "082",
    "0186": "056",
    "0188": "058",
    "0199": "059",
}


def test_the_table_is_the_published_one():
    assert OLD_MOBILE_PREFIXES == TABLE


@pytest.mark.parametrize(("old", "new"), sorted(TABLE.items()))
def test_each_old_prefix_becomes_its_new_one(old, new):
    assert normalize_source("LD", f"{old} 888 8888") == f"{new}8888888"


@pytest.mark.parametrize(
    "typed",
    ["0168 8888 888", "01688888888", "+84 168 8888 888", "84 168 8888 888", "tel:01688888888"],
)
def test_however_it_is_typed(typed):
    assert normalize_source("S", typed) == "0388888888"


def test_the_warning_names_what_was_typed_and_what_it_became():
    (warning,) = source_warnings("LD", "0168 8888 888")
    assert "0168 8888 888" in warning and "số cũ" in warning and "0388888888" in warning


@pytest.mark.parametrize("national", ["01308888888", "01898888888", "0912345678", "0168888888"])
def test_what_is_not_in_the_table_is_not_converted(national):
    assert modern_mobile(national) is None


def test_an_eleven_digit_number_outside_the_table_is_kept_and_warned():
    # 0130 was never a mobile prefix: nothing to convert it to; it is said to be too long.
    assert normalize_source("LD", "0130 8888 888") == "01308888888"
    assert source_warnings("LD", "0130 8888 888") == []  # not a mobile prefix either


def test_the_report_stores_the_new_number_and_the_api_says_what_it_was(client):
    response = client.post(
        "/api/v1/reports", {"kind": "LD", "source": "0168 8888 888", "content": CONTENT}
    )
    assert response.status_code == 201
    data = response.json()
    assert data["sms"] == f"LD 0388888888 {CONTENT}"
    assert "0168 8888 888" in data["warnings"]["source"][0]
    assert Report.objects.get().source == "0388888888"


def test_the_form_asks_once_with_the_new_number(client):
    typed = {"kind": "LD", "source": "0168 8888 888", "content": CONTENT}
    html = client.post("/report/", typed).content.decode()
    assert "nay là 0388888888" in html
    assert 'name="source_confirmed" value="0388888888"' in html
    assert client.post("/report/", {**typed, "source_confirmed": "0388888888"}).status_code == 302


def test_a_contact_phone_of_the_old_kind_is_converted_too(client):
    from reports.phones import normalize_contact_phone

    assert normalize_contact_phone("0168 8888 888") == "0388888888"


@pytest.mark.parametrize(
    ("typed", "source"),
    [
        ("tel:0912345678", "0912345678"),
        ("TEL:+84912345678", "0912345678"),
        ("tel:+84-912-345-678", "0912345678"),
        ("855 12 345 678", "+85512345678"),
        ("84 912 345 678", "0912345678"),
        ("1 650 253 0000", "+16502530000"),
        # Digits that make a Vietnamese number stay Vietnamese, whatever a country
        # code would make of them.
        ("912345678", "0912345678"),
        ("3822 5678", "038225678"),
    ],
)
def test_tel_links_and_country_codes_without_plus(typed, source):
    assert normalize_source("V", typed) == source
