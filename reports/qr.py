"""The bank account in a VietQR payment code that a screenshot shows (issue 18).

A scammer often sends the QR code to pay into; the citizen sends the
screenshot. The code names the bank (its NAPAS BIN) and the account or card
number, which inspectors then see beside the accounts the citizen typed, as
"đọc từ mã QR trong ảnh" (Origin.QR).

- Reading the QR codes: zxing-cpp (the maintained C++ port of ZXing, a wheel
  with no system library; pyzbar needs libzbar). Only QR codes are looked
  for, at most MAX_CODES per image. The image has already passed the pixel
  budget of reports.evidence.images, and is the stored copy (at most
  STORED_MAX_PIXELS).
- Reading the payload: `parse_vietqr`, a small strict EMVCo TLV parser of
  our own. The VietQR parsers on PyPI (vietnam-qr-pay, vietqr-emvco) each
  had a single release and no maintenance to speak of when this was
  written; the format is 60 lines of code and a checksum, tested in
  tests/reports/test_qr_accounts.py.

The format (EMVCo merchant-presented QR, NAPAS's VietQR profile): a string
of fields, each a 2-digit id, a 2-digit length and that many characters.
Field 00 is "01" and comes first; 63 is the CRC-16/CCITT-FALSE of
everything before its value, and comes last. Field 38 holds the NAPAS
account: its 00 is the GUID A000000727, its 01 the beneficiary, whose 00 is
the bank's BIN and 01 the account or card number.

Nothing here raises on what an image holds: garbage reads as no account.
"""

import logging
import math

from .banks import find_bank
from .models import Evidence, Origin, ReportBankAccount
from .models.used import account_key
from .used import normalize_account_number

logger = logging.getLogger(__name__)

MAX_CODES = 4
# Decoding a 1080 × 2400 screenshot takes about 30 ms (so filing does it in the
# request); a 16-megapixel photo, 190 ms. Larger images are reduced to about
# twice a screenshot first: a payment code photographed fills much of the frame.
QR_MAX_PIXELS = 2 * 1080 * 2400
MAX_PAYLOAD = 512  # EMVCo's own limit; anything longer is not a payment code
NAPAS_GUID = "A000000727"
NAPAS_TAG = "38"


class NotVietQR(ValueError):
    """The text is not a well-formed VietQR payment code."""


def parse_tlv(text):
    """{id: value} of an EMVCo TLV string; NotVietQR when it is not exactly that."""
    fields = {}
    position = 0
    while position < len(text):
        head = text[position : position + 4]
        if len(head) < 4 or not head.isdigit() or not head.isascii():
            raise NotVietQR("a field's id and length must be 4 digits")
        tag, length = head[:2], int(head[2:])
        value = text[position + 4 : position + 4 + length]
        if len(value) != length:
            raise NotVietQR("a field runs past the end")
        if tag in fields:
            raise NotVietQR("a field appears twice")
        fields[tag] = value
        position += 4 + length
    return fields


def crc16(text):
    """CRC-16/CCITT-FALSE (polynomial 0x1021, start 0xFFFF), as EMVCo's field 63 holds it."""
    crc = 0xFFFF
    for byte in text.encode("utf-8"):
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def parse_vietqr(text):
    """(BIN, account or card number) of a VietQR payment code; NotVietQR otherwise."""
    if not isinstance(text, str) or not 0 < len(text) <= MAX_PAYLOAD:
        raise NotVietQR("no payload, or too long")
    if not text.startswith("000201"):
        raise NotVietQR("field 00 must come first and be 01")
    if len(text) < 8 or text[-8:-4] != "6304":
        raise NotVietQR("field 63 (the checksum) must come last")
    if crc16(text[:-4]) != text[-4:].upper():
        raise NotVietQR("wrong checksum")
    fields = parse_tlv(text)
    account = parse_tlv(fields.get(NAPAS_TAG, ""))
    if account.get("00", "").upper() != NAPAS_GUID:
        raise NotVietQR("no NAPAS account (field 38 with GUID A000000727)")
    beneficiary = parse_tlv(account.get("01", ""))
    bin_ = beneficiary.get("00", "")
    if not (len(bin_) == 6 and bin_.isdigit() and bin_.isascii()):
        raise NotVietQR("the bank's BIN must be 6 digits")
    try:
        number = normalize_account_number(beneficiary.get("01", ""))
    except ValueError:
        raise NotVietQR("no account or card number") from None
    return bin_, number


def qr_texts(pil_image):
    """The text of the first MAX_CODES QR codes the image shows; [] whatever goes wrong."""
    import zxingcpp

    try:
        pixels = pil_image.width * pil_image.height
        if pixels > QR_MAX_PIXELS:
            pil_image = pil_image.reduce(math.ceil(math.sqrt(pixels / QR_MAX_PIXELS)))
        found = zxingcpp.read_barcodes(pil_image, formats=zxingcpp.BarcodeFormat.QRCode)
    except Exception:  # a mode or size the decoder refuses: no codes, never a 500
        logger.warning("QR decoding failed", exc_info=True)
        return []
    return [barcode.text for barcode in found[:MAX_CODES] if barcode.valid]


def accounts_in_image(pil_image):
    """[(BIN, account number)] of the VietQR payment codes in a screenshot, each once."""
    accounts = []
    for text in qr_texts(pil_image):
        try:
            account = parse_vietqr(text)
        except NotVietQR:
            continue
        if account not in accounts:
            accounts.append(account)
    return accounts


def _open(evidence):
    from PIL import Image

    try:
        with evidence.file.open("rb") as stored:
            image = Image.open(stored)
            image.load()
        return image
    except Exception:  # a file gone from storage, or unreadable: nothing to read
        logger.warning("evidence %s could not be opened for QR codes", evidence.pk, exc_info=True)
        return None


def qr_accounts_for(evidence_rows):
    """Unsaved ReportBankAccounts (origin QR) for the VietQR codes in these image evidence rows.

    The bank is the list's bank of that BIN (None when the list has no such
    BIN: the number is kept, keyed "?:…"). One account appears once however
    many screenshots show it.
    """
    accounts = []
    seen = set()
    for row in evidence_rows:
        if row.type != Evidence.Type.IMAGE:
            continue
        image = _open(row)
        if image is None:
            continue
        with image:
            found = accounts_in_image(image)
        for bin_, number in found:
            bank = find_bank(bin_)
            key = account_key(bank.abbr if bank else "", number)
            if key in seen:
                continue
            seen.add(key)
            accounts.append(
                ReportBankAccount(
                    report_id=row.report_id,
                    bank=bank,
                    bank_as_typed="" if bank else bin_,
                    number=number,
                    key=key,
                    origin=Origin.QR,
                    evidence=row,
                )
            )
    return accounts


def add_qr_accounts(report, accepted=None):
    """Save the accounts read from the report's screenshots, skipping those already given.

    The one call filing makes, after the evidence rows and the accounts the
    citizen typed are stored. `accepted`, the evidence.Accepted files just
    stored, spares a filing without a screenshot any query. Returns the
    accounts added.
    """
    if accepted is not None and not any(
        kept.file_type.type == Evidence.Type.IMAGE for kept in accepted
    ):
        return []
    found = qr_accounts_for(report.evidence.filter(type=Evidence.Type.IMAGE))
    if not found:
        return []
    given = set(report.bank_accounts.values_list("key", flat=True))
    added = []
    for account in found:
        if account.key in given:
            continue
        account.report = report
        account.save()
        given.add(account.key)
        added.append(account)
    return added


__all__ = [
    "MAX_CODES",
    "NotVietQR",
    "accounts_in_image",
    "add_qr_accounts",
    "crc16",
    "parse_tlv",
    "parse_vietqr",
    "qr_accounts_for",
    "qr_texts",
]
