"""A chatbot retries a report after a timeout: with an Idempotency-Key, it is filed once.

The same key and the same body answer 200 with the first report's code
instead of 201; the same key with another body is refused with 422; a key is
a client's own (its address, as throttling counts it); a malformed key is a
400; without the header nothing changes.
"""

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from reports import submissions
from reports.models import Evidence, Report, SubmissionKey

from .media import png, upload
from .served import request, served_portal

pytestmark = pytest.mark.django_db

REPORT = {"kind": "LD", "source": "0912345678", "content": "Giả danh công an, dọa khóa SIM"}
KEY = "8e03978e-40d5-43e8-bc93-6894a57f9324"


def post(client, body=REPORT, key=KEY, **extra):
    headers = {} if key is None else {"Idempotency-Key": key}
    return client.post(
        "/api/v1/reports",
        json.dumps(body),
        content_type="application/json",
        headers={**headers, **extra.pop("headers", {})},
        **extra,
    )


def test_the_same_key_and_body_give_the_same_code_with_200_instead_of_201(client):
    first = post(client)
    again = post(client)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()  # code, case_number, receipt_url, status, sms…
    assert again["Idempotent-Replayed"] == "true"
    assert "Location" in first and "Location" not in again
    assert Report.objects.count() == 1
    assert again.json()["code"] == Report.objects.get().code
    # The case number too, what the citizen tells the police: the same on a replay.
    assert again.json()["case_number"] == Report.objects.get().case_number == "QG-2026-000001"


def test_the_same_body_is_the_same_however_it_is_written(client):
    code = post(client).json()["code"]
    reordered = {"content": REPORT["content"], "source": "0912345678", "kind": "LD"}
    assert post(client, reordered).json()["code"] == code
    assert post(client, {**REPORT, "province": None, "unknown": "ignored"}).status_code == 200
    assert post(client, key=f'"{KEY}"').json()["code"] == code  # a structured-field string
    form = client.post("/api/v1/reports", REPORT, headers={"Idempotency-Key": KEY})
    assert (form.status_code, form.json()["code"]) == (200, code)
    assert Report.objects.count() == 1


def test_the_same_key_with_another_body_is_refused_with_422_and_files_nothing(client):
    post(client)
    other = post(client, {**REPORT, "content": "Một cuộc gọi khác"})
    assert other.status_code == 422
    assert other.json() == {
        "errors": {
            "Idempotency-Key": [
                "Khóa Idempotency-Key này đã dùng cho một phản ánh khác nội dung. Mỗi phản ánh "
                "mới cần một khóa mới; gửi lại đúng nội dung cũ để nhận lại mã."
            ]
        }
    }
    assert Report.objects.count() == 1


def test_the_refusals_are_in_english_when_the_client_asks_for_english(client):
    post(client)
    other = post(client, {**REPORT, "source": "0987654321"}, headers={"Accept-Language": "en"})
    assert other.status_code == 422
    (message,) = other.json()["errors"]["Idempotency-Key"]
    assert message.startswith("This Idempotency-Key was already used for a different report.")
    bad = post(client, key="x" * 256, headers={"Accept-Language": "en"})
    assert bad.json()["errors"]["Idempotency-Key"] == [
        "The Idempotency-Key header is at most 255 characters long; this key is 256."
    ]


def test_without_the_header_every_post_is_a_report_as_before(client):
    answers = [post(client, key=None) for _ in range(2)]
    assert [answer.status_code for answer in answers] == [201, 201]
    assert answers[0].json()["code"] != answers[1].json()["code"]
    assert Report.objects.count() == 2


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("", "để trống"),
        ('""', "để trống"),
        ("x" * 256, "dài tối đa 255 ký tự; khóa này dài 256 ký tự"),
        ("khóa-của-tôi", "ký tự ASCII in được"),
        ("tab\there", "ký tự ASCII in được"),
    ],
)
def test_a_malformed_key_is_a_400_that_says_why(client, key, reason):
    response = post(client, key=key)
    assert response.status_code == 400
    (message,) = response.json()["errors"]["Idempotency-Key"]
    assert reason in message
    assert not Report.objects.exists()


def test_the_longest_key_and_any_printable_ascii_are_accepted(client):
    for key in ("k" * 255, 'order 42/7 ~ #a:b;c="d"'):
        assert post(client, key=key).status_code == 201
        assert post(client, key=key).status_code == 200
    assert Report.objects.count() == 2


def test_a_key_is_the_clients_own_another_client_guessing_it_learns_nothing(client):
    """Scoped by address: the same key from elsewhere is another client's key, even
    with the very same body; only its own report comes back to it."""
    first = post(client, REMOTE_ADDR="203.0.113.7").json()["code"]
    other = post(client, REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 201 and other.json()["code"] != first
    changed = post(client, {**REPORT, "content": "Đoán khóa"}, REMOTE_ADDR="192.0.2.1")
    assert changed.status_code == 201  # not even a 422: nothing says the key was used
    assert post(client, REMOTE_ADDR="203.0.113.7").json()["code"] == first
    assert Report.objects.count() == 3


def test_an_evidence_file_counts_as_part_of_the_body(client):
    def send(image):
        data = {**REPORT, "evidence": upload("sms.png", image)}
        return client.post("/api/v1/reports", data, headers={"Idempotency-Key": KEY})

    code = send(png()).json()["code"]
    again = send(png())
    assert (again.status_code, again.json()["code"]) == (200, code)
    assert send(png(size=(65, 40))).status_code == 422
    assert Evidence.objects.count() == 1


def test_a_retry_while_over_the_limit_is_told_when_to_come_back(client, settings):
    """Retries count as attempts: a client over its ceiling waits like any other."""
    settings.REPORT_RATE_LIMIT = "1/m"
    assert post(client).status_code == 201
    answers = [post(client).status_code for _ in range(5)]
    assert answers == [200, 200, 200, 200, 429]


def test_a_twin_that_looked_before_the_first_was_stored_gets_the_first_code(
    client, monkeypatch, settings
):
    settings.REPORT_RATE_LIMIT = "2/m"
    first = post(client).json()["code"]
    real, looked = submissions.earlier, []

    def before_the_first_was_stored(claim, now=None):
        looked.append(claim)
        return None if len(looked) == 1 else real(claim, now)

    monkeypatch.setattr(submissions, "earlier", before_the_first_was_stored)
    twin = post(client)
    assert (twin.status_code, twin.json()["code"]) == (200, first)
    monkeypatch.undo()
    assert Report.objects.count() == 1
    # Stored nothing, counted nothing: the client's second report of the minute passes.
    assert post(client, {**REPORT, "source": "0987654321"}, key=None).status_code == 201


def test_a_retry_a_day_later_is_a_new_report(client):
    first = post(client).json()["code"]
    used = SubmissionKey.objects.get().created_at
    SubmissionKey.objects.update(created_at=used - submissions.RETENTION)
    later = post(client)
    assert later.status_code == 201 and later.json()["code"] != first


def test_retries_at_the_same_moment_on_real_workers_file_one_report(tmp_path):
    """Eight identical posts with one key, released together on four gunicorn workers."""
    body = json.dumps(REPORT).encode()
    headers = {"Content-Type": "application/json", "Idempotency-Key": KEY}
    with served_portal(tmp_path, REPORT_RATE_LIMIT="0") as (host, port):
        start = threading.Barrier(8)

        def retry(_):
            start.wait()
            return request(host, port, "POST", "/api/v1/reports", body, headers)

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(retry, range(8)))
        assert sorted(status for status, _headers, _body in answers) == [200] * 7 + [201]
        assert len({json.loads(body)["code"] for _status, _headers, body in answers}) == 1
        _status, _headers, body = request(host, port, "GET", "/api/v1/lookup?number=0912345678")
        assert json.loads(body)["reports"]["total"] == 1
