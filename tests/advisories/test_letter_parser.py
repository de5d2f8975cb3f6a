"""A letter's plain text, as pasted from Word or PDF, becomes its parts (no database)."""

import pytest

from advisories.letter_parser import LetterError, parse_letter, read_letter

from .letter_samples import sample_letter, seed


def test_a_blank_day_stays_blank_and_the_date_is_known_to_the_month():
    letter = parse_letter(sample_letter(date="Hà Nội, ngày       tháng  01 năm 2024 "))
    assert (letter.place, letter.year, letter.month, letter.day) == ("Hà Nội", 2024, 1, None)
    assert letter.precision == "month"


def test_a_full_date_is_known_to_the_day_and_a_blank_month_to_the_year():
    letter = parse_letter(sample_letter(date="*TP. Hồ Chí Minh, ngày 05 tháng 3 năm 2024*"))
    assert (letter.place, letter.month, letter.day, letter.precision) == (
        "TP. Hồ Chí Minh",
        3,
        5,
        "day",
    )
    letter = parse_letter(sample_letter(date="Huế, ngày … tháng … năm 2025"))
    assert (letter.month, letter.day, letter.precision) == (None, None, "year")


def test_a_date_that_does_not_exist_is_refused_at_its_line():
    text = sample_letter(date="Ninh Bình, ngày 30 tháng 02 năm 2024")
    with pytest.raises(LetterError) as error:
        parse_letter(text, "thu.txt")
    assert error.value.line == 3
    assert "không có ngày 30" in str(error.value)


def test_the_symbol_loses_stray_spaces_and_a_blank_number_stays_blank():
    letter = parse_letter(sample_letter(number="Số:         /STTTT- CNBCVT "))
    assert (letter.number, letter.symbol, letter.symbol_base) == ("", "STTTT-CNBCVT", "STTTT")
    letter = parse_letter(sample_letter(number="Số 1386/STTTT-BCVT"))
    assert (letter.number, letter.symbol) == ("1386", "STTTT-BCVT")


def test_a_summary_wrapped_over_lines_is_joined_with_single_spaces():
    # 002 wraps without a blank line, 004 with one; both keep their final period.
    letter = parse_letter(sample_letter(summary="V/v cảnh báo các cuộc gọi mạo danh\nvới mục đích"))
    assert letter.summary == "cảnh báo các cuộc gọi mạo danh với mục đích"
    letter = parse_letter(sample_letter(summary="V/v phối hợp tuyên truyền,  \n\ncảnh báo. "))
    assert letter.summary == "phối hợp tuyên truyền, cảnh báo."


def test_004_a_recipient_wrapped_over_two_lines_is_one_recipient():
    letter = read_letter(seed("004"))
    assert letter.recipients == [
        "Các Sở, ngành tỉnh;",
        "UBND các huyện, thị xã, thành phố;",
        "Các cơ quan báo chí địa phương và trung ương đóng trên địa bàn tỉnh;",
        "Các doanh nghiệp viễn thông.",
    ]


def test_004_hard_wrapped_paragraphs_are_rejoined_without_stray_spaces():
    paragraphs = read_letter(seed("004")).content.split("\n\n")
    assert paragraphs[1] == (
        "Sở Thông tin và Truyền thông tỉnh Đắk Lắk đề nghị quý cơ quan, đơn vị và các địa "
        "phương phối hợp thực hiện các nội dung sau:"
    )
    assert paragraphs[2] == (
        "1. Thông tin tuyên truyền đến cán bộ, công chức, viên chức và người dân trên địa bàn "
        "tỉnh nâng cao tinh thần cảnh giác với các cuộc gọi có nghi vấn mạo danh."
    )
    # "… cho Sở" / "Thông tin …": a capital after an unfinished line continues it.
    assert paragraphs[4].startswith("3. Ghi âm lại cuộc gọi, lưu lại số điện thoại, thông báo")
    assert paragraphs[4].endswith(
        "cho Sở Thông tin và Truyền thông và cơ quan Công an nơi gần nhất để trình báo vụ việc."
    )
    assert paragraphs[5:8] == [
        "- Các tin nhắn rác, thì mọi người dân hãy soạn ngay tin nhắn theo cú pháp sau:",
        "S + Số điện thoại phát tán tin nhắn rác + Nội dung cuộc gọi rác => Gửi 156 hay 5656.",
        "- Các cuộc gọi có dấu hiệu là cuộc gọi rác, người dân soạn tin nhắn theo cú pháp:",
    ]
    assert paragraphs[-1] == "Trân trọng./."
    for paragraph in paragraphs:
        assert paragraph == paragraph.strip()
        assert "  " not in paragraph


def test_emphasis_bullets_and_numbered_points_are_kept_as_written():
    body = (
        "Đề nghị thực hiện:\n\n"
        "(1). Để phản ánh soạn: **V [Nguồn] [Nội dung] gửi 5656.**\n\n"
        "- Không kết bạn *zalo* với các đối tượng;\n"
        "- Không Click vào các đường Link lạ;\n\n"
        "Trân trọng./."
    )
    letter = parse_letter(sample_letter(body=body))
    assert letter.content == body


def test_the_signer_is_authority_title_and_name_whatever_the_emphasis():
    letter = parse_letter(
        sample_letter(signature="**KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC**\n\n\n\nNguyễn Lượm")
    )
    assert (letter.signer_authority, letter.signer_title, letter.signer_name) == (
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Lượm",
    )
    letter = parse_letter(sample_letter(signature="GIÁM ĐỐC"))
    assert (letter.signer_authority, letter.signer_title, letter.signer_name) == (
        "",
        "GIÁM ĐỐC",
        "",
    )
    letter = parse_letter(
        sample_letter(
            signature="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nLê Văn Bình"
        )
    )
    assert letter.signer_authority == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"
    assert (letter.signer_title, letter.signer_name) == ("PHÓ CHỦ TỊCH", "Lê Văn Bình")


def test_a_signature_flattened_before_the_distribution_list_is_still_found():
    letter = parse_letter(
        sample_letter(
            distribution=None,
            signature="GIÁM ĐỐC\n\nNguyễn Văn An\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.",
        )
    )
    assert letter.distribution == ["Như trên;", "Lưu: VT."]
    assert (letter.signer_title, letter.signer_name) == ("GIÁM ĐỐC", "Nguyễn Văn An")


def test_a_single_recipient_may_follow_kinh_gui_on_the_same_line():
    letter = parse_letter(sample_letter(recipients="Kính gửi: Công an tỉnh Ninh Bình."))
    assert letter.recipients == ["Công an tỉnh Ninh Bình."]
    assert letter.content.startswith("Thời gian gần đây")


def test_the_header_keeps_the_issuing_body_and_drops_the_national_motto():
    header = (
        " UBND TỈNH ĐẮK LẮK \n\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG \n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \n\nĐộc lập - Tự do - Hạnh phúc  "
    )
    letter = parse_letter(sample_letter(header=header))
    assert letter.header == ["UBND TỈNH ĐẮK LẮK", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"]
    # Flattened the other way round, the motto lands under the summary: not part of it.
    letter = parse_letter(sample_letter(summary="V/v cảnh báo\n\nĐộc lập - Tự do - Hạnh phúc"))
    assert letter.summary == "cảnh báo"


@pytest.mark.parametrize(
    ("parts", "line", "words"),
    [
        ({"number": None}, 1, "Số: …/…"),
        ({"date": None}, 1, "ngày … tháng … năm"),
        ({"summary": None}, 1, "V/v"),
        ({"recipients": None}, 5, "Kính gửi"),
        ({"body": None}, 7, "không có nội dung"),
        ({"body": "Nội dung.", "distribution": None}, 7, "Nơi nhận"),
        ({"signature": "Nguyễn Văn An"}, 21, "chức vụ người ký"),
    ],
)
def test_a_letter_missing_a_part_is_refused_naming_file_and_line(parts, line, words):
    with pytest.raises(LetterError) as error:
        parse_letter(sample_letter(**parts), "thu.txt")
    assert error.value.line == line
    assert words in error.value.message
    assert str(error.value).startswith(f"thu.txt, dòng {line}: ")


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "rong.txt"
    path.write_text("  \n\n \n", encoding="utf-8")
    with pytest.raises(LetterError) as error:
        read_letter(path)
    assert str(error.value) == f"{path}: tệp rỗng."


def test_a_file_not_in_utf8_is_refused_at_the_line_of_the_first_bad_byte(tmp_path):
    path = tmp_path / "cp1258.txt"
    path.write_bytes(b"S\xf4\xec: 15/STTTT-TTra\n")  # "Số" in Windows-1258
    with pytest.raises(LetterError) as error:
        read_letter(path)
    assert error.value.line == 1
    assert "UTF-8" in str(error.value)
    path.write_bytes("Số: 15/STTTT-TTra\n\nHà Nội, ngày".encode() + b" \xff\n")
    with pytest.raises(LetterError) as error:
        read_letter(path)
    assert error.value.line == 3
