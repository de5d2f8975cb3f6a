"""Anh Khoa, who runs the servers, reads the logs: never a receipt code or what a citizen typed.

A receipt code is the only key to a report and to the withdrawal of its
contact details; whoever reads it in a log could use it. One function hides
it, and the values of `code`, `content` and `contact` in a query string, and
of what staff search for (`q`, `term`, `_changelist_filters`, `next`),
wherever a URL turns up in a log line.
"""

import logging

import pytest

from portal.redaction import RedactFilter, redact

CODE = "7KQ2-M9XD-4TPA"


@pytest.mark.parametrize(
    ("line", "redacted"),
    [
        (f"/report/{CODE}/", "/report/[mã]/"),
        (f"/report/{CODE}/withdraw", "/report/[mã]/withdraw"),
        ("/report/7kq2m9xd4tpa/", "/report/[mã]/"),
        # Django's request.path is decoded: a code typed with spaces is one segment.
        ("/report/7KQ2 M9XD 4TPA/", "/report/[mã]/"),
        (f"/report/find?code={CODE}", "/report/find?code=[…]"),
        ("/report/find?code=7KQ2+M9XD+4TPA&x=1", "/report/find?code=[…]&x=1"),
        (
            "/api/v1/compose?kind=LD&source=0912345678&content=Gi%E1%BA%A3+danh&province=hue",
            "/api/v1/compose?kind=LD&source=0912345678&content=[…]&province=hue",
        ),
        ("/api/v1/reports?contact=0987654321", "/api/v1/reports?contact=[…]"),
        # What staff search the admin for, and where the search travels on.
        (f"/admin/reports/report/?q={CODE}", "/admin/reports/report/?q=[…]"),
        (
            "/admin/auth/user/?q=lan.nguyen%40example.vn&is_staff__exact=1",
            "/admin/auth/user/?q=[…]&is_staff__exact=1",
        ),
        ("/admin/auth/user/?Q=lan@example.vn", "/admin/auth/user/?Q=[…]"),
        (
            "/admin/autocomplete/?term=lan%40example.vn&app_label=auth&model_name=user",
            "/admin/autocomplete/?term=[…]&app_label=auth&model_name=user",
        ),
        (
            f"/admin/reports/report/42/change/?_changelist_filters=q%3D{CODE}%26status__exact%3Dnew",
            "/admin/reports/report/42/change/?_changelist_filters=[…]",
        ),
        (
            f"/admin/login/?next=/admin/reports/report/%3Fq%3D{CODE}",
            "/admin/login/?next=[…]",
        ),
        (
            f"https://canhbao.example.vn/admin/reports/report/?q={CODE}&status__exact=new",
            "https://canhbao.example.vn/admin/reports/report/?q=[…]&status__exact=new",
        ),
        # A citizen's search of the letters is what they typed, too.
        ("/advisories/?q=mao+danh&province=dak-lak", "/advisories/?q=[…]&province=dak-lak"),
        # A request line, as gunicorn and runserver log it.
        (f"GET /report/{CODE}/ HTTP/1.1", "GET /report/[mã]/ HTTP/1.1"),
        (
            f'"POST /report/{CODE}/withdraw HTTP/1.1" 403 2786',
            '"POST /report/[mã]/withdraw HTTP/1.1" 403 2786',
        ),
        # A Referer: a page opened from the receipt.
        (f"https://canhbao.example.vn/report/{CODE}/", "https://canhbao.example.vn/report/[mã]/"),
        (
            f"Forbidden (Referer checking failed - https://evil.example/report/{CODE}/ does not "
            f"match any trusted origins.): /report/{CODE}/withdraw",
            "Forbidden (Referer checking failed - https://evil.example/report/[mã]/ does not "
            "match any trusted origins.): /report/[mã]/withdraw",
        ),
    ],
)
def test_codes_and_typed_values_are_hidden(line, redacted):
    assert redact(line) == redacted
    assert redact(redacted) == redacted  # twice changes nothing


@pytest.mark.parametrize(
    "line",
    [
        "/report/",
        "/report/find",
        "/report/find?province=hue",
        "/lookup/?number=0912345678",
        "/api/v1/compose?kind=LD&source=0912345678",
        "/admin/reports/report/42/change/",  # the inspector's admin: a row number, not a key
        "/admin/reports/report/?status__exact=new&source__exact=0912345678&o=-1",
        "/advisories/?province=dak-lak&year=2025",
        'GET /static/css/site.css HTTP/1.1" 200 1234',
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36",
        "",
    ],
)
def test_everything_else_is_kept_as_it_was(line):
    assert redact(line) == line


def record(msg, *args, exc_info=None):
    return logging.LogRecord("django.request", logging.WARNING, __file__, 1, msg, args, exc_info)


def test_the_filter_redacts_a_record_for_every_handler_after_it():
    item = record("Not Found: %s", "/report/7KQ2 M9XD 4TPA/")
    assert RedactFilter().filter(item) is True  # redacts, never drops
    assert item.getMessage() == "Not Found: /report/[mã]/"


def test_the_filter_redacts_objects_formatted_into_the_message_and_tracebacks():
    class Request:
        def __repr__(self):
            return f"<WSGIRequest: GET '/report/{CODE}/'>"

    try:
        raise ValueError(f"no report at /report/{CODE}/")
    except ValueError as error:
        item = record("Internal Server Error: %s", Request(), exc_info=(ValueError, error, None))
    RedactFilter().filter(item)
    text = logging.Formatter().format(item)
    assert CODE not in text
    assert "<WSGIRequest: GET '/report/[mã]/'>" in text
    assert "ValueError: no report at /report/[mã]/" in text


def test_a_record_with_mapping_arguments_is_redacted_too():
    item = record("%(path)s answered %(status)s", {"path": f"/report/{CODE}/", "status": 404})
    RedactFilter().filter(item)
    assert item.getMessage() == "/report/[mã]/ answered 404"
