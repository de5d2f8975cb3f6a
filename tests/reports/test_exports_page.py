"""Lan's exports page: what she asked, how far each file is, where to download it, why one failed.

Lan, an inspector of Hà Nội, finds the page from the report list. She sees
her own exports only, newest first, each with what she asked in words (the
filters and search she used), its state and rows; the link to download once
a file is ready. Her requests have bounds, each explained: three files at
once, a page of ticked rows. Staff who may not see reports get no page.
"""

import pytest
from django.contrib.auth import get_user_model

from advisories.roles import PUBLISHERS
from reports.models import Export
from reports.models.exports import MAX_PICKED
from reports.roles import INSPECTORS
from tests.jobs import run_jobs

from .conftest import make_report, staff
from .exports import EXPORTS, LIST, ask, many_reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def lan(client):
    user = staff("lan", INSPECTORS, "ha-noi")
    client.force_login(user)
    return user


def test_the_report_list_links_to_the_page(client, lan):
    assert f'href="{EXPORTS}"' in client.get(LIST).content.decode()


def test_asking_goes_to_the_page_which_says_what_was_asked(
    client, lan, django_capture_on_commit_callbacks
):
    make_report(province="ha-noi", source="0912345678")
    response = ask(
        client,
        query="status__exact=new&q=0912345678",
        select_across=True,
        capture=django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Đã nhận yêu cầu xuất tệp CSV" in html
    assert "Bộ lọc: trạng thái = Mới tiếp nhận. Tìm: “0912345678”." in html
    assert "Đang chờ" in html
    assert 'http-equiv="refresh"' in html
    run_jobs()
    html = client.get(EXPORTS).content.decode()
    assert "Xong" in html
    assert "Tải về" in html
    assert 'http-equiv="refresh"' not in html
    export = Export.objects.get()
    assert f"{EXPORTS}{export.pk}/download/" in html
    assert export.expires_at.strftime("%Y") in html


def test_a_numbers_reports_and_ticked_rows_in_words(
    client, lan, django_capture_on_commit_callbacks
):
    reports = [make_report(province="ha-noi") for _ in range(3)]
    ask(
        client,
        query="source__exact=0912345678",
        select_across=True,
        capture=django_capture_on_commit_callbacks,
    )
    ask(client, reports[:2], capture=django_capture_on_commit_callbacks)
    html = client.get(EXPORTS).content.decode()
    assert "Bộ lọc: nguồn = 0912345678." in html
    assert "2 phản ánh được đánh dấu trên danh sách." in html
    # Newest first.
    assert html.index("2 phản ánh được đánh dấu") < html.index("nguồn = 0912345678")


def test_the_number_page_exports_the_numbers_reports(client, lan):
    make_report(province="ha-noi", source="0912345678")
    html = client.get("/admin/reports/report/number/", {"source": "0912345678"}).content.decode()
    assert 'name="action" value="export_csv"' in html
    assert f'action="{LIST}?source__exact=0912345678' in html


def test_only_her_own_exports_are_listed(client, lan, django_capture_on_commit_callbacks):
    other = staff("binh", INSPECTORS, "ha-noi")
    Export.objects.create(requested_by=other, description="Của Bình", select_across=True)
    ask(client, select_across=True, capture=django_capture_on_commit_callbacks)
    html = client.get(EXPORTS).content.decode()
    assert "Mọi phản ánh trong phạm vi của bạn." in html
    assert "Của Bình" not in html


def test_three_files_at_once_then_a_word_to_wait(client, lan, django_capture_on_commit_callbacks):
    make_report(province="ha-noi")
    for _ in range(3):
        ask(client, select_across=True, capture=django_capture_on_commit_callbacks)
    response = ask(client, select_across=True, capture=django_capture_on_commit_callbacks)
    assert response["Location"].startswith(LIST)  # back to the list, with why
    page = client.get(response["Location"]).content.decode()
    assert "Bạn đang có 3 tệp chờ xuất hoặc đang xuất" in page
    assert Export.objects.count() == 3
    run_jobs()
    ask(client, select_across=True, capture=django_capture_on_commit_callbacks)
    assert Export.objects.count() == 4


def test_more_ticked_rows_than_a_page_is_refused_with_how_to_export_them(
    client, lan, django_capture_on_commit_callbacks
):
    reports = many_reports(MAX_PICKED + 1)
    response = ask(client, reports, capture=django_capture_on_commit_callbacks)
    page = client.get(response["Location"]).content.decode()
    assert "Chỉ xuất được tối đa 200 dòng đánh dấu" in page
    assert not Export.objects.exists()


def test_a_bound_on_rows_before_a_row_is_read(
    client, lan, monkeypatch, django_capture_on_commit_callbacks
):
    from reports import export_jobs

    monkeypatch.setattr(export_jobs, "MAX_ROWS", 2)
    for _ in range(3):
        make_report(province="ha-noi")
    ask(client, select_across=True, capture=django_capture_on_commit_callbacks)
    run_jobs()
    export = Export.objects.get()
    assert export.status == Export.Status.FAILED
    assert export.rows_total is None
    assert "quá giới hạn 2 phản ánh của một tệp" in client.get(EXPORTS).content.decode()


@pytest.mark.parametrize("who", ["publisher", "not staff"])
def test_staff_who_may_not_see_reports_get_no_page(client, who):
    if who == "publisher":
        client.force_login(staff("thu", PUBLISHERS))
        assert client.get(EXPORTS).status_code == 403
    else:
        client.force_login(get_user_model().objects.create_user("an", password="x"))
        assert client.get(EXPORTS).status_code == 302  # the admin's login page


def test_in_english_when_she_reads_the_admin_in_english(client, lan):
    client.cookies["django_language"] = "en"
    html = client.get(EXPORTS).content.decode()
    assert "Exported CSV files" in html
