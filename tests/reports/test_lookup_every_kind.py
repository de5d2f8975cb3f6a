"""Chị Lan looks up whatever she was sent: a number, a sender name, an account, a link, a Zalo.

One text field takes them all (`/lookup/?q=`, `GET /api/v1/lookup?q=`); the
answer says what it took it for, counts the reports of that thing however it
was typed, and uses the words of that kind: a sender name is never "số" and
never to be called back, an account says what to do before transferring, a
link says not to enter passwords or OTP codes.
"""

import re

import pytest
from django.test import TestCase

from advisories.models import Province
from reports.lookup import look_up, recognise
from reports.models import (
    Bank,
    NumberMark,
    ReportBankAccount,
    ReportLink,
    ReportSocialAccount,
)
from reports.models.used import Subject
from reports.phones import SourceError

from .conftest import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def vcb():
    """Vietcombank, as migration 0023 loads it from reports/bank_list.py."""
    return Bank.objects.get(bin="970436")


def both(client, q, **params):
    """The page's result section and the API's answer for what Chị Lan typed."""
    page = client.get("/lookup/", {"q": q, **params})
    api = client.get("/api/v1/lookup", {"q": q, **params})
    assert page.status_code == api.status_code == 200
    html = page.content.decode()
    section = re.search(r"<section.*?</section>", html, re.S)
    assert section, "no result on the page"
    return html, section.group(0), api.json()


def confirm(subject, key, province=None):
    """An inspectors' confirmation in force; the cached pages go stale when it commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return NumberMark.objects.create(
            subject=subject,
            source=key,
            kind=NumberMark.Kind.SCAM,
            province=province,
            reason="Nhiều phản ánh có ảnh chụp",
        )


# -- what the look-up takes it for ---------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kind", "key"),
    [
        ("0912 345 678", Subject.PHONE, "0912345678"),
        ("+84 912 345 678", Subject.PHONE, "0912345678"),
        ("tel:0912345678", Subject.PHONE, "0912345678"),
        ("156", Subject.PHONE, "156"),
        ("vcb-bank", Subject.SENDER, "VCB-BANK"),
        ("VCB 0011001234567", Subject.BANK_ACCOUNT, "VCB:0011001234567"),
        ("Vietcombank 0011 0012 34567", Subject.BANK_ACCOUNT, "VCB:0011001234567"),
        ("ngân hàng ngoại thương: 0011001234567", Subject.BANK_ACCOUNT, "VCB:0011001234567"),
        ("0011001234567", Subject.BANK_ACCOUNT, "?:0011001234567"),  # at any bank
        ("19036363636011", Subject.BANK_ACCOUNT, "?:19036363636011"),
        ("vietcombank-vn.com", Subject.DOMAIN, "vietcombank-vn.com"),
        ("https://Login.VIETCOMBANK-VN.com/dang-nhap", Subject.DOMAIN, "vietcombank-vn.com"),
        ("103.21.44.5", Subject.DOMAIN, "103.21.44.5"),
        ("zalo 0912345678", Subject.SOCIAL, "zalo:0912345678"),
        ("https://zalo.me/0912345678", Subject.SOCIAL, "zalo:0912345678"),
        ("t.me/abc", Subject.SOCIAL, "telegram:abc"),
        ("facebook.com/Nguyen.Van.A", Subject.SOCIAL, "facebook:nguyen.van.a"),
    ],
)
def test_what_was_typed_is_recognised(vcb, typed, kind, key):
    assert recognise(typed) == (kind, key)


@pytest.mark.parametrize("typed", ["lừa đảo", "12", "hello world", "!!!"])
def test_anything_else_is_refused_with_every_form_the_look_up_takes(typed):
    with pytest.raises(SourceError) as refused:
        recognise(typed)
    for example in ("0912345678", "VCB-BANK", "VCB 0011001234567", "vietcombank-vn.com", "t.me"):
        assert example in str(refused.value)


def test_a_bank_name_nobody_knows_looks_the_number_up_at_every_bank(client):
    make_report().bank_accounts.create(bank_as_typed="ngân hàng lạ", number="0011001234567")
    _html, section, api = both(client, "Ngân hàng ABC 0011001234567")
    assert api["kind"] == "bank_account" and api["value"] == "?:0011001234567"
    assert api["reports"]["total"] == 1
    assert "Không nhận ra ngân hàng “Ngân hàng ABC”" in section


# -- counting the reports of each kind -------------------------------------------------


def test_a_sender_name_is_found_whatever_its_case(client):
    make_report(kind="S", source="VCB-BANK")
    make_report(kind="LD", source="VCB-BANK")
    _html, section, api = both(client, "vcb-bank")
    assert api["kind"] == "sender" and api["value"] == "VCB-BANK"
    assert api["number"] == "VCB-BANK"  # today's field, for today's clients
    assert api["reports"]["total"] == 2 and api["reports"]["by_kind"] == {"S": 1, "LD": 1}
    assert "2 phản ánh của người dân về tên người gửi này" in section


def test_a_bank_account_is_found_by_bank_and_number_or_by_the_number_alone(client, vcb):
    ReportBankAccount.objects.create(report=make_report(), bank=vcb, number="0011001234567")
    ReportBankAccount.objects.create(report=make_report(), number="0011001234567")  # bank?
    ReportBankAccount.objects.create(report=make_report(), bank=vcb, number="0011001234568")
    assert look_up("VCB 0011 0012 34567").reports == 1
    assert look_up("Vietcombank 0011001234567").reports == 1
    assert look_up("0011001234567").reports == 2  # every bank, and the unknown one


def test_a_report_giving_one_account_twice_counts_once(client, vcb):
    report = make_report()
    for typed in ("0011001234567", "0011 0012 34567"):
        ReportBankAccount.objects.create(report=report, bank=vcb, number=typed.replace(" ", ""))
    assert look_up("VCB 0011001234567").counts == {"LD": 1}


def test_a_domain_is_found_from_any_link_to_it_whatever_its_case(client):
    ReportLink.objects.create(report=make_report(), url="https://login.vietcombank-vn.com/x")
    ReportLink.objects.create(report=make_report(), url="VIETCOMBANK-VN.COM")
    ReportLink.objects.create(report=make_report(), url="https://vietcombank.com.vn/")
    _html, _section, api = both(client, "Vietcombank-VN.com")
    assert api["kind"] == "domain" and api["value"] == "vietcombank-vn.com"
    assert api["reports"]["total"] == 2
    _html, _section, api = both(client, "https://www.VIETCOMBANK-vn.com/dang-nhap?x=1")
    assert api["reports"]["total"] == 2


def test_a_chat_account_is_found_however_it_was_written(client):
    ReportSocialAccount.objects.create(
        report=make_report(), platform="zalo", handle="https://zalo.me/0912345678"
    )
    ReportSocialAccount.objects.create(report=make_report(), platform="zalo", handle="0912 345 678")
    ReportSocialAccount.objects.create(report=make_report(), platform="telegram", handle="@Abc")
    assert both(client, "zalo 0912345678")[2]["reports"]["total"] == 2
    _html, section, api = both(client, "https://t.me/ABC")
    assert api["kind"] == "social" and api["value"] == "telegram:abc"
    assert api["reports"]["total"] == 1
    assert "Tài khoản Telegram" in section


def test_a_number_still_answers_as_it_did(client, hotlines):
    make_report(source="0912345678", kind="V")
    answer = client.get("/api/v1/lookup", {"number": "0912 345 678"}).json()
    assert answer["kind"] == "phone" and answer["value"] == answer["number"] == "0912345678"
    assert answer["reports"]["by_kind"] == {"V": 1}
    for today in ("official", "verified_official", "advisories", "verdict_scope", "province"):
        assert today in answer
    page = client.get("/lookup/", {"number": "0912 345 678"}).content.decode()
    assert "1 phản ánh của người dân về số này" in page


# -- only inspectors' confirmation calls anything a scam ------------------------------


@pytest.mark.parametrize(
    ("typed", "subject", "key", "words"),
    [
        ("VCB 0011001234567", Subject.BANK_ACCOUNT, "VCB:0011001234567", "tài khoản lừa đảo"),
        ("vietcombank-vn.com", Subject.DOMAIN, "vietcombank-vn.com", "trang web lừa đảo"),
        ("t.me/abc", Subject.SOCIAL, "telegram:abc", "tài khoản lừa đảo"),
        ("vcb-bank", Subject.SENDER, "VCB-BANK", "tin nhắn mang tên này là lừa đảo"),
    ],
)
def test_a_confirmed_mark_of_any_kind_says_scam_by_whose_inspectors(
    client, vcb, typed, subject, key, words
):
    _html, section, api = both(client, typed)
    assert api["verdict"] == "unknown" and api["confirmed_scam"] is None
    assert "lừa đảo." not in section
    confirm(subject, key, Province.objects.get(slug="dong-nai"))
    _html, section, api = both(client, typed)
    assert api["verdict"] == "confirmed_scam"
    assert api["confirmed_scam"]["by"] == ["Đồng Nai"]
    assert "thanh tra Đồng Nai đã xác nhận" in section and words in section


def test_a_confirmed_account_warns_whoever_types_its_number_alone(client, vcb):
    confirm(Subject.BANK_ACCOUNT, "VCB:0011001234567")
    _html, section, api = both(client, "0011001234567")
    assert api["verdict"] == "confirmed_scam"
    assert "Kết luận cho tài khoản có số này tại: VCB." in section
    assert "Đừng chuyển tiền vào tài khoản này" in section


def test_an_account_verified_with_its_bank_is_not_vouched_for_by_its_number_alone(client, vcb):
    NumberMark.objects.create(
        subject=Subject.BANK_ACCOUNT,
        source="VCB:0011001234567",
        kind=NumberMark.Kind.OFFICIAL,
        owner="Kho bạc Nhà nước",
        reason="Công văn",
    )
    assert both(client, "VCB 0011001234567")[2]["verdict"] == "official"
    assert both(client, "0011001234567")[2]["verdict"] == "unknown"


def test_a_mark_on_another_kind_with_the_same_text_does_not_count(client):
    confirm(Subject.DOMAIN, "abc.com")
    assert both(client, "facebook.com/abc.com")[2]["verdict"] == "unknown"


# -- the words fit the kind -------------------------------------------------------------


def test_a_sender_name_is_never_a_number_nor_to_be_called_back(client):
    make_report(kind="S", source="VCB-BANK")
    make_report(kind="S", source="VIETCOMBANK")
    with TestCase.captureOnCommitCallbacks(execute=True):
        NumberMark.objects.create(
            subject=Subject.SENDER,
            source="VIETCOMBANK",
            kind=NumberMark.Kind.OFFICIAL,
            owner="Ngân hàng TMCP Ngoại thương Việt Nam",
            reason="Tên định danh đã đăng ký",
        )
    for typed, marked in (("VCB-BANK", False), ("VCB-BANK", True), ("vietcombank", False)):
        if marked:
            confirm(Subject.SENDER, "VCB-BANK")
        html, section, api = both(client, typed)
        assert "Tên người gửi" in section
        assert "có thể bị giả" in section or "có thể giả" in section
        assert "gọi lại" not in html.lower()
        assert not re.search(r"\bsố\b", section, re.I | re.U), section
        assert "gọi lại" not in str(api).lower()
        assert not re.search(r"\bsố\b", api["message"] + " ".join(api["advice"]), re.I)


def test_a_real_banks_sender_name_is_official_yet_can_carry_a_fake_sms(client):
    with TestCase.captureOnCommitCallbacks(execute=True):
        NumberMark.objects.create(
            subject=Subject.SENDER,
            source="VIETCOMBANK",
            kind=NumberMark.Kind.OFFICIAL,
            owner="Ngân hàng TMCP Ngoại thương Việt Nam",
            reason="Tên định danh đã đăng ký",
        )
    _html, section, api = both(client, "Vietcombank")
    assert api["verdict"] == "official"
    assert "Tên người gửi chính thức đã được thanh tra xác minh" in section
    assert "Kẻ gian có thể giả tên người gửi này" in section
    assert "Đừng bấm đường link trong tin nhắn" in api["message"]


def test_a_bank_account_says_what_to_do_before_transferring(client, vcb):
    _html, section, api = both(client, "VCB 0011001234567")
    assert "Trước khi chuyển tiền: đừng chuyển cho người chỉ quen qua mạng" in section
    assert "Hỏi lại ngân hàng của bạn" in section
    assert "Điều đó không có nghĩa là tài khoản an toàn" in section
    assert any("Trước khi chuyển tiền" in line for line in api["advice"])
    confirm(Subject.BANK_ACCOUNT, "VCB:0011001234567")
    _html, section, api = both(client, "VCB 0011001234567")
    assert "Đừng chuyển tiền vào tài khoản này" in section
    assert "Đừng chuyển tiền vào tài khoản này" in api["message"]


def test_a_domain_says_not_to_enter_passwords_and_to_type_the_address(client):
    _html, section, _api = both(client, "vietcombank-vn.com")
    assert "Đừng nhập mật khẩu, mã OTP" in section
    assert "hãy tự gõ địa chỉ của ngân hàng" in section
    assert "gọi lại" not in section


def test_the_field_is_a_text_field_that_does_not_call_itself_a_number(client):
    html = client.get("/lookup/").content.decode()
    field = re.search(r'<input[^>]*id="lookup-q"[^>]*>', html).group(0)
    assert 'name="q"' in field and 'type="search"' in field
    assert "inputmode" not in field
    label = re.search(r'<label[^>]*for="lookup-q"[^>]*>(.*?)</label>', html, re.S).group(1)
    assert not re.search(r"\bsố\b", label, re.I), label


def test_an_english_reader_gets_the_words_in_english(client, settings, vcb):
    api = client.get("/api/v1/lookup", {"q": "vcb-bank"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert "sender name" in api["message"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the header's language switch
    page = client.get("/lookup/", {"q": "VCB 0011001234567"}).content.decode()
    assert "Before you transfer money" in page


def test_what_is_not_recognised_comes_back_with_the_message_under_q(client):
    page = client.get("/lookup/", {"q": "lừa đảo"})
    assert page.status_code == 400
    assert 'value="lừa đảo"' in page.content.decode()
    api = client.get("/api/v1/lookup", {"q": "lừa đảo"})
    assert api.status_code == 400 and list(api.json()["errors"]) == ["q"]


@pytest.mark.parametrize("typed", ["VCB 0011001234567", "vietcombank-vn.com", "t.me/abc"])
def test_the_other_kinds_are_looked_up_in_few_queries(vcb, django_assert_max_num_queries, typed):
    # The bank (by name), the report counts, the marks.
    with django_assert_max_num_queries(3):
        look_up(typed)
