"""The account a scammer's VietQR code asks to pay into is read from the citizen's screenshot."""

import io

import pytest
import segno
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from reports import qr
from reports.banks import find_bank
from reports.models import Evidence, Origin, Report, ReportBankAccount
from reports.qr import NotVietQR, accounts_in_image, crc16, parse_tlv, parse_vietqr

from .conftest import make_report
from .media import upload

pytestmark = pytest.mark.django_db


def field(tag, value):
    return f"{tag}{len(value):02d}{value}"


def vietqr(bin_="970436", number="0011001234567", amount="500000", guid="A000000727"):
    """A VietQR payment payload as a bank app writes it: NAPAS account in 38, CRC in 63."""
    beneficiary = field("00", bin_) + field("01", number)
    account = field("00", guid) + field("01", beneficiary) + field("02", "QRIBFTTA")
    payload = (
        field("00", "01")
        + field("01", "12")
        + field("38", account)
        + field("53", "704")
        + field("54", amount)
        + field("58", "VN")
        + field("62", field("08", "CHUYEN TIEN NHAN QUA"))
        + "6304"
    )
    return payload + crc16(payload)


def screenshot(*payloads, size=(1080, 2400)):
    """A phone screenshot: a chat's lines of text, and each payload drawn as a QR code in it."""
    shot = Image.new("RGB", size, (242, 243, 245))
    draw = ImageDraw.Draw(shot)
    for y in range(40, size[1], 70):
        draw.text((48, y), "Chuyển khoản ngay để nhận quà tri ân khách hàng", fill=(20, 20, 20))
    for n, payload in enumerate(payloads):
        code = io.BytesIO()
        segno.make(payload, error="m").save(code, kind="png", scale=7, border=4)
        shot.paste(Image.open(code).convert("RGB"), (180, 300 + n * 900))
    return shot


def png(image):
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_the_checksum_is_emvcos():
    # The check value of CRC-16/CCITT-FALSE.
    assert crc16("123456789") == "29B1"


def test_a_payload_gives_its_bank_and_account():
    assert parse_vietqr(vietqr()) == ("970436", "0011001234567")
    assert parse_vietqr(vietqr(bin_="971025", number="0912345678")) == ("971025", "0912345678")


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "https://vietcombank-vn.com/dang-nhap",
        vietqr()[:-4] + "0000",  # wrong checksum
        vietqr()[:-10] + vietqr()[-4:],  # cut short
        vietqr(guid="A000000775"),  # another scheme's account (field 38 of VNPAY)
        vietqr(bin_="97043"),  # a BIN of 5 digits
        vietqr(number="12345"),  # too short for an account
        vietqr(number="00110012ABC"),
        "0002010102123" + "9" * 600,
    ],
)
def test_anything_else_is_not_a_vietqr_payment_code(payload):
    with pytest.raises(NotVietQR):
        parse_vietqr(payload)


def test_a_field_that_runs_past_the_end_is_refused():
    with pytest.raises(NotVietQR):
        parse_tlv("0002010199abc")


def test_a_screenshot_with_a_vietqr_code_gives_the_bank_and_account():
    assert accounts_in_image(screenshot(vietqr())) == [("970436", "0011001234567")]


def test_two_codes_in_one_screenshot_give_two_accounts():
    shot = screenshot(vietqr(), vietqr(bin_="970415", number="105001234567"))
    assert sorted(accounts_in_image(shot)) == [
        ("970415", "105001234567"),
        ("970436", "0011001234567"),
    ]


def test_a_screenshot_without_a_qr_code_gives_nothing():
    assert accounts_in_image(screenshot()) == []


def test_a_qr_code_that_is_not_a_payment_gives_nothing():
    assert accounts_in_image(screenshot("https://zalo.me/0912345678")) == []


@pytest.mark.parametrize(
    "image",
    [
        Image.new("1", (5, 5)),
        Image.new("RGBA", (1, 1)),
        Image.new("I;16", (300, 300)),
        Image.new("L", (4000, 4000), 255),
    ],
)
def test_odd_images_never_raise(image):
    assert accounts_in_image(image) == []


def test_a_large_photo_is_reduced_before_decoding():
    photo = Image.new("RGB", (4000, 4000), (255, 255, 255))
    photo.paste(screenshot(vietqr(), size=(1600, 1600)), (1200, 1200))
    assert accounts_in_image(photo) == [("970436", "0011001234567")]


def test_filing_a_screenshot_adds_the_account_read_from_its_qr_code(client, report_data):
    answer = client.post(
        "/report/", {**report_data, "evidence": [upload("zalo.png", png(screenshot(vietqr())))]}
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]

    report = Report.objects.get()
    account = report.bank_accounts.get()
    assert (account.bank.abbr, account.number, account.key) == (
        "VCB",
        "0011001234567",
        "VCB:0011001234567",
    )
    assert account.origin == Origin.QR
    assert account.evidence == report.evidence.get()
    assert account.get_origin_display() == "đọc từ mã QR trong ảnh"


def test_an_account_the_citizen_typed_is_not_added_again():
    row = _row(screenshot(vietqr(), vietqr(bin_="970418", number="21510001234567")))
    report = row.report
    ReportBankAccount.objects.create(
        report=report, bank=find_bank("vietcombank"), number="0011001234567"
    )

    added = qr.add_qr_accounts(report)

    assert [a.key for a in added] == ["BIDV:21510001234567"]
    assert sorted(report.bank_accounts.values_list("key", "origin")) == [
        ("BIDV:21510001234567", Origin.QR),
        ("VCB:0011001234567", Origin.CITIZEN),
    ]
    assert qr.add_qr_accounts(report) == []  # twice: nothing more


def test_a_bin_the_list_does_not_know_keeps_the_number():
    [account] = qr.qr_accounts_for([_row(screenshot(vietqr(bin_="123456")))])
    assert (account.bank, account.bank_as_typed, account.key) == (None, "123456", "?:0011001234567")


def test_a_stored_file_that_is_gone_reads_as_nothing():
    row = _row(screenshot(vietqr()))
    row.file.storage.delete(row.file.name)
    assert qr.qr_accounts_for([row]) == []


def _row(image):
    data = png(image)
    row = Evidence(
        report=make_report(),
        type=Evidence.Type.IMAGE,
        content_type="image/png",
        extension="png",
        size=len(data),
    )
    row.file.save("evidence", ContentFile(data), save=False)
    row.save()
    return row


def test_a_filing_without_a_screenshot_asks_nothing_more(django_assert_num_queries):
    report = make_report()
    with django_assert_num_queries(0):
        assert qr.add_qr_accounts(report, []) == []
