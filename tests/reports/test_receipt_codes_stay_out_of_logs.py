"""Chị Lan's receipt code is her only key: Django's logs never write it down.

Anh Khoa, who runs the servers, reads warnings such as "Not Found: …" and
"Forbidden (CSRF cookie not set.): …" every day; they name the address, and
the address of a receipt holds the code.
"""

import io
import logging

import pytest
from django.test import Client

from portal.redaction import RedactFilter
from reports.models import Report

pytestmark = pytest.mark.django_db

WRONG_CODE = "7KQ2-M9XD-4TPA"


@pytest.fixture
def written_logs():
    """What the handlers of settings.LOGGING write (root's and runserver's), read back as text."""
    handlers = [
        handler
        for name in ("", "django.server")
        for handler in logging.getLogger(name).handlers
        if any(isinstance(item, RedactFilter) for item in handler.filters)
    ]
    assert len(handlers) == 2
    streams = [io.StringIO() for _ in handlers]
    previous = [
        handler.setStream(stream) for handler, stream in zip(handlers, streams, strict=True)
    ]
    yield lambda: "".join(stream.getvalue() for stream in streams)
    for handler, stream in zip(handlers, previous, strict=True):
        handler.setStream(stream)


@pytest.fixture
def lan_report(client, report_data):
    response = client.post("/report/", {**report_data, "contact": "0987654321", "consent": "on"})
    assert response.status_code == 302
    return Report.objects.get()


@pytest.mark.parametrize(
    "path",
    [
        f"/report/{WRONG_CODE}/",
        "/report/7KQ2%20M9XD%204TPA/",  # typed with spaces: Django logs it decoded
        f"/report/{WRONG_CODE}/withdraw",
    ],
)
def test_a_wrong_receipt_code_is_a_404_whose_warning_holds_no_code(
    client, caplog, written_logs, path
):
    with caplog.at_level(logging.WARNING):
        assert client.get(path).status_code == 404
    warning = next(r for r in caplog.records if r.name == "django.request")
    assert warning.getMessage().startswith("Not Found: /report/[mã]/")
    for text in (caplog.text, written_logs()):
        assert "7KQ2" not in text and "4TPA" not in text
    assert "Not Found: /report/[mã]/" in written_logs()


def test_a_withdrawal_that_fails_the_security_check_is_logged_without_the_code(
    lan_report, caplog, written_logs
):
    with caplog.at_level(logging.WARNING):
        response = Client(enforce_csrf_checks=True).post(f"/report/{lan_report.code}/withdraw")
    assert response.status_code == 403
    names = {record.name for record in caplog.records}
    assert {"django.security.csrf", "portal.views"} <= names
    assert "CSRF failure on /report/[mã]/withdraw" in caplog.text
    assert "Forbidden (CSRF cookie not set.): /report/[mã]/withdraw" in caplog.text
    for text in (caplog.text, written_logs()):
        assert lan_report.code not in text
        assert "0987654321" not in text
    Report.objects.get(contact="0987654321")  # and nothing was erased


def test_runservers_request_lines_hold_no_code_nor_typed_text(written_logs):
    """`make run` prints every request; its handler is redefined with the same filter."""
    server = logging.getLogger("django.server")
    server.info('"%s" %s %s', f"GET /report/find?code={WRONG_CODE} HTTP/1.1", "302", "0")
    server.info('"%s" %s %s', f"GET /report/{WRONG_CODE}/ HTTP/1.1", "200", "5120")
    server.info('"%s" %s %s', "GET /api/v1/compose?kind=V&content=Alo%20em HTTP/1.1", "200", "9")
    text = written_logs()
    assert '"GET /report/find?code=[…] HTTP/1.1" 302 0' in text
    assert '"GET /report/[mã]/ HTTP/1.1" 200 5120' in text
    assert "content=[…]" in text
    assert WRONG_CODE not in text and "Alo" not in text
