"""Hà, an inspector, searches the admin for a receipt code and a citizen's e-mail: Anh Khoa,
who reads gunicorn's access log, finds neither there.

Reviewed: admin searches (`?q=<code>`, `?q=<email>`), the autocomplete's
`term`, `_changelist_filters`, the login's `next` and the Referer of the
following admin page all carried them verbatim into gunicorn's access log.
This starts a real gunicorn, through the configuration `make serve` uses, with
an access log file, makes each of those requests, and greps the file: not a
code or an address, and each line still says what was asked and how it went.
"""

import http.cookiejar
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

CONFIG = Path(settings.BASE_DIR) / "portal" / "gunicorn_conf.py"
GUNICORN = Path(sys.executable).parent / "gunicorn"
EMAIL = "lan.nguyen@example.vn"
PASSWORD = secrets.token_urlsafe(16)


def manage(*args, env):
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def portal(tmp_path):
    """gunicorn serving a throw-away database holding Hà's account and one report."""
    port = free_port()
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DJANGO_DEBUG="1",  # collected static files are not needed for the admin's pages
        REDIS_URL="",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    manage("migrate", "--noinput", "-v0", env=env)
    code = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "from tests.reports.conftest import make_report\n"
        f"ha = get_user_model().objects.create_superuser('ha', password={PASSWORD!r})\n"
        "from portal.two_factor import new_recovery_codes\n"
        "second = new_recovery_codes(ha)[0]\n"
        "from django.utils import timezone\n"
        f"report = make_report(contact={EMAIL!r}, contact_consent_text='Đồng ý',"
        " contact_consented_at=timezone.now())\n"
        "print(report.pk, report.code, second)",
        env=env,
    ).split()[-3:]
    access_log = tmp_path / "access.log"
    output = tmp_path / "gunicorn.log"
    with open(output, "w") as out:
        server = subprocess.Popen(
            [
                *(str(GUNICORN), "-c", str(CONFIG), "portal.wsgi"),
                *("--bind", f"127.0.0.1:{port}", "--workers", "1"),
                *("--access-logfile", str(access_log)),
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"

    def stop():
        """Stop gunicorn as a deployment does (SIGTERM: workers finish and log their last
        lines), then the log holds every request made."""
        if server.poll() is not None:
            return
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    try:
        deadline = time.monotonic() + 20
        while True:
            assert server.poll() is None, output.read_text()
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, output.read_text()
                time.sleep(0.1)
        yield {
            "base": base,
            "pk": code[0],
            "code": code[1],
            "second_factor": code[2],
            "log": access_log,
            "output": output,
            "stop": stop,
        }
    finally:
        stop()


class Browser:
    """Hà's browser: cookies kept, redirects not followed (each request is one log line)."""

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), self.NoRedirects()
        )

    def open(self, path, data=None, **headers):
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(data).encode() if data else None,
            headers=headers,
        )
        try:
            with self.opener.open(request, timeout=10) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def sign_in(self):
        status, page = self.open("/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        form = {"csrfmiddlewaretoken": token, "username": "ha", "password": PASSWORD}
        status, _ = self.open("/admin/login/", form, Referer=f"{self.base}/admin/login/")
        assert status == 302
        # The second step, with one of Hà's recovery codes.
        status, page = self.open("/admin/second-factor/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        form = {"csrfmiddlewaretoken": token, "code": self.second_factor}
        status, _ = self.open(
            "/admin/second-factor/", form, Referer=f"{self.base}/admin/second-factor/"
        )
        assert status == 302


def test_admin_searches_leave_no_code_or_email_in_the_access_log(portal):
    base, code = portal["base"], portal["code"]
    quoted_email = urllib.parse.quote(EMAIL)  # lan.nguyen%40example.vn
    browser = Browser(base)
    browser.second_factor = portal["second_factor"]
    browser.sign_in()
    asked = {
        # The list's search, by code and by the citizen's e-mail.
        f"/admin/reports/report/?q={code}": 200,
        f"/admin/reports/report/?q={quoted_email}": 200,
        f"/admin/auth/user/?q={EMAIL}": 200,
        # The admin's autocomplete, as the organisation form's province box asks it.
        f"/admin/autocomplete/?term={quoted_email}&app_label=advisories"
        "&model_name=organization&field_name=province": 200,
        # A change page opened from the searched list.
        f"/admin/reports/report/{portal['pk']}/change/"
        f"?_changelist_filters=q%3D{code}%26status__exact%3Dnew": 200,
        # The login's way back to such a list.
        f"/admin/login/?next=/admin/reports/report/%3Fq%3D{quoted_email}": 302,
    }
    for path, expected in asked.items():
        status, _ = browser.open(path)
        assert status == expected, path
    # The next admin page and its style sheet, opened from the searched list.
    referer = f"{base}/admin/reports/report/?q={code}&status__exact=new"
    assert browser.open("/admin/", Referer=referer)[0] == 200
    assert browser.open("/static/admin/css/base.css", Referer=referer)[0] == 200
    assert browser.open("/admin/", Referer=f"{base}/admin/auth/user/?q={quoted_email}")[0] == 200

    portal["stop"]()  # a line is written once its response has gone: wait for the last
    log = portal["log"].read_text()
    lines = log.splitlines()
    output = portal["output"].read_text()
    for secret in (code, code.replace("-", ""), code.lower(), EMAIL, quoted_email, "lan.nguyen"):
        assert secret not in log, secret
        assert secret not in output, secret  # gunicorn's error log and Django's lines
    # Each line still says what was asked and how it went.
    for line in [
        '"GET /admin/reports/report/?q=[…] HTTP/1.1" 200',
        '"GET /admin/auth/user/?q=[…] HTTP/1.1" 200',
        '"GET /admin/autocomplete/?term=[…]&app_label=advisories&model_name=organization'
        '&field_name=province HTTP/1.1" 200',
        f'"GET /admin/reports/report/{portal["pk"]}/change/?_changelist_filters=[…] HTTP/1.1" 200',
        '"GET /admin/login/?next=[…] HTTP/1.1" 302',
        '"GET /admin/ HTTP/1.1" 200 ',
        f'"{base}/admin/reports/report/?q=[…]&status__exact=new"',
        '"GET /static/admin/css/base.css HTTP/1.1" 200',
        f'"{base}/admin/auth/user/?q=[…]"',
    ]:
        assert any(line in logged for logged in lines), line
    assert sum("?q=[…]" in logged for logged in lines) >= 6  # three searches, three referers
