"""gunicorn's access log, read by Anh Khoa, holds no receipt code and nothing a citizen typed.

Chị Lan opens her receipt; the page's style sheet is then requested with her
receipt's address in the Referer. Both lines are in the access log: the code
must be in neither. The same goes for `/report/find?code=` and for what a
chatbot sends in `GET /api/v1/compose?content=`.
"""

import datetime
import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from gunicorn.config import Config

CODE = "7KQ2-M9XD-4TPA"
RECEIPT = f"https://canhbao.example.vn/report/{CODE}/"
EVERY_URL_ATOM = (
    '"%(r)s" %(U)s ?%(q)s "%(f)s" "%({referer}i)s" %({location}o)s '
    "%({raw_uri}e)s %({path_info}e)s ?%({query_string}e)s %({http_referer}e)s"
)


@pytest.fixture
def access_log(tmp_path):
    """Log one request as `make serve`'s gunicorn would, with a format; returns the line."""
    module = runpy.run_path(str(Path(settings.BASE_DIR) / "portal" / "gunicorn_conf.py"))
    loggers = []

    def log(method, path, query="", referer="-", location=None, fmt=None):
        config = Config()
        config.set("accesslog", str(tmp_path / "access.log"))
        config.set("errorlog", str(tmp_path / "error.log"))
        if fmt:
            config.set("access_log_format", fmt)
        logger = module["logger_class"](config)
        loggers.append(logger)
        raw = path + (f"?{query}" if query else "")
        environ = {
            "REQUEST_METHOD": method,
            "RAW_URI": raw,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_REFERER": referer,
            "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 10; K)",
        }
        request = SimpleNamespace(
            headers=[("REFERER", referer), ("USER-AGENT", environ["HTTP_USER_AGENT"])]
        )
        headers = [("Content-Type", "text/html")] + ([("Location", location)] if location else [])
        response = SimpleNamespace(status="200 OK", headers=headers, sent=5120)
        logger.access(response, request, environ, datetime.timedelta(microseconds=1500))
        return (tmp_path / "access.log").read_text().splitlines()[-1]

    yield log
    for logger in loggers:
        for handler in logger.access_log.handlers + logger.error_log.handlers:
            handler.close()
        logger.access_log.handlers.clear()
        logger.error_log.handlers.clear()


def test_a_receipt_and_a_page_opened_from_it_are_logged_without_the_code(access_log):
    line = access_log("GET", f"/report/{CODE}/")
    assert '"GET /report/[mã]/ HTTP/1.1" 200 5120' in line
    line = access_log("GET", "/static/css/site.css", referer=RECEIPT)
    referer = '"https://canhbao.example.vn/report/[mã]/"'
    assert f'"GET /static/css/site.css HTTP/1.1" 200 5120 {referer}' in line
    assert CODE not in line


def test_every_atom_that_can_hold_the_address_is_redacted(access_log):
    line = access_log(
        "POST",
        f"/report/{CODE}/withdraw",
        query="code=7KQ2M9XD4TPA&x=1",
        referer=RECEIPT,
        location=f"/report/{CODE}/",
        fmt=EVERY_URL_ATOM,
    )
    assert CODE not in line and "7KQ2M9XD4TPA" not in line
    assert line.count("/report/[mã]/") == 8
    assert line.count("code=[…]&x=1") == 4


def test_find_and_compose_queries_keep_their_harmless_parameters_only(access_log):
    line = access_log("GET", "/report/find", query=f"code={CODE}")
    assert '"GET /report/find?code=[…] HTTP/1.1"' in line
    query = "kind=LD&source=0912345678&content=M%E1%BA%A1o+danh+c%C3%B4ng+an&province=hue"
    line = access_log("GET", "/api/v1/compose", query=query)
    assert '"GET /api/v1/compose?kind=LD&source=0912345678&content=[…]&province=hue ' in line


def test_gunicorns_error_lines_are_redacted_too(access_log, tmp_path):
    access_log("GET", "/")  # sets the logger up
    logging.getLogger("gunicorn.error").error("Error handling request %s", f"/report/{CODE}/")
    text = (tmp_path / "error.log").read_text()
    assert "Error handling request /report/[mã]/" in text
    assert CODE not in text
