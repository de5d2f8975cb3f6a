"""The five seed letters, imported by the command, are stored exactly as they read.

One row per letter of the table in PRODUCT.md, plus recipients, content,
distribution list, citations and scam patterns, checked on the stored rows.
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from advisories.importer import find_existing, resolve_issuer
from advisories.letter_parser import read_letter
from advisories.models import Advisory, DatePrecision

from .letter_samples import SEEDS, seed

pytestmark = pytest.mark.django_db

SO_TTTT = "Sở Thông tin và Truyền thông"
DIRECTIVE_12 = ("Chỉ thị", "12/CT-TTg", datetime.date(2019, 4, 25), "Thủ tướng Chính phủ")
DECISION_386 = ("Quyết định", "386/QĐ-UBND", datetime.date(2019, 2, 25), "UBND tỉnh Đắk Lắk")

EXPECTED = {
    "000": {
        "issuer": "pvhtt-ea-sup",
        "province": "dak-lak",
        "symbol": "PVHTT",
        "place": "Ea Súp",
        "month": 7,
        "summary": "tiếp tục phối hợp tuyên truyền, cảnh báo các cuộc gọi có dấu hiệu cuộc gọi "
        "rác, mạo danh lãnh đạo với mục đích lừa đảo",
        "recipients": 4,
        "signer": ("", "TRƯỞNG PHÒNG", "Phương Khánh Giang"),
        "distribution": ["Như trên;", "UBND huyện (báo cáo);", "Lưu VH TT."],
        "citations": [
            ("Công văn", "1386/STTTT-BCVT", datetime.date(2024, 7, 19), SO_TTTT),
            DIRECTIVE_12,
            DECISION_386,
        ],
        "patterns": {"mao-danh-co-quan", "moi-lam-viec"},
        "paragraphs": 12,
        "first": "Thực hiện Công văn số 1386/STTTT-BCVT ngày 19/7/2024",
        "last": "Với nội dung trên, Phòng Văn hóa và Thông tin đề nghị",
    },
    "001": {
        "issuer": "stttt-ninh-thuan",
        "province": "ninh-thuan",
        "symbol": "STTTT-TTra",
        "place": "Ninh Thuận",
        "month": 9,
        "summary": "cảnh báo việc lợi dụng danh nghĩa công chức Sở Thông tin và Truyền thông "
        "để gọi điện đe dọa, quấy rối.",
        "recipients": 2,
        "signer": ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Lượm"),
        "distribution": ["Như trên;", "LĐ Sở;", "Các phòng, đơn vị thuộc Sở.", "Lưu: VT."],
        "citations": [],
        "patterns": {"mao-danh-co-quan", "de-doa-quay-roi"},
        "paragraphs": 10,
        "first": "Thời gian gần đây, trên địa bàn tỉnh đã xuất hiện tình trạng",
        "last": "Trân trọng./.",
    },
    "002": {
        "issuer": "stttt-ninh-binh",
        "province": "ninh-binh",
        "symbol": "STTTT-CNBCVT",
        "place": "Ninh Bình",
        "month": 2,
        "summary": "cảnh báo các cuộc gọi mạo danh với mục đích lừa đảo",
        "recipients": 4,
        "signer": ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Đặng Tùng Anh"),
        "distribution": [
            "Như trên;",
            "UBND tỉnh (để b/c);",
            "Giám đốc Sở (để b/c);",
            "Các đ/c PGĐ Sở;",
            "Đài PTTH tỉnh;",
            "Báo Ninh Bình;",
            "Phòng VH TT các huyện, thành phố;",
            "UBND các xã, phường, thị trấn;",
            "Lưu: VT, P.CNBCVT.",
        ],
        "citations": [],
        "patterns": {
            "mao-danh-co-quan",
            "khoa-sim",
            "lien-quan-vu-an",
            "chuyen-tien",
            "de-doa-quay-roi",
        },
        "paragraphs": 8,
        "first": "Theo phản ánh, thời gian gần đây trên địa bàn tỉnh Ninh Bình",
        "last": "- Yêu cầu các doanh nghiệp viễn thông tăng cường",
    },
    "003": {
        "issuer": "stttt-binh-phuoc",
        "province": "binh-phuoc",
        "symbol": "STTTT-TTra",
        "place": "Bình Phước",
        "month": 9,
        "summary": "cảnh giác lừa đảo bằng hình thức gọi điện thoại mời làm việc đối với các "
        "hành vi vi phạm liên quan đến thuê bao điện thoại",
        "recipients": 4,
        "signer": ("", "GIÁM ĐỐC", ""),
        "distribution": ["Như trên;", "BGĐ Sở;", "Lưu: VT."],
        "citations": [],
        "patterns": {"mao-danh-co-quan", "moi-lam-viec", "ket-ban-zalo", "duong-link-la"},
        "paragraphs": 10,
        "first": "Hiện nay một số đối tượng mạo danh Lãnh đạo Sở Thông tin và Truyền thông;",
        "last": "Trân trọng./.",
    },
    "004": {
        "issuer": "stttt-dak-lak",
        "province": "dak-lak",
        "symbol": "STTTT-TTra",
        "place": "Đắk Lắk",
        "month": 1,
        "summary": "phối hợp tuyên truyền, cảnh báo các cuộc gọi mạo danh lãnh đạo với mục "
        "đích lừa đảo",
        "recipients": 4,
        "signer": ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Ra Lan Trương Thanh Hà"),
        "distribution": [
            "Như trên;",
            "UBND tỉnh;",
            "Công an tỉnh;",
            "GĐ và các PGĐ Sở (để b/c);",
            "Lưu: VT, TTra.",
        ],
        "citations": [DIRECTIVE_12, DECISION_386],
        "patterns": {
            "mao-danh-co-quan",
            "khoa-sim",
            "lien-quan-vu-an",
            "chuyen-tien",
            "moi-lam-viec",
        },
        "paragraphs": 13,
        "first": "Thời gian gần đây, trên địa bàn tỉnh có một số đối tượng mạo danh lãnh đạo Sở",
        "last": "Trân trọng./.",
    },
}


@pytest.fixture
def imported(db):
    call_command("import_advisories", *map(str, SEEDS), stdout=StringIO())
    return {a.slug: a for a in Advisory.objects.select_related("issuer__province")}


def _stored(prefix):
    """The advisory imported from the seed file starting with `prefix`."""
    letter = read_letter(seed(prefix))
    return find_existing(letter, resolve_issuer(letter))


def test_the_five_seeds_make_five_advisories(imported):
    assert len(imported) == 5
    assert {a.issuer.slug for a in imported.values()} == {e["issuer"] for e in EXPECTED.values()}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_issuer_number_place_and_date_are_as_printed(imported, prefix):
    expected, advisory = EXPECTED[prefix], _stored(prefix)
    assert advisory.issuer.slug == expected["issuer"]
    assert advisory.province.slug == expected["province"]
    assert advisory.number == ""
    assert advisory.symbol == expected["symbol"]
    assert advisory.place == expected["place"]
    assert (advisory.issued_year, advisory.issued_month, advisory.issued_day) == (
        2024,
        expected["month"],
        None,
    )
    assert advisory.date_precision == DatePrecision.MONTH
    assert advisory.status == Advisory.Status.DRAFT  # without --publish


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_summary_recipients_signer_and_distribution_are_as_printed(imported, prefix):
    expected, advisory = EXPECTED[prefix], _stored(prefix)
    assert advisory.summary == expected["summary"]
    assert len(advisory.recipient_list) == expected["recipients"]
    signer = (advisory.signer_authority, advisory.signer_title, advisory.signer_name)
    assert signer == expected["signer"]
    assert advisory.distribution_list == expected["distribution"]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_content_is_the_body_as_structured_text(imported, prefix):
    expected, advisory = EXPECTED[prefix], _stored(prefix)
    paragraphs = advisory.content.split("\n\n")
    assert len(paragraphs) == expected["paragraphs"]
    assert paragraphs[0].startswith(expected["first"])
    assert paragraphs[-1].startswith(expected["last"])
    assert "\n\n\n" not in advisory.content
    for paragraph in paragraphs:
        for line in paragraph.split("\n"):
            assert line
            assert line == line.strip()
            assert "  " not in line
    for outside in ("Kính gửi", "Nơi nhận", advisory.signer_title):
        assert outside not in advisory.content


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_citations_and_scam_patterns(imported, prefix):
    expected, advisory = EXPECTED[prefix], _stored(prefix)
    citations = advisory.citations.order_by("position")
    assert [
        (c.kind, c.number_symbol, c.issued_on, c.issuer_as_written) for c in citations
    ] == expected["citations"]
    assert set(advisory.patterns.values_list("slug", flat=True)) == expected["patterns"]


def test_004_wrapped_recipient_is_joined_and_its_date_prints_as_in_the_letter(imported):
    advisory = _stored("004")
    assert advisory.recipient_list[2] == (
        "Các cơ quan báo chí địa phương và trung ương đóng trên địa bàn tỉnh;"
    )
    assert advisory.date_display == "ngày … tháng 01 năm 2024"


def test_markdown_emphasis_is_kept_in_the_content(imported):
    assert "**0888596677**" in _stored("003").content
    assert "(*tin nhắn hoặc ghi âm cuộc gọi*)" in _stored("001").content
    assert "\n- Không kết bạn zalo với các đối tượng;\n" in _stored("003").content


def test_slugs_are_readable(imported):
    assert "2024-09-stttt-ninh-thuan-canh-bao-viec-loi-dung-danh-nghia" in imported
    assert "2024-01-stttt-dak-lak-phoi-hop-tuyen-truyen-canh-bao-cac" in imported
