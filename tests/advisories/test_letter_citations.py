"""A letter's citations of other documents are found in its text, each once."""

import datetime

from advisories.citations import Citation, find_citations


def test_the_three_citations_of_the_ea_sup_letter_are_found_in_order():
    text = (
        "Thực hiện Công văn số 1386/STTTT-BCVT ngày 19/7/2024 của Sở Thông tin và Truyền thông "
        "về việc tiếp tục phối hợp; Đồng thời tiếp tục triển khai Chỉ thị số 12/CT-TTg ngày "
        "25/4/2019 của Thủ tướng Chính phủ về tăng cường phòng ngừa. Quyết định số "
        "386/QĐ-UBND ngày 25/02/2019 của UBND tỉnh Đắk Lắk về việc ban hành “Quy trình”."
    )
    assert find_citations(text) == [
        Citation(
            "Công văn",
            "1386/STTTT-BCVT",
            datetime.date(2024, 7, 19),
            "Sở Thông tin và Truyền thông",
        ),
        Citation("Chỉ thị", "12/CT-TTg", datetime.date(2019, 4, 25), "Thủ tướng Chính phủ"),
        Citation("Quyết định", "386/QĐ-UBND", datetime.date(2019, 2, 25), "UBND tỉnh Đắk Lắk"),
    ]


def test_a_citation_without_date_or_issuer_and_a_repeated_one_are_kept_once():
    text = (
        "Căn cứ Nghị định 30/2020/NĐ-CP; theo công văn số 15/STTTT-TTra, "
        "Nghị định 30/2020/NĐ-CP quy định thể thức văn bản."
    )
    citations = find_citations(text)
    assert [(c.kind, c.number_symbol, c.issued_on, c.issuer_as_written) for c in citations] == [
        ("Nghị định", "30/2020/NĐ-CP", None, ""),
        ("Công văn", "15/STTTT-TTra", None, ""),
    ]
    assert (citations[1].number, citations[1].symbol) == ("15", "STTTT-TTra")


def test_a_misprinted_date_is_left_blank_rather_than_guessed():
    [citation] = find_citations("Công văn số 7/STTTT-BCVT ngày 31/02/2024 của Sở.")
    assert citation.issued_on is None
    assert citation.issuer_as_written == "Sở"
