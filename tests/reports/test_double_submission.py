"""Chị Lan taps "Gửi phản ánh" twice on a slow connection: one report, one receipt.

The form carries a one-time key. Sending the same page again (a double tap, a
reload of the POST, Back then Send) files nothing new and lands on the first
report's receipt; Back, a change, then Send asks before filing a second one.
The key opens nothing for anyone but the browser it was given to.
"""

import datetime
import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from io import StringIO
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.test import Client

from reports import submissions
from reports.models import Evidence, Report, SubmissionKey

from .media import png, upload
from .served import request, served_portal

pytestmark = pytest.mark.django_db

KEY = re.compile(r'name="submission_key" value="([^"]*)"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


def citizen():
    """A browser: the CSRF check on, as for every real visitor."""
    return Client(enforce_csrf_checks=True)


def hidden_fields(html):
    """What a browser sends along with what was typed: the CSRF token and the key."""
    return {"csrfmiddlewaretoken": TOKEN.search(html)[1], "submission_key": KEY.search(html)[1]}


def form_page(browser):
    """The hidden fields of the report form as this browser got it."""
    return hidden_fields(browser.get("/report/").content.decode())


def send(browser, page, data, **extra):
    return browser.post("/report/", {**page, **data}, **extra)


def test_every_visit_to_the_form_gets_a_key_of_its_own_even_from_the_page_cache():
    lan, tuan = citizen(), citizen()
    first = lan.get("/report/")
    second = tuan.get("/report/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    keys = {KEY.search(page.content.decode())[1] for page in (first, second, lan.get("/report/"))}
    assert len(keys) == 3
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{32}", key) for key in keys)  # 192 random bits


def test_the_same_form_sent_twice_files_one_report_and_shows_its_receipt(report_data):
    lan = citizen()
    page = form_page(lan)
    first = send(lan, page, report_data)
    again = send(lan, page, report_data)  # the second tap, or a reload of the POST
    report = Report.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == f"/report/{report.code}/"
    receipt = lan.get(again["Location"]).content.decode()
    assert report.code in receipt
    assert "Phản ánh này đã được gửi lúc 15:00 và chỉ được ghi nhận một lần." in receipt
    assert report.events.count() == 1


def test_back_then_send_again_with_the_same_screenshot_stores_it_once(report_data):
    lan = citizen()
    page = form_page(lan)
    for _ in range(2):
        response = send(lan, page, {**report_data, "evidence": upload("tin-nhan.png", png())})
        assert response.status_code == 302
    assert Report.objects.count() == 1
    assert Evidence.objects.count() == 1


def test_back_a_change_then_send_asks_before_filing_a_second_report(report_data):
    lan = citizen()
    page = form_page(lan)
    first = send(lan, page, report_data)
    code = Report.objects.get().code
    changed = {**report_data, "source": "0987654321", "content": "Một cuộc gọi khác, hôm qua"}
    response = send(lan, page, changed)
    assert response.status_code == 409
    assert Report.objects.count() == 1
    html = response.content.decode()
    assert "Bạn đã gửi một phản ánh từ trang này lúc 15:00, với nội dung khác" in html
    assert f'href="{first["Location"]}"' in html and code in html
    assert "Một cuộc gọi khác, hôm qua" in html  # what she typed is still there
    # One more tap, from the page in front of her, files it as a new report.
    assert hidden_fields(html)["submission_key"] != page["submission_key"]
    response = send(lan, hidden_fields(html), changed)
    assert response.status_code == 302
    assert Report.objects.count() == 2
    assert Report.objects.exclude(code=code).get().source == "0987654321"


def test_a_key_someone_else_saw_shows_them_no_one_elses_receipt(report_data):
    lan = citizen()
    page = form_page(lan)
    send(lan, page, report_data)
    lan_code = Report.objects.get().code
    # Strangers copy her key into their own page, with her very words or their own.
    for data in (report_data, {**report_data, "content": "Muốn xem biên nhận của người khác"}):
        stranger = citizen()
        his_page = {**form_page(stranger), "submission_key": page["submission_key"]}
        response = send(stranger, his_page, data)
        assert response.status_code == 302
        assert lan_code not in response["Location"]
        assert lan_code not in stranger.get(response["Location"]).content.decode()
    assert Report.objects.count() == 3  # theirs are reports of their own


def test_a_post_without_a_key_files_as_before(client, report_data):
    """A hand-made post, a script, an old page still open: no key, no change."""
    for key in (None, "", "not-one-of-ours"):
        data = report_data if key is None else {**report_data, "submission_key": key}
        assert client.post("/report/", data).status_code == 302
    assert Report.objects.count() == 3
    assert not SubmissionKey.objects.exists()


def test_a_twin_that_looked_before_the_first_was_stored_files_nothing_and_costs_nothing(
    report_data, settings, monkeypatch
):
    """Two taps at once: both find the key free; the unique key stops the second at filing.

    The twins' order is forced here (the second looks before the first is stored);
    two requests really at once are below, on real workers.
    """
    settings.REPORT_RATE_LIMIT = "2/m"
    lan = citizen()
    page = form_page(lan)
    first = send(lan, page, report_data)
    looked = []
    real = submissions.earlier

    def before_the_first_was_stored(claim, now=None):
        looked.append(claim)
        return None if len(looked) == 1 else real(claim, now)

    monkeypatch.setattr(submissions, "earlier", before_the_first_was_stored)
    twin = send(lan, page, report_data)
    assert len(looked) == 2  # the look at the start, then the one after the clash
    assert twin.status_code == 302 and twin["Location"] == first["Location"]
    assert Report.objects.count() == 1
    assert "chỉ được ghi nhận một lần" in lan.get(twin["Location"]).content.decode()
    # The twin stored nothing, so it counts nothing: her second report of the minute passes.
    other = send(lan, form_page(lan), {**report_data, "source": "0987654321"})
    assert other.status_code == 302
    assert Report.objects.count() == 2


def test_a_key_is_kept_a_day_then_forgotten(report_data):
    lan = citizen()
    page = form_page(lan)
    send(lan, page, report_data)
    fresh_page = form_page(lan)
    send(lan, fresh_page, {**report_data, "source": "0987654321"})
    day_old = SubmissionKey.objects.get(report__source="0912345678")
    day_old.created_at -= datetime.timedelta(hours=24, minutes=1)
    day_old.save()

    out = StringIO()
    call_command("clean_evidence", "--dry-run", stdout=out)
    assert "1 khóa gửi phản ánh đã quá 24 giờ" in out.getvalue()
    assert SubmissionKey.objects.count() == 2
    call_command("clean_evidence", stdout=out)
    assert "Đã xóa 1 khóa gửi phản ánh đã quá 24 giờ." in out.getvalue()
    assert list(SubmissionKey.objects.values_list("report__source", flat=True)) == ["0987654321"]


def test_a_page_sent_again_after_a_day_is_a_new_report_even_before_the_clean_up(report_data):
    lan = citizen()
    page = form_page(lan)
    first = send(lan, page, report_data)
    SubmissionKey.objects.update(
        created_at=SubmissionKey.objects.get().created_at
        - (submissions.RETENTION + datetime.timedelta(seconds=1))
    )
    again = send(lan, page, report_data)
    assert again.status_code == 302 and again["Location"] != first["Location"]
    assert Report.objects.count() == 2
    assert SubmissionKey.objects.count() == 1  # the stale key gave way to the new report


def test_taps_at_the_same_moment_on_real_workers_file_one_report(tmp_path):
    """Eight identical posts released together on four gunicorn workers: one report."""
    with served_portal(tmp_path, REPORT_RATE_LIMIT="0") as (host, port):
        status, headers, body = request(host, port, "GET", "/report/")
        assert status == 200
        cookie = headers["Set-Cookie"].split(";", 1)[0]  # csrftoken=…
        data = {
            **hidden_fields(body.decode()),
            "kind": "LD",
            "source": "0912345678",
            "content": "Giả danh công an, dọa khóa SIM",
        }
        start = threading.Barrier(8)

        def tap(_):
            start.wait()
            return request(
                host,
                port,
                "POST",
                "/report/",
                urlencode(data),
                {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
            )

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(tap, range(8)))
        assert [status for status, _headers, _body in answers] == [302] * 8
        receipts = {headers["Location"] for _status, headers, _body in answers}
        assert len(receipts) == 1
        _status, _headers, body = request(host, port, "GET", "/api/v1/lookup?number=0912345678")
        assert json.loads(body)["reports"]["total"] == 1


def test_a_visitor_who_chose_english_is_told_in_english(report_data):
    lan = citizen()
    token = form_page(lan)["csrfmiddlewaretoken"]  # the language switch is a form too
    lan.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": token})
    page = form_page(lan)
    send(lan, page, report_data)
    receipt = lan.get(send(lan, page, report_data)["Location"]).content.decode()
    assert "This report was sent at 15:00 and has been recorded once only." in receipt
    html = send(lan, page, {**report_data, "content": "Another call"}).content.decode()
    assert "You sent a report from this page at 15:00" in html
    assert 'data-sending-label="Sending…"' in html
