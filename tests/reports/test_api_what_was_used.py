"""A chatbot files what the scammer used as JSON lists and gets it back normalised: the bank
by its BIN, the link by its domain. Bad values name the parameter and the item, in the
client's language; a retry with the same Idempotency-Key echoes the same."""

import json

import pytest

from reports.models import Bank, Report

pytestmark = pytest.mark.django_db

KEY = "0d5bc4a9-62f5-4f55-a4c7-2a3b4f3f9e11"
BODY = {
    "channel": "sms",
    "scam": True,
    "source": "VCB-BANK",
    "content": "Tài khoản bị khóa, bấm link để mở",
    "links": ["https://vietcombank-vn.com/dang-nhap", "http://sub.vcb-login.net:8080/a"],
    "bank_accounts": [
        {"bank": "970436", "number": "0011 0012 34567"},
        {"bank": "Ngân hàng Lạ", "number": "123456789"},
    ],
    "social_accounts": [{"platform": "telegram", "handle": "@Lua_Dao"}],
    "paid": True,
    "amount_lost": 5000000,
    "payment_method": "transfer",
    "lost_on": "2026-11-17",
}


@pytest.fixture(autouse=True)
def vietcombank(db):
    return Bank.objects.update_or_create(abbr="VCB", defaults={"hotline": "1900545413"})[0]


def post(client, body, **headers):
    return client.post(
        "/api/v1/reports", json.dumps(body), content_type="application/json", headers=headers
    )


def test_201_echoes_what_was_stored_normalised(client):
    response = post(client, BODY)
    assert response.status_code == 201
    data = response.json()
    assert data["kind"] == "LD" and data["channel"] == "sms"
    assert data["sms"].startswith("LD VCB-BANK ")
    assert [link["domain"] for link in data["links"]] == ["vietcombank-vn.com", "vcb-login.net"]
    assert data["links"][1]["url"] == "http://sub.vcb-login.net:8080/a"  # kept as typed
    first, second = data["bank_accounts"]
    assert (first["bin"], first["bank"], first["number"]) == (
        "970436",
        "Vietcombank",
        "0011001234567",
    )
    assert (second["bin"], second["bank"], second["bank_as_typed"]) == (None, None, "Ngân hàng Lạ")
    assert data["social_accounts"] == [
        {"platform": "telegram", "handle": "@Lua_Dao", "key": "telegram:lua_dao"}
    ]
    assert (data["paid"], data["gave_code"], data["amount_lost"]) == (True, False, 5_000_000)
    assert (data["payment_method"], data["lost_on"]) == ("transfer", "2026-11-17")
    report = Report.objects.get()
    assert report.bank_accounts.count() == 2 and report.links.count() == 2


def test_old_fields_alone_still_file_with_empty_lists(client):
    response = post(client, {"kind": "S", "source": "0912345678", "content": "Khuyến mãi"})
    assert response.status_code == 201
    data = response.json()
    assert (data["channel"], data["links"], data["bank_accounts"], data["paid"]) == (
        "sms",
        [],
        [],
        False,
    )


def test_a_scam_by_zalo_without_a_number_has_null_sms_fields(client):
    body = {
        "channel": "zalo",
        "scam": True,
        "content": "Kết bạn Zalo, mời đầu tư",
        "social_accounts": [{"platform": "zalo", "handle": "0987654321"}],
    }
    response = post(client, body)
    assert response.status_code == 201
    assert (response.json()["sms"], response.json()["sms_ascii"]) == (None, None)


@pytest.mark.parametrize(
    ("change", "parameter", "message"),
    [
        (
            {
                "bank_accounts": [
                    {"bank": "VCB", "number": "0011001234567"},
                    {"bank": "VCB", "number": "12ab"},
                ]
            },
            "bank_accounts",
            "Tài khoản 2: Số tài khoản chỉ gồm chữ số",
        ),
        (
            {"bank_accounts": [{"bank": "VCB"}]},
            "bank_accounts",
            "Tài khoản 1: Hãy ghi số tài khoản",
        ),
        ({"bank_accounts": "VCB 0011001234567"}, "bank_accounts", "danh sách đối tượng"),
        ({"bank_accounts": [{"number": "123456"}] * 4}, "bank_accounts", "Tối đa 3"),
        (
            {"social_accounts": [{"platform": "myspace", "handle": "x"}]},
            "social_accounts",
            "Tài khoản mạng xã hội 1: Hãy chọn Zalo",
        ),
        ({"links": "vietcombank-vn.com"}, "links", "danh sách chuỗi"),
        ({"links": ["ok.vn", "khongphailink"]}, "links", "Đường link 2"),
        ({"amount_lost": 12.5}, "amount_lost", "đồng chẵn"),
        ({"amount_lost": "nhiều"}, "amount_lost", "5 triệu"),
        ({"channel": "fax"}, "channel", "call, sms, zalo"),
        ({"paid": [True]}, "paid", "true hoặc false"),
        ({"lost_on": "2026-12-31"}, "lost_on", "tương lai"),
    ],
)
def test_a_bad_value_is_a_400_naming_its_parameter(client, change, parameter, message):
    response = post(client, {**BODY, **change})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert parameter in errors, errors
    assert any(message in text for text in errors[parameter]), errors
    assert not Report.objects.exists()


def test_errors_are_in_english_when_the_client_asks(client):
    body = {**BODY, "bank_accounts": [{"bank": "VCB", "number": "12ab"}]}
    errors = post(client, body, **{"Accept-Language": "en"}).json()["errors"]
    assert errors["bank_accounts"][0].startswith("Account 1: ")
    assert "digits" in errors["bank_accounts"][0]


def test_a_replay_with_the_same_key_echoes_the_same(client):
    first = post(client, BODY, **{"Idempotency-Key": KEY})
    again = post(client, BODY, **{"Idempotency-Key": KEY})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Report.objects.count() == 1


def test_booleans_may_come_as_0_and_1(client):
    response = post(client, {**BODY, "paid": 0, "gave_code": 1})
    assert (response.json()["paid"], response.json()["gave_code"]) == (False, True)
