"""A script sending images cannot keep the portal busy: files count, and one upload at a time.

Reviewed: failed attempts could reach four times the report limit (20 a
minute from one address), each re-encoding three large images, and four
at once killed every worker. Now a report whose files are examined counts
against the limit whatever they turn out to be, and one client's files are
examined one report at a time (throttle.evidence_slot); any other upload
meanwhile is asked to wait a few seconds, and keeps its text.
"""

import pytest
from django.test import RequestFactory

from portal import counters
from reports import forms, throttle
from reports.models import Evidence, Report

from .media import jpeg, png, upload

pytestmark = pytest.mark.django_db

FORM, API = "/report/", "/api/v1/reports"
BROKEN = jpeg((200, 120))[:-400]  # a screenshot cut off while sending


@pytest.fixture
def limit(settings, monkeypatch):
    """Two reports a minute, the throttle's clock stopped 10 s into a window."""
    settings.REPORT_RATE_LIMIT = "2/m"
    monkeypatch.setattr(throttle, "_now", lambda: 29_000_000 * 60 + 10.5)


@pytest.fixture(params=["database", "cache"])
def shared_counters(request, settings):
    """Both places the counters live in: the database (no Redis) and the cache."""
    settings.SHARED_COUNTERS = request.param


def slot_key():
    return throttle.evidence_slot_key(RequestFactory().post("/", REMOTE_ADDR="127.0.0.1"))


@pytest.mark.parametrize("url", [FORM, API])
def test_reports_whose_files_are_refused_count_against_the_limit(client, report_data, limit, url):
    for _ in range(2):
        files = [upload("man-hinh.jpg", BROKEN)]
        assert client.post(url, {**report_data, "evidence": files}).status_code == 400
    # The limit is spent: even a good report without files waits now.
    response = client.post(url, report_data)
    assert response.status_code == 429 and response["Retry-After"] == "50"
    assert not Report.objects.exists()


def test_a_mistake_in_the_text_with_a_file_attached_is_not_counted(client, report_data, limit):
    # Chị Lan forgets the number, her screenshot attached: nothing was decoded, nothing counts.
    for _ in range(3):
        files = [upload("man-hinh.png", png())]
        response = client.post(FORM, {**report_data, "source": "", "evidence": files})
        assert response.status_code == 400
    files = [upload("man-hinh.png", png())]
    assert client.post(FORM, {**report_data, "evidence": files}).status_code == 302
    assert Evidence.objects.count() == 1


@pytest.fixture
def meanwhile(monkeypatch):
    """Runs `send()` while the first report's files are being examined, as a second
    request from the same client would arrive; keeps what it answered."""
    answers, sent = [], []

    def during_examination(send):
        real = forms.examine

        def examine(upload):
            if not sent:  # once: the second request's own files are examined as usual
                sent.append(True)
                answers.append(send())
            return real(upload)

        monkeypatch.setattr(forms, "examine", examine)
        return answers

    return during_examination


def test_a_second_upload_while_the_first_is_examined_waits_and_keeps_its_text(
    client, report_data, limit, shared_counters, meanwhile
):
    second = {**report_data, "content": "Tin nhắn thứ hai", "province": "Bình Phước"}
    answers = meanwhile(lambda: client.post(FORM, {**second, "evidence": [upload("b.png", png())]}))
    first = client.post(FORM, {**report_data, "evidence": [upload("a.png", png())]})
    assert first.status_code == 302  # the first goes through
    (response,) = answers
    assert response.status_code == 429
    assert response["Retry-After"] == str(throttle.EVIDENCE_BUSY_RETRY_AFTER)
    html = response.content.decode()
    assert "vẫn đang được kiểm tra" in html and "Hãy đợi 5 giây rồi gửi lại" in html
    assert "Tin nhắn thứ hai" in html and 'value="Bình Phước"' in html
    assert "Hãy chọn lại tệp đính kèm" in html
    assert Report.objects.count() == 1 and Evidence.objects.count() == 1


def test_the_api_answers_a_second_upload_meanwhile_with_a_429(
    client, report_data, limit, shared_counters, meanwhile
):
    answers = meanwhile(
        lambda: client.post(API, {**report_data, "evidence": [upload("b.png", png())]})
    )
    assert (
        client.post(API, {**report_data, "evidence": [upload("a.png", png())]}).status_code == 201
    )
    (response,) = answers
    assert response.status_code == 429 and response["Retry-After"] == "5"
    assert "vẫn đang được kiểm tra" in response.json()["errors"]["__all__"][0]


def test_a_report_without_files_is_not_held_by_an_upload(client, report_data, limit, meanwhile):
    answers = meanwhile(lambda: client.post(API, report_data))
    assert (
        client.post(FORM, {**report_data, "evidence": [upload("a.png", png())]}).status_code == 302
    )
    assert answers[0].status_code == 201
    assert Report.objects.count() == 2


def test_another_address_is_not_held_either(client, report_data, limit, meanwhile):
    other = {**report_data, "evidence": [upload("b.png", png())]}
    answers = meanwhile(lambda: client.post(FORM, other, REMOTE_ADDR="10.0.0.2"))
    assert (
        client.post(FORM, {**report_data, "evidence": [upload("a.png", png())]}).status_code == 302
    )
    assert answers[0].status_code == 302


def test_the_slot_is_freed_when_the_work_ends_even_in_error(
    client, report_data, limit, shared_counters, monkeypatch
):
    def crash(upload):
        raise RuntimeError("a bug while examining")

    monkeypatch.setattr(forms, "examine", crash)
    with pytest.raises(RuntimeError):
        client.post(FORM, {**report_data, "evidence": [upload("a.png", png())]})
    assert counters.acquire(slot_key(), timeout=60)  # free again


def test_a_slot_left_by_a_killed_worker_frees_itself(
    client, report_data, limit, settings, monkeypatch
):
    settings.SHARED_COUNTERS = "database"
    monkeypatch.setattr(counters, "_now", lambda: 1_000_000)
    assert counters.acquire(slot_key(), timeout=throttle.EVIDENCE_SLOT_SECONDS)  # never released
    files = [upload("a.png", png())]
    assert client.post(FORM, {**report_data, "evidence": files}).status_code == 429
    monkeypatch.setattr(counters, "_now", lambda: 1_000_000 + throttle.EVIDENCE_SLOT_SECONDS + 1)
    files = [upload("a.png", png())]
    assert client.post(FORM, {**report_data, "evidence": files}).status_code == 302


def test_with_throttling_off_uploads_are_not_held(client, report_data, meanwhile):
    # REPORT_RATE_LIMIT=0 (this suite's default, and the benchmark's: one address for all).
    answers = meanwhile(
        lambda: client.post(FORM, {**report_data, "evidence": [upload("b.png", png())]})
    )
    assert (
        client.post(FORM, {**report_data, "evidence": [upload("a.png", png())]}).status_code == 302
    )
    assert answers[0].status_code == 302
