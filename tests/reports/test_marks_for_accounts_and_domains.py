"""Bảo concludes on a bank account, a domain or a Zalo account as on a number.

The key is the one the reports' rows carry, however Bảo types it; grounds
are required; a verified official (a bank's real domain) waits for a
second person of the scope, as an official number does.
"""

import pytest

from advisories.models import Province
from reports import numbers
from reports.models import NumberMark, Subject
from reports.roles import INSPECTORS, SUPERVISORS

from .conftest import make_report, staff
from .used import used, vietcombank

pytestmark = pytest.mark.django_db

NUMBER = "/admin/reports/report/number/"
REPEATS = "/admin/reports/report/repeat-numbers/"
SCAM, OFFICIAL = NumberMark.Kind.SCAM, NumberMark.Kind.OFFICIAL


@pytest.fixture
def bao():
    return staff("bao", INSPECTORS, "dong-nai")


@pytest.fixture
def dong_nai():
    return Province.objects.get(slug="dong-nai")


@pytest.mark.parametrize(
    ("subject", "typed", "key"),
    [
        (Subject.BANK_ACCOUNT, "Vietcombank 0011 0012 34567", "VCB:0011001234567"),
        (Subject.BANK_ACCOUNT, "vcb:0011001234567", "VCB:0011001234567"),
        (Subject.BANK_ACCOUNT, "0011001234567", "?:0011001234567"),
        (Subject.DOMAIN, "https://Login.VCB-Bank.com:443/xac-thuc", "vcb-bank.com"),
        (Subject.SOCIAL, "Zalo: @Nguyen.Van.A", "zalo:nguyen.van.a"),
        (Subject.SENDER, "vcb-bank", "VCB-BANK"),
    ],
)
def test_a_scam_mark_is_on_the_key_of_what_was_typed(bao, dong_nai, subject, typed, key):
    vietcombank()
    mark = numbers.mark(typed, SCAM, by=bao, province=dong_nai, reason="5 lần", subject=subject)
    assert (mark.subject, mark.source, mark.is_active) == (subject, key, True)
    assert numbers.status(key, subject).is_confirmed_scam


@pytest.mark.parametrize(
    ("subject", "typed", "words"),
    [
        (Subject.BANK_ACCOUNT, "Ngân hàng Không Có 0011001234567", "Không tìm thấy ngân hàng"),
        (Subject.BANK_ACCOUNT, "VCB 12", "Số tài khoản có 2 chữ số"),
        (Subject.DOMAIN, "khong-phai-ten-mien", "Hãy ghi đường link"),
        (Subject.SOCIAL, "abc", "Hãy ghi nền tảng rồi tài khoản"),
    ],
)
def test_what_is_not_a_key_is_refused_with_why(bao, dong_nai, subject, typed, words):
    vietcombank()
    with pytest.raises(numbers.MarkRefused, match=words):
        numbers.mark(typed, SCAM, by=bao, province=dong_nai, reason="x", subject=subject)
    assert not NumberMark.objects.exists()


def test_a_banks_real_domain_waits_for_a_second_person(bao, dong_nai):
    mark = numbers.mark(
        "https://momo.vn/",
        OFFICIAL,
        by=bao,
        province=dong_nai,
        reason="Trang của ví MoMo",
        owner="Ví MoMo",
        subject=Subject.DOMAIN,
    )
    assert mark.is_pending and not numbers.status("momo.vn", Subject.DOMAIN).is_official
    with pytest.raises(numbers.MarkRefused, match="Bạn là người đề xuất"):
        numbers.decide(mark, by=bao, approve=True)
    numbers.decide(mark, by=staff("hai", SUPERVISORS, "dong-nai"), approve=True)
    status = numbers.status("momo.vn", Subject.DOMAIN)
    assert status.is_official and status.official_names == ["Ví MoMo"]


def test_a_mark_of_one_subject_is_not_the_status_of_another(bao, dong_nai):
    numbers.mark(
        "zalo:0912345678", SCAM, by=bao, province=dong_nai, reason="x", subject=Subject.SOCIAL
    )
    assert not numbers.status("zalo:0912345678", Subject.DOMAIN).marks
    assert not numbers.status("0912345678", Subject.PHONE).marks


def test_the_page_of_an_account_marks_it_and_the_repeat_screen_shows_it(client, bao, dong_nai):
    bank = vietcombank()
    for _ in range(2):
        used(make_report(province="dong-nai", source=""), accounts=[(bank, "0011001234567")])
    client.force_login(bao)
    screen = client.get(REPEATS, {"subject": "bank_account"}).content.decode()
    page_link = "?subject=bank_account&amp;source=VCB%3A0011001234567"
    assert page_link in screen
    # The box that opens any thing's page, a number or not.
    assert 'action="/admin/reports/report/number/"' in screen and 'name="subject"' in screen
    page = client.get(NUMBER, {"subject": "bank_account", "source": "Vietcombank 0011001234567"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tài khoản ngân hàng VCB:0011001234567" in html
    assert "2 phản ánh trong phạm vi của bạn" in html
    assert "Nhà mạng gốc" not in html
    response = client.post(
        f"{NUMBER}?subject=bank_account&source=VCB:0011001234567",
        {
            "kind_submitted": "scam",
            "scam-kind": "scam",
            "scam-scope": dong_nai.pk,
            "scam-reason": "Hai người chuyển tiền vào tài khoản này",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{NUMBER}?subject=bank_account&source=VCB%3A0011001234567"
    mark = NumberMark.objects.get()
    assert (mark.subject, mark.source) == ("bank_account", "VCB:0011001234567")
    row = client.get(REPEATS, {"subject": "bank_account"}).context["rows"][0]
    assert row.status.is_confirmed_scam and row.status.confirmed_by == ["Đồng Nai"]


def test_a_page_for_what_is_not_a_key_goes_back_with_why(client, bao):
    client.force_login(bao)
    response = client.get(NUMBER, {"subject": "domain", "source": "abc"}, follow=True)
    assert response.redirect_chain[-1][0] == f"{REPEATS}?subject=domain"
    assert "Hãy ghi đường link" in response.content.decode()
    assert client.get(NUMBER, {"subject": "x", "source": "abc"}).status_code == 302


def test_a_domain_waiting_for_approval_links_to_its_own_page(client, bao, dong_nai):
    numbers.mark(
        "momo.vn", OFFICIAL, by=bao, province=dong_nai, reason="x", owner="Ví MoMo",
        subject=Subject.DOMAIN,
    )  # fmt: skip
    client.force_login(staff("hai", SUPERVISORS, "dong-nai"))
    html = client.get("/admin/reports/report/marks-to-settle/").content.decode()
    assert f'href="{NUMBER}?subject=domain&amp;source=momo.vn"' in html
    page = client.get(NUMBER, {"subject": "domain", "source": "momo.vn"})
    assert page.status_code == 200 and "Tên miền momo.vn" in page.content.decode()
