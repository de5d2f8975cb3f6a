"""The letter's content is rendered safely: escaped, then paragraphs, bullets, emphasis."""

from advisories.markup import plain, render


def test_paragraphs_are_separated_by_a_blank_line():
    html = render("Đoạn một.\n\nĐoạn hai.")
    assert html == "<p>Đoạn một.</p>\n<p>Đoạn hai.</p>"


def test_hard_wrapped_lines_of_a_paragraph_flow_together():
    html = render("Thời gian gần đây, trên địa bàn tỉnh có một số đối tượng mạo danh lãnh \n"
                  "đạo Sở Thông tin và Truyền thông")  # fmt: skip
    assert html == (
        "<p>Thời gian gần đây, trên địa bàn tỉnh có một số đối tượng mạo danh lãnh "
        "đạo Sở Thông tin và Truyền thông</p>"
    )


def test_dash_lines_become_one_list_even_with_blank_lines_between_them():
    html = render("Đề nghị:\n\n- Không kết bạn zalo;\n\n- Không Click vào các đường Link lạ;")
    assert html == (
        "<p>Đề nghị:</p>\n<ul><li>Không kết bạn zalo;</li>\n"
        "<li>Không Click vào các đường Link lạ;</li></ul>"
    )


def test_bold_italic_and_both():
    html = render("**S + Số điện thoại** gửi *156* và ***Nơi nhận:***")
    assert "<strong>S + Số điện thoại</strong>" in html
    assert "<em>156</em>" in html
    assert "<strong><em>Nơi nhận:</em></strong>" in html


def test_numbered_points_are_kept_as_written():
    html = render(
        "1. Thông tin tuyên truyền.\n\n2. Tuyệt đối không làm theo.\n\n(1). Soạn V gửi 5656."
    )
    assert "<ol" not in html
    assert "<p>1. Thông tin tuyên truyền.</p>" in html
    assert "<p>2. Tuyệt đối không làm theo.</p>" in html
    assert "<p>(1). Soạn V gửi 5656.</p>" in html


def test_html_typed_into_a_letter_is_shown_as_text_never_run():
    html = render('<script>alert("x")</script> **<b>đậm</b>**\n\n- <img src=x onerror=alert(1)>')
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert "<strong>&lt;b&gt;đậm&lt;/b&gt;</strong>" in html


def test_a_lone_star_stays_a_star():
    assert render("Giá 5 * 3 = 15") == "<p>Giá 5 * 3 = 15</p>"


def test_plain_text_drops_the_emphasis_marks():
    assert plain("**Đậm** và *nghiêng*\n\nhết") == "Đậm và nghiêng hết"
