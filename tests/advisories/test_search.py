"""Search ignores case and diacritics, on SQLite and PostgreSQL alike (CI runs both)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def letters(make_advisory):
    plain = "Thông tin tuyên truyền."
    return {
        "mạo danh": make_advisory(
            "stttt-ninh-binh", summary="cảnh báo các cuộc gọi Lừa Đảo mạo danh", content=plain
        ),
        "zalo": make_advisory(
            "stttt-binh-phuoc",
            summary="cảnh giác lừa đảo",
            content="Không kết bạn Zalo với các đối tượng.",
        ),
        "numbered": make_advisory(
            "stttt-dak-lak",
            number="1386",
            symbol="STTTT-BCVT",
            summary="tiếp tục phối hợp",
            content=plain,
        ),
        "draft": make_advisory(
            "stttt-dak-lak", summary="bản nháp lừa đảo mạo danh", content=plain, published=False
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lua dao mao danh", {"mạo danh"}),
        ("LỪA ĐẢO MẠO DANH", {"mạo danh"}),
        ("lừa đảo", {"mạo danh", "zalo"}),
        ("ket ban zalo", {"zalo"}),
        ("KẾT BẠN", {"zalo"}),
        ("1386/stttt-bcvt", {"numbered"}),
        ("phoi hop", {"numbered"}),
        ("khong co gi nhu the", set()),
    ],
)
def test_a_citizen_finds_letters_without_typing_diacritics(client, letters, query, expected):
    response = client.get("/advisories/", {"q": query})
    found = set(response.context["page"].object_list)
    assert found == {letters[name] for name in expected}


def test_the_search_box_keeps_what_was_typed(client, letters):
    html = client.get("/advisories/", {"q": "lua dao"}).content.decode()
    assert 'value="lua dao"' in html
