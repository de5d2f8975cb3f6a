"""Anh Minh looks up a number; only letters that mention that number come back.

Before, the look-up matched digits and letters anywhere in a letter: `2024`
was "mentioned" by every letter dated 2024 and `x` by every letter that says
`xã`. A number now matches a whole number the letter gives (normalised, so
`0888.596.677` is `0888 596 677`), a sender name a whole word.
"""

import pytest

from advisories.models import Advisory
from reports.lookup import look_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def write(make_advisory):
    """`write(content)` → a published letter saying that."""

    def letter(content, issuer="stttt-ninh-thuan"):
        advisory = make_advisory(issuer)
        advisory.content = content
        advisory.save()
        return advisory

    return letter


def letters_for(client, typed):
    """The letters the page and the API both give for what Anh Minh typed (slugs)."""
    page = client.get("/lookup/", {"number": typed})
    api = client.get("/api/v1/lookup", {"number": typed})
    assert page.status_code == api.status_code == 200
    slugs = {advisory.slug for advisory in Advisory.objects.all()}
    on_page = {slug for slug in slugs if f"/{slug}/" in page.content.decode()}
    in_api = {slug for slug in slugs if any(slug in a["url"] for a in api.json()["advisories"])}
    assert on_page == in_api
    return on_page


def test_a_year_in_a_letters_dates_is_not_a_number_it_mentions(client, write):
    write("Thực hiện Công văn ngày 19/7/2024 của Sở, trong năm 2024 cần cảnh giác.")
    write("Đắk Lắk, ngày 19 tháng 7 năm 2024. Giai đoạn 2023-2024.")
    assert letters_for(client, "2024") == set()


def test_a_cited_document_number_is_not_a_number_it_mentions(client, write):
    write("Thực hiện Công văn số 1386/STTTT-BCVT ngày 19/7/2024 của Sở Thông tin.")
    assert letters_for(client, "1386") == set()


def test_a_phone_number_is_found_however_the_letter_writes_it(client, write):
    dotted = write("Liên hệ Thanh tra Sở: 0888.596.677 (gặp đồng chí Tánh).", "stttt-binh-phuoc")
    plain = write("qua phòng Thanh Tra Sở số điện thoại: **0888596677**.", "stttt-binh-phuoc")
    write("Số của kẻ gian: 0888596678.")
    assert letters_for(client, "0888 596 677") == {dotted.slug, plain.slug}
    assert letters_for(client, "+84 888 596 677") == {dotted.slug, plain.slug}


def test_a_letter_from_before_2018_is_found_by_the_old_number_and_todays(client, write):
    old = write("Cảnh giác thuê bao 0168 8888 888 mạo danh nhân viên ngân hàng.")
    assert letters_for(client, "0388888888") == {old.slug}
    assert letters_for(client, "0168 8888 888") == {old.slug}


def test_short_codes_are_found_but_not_inside_a_longer_number(client, write):
    both = write("Khi có dấu hiệu lừa đảo, nhắn tin tới 156 hoặc 5656 (miễn phí).")
    longer = write("Gọi tổng đài 1560 hoặc 15656 để được hỗ trợ.")
    assert letters_for(client, "156") == {both.slug}
    assert letters_for(client, "5656") == {both.slug}
    assert letters_for(client, "1560") == {longer.slug}


@pytest.mark.parametrize(
    "typed",
    ["0888.596.677", "+84 888 596 677", "(028) 3822 5678", "1900 1234", "+855 12 345 678"],
)
def test_the_letter_and_the_query_are_normalised_alike(write, typed):
    letter = write(f"Số cần lưu ý: {typed}.")
    assert look_up(typed).advisories == [letter]


def test_a_sender_name_is_found_as_a_whole_word_whatever_its_case(client, write):
    named = write("Cảnh giác tin nhắn mạo danh Vcb-Bank: “tài khoản bị khóa”.")
    write("Tin nhắn từ VCB-BANKING, MYVCB-BANK và vcb-bank.com là giả.")
    assert letters_for(client, "VCB-BANK") == {named.slug}
    assert letters_for(client, "vcb-bank") == {named.slug}


def test_a_single_letter_is_not_found_inside_words(client, write):
    write("UBND các xã, phường; không xuất trình giấy tờ; tin nhắn ‘thx’ là giả.")
    assert letters_for(client, "x") == set()
    assert letters_for(client, "xa") != set()  # "xã", diacritics aside, is the whole word


@pytest.mark.parametrize("typed", ["lừa đảo", "12", "hello world", "!!!"])
def test_what_is_neither_a_number_nor_a_sender_name_gets_the_vietnamese_message(client, typed):
    page = client.get("/lookup/", {"number": typed})
    assert page.status_code == 400
    assert "Hãy nhập số điện thoại" in page.content.decode()
    api = client.get("/api/v1/lookup", {"number": typed})
    assert api.status_code == 400
    errors = api.json()["errors"]
    assert list(errors) == ["number"]
    assert "Hãy nhập số điện thoại" in errors["number"][0]


@pytest.mark.parametrize("typed", ["0888 596 677", "156", "VCB-BANK"])
def test_the_look_up_is_four_queries_for_numbers_and_names(
    write, django_assert_max_num_queries, typed
):
    for _ in range(3):
        write("Gọi 0888596677, nhắn 156; tin nhắn VCB-BANK là giả.")
    # Hotlines, letters, report counts, inspectors' conclusions.
    with django_assert_max_num_queries(4):
        result = look_up(typed)
    assert len(result.advisories) == 3
