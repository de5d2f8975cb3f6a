"""Chị Lan reports a scam call from her phone: one short form, no account, nothing lost."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from portal.page_cache import queries_added
from reports.models import Report

pytestmark = pytest.mark.django_db


def test_the_form_asks_in_vietnamese_and_works_without_javascript(client):
    html = client.get("/report/").content.decode()
    assert 'method="post"' in html and 'enctype="multipart/form-data"' in html
    for name in ("kind", "source", "content", "occurred_at", "province", "patterns", "evidence"):
        assert f'name="{name}"' in html
    assert "Bạn nhận được gì?" in html
    assert 'value="LD"' in html and 'value="khoa-sim"' in html
    assert '<datalist id="id_province-list">' in html and "Bình Phước" in html
    assert "js/report.js" in html and "defer" in html  # optional, never required


def test_a_visitor_who_chose_english_reads_the_form_and_the_scam_patterns_in_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/report/"})
    html = client.get("/report/").content.decode()
    assert "What did you receive?" in html
    assert "Threatening to block or revoke the SIM" in html
    assert "Dọa khóa, thu hồi SIM" not in html


def test_a_report_is_stored_and_the_citizen_lands_on_the_receipt(client, report_data):
    response = client.post(
        "/report/",
        {**report_data, "province": "Bình Phước", "patterns": ["khoa-sim", "chuyen-tien"]},
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert response["Location"] == f"/report/{report.code}/"
    assert report.kind == "LD"
    assert report.source == "0912345678"
    assert report.content == report_data["content"]
    assert report.province.slug == "dong-nai"  # the current unit, for the inspectors
    assert report.province_as_chosen.slug == "binh-phuoc"  # what she picked
    assert set(report.patterns.values_list("slug", flat=True)) == {"khoa-sim", "chuyen-tien"}
    assert report.status == Report.Status.NEW
    assert report.contact == ""
    assert abs(report.occurred_at - timezone.now()) < datetime.timedelta(minutes=1)
    assert report.events.count() == 1  # history starts at filing


def test_only_kind_source_and_content_are_required(client):
    response = client.post(
        "/report/", {"kind": "s", "source": "VCB-BANK", "content": "Tai khoan bi khoa"}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.kind, report.source, report.province) == ("S", "VCB-BANK", None)


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("dong-nai", "dong-nai"),
        ("ninh thuan", "khanh-hoa"),
        ("Tỉnh Ninh Thuận", "khanh-hoa"),
        ("HÀ NỘI", "ha-noi"),
    ],
)
def test_the_province_may_be_a_slug_or_an_old_or_new_name(client, report_data, typed, slug):
    assert client.post("/report/", {**report_data, "province": typed}).status_code == 302
    assert Report.objects.get().province.slug == slug


def test_on_an_error_everything_typed_comes_back_with_how_to_fix_it(client):
    typed = {
        "kind": "v",
        "source": "VCB-BANK",
        "content": "Người gọi xưng là công an, <b>dọa</b> bắt",
        "province": "Bình Phước",
        "patterns": ["lien-quan-vu-an"],
        "occurred_at": "2024-09-12T14:30",
        "contact": "lan@example.com",
        "consent": "on",
    }
    response = client.post("/report/", typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Phản ánh chưa gửi được" in html
    assert "chọn loại S" in html  # the fix, in words
    assert 'value="VCB-BANK"' in html
    assert "Người gọi xưng là công an, &lt;b&gt;dọa&lt;/b&gt; bắt</textarea>" in html
    assert 'value="Bình Phước"' in html
    assert 'value="2024-09-12T14:30"' in html
    assert 'value="lan@example.com"' in html
    assert re.search(r'value="lien-quan-vu-an"\s+id="id_patterns_\d+" checked', html)
    assert re.search(r'value="V"\s+id="id_kind_\d+" checked', html)
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("occurred_at", "2999-01-01T10:00", "tương lai"),
        ("occurred_at", "hôm qua", "ngày/tháng/năm"),
        ("occurred_at", "1975-04-30T11:30", "năm 2000"),
        ("province", "Sài Gòn Xưa", "Không tìm thấy tỉnh"),
        ("patterns", "khong-co", "Không có thủ đoạn"),
        ("contact", "không có", "hoặc email"),
        ("source", "", "Hãy nhập số"),
        ("content", "  ", "nội dung"),
        ("kind", "X", "LD (lừa đảo)"),
    ],
)
def test_each_bad_value_gets_a_vietnamese_message(client, report_data, field, value, message):
    response = client.post("/report/", {**report_data, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize("patterns", [["khoa-sim\x00"], ["\x00"], ["khoa-sim", "chuyen\x00tien"]])
def test_a_nul_in_the_patterns_is_refused_in_vietnamese(client, report_data, patterns):
    # A script posting for Chị Lan slips a NUL into a pattern: she reads Vietnamese, not Django.
    response = client.post("/report/", {**report_data, "patterns": patterns})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Hãy chọn các thủ đoạn trong danh sách." in html
    assert "Null characters" not in html
    assert not Report.objects.exists()


def test_the_time_it_happened_is_stored_when_given(client, report_data):
    client.post("/report/", {**report_data, "occurred_at": "12/09/2024 14:30"})
    occurred = timezone.localtime(Report.objects.get().occurred_at)
    assert (occurred.year, occurred.month, occurred.day, occurred.hour) == (2024, 9, 12, 14)


def test_a_contact_is_kept_only_with_explicit_consent(client, report_data):
    response = client.post("/report/", {**report_data, "contact": "0987 654 321"})
    assert response.status_code == 400
    assert "đánh dấu ô đồng ý" in response.content.decode()
    assert not Report.objects.exists()

    client.post("/report/", {**report_data, "contact": "+84 987 654 321", "consent": "on"})
    report = Report.objects.get()
    assert report.contact == "0987654321"
    assert "chỉ để liên hệ lại với tôi về phản ánh này" in report.contact_consent_text
    assert report.contact_consented_at is not None


def test_consent_without_a_contact_stores_nothing(client, report_data):
    client.post("/report/", {**report_data, "consent": "on"})
    report = Report.objects.get()
    assert (report.contact, report.contact_consent_text, report.contact_consented_at) == (
        "",
        "",
        None,
    )


def test_the_browser_form_keeps_csrf_protection(report_data):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/report/", report_data).status_code == 403
    assert not Report.objects.exists()


def test_any_http_client_posts_the_same_fields_to_the_api(report_data):
    app = Client(enforce_csrf_checks=True)  # a chatbot: no cookie, no token
    response = app.post("/api/v1/reports", {**report_data, "province": "ninh-thuan"})
    assert response.status_code == 201
    report = Report.objects.get()
    assert response.json()["code"] == report.code
    assert response.json()["receipt_url"].endswith(f"/report/{report.code}/")
    assert response["Location"] == f"/report/{report.code}/"
    assert report.province.slug == "khanh-hoa"


def test_the_api_answers_bad_fields_with_the_same_messages(report_data):
    response = Client().post("/api/v1/reports", {**report_data, "source": "", "province": "xyz"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"source", "province"}
    assert "Không tìm thấy tỉnh" in errors["province"][0]


def test_the_form_and_a_post_run_a_bounded_number_of_queries(
    client, report_data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3 + queries_added(hit=False)):
        client.get("/report/")
    with django_assert_max_num_queries(12):
        client.post("/report/", {**report_data, "province": "Bình Phước", "patterns": ["khoa-sim"]})
