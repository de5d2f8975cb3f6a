"""Chị Lan got a call from 0888 596 677 and looks it up before calling back.

The look-up says first whether a number is an official line and which
letters mention it, then how many citizens reported it: counts only, never
what they wrote.
"""

import pytest
from django.utils import timezone

from advisories.models import Advisory
from reports.models import Hotline, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def letters_and_lines(hotlines, make_advisory):
    letter = make_advisory("stttt-binh-phuoc")
    letter.content = "Đường dây nóng của Thanh tra Sở: 0888596677."
    letter.save()  # search_text follows the content
    Hotline.objects.filter(number="0888596677").update(source_advisory=letter)
    return letter


def report(client, source, kind="LD", content="Mạo danh công an, đòi chuyển tiền"):
    response = client.post("/report/", {"kind": kind, "source": source, "content": content})
    assert response.status_code == 302


def test_an_official_line_says_so_with_the_letter_that_announced_it(client, letters_and_lines):
    html = client.get("/lookup/", {"number": "0888 596 677"}).content.decode()
    assert "Đây là số chính thức" in html
    assert f'href="{letters_and_lines.get_absolute_url()}"' in html
    assert "1 công văn nhắc đến số này" in html
    assert "Phản ánh số này" not in html


def test_a_reported_number_shows_counts_by_kind_and_nothing_anyone_wrote(client):
    report(client, "+84 912 345 678")
    report(client, "0912.345.678", kind="V", content="Gọi lúc nửa đêm")
    html = client.get("/lookup/", {"number": "84912345678"}).content.decode()
    assert "2 phản ánh của người dân về số này" in html
    assert timezone.localdate().strftime("%d/%m/%Y") in html
    assert "LD — lừa đảo (cuộc gọi hoặc tin nhắn): 1" in html
    assert "V — cuộc gọi rác: 1" in html
    assert "chưa được cán bộ xác minh" in html
    for private in ("Mạo danh công an", "Gọi lúc nửa đêm", Report.objects.first().code):
        assert private not in html
    assert 'href="/report/?source=0912345678"' in html


def test_a_number_nobody_reported_is_not_called_safe(client):
    html = client.get("/lookup/", {"number": "0987654321"}).content.decode()
    assert "Chưa có ai phản ánh số này" in html
    assert "không có nghĩa là số an toàn" in html


def test_a_sender_name_can_be_looked_up(client):
    report(client, "VCB-BANK", kind="S", content="Tài khoản bị khóa, bấm link")
    html = client.get("/lookup/", {"number": "VCB-BANK"}).content.decode()
    # A sender name is not a number (test_lookup_every_kind has the wording rules).
    assert "1 phản ánh của người dân về tên người gửi này" in html


def test_a_letter_set_back_to_draft_is_not_shown(client, letters_and_lines):
    Advisory.objects.update(status=Advisory.Status.DRAFT)
    html = client.get("/lookup/", {"number": "0888596677"}).content.decode()
    assert "Đây là số chính thức" in html  # the line itself stays official
    assert letters_and_lines.get_absolute_url() not in html
    assert "công văn nhắc đến số này" not in html


@pytest.mark.parametrize("typed", ["abc def", "12", "0" * 120, "<script>x</script>"])
def test_what_is_not_a_number_gets_a_vietnamese_message_and_comes_back(client, typed):
    response = client.get("/lookup/", {"number": typed})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Hãy nhập số điện thoại" in html or "Quá dài" in html
    assert "<script>x</script>" not in html


def test_the_report_form_takes_the_number_from_the_look_up(client):
    html = client.get("/report/", {"source": "0912345678"}).content.decode()
    assert 'value="0912345678"' in html


def test_the_look_up_runs_a_bounded_number_of_queries(
    client, letters_and_lines, django_assert_max_num_queries
):
    for n in range(5):
        report(client, "0912345678", content=f"lần {n}")
    # 7: the 6 of the answer, and the provinces of the "whose verdict" choice.
    with django_assert_max_num_queries(7):
        client.get("/lookup/", {"number": "0912345678"})


def test_a_chatbot_gets_the_same_answer_as_json(client, letters_and_lines):
    report(client, "0888596677", kind="V", content="Gọi nhiều lần")
    answer = client.get("/api/v1/lookup", {"number": "+84 888 596 677"}).json()
    assert answer["number"] == "0888596677"
    assert [line["number"] for line in answer["official"]] == ["0888596677"]
    assert answer["official"][0]["source_advisory"]["url"] == letters_and_lines.get_absolute_url()
    assert [letter["url"] for letter in answer["advisories"]] == [
        letters_and_lines.get_absolute_url()
    ]
    assert answer["reports"]["total"] == 1
    assert answer["reports"]["by_kind"] == {"V": 1}
    assert "Gọi nhiều lần" not in str(answer)


def test_a_chatbot_sending_no_number_gets_the_errors_shape(client):
    response = client.get("/api/v1/lookup", {"number": "xin chào"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["number"]
    assert client.post("/api/v1/lookup").status_code == 405
