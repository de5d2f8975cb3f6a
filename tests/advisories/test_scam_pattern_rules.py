"""Keyword rules say which scam patterns a letter describes, with or without diacritics."""

import pytest

from advisories.pattern_rules import detect_patterns


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("đối tượng mạo danh lãnh đạo Sở", ["mao-danh-co-quan"]),
        ("thông báo việc thu hồi số thuê bao di động", ["khoa-sim"]),
        ("DOA KHOA SIM vi chua chuan hoa", ["khoa-sim"]),
        ("liên quan đến vụ án do cơ quan Công an đang điều tra", ["lien-quan-vu-an"]),
        ("gọi điện thoại mời làm việc", ["moi-lam-viec"]),
        ("hướng dẫn nộp tiền, chuyển tiền", ["chuyen-tien"]),
        ("Không kết bạn Zalo", ["ket-ban-zalo"]),
        ("Không Click vào các đường Link lạ", ["duong-link-la"]),
        ("lãng mạ, xúc phạm người nghe; đe doạ", ["de-doa-quay-roi"]),
    ],
)
def test_each_pattern_has_its_phrases(text, expected):
    assert detect_patterns(text) == expected


def test_words_that_merely_look_alike_do_not_count():
    # The response to a scam ("help the police investigate"), a service, a linked list.
    text = (
        "Phối hợp với cơ quan công an để điều tra, xác minh. Phục vụ an ninh trật tự. "
        "Đường dây nóng; liên kết (linked) dữ liệu."
    )
    assert detect_patterns(text) == []
