"""A citizen reads one letter in its official layout (Decree 30/2020), and shares it."""

import re

import pytest
from django.utils import timezone

from advisories.models import Advisory, CitedDocument, ScamPattern
from portal.page_cache import queries_added

pytestmark = pytest.mark.django_db


def text(response, only_letter=False):
    """The page as a reader sees it: tags dropped, spaces collapsed."""
    html = response.content.decode()
    if only_letter:
        html = html[html.index("<article") : html.index("</article>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_letter_is_laid_out_like_the_paper_one(client, make_advisory):
    letter = make_advisory("stttt-ninh-binh", symbol="STTTT-CNBCVT", issued_month=2)

    response = client.get(letter.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    page = text(response, only_letter=True)
    assert "UBND TỈNH NINH BÌNH" in page
    assert "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
    assert "Độc lập - Tự do - Hạnh phúc" in page
    # The number is left blank, as in the letter; the day is never invented.
    assert re.search(r'Số: <span class="letter-number-value is-blank"></span>/STTTT-CNBCVT', html)
    assert "<em>Ninh Bình, ngày … tháng 02 năm 2024</em>" in html
    assert "V/v cảnh báo các cuộc gọi mạo danh" in page
    assert "Kính gửi:" in page and "Công an tỉnh;" in page
    assert "<strong>mạo danh Lãnh đạo</strong>" in html
    assert "KT. GIÁM ĐỐC" in page and "PHÓ GIÁM ĐỐC" in page and "Đặng Tùng Anh" in page
    assert "Nơi nhận:" in page and "Lưu: VT." in page
    # The order of Article 8: motto and number before the content, signer after.
    for earlier, later in [
        ("CỘNG HÒA XÃ HỘI", "Kính gửi:"),
        ("Số:", "V/v"),
        ("Kính gửi:", "Theo phản ánh"),
        ("Theo phản ánh", "KT. GIÁM ĐỐC"),
    ]:
        assert page.index(earlier) < page.index(later)
    assert 'href="/static/css/letter.css"' in html


def test_a_numbered_letter_shows_its_number(client, make_advisory):
    letter = make_advisory(
        "stttt-dak-lak",
        number="1386",
        symbol="STTTT-BCVT",
        issued_day=19,
        issued_month=7,
        date_precision="day",
    )
    page = text(client.get(letter.get_absolute_url()))
    assert "Số: 1386 /STTTT-BCVT" in page
    assert "Đắk Lắk, ngày 19 tháng 7 năm 2024" in page


def test_the_print_stylesheet_gives_an_a4_page_without_the_site_around_it(client):
    from django.contrib.staticfiles import finders

    with open(finders.find("css/letter.css"), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    assert "@media print" in css
    assert re.search(r"@page\s*{\s*size:\s*A4;\s*margin:\s*20mm 15mm 20mm 30mm;", css)
    assert "Times New Roman" in css
    assert re.search(r"@media print\s*{[^}]*\.site-header", css)


def test_share_metadata_for_zalo_and_facebook(client, make_advisory):
    letter = make_advisory("stttt-ninh-binh")
    html = client.get(letter.get_absolute_url()).content.decode()
    url = f"http://testserver{letter.get_absolute_url()}"
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:locale" content="vi_VN">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert (
        '<meta property="og:title" content="Sở Thông tin và Truyền thông tỉnh Ninh Bình: V/v'
        in html
    )
    assert '<meta property="og:description" content="Theo phản ánh' in html
    assert '<meta name="description" content="Theo phản ánh' in html
    assert "<title>Công văn /STTTT-TTra: V/v cảnh báo" in html
    # A picture for the share card, served by us at an absolute address.
    card = '<meta property="og:image" content="http://testserver/static/img/share-card'
    assert card in html


def test_a_merged_province_is_shown_with_its_current_unit_and_patterns_as_tags(
    client, make_advisory
):
    sim = ScamPattern.objects.get(slug="khoa-sim")
    letter = make_advisory("stttt-ninh-thuan", patterns=[sim])
    page = text(client.get(letter.get_absolute_url()))
    assert "Ninh Thuận (nay thuộc Khánh Hòa)" in page
    assert "Dọa khóa, thu hồi SIM" in page


def test_cited_documents_link_only_to_letters_the_portal_published(client, make_advisory):
    cited = make_advisory("stttt-dak-lak", number="1386", symbol="STTTT-BCVT")
    draft = make_advisory("stttt-dak-lak", number="99", symbol="STTTT-TTra", published=False)
    letter = make_advisory("pvhtt-ea-sup", symbol="PVHTT")
    CitedDocument.objects.create(
        advisory=letter,
        position=1,
        kind="Công văn",
        number_symbol="1386/STTTT-BCVT",
        cited_advisory=cited,
    )
    CitedDocument.objects.create(
        advisory=letter,
        position=2,
        kind="Công văn",
        number_symbol="99/STTTT-TTra",
        cited_advisory=draft,
    )
    CitedDocument.objects.create(
        advisory=letter,
        position=3,
        kind="Chỉ thị",
        number_symbol="12/CT-TTg",
        issuer_as_written="Thủ tướng Chính phủ",
    )

    html = client.get(letter.get_absolute_url()).content.decode()

    assert f'<a href="{cited.get_absolute_url()}">Công văn số 1386/STTTT-BCVT</a>' in html
    assert draft.get_absolute_url() not in html
    assert "Công văn số 99/STTTT-TTra" in html  # named, not linked
    assert "Chỉ thị số 12/CT-TTg" in html


def test_a_draft_is_not_found_by_the_public(client, make_advisory):
    draft = make_advisory(published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url() + "?preview").status_code == 404
    scheduled = make_advisory(
        status="published", published_at=timezone.now() + timezone.timedelta(days=1)
    )
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert client.get("/advisories/khong-co-cong-van-nay/").status_code == 404


def test_staff_preview_a_draft_of_their_own_body_only(
    client, make_advisory, ninh_binh_publisher, dak_lak_publisher, as_user
):
    draft = make_advisory("stttt-ninh-binh", published=False)
    url = draft.get_absolute_url() + "?preview"

    own = as_user(ninh_binh_publisher).get(url)
    assert own.status_code == 200
    assert "Bản xem trước" in own.content.decode()
    assert 'name="robots" content="noindex' in own.content.decode()

    assert as_user(dak_lak_publisher).get(url).status_code == 404


@pytest.mark.parametrize("size", [3, 300])
def test_the_letter_page_runs_a_constant_number_of_queries(
    client, make_advisory, django_assert_num_queries, size
):
    letter = make_advisory("stttt-ninh-thuan", patterns=ScamPattern.objects.all()[:3])
    template = make_advisory("stttt-dak-lak")
    fields = [f.attname for f in Advisory._meta.concrete_fields if f.attname != "id"]
    others = Advisory.objects.bulk_create(
        Advisory(**{**{f: getattr(template, f) for f in fields}, "slug": f"cited-{i}"})
        for i in range(size - 2)
    )
    # Every other letter is cited, half of them drafts: each needs a published check.
    CitedDocument.objects.bulk_create(
        CitedDocument(advisory=letter, position=i, kind="Công văn",
                      number_symbol=f"{i}/STTTT", cited_advisory=cited)
        for i, cited in enumerate([template, *others])
    )  # fmt: skip
    Advisory.objects.filter(pk__in=[a.pk for a in others[::2]]).update(status="draft")
    assert Advisory.objects.count() == size
    # The letter with its issuer and province, its patterns, its citations.
    with django_assert_num_queries(3 + queries_added(hit=False)):
        response = client.get(letter.get_absolute_url())
    assert response.status_code == 200
