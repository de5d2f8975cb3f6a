"""A citizen checks whether a letter they received was really published."""

import pytest

pytestmark = pytest.mark.django_db

VERIFY = "/advisories/verify/"
NOT_FOUND = "Cổng không có công văn nào như vậy."


def test_a_published_letter_is_found_by_number_and_symbol_whatever_the_spacing(
    client, make_advisory
):
    letter = make_advisory("stttt-dak-lak", number="1386", symbol="STTTT-BCVT")
    for typed in (
        "1386/STTTT-BCVT",
        "1386 / stttt - bcvt",
        " 1386/stttt-BCVT ",
        "Số: 1386/STTTT-BCVT",
    ):
        response = client.get(VERIFY, {"number_symbol": typed})
        assert response.status_code == 200
        assert response.context["matches"] == [letter], typed
        html = response.content.decode()
        assert f'href="{letter.get_absolute_url()}"' in html
        assert NOT_FOUND not in html


def test_a_letter_with_a_blank_number_is_found_by_symbol_issuer_and_month(client, make_advisory):
    ninh_binh = make_advisory("stttt-ninh-binh", symbol="STTTT-TTra", issued_month=2)
    make_advisory("stttt-binh-phuoc", symbol="STTTT-TTra", issued_month=9)

    response = client.get(
        VERIFY,
        {"number_symbol": "/STTTT-TTra", "issuer": "stttt-ninh-binh", "month": "2", "year": "2024"},
    )
    assert response.context["matches"] == [ninh_binh]

    by_issuer_and_month = client.get(
        VERIFY, {"issuer": "stttt-ninh-binh", "month": "02", "year": "2024"}
    )
    assert by_issuer_and_month.context["matches"] == [ninh_binh]


def test_an_unpublished_letter_is_never_found(client, make_advisory):
    make_advisory("stttt-dak-lak", number="77", symbol="STTTT-TTra", published=False)

    response = client.get(VERIFY, {"number_symbol": "77/STTTT-TTra"})

    assert response.context["matches"] == []
    html = response.content.decode()
    assert NOT_FOUND in html
    assert "Không làm theo hướng dẫn" in html
    assert "số điện thoại chính thức" in html
    assert 'href="sms:156"' in html and 'href="sms:5656"' in html


def test_an_unknown_number_gets_what_to_do(client, make_advisory):
    make_advisory("stttt-dak-lak", number="1386", symbol="STTTT-BCVT")
    response = client.get(VERIFY, {"number_symbol": "1387/STTTT-BCVT"})
    assert NOT_FOUND in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"number_symbol": "<script>"}, "Số, ký hiệu không hợp lệ"),
        ({"month": "2"}, "Hãy nhập số, ký hiệu văn bản hoặc chọn cơ quan ban hành."),
        (
            {"issuer": "stttt-dak-lak", "month": "13", "year": "2024"},
            "Tháng là một số từ 1 đến 12.",
        ),
        ({"issuer": "stttt-dak-lak", "month": "2"}, "Đã nhập tháng thì cần nhập cả năm."),
        ({"issuer": "khong-co", "year": "2024"}, "Hãy chọn cơ quan ban hành trong danh sách."),
        ({"number_symbol": "1/A", "year": "hai nghìn"}, "Năm là một số có bốn chữ số"),
    ],
)
def test_bad_input_gets_a_vietnamese_form_error_never_a_500(client, query, message):
    response = client.get(VERIFY, query)
    assert response.status_code == 200
    assert response.context["matches"] is None
    assert message in response.content.decode()


def test_the_empty_form_asks_without_judging(client):
    response = client.get(VERIFY)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="number_symbol"' in html and 'name="issuer"' in html
    assert NOT_FOUND not in html


def test_a_number_added_after_publication_points_to_the_unnumbered_letter_to_compare(
    client, make_advisory
):
    unnumbered = make_advisory("stttt-ninh-binh", symbol="STTTT-TTra", issued_month=2)
    make_advisory("stttt-binh-phuoc", symbol="STTTT-TTra", issued_month=9)

    response = client.get(VERIFY, {"number_symbol": "45/STTTT-TTra", "issuer": "stttt-ninh-binh"})

    assert response.context["matches"] == []
    assert response.context["unnumbered"] == [unnumbered]
    html = response.content.decode()
    assert NOT_FOUND in html  # never presented as found
    assert "Hãy so kỹ nội dung" in html
    assert f'href="{unnumbered.get_absolute_url()}"' in html
