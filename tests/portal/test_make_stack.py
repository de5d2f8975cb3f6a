"""Anh Khoa runs `make stack`: nginx in front of gunicorn and the job worker, as on the server.

The portal is reached through nginx only (deploy/nginx/stack.conf, sharing the
server's deploy/nginx/portal-*.conf): bodies buffered whole and capped, the
client's address passed on as REPORT_TRUSTED_PROXIES expects, static files
served by nginx, and the portal's own pages whenever nginx answers by itself.
A real Chromium on a slow phone goes through the same stack in
tests/browser/test_slow_phone_upload.py.
"""

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portal.stack import nginx_config
from tests.reports.media import png
from tests.servers import (
    BASE_DIR,
    count_rows,
    descendants,
    free_port,
    get,
    running,
    wait_for,
)

BOUNDARY = "----khoa-7Qx"


def request(stack, method, path, body=b"", headers=None, source="127.0.0.1", timeout=60):
    """(status, headers, body) of one request to nginx from a given loopback address."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", stack.port, timeout=timeout, source_address=(source, 0)
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        return answer.status, answer.headers, answer.read()
    finally:
        connection.close()


def multipart(fields, files=()):
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    for name, filename, content_type, data in files:
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def file_report(stack, source="127.0.0.1", files=(), **headers):
    body = multipart(
        {"kind": "LD", "source": "0912345678", "content": "Giả danh công an, đòi chuyển tiền"},
        files,
    )
    headers["Content-Type"] = f"multipart/form-data; boundary={BOUNDARY}"
    return request(stack, "POST", "/api/v1/reports", body, headers, source=source)


def oversized(stack, path="/report/", **headers):
    """A body announced at 40 MB: nginx answers before reading it."""
    connection = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=30)
    try:
        connection.putrequest("POST", path)
        connection.putheader("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")
        connection.putheader("Content-Length", str(40 * 1024 * 1024))
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        connection.send(b"-" * 65536)  # the start of the upload; nginx has answered already
        answer = connection.getresponse()
        return answer.status, answer.headers, answer.read().decode()
    finally:
        connection.close()


def command_line(pid):
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


def test_the_portal_answers_through_nginx_and_gunicorn_listens_on_its_socket_only(stack):
    status, headers, body = request(stack, "GET", "/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok", "database": "ok"})
    assert headers["Server"] == "nginx"
    assert (stack.run_dir / "gunicorn.sock").is_socket()
    commands = [command_line(pid) for pid in stack.processes()]
    assert any("nginx: master process" in line for line in commands)
    assert any("-m gunicorn -c portal/gunicorn_conf.py portal.wsgi" in line for line in commands)
    assert any("manage.py worker" in line for line in commands)


def test_an_oversized_upload_gets_the_portals_own_page_and_nothing_is_stored(stack):
    before = count_rows(stack.env, "reports_report")
    status, headers, page = oversized(stack)
    assert status == 413
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-store"
    assert "Retry-After" not in headers  # the same file will not fit later either
    assert '<html lang="vi">' in page
    assert "<title>Tệp gửi lên quá lớn · Cổng cảnh báo lừa đảo</title>" in page
    assert "chưa có gì được lưu" in page
    assert "Mỗi phản ánh gửi được tối đa 3 tệp, mỗi tệp đến 10 MB" in page
    assert "nginx" not in page
    assert count_rows(stack.env, "reports_report") == before

    status, _, page = oversized(stack, "/api/v1/reports", Cookie="django_language=en")
    assert status == 413
    assert '<html lang="en">' in page
    assert "A report can carry at most 3 files of up to 10 MB each" in page
    assert count_rows(stack.env, "reports_report") == before


def test_a_request_nginx_cannot_read_gets_the_portals_page(stack):
    status, _, page = request(stack, "GET", "/lookup/", headers={"Cookie": "x=" + "a" * 20_000})
    assert status == 400
    assert "<title>Yêu cầu không hợp lệ · Cổng cảnh báo lừa đảo</title>" in page.decode()


def test_evidence_reaches_gunicorn_whole_and_is_never_served_from_media(stack):
    screenshot = png(size=(400, 300))
    status, headers, body = file_report(
        stack, files=[("evidence", "man-hinh.png", "image/png", screenshot)]
    )
    assert status == 201, body
    code = json.loads(body)["code"]
    assert headers["Location"] == f"/report/{code}/"
    stored = [path for path in (stack.folder / "media").rglob("*") if path.is_file()]
    assert stored
    for path in stored:
        relative = path.relative_to(stack.folder / "media")
        for address in (f"/media/{relative}", f"/static/../media/{relative}"):
            assert request(stack, "GET", address)[0] == 404


def test_the_client_is_counted_by_its_address_whatever_it_forges(stack):
    """REPORT_TRUSTED_PROXIES=1 reads the address nginx appends; reports are 2 a minute here."""

    def forged():
        return {"X-Forwarded-For": f"203.0.113.{secrets.randbelow(250)}"}

    assert file_report(stack, source="127.0.0.2", **forged())[0] == 201
    assert file_report(stack, source="127.0.0.2", **forged())[0] == 201
    status, headers, _ = file_report(stack, source="127.0.0.2", **forged())
    assert status == 429 and int(headers["Retry-After"]) > 0
    # Another citizen, another address: not behind one shared counter.
    assert file_report(stack, source="127.0.0.3")[0] == 201


def hashed(stack, name):
    manifest = json.loads((stack.folder / "static" / "staticfiles.json").read_text())
    return manifest["paths"][name]


def test_static_files_come_from_nginx_compressed_and_cached_for_a_year(stack):
    path = f"/static/{hashed(stack, 'css/portal.css')}"
    status, headers, _ = request(stack, "GET", path, headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Server"] == "nginx"
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Type"] == "text/css"
    # The same file under its plain name may change with the next release.
    assert request(stack, "GET", "/static/css/portal.css")[1]["Cache-Control"] == (
        "public, max-age=60"
    )


def test_the_access_log_holds_no_receipt_code(stack):
    status, _, body = file_report(stack, source="127.0.0.4")
    assert status == 201
    code = json.loads(body)["code"]
    assert request(stack, "GET", f"/report/{code}/", source="127.0.0.4")[0] == 200
    request(stack, "GET", f"/report/find?code={code}", source="127.0.0.4")
    request(
        stack,
        "GET",
        f"/static/{hashed(stack, 'css/portal.css')}",
        headers={"Referer": f"{stack.base}/report/{code}/"},
    )
    deadline = time.monotonic() + 5  # nginx writes its line once the answer is sent
    log = ""
    while "/report/find" not in log and time.monotonic() < deadline:
        log = (stack.run_dir / "access.log").read_text()
        time.sleep(0.1)
    assert '"GET /report/[mã]/ HTTP/1.1" 200' in log
    assert '"GET /report/find HTTP/1.1"' in log
    assert '"POST /report/ HTTP/1.1" 413' in log  # the method sent, not nginx's GET
    assert code not in log
    assert code not in stack.log.read_text()  # gunicorn's access log, on make's output


def test_during_maintenance_nginx_shows_the_503_page(stack):
    flag = stack.run_dir / "maintenance"
    flag.touch()
    try:
        status, headers, page = request(stack, "GET", "/report/")
        assert status == 503
        assert headers["Retry-After"] == "120"
        assert "<title>Cổng đang bảo trì · Cổng cảnh báo lừa đảo</title>" in page.decode()
        # Its stylesheet is still served.
        assert request(stack, "GET", f"/static/{hashed(stack, 'css/portal.css')}")[0] == 200
    finally:
        flag.unlink()
    assert request(stack, "GET", "/report/")[0] == 200


@pytest.fixture
def nginx_alone(stack, tmp_path_factory):
    """make stack's nginx configuration with no gunicorn behind it (stopped, restarting)."""
    folder = tmp_path_factory.mktemp("nginx-alone")
    port = free_port()
    (folder / "tmp").mkdir()
    config = folder / "nginx.conf"
    config.write_text(nginx_config(folder, f"127.0.0.1:{port}", stack.folder / "static"))
    log_path = folder / "nginx.log"
    with open(log_path, "w") as log:
        nginx = subprocess.Popen(
            ["nginx", "-e", "stderr", "-p", str(folder), "-c", str(config), "-g", "daemon off;"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    wait_for(f"{base}/static/css/portal.css", nginx, log_path, seconds=20)
    yield base
    nginx.send_signal(signal.SIGQUIT)
    nginx.wait(timeout=20)


def test_when_gunicorn_is_away_nginx_shows_the_502_page(nginx_alone):
    status, headers, body = get(f"{nginx_alone}/report/")
    assert status == 502
    assert headers["Retry-After"] == "30"
    page = body.decode()
    assert "<title>Cổng tạm thời không phản hồi · Cổng cảnh báo lừa đảo</title>" in page
    assert "156" in page and "5656" in page  # reporting by SMS meanwhile
    status, _, body = get(f"{nginx_alone}/report/", Cookie="django_language=en")
    assert "<title>The portal is not answering for now" in body.decode()


# --- Starting and stopping -------------------------------------------------------


def start_supervisor(stack, folder, **env):
    """`manage.py stack` (what make stack runs once prepared), on the session's database."""
    port = free_port()
    environment = {**stack.env, "PORT": str(port), "STACK_DIR": str(folder), **env}
    environment.update(
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_PROXY_SSL_HEADER="1",
        REPORT_TRUSTED_PROXIES="1",
    )
    log_path = folder.parent / f"{folder.name}.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "stack"],
            cwd=BASE_DIR,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return process, f"http://127.0.0.1:{port}", log_path


def parent(pid):
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat[stat.rindex(")") + 2 :].split()[1])


def wait_gone(pids, seconds=10):
    deadline = time.monotonic() + seconds
    while any(running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return [pid for pid in pids if running(pid)]


@pytest.mark.parametrize(
    ("how", "signal_number"),
    [("Ctrl-C", signal.SIGINT), ("SIGTERM", signal.SIGTERM)],
)
def test_ctrl_c_or_sigterm_stops_all_of_it(stack, tmp_path_factory, how, signal_number):
    folder = tmp_path_factory.mktemp("supervisor")
    process, base, log_path = start_supervisor(stack, folder / "run")
    wait_for(f"{base}/healthz", process, log_path)
    below = descendants(process.pid)
    assert len(below) >= 4  # nginx and its worker, gunicorn and its workers, the job worker
    if how == "Ctrl-C":
        os.killpg(process.pid, signal_number)  # the terminal signals the whole foreground group
    else:
        process.send_signal(signal_number)
    assert process.wait(timeout=60) == 0
    assert wait_gone(below) == []
    assert not (folder / "run" / "gunicorn.sock").exists()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1])), timeout=2)
    assert "make stack: stopped" in log_path.read_text()


def test_when_one_part_dies_the_rest_is_stopped(stack, tmp_path_factory):
    folder = tmp_path_factory.mktemp("supervisor")
    process, base, log_path = start_supervisor(stack, folder / "run")
    wait_for(f"{base}/healthz", process, log_path)
    below = descendants(process.pid)
    children = [pid for pid in below if parent(pid) == process.pid]
    gunicorn = next(pid for pid in children if "-m gunicorn" in command_line(pid))
    os.kill(gunicorn, signal.SIGKILL)
    assert process.wait(timeout=60) == 1
    assert wait_gone(below) == []
    output = log_path.read_text()
    assert "make stack: gunicorn stopped (exit status -9)" in output
    assert "a part of the stack stopped: the rest was stopped too" in output


def test_a_second_stack_in_the_same_folder_is_refused(stack):
    process, _, log_path = start_supervisor(stack, stack.run_dir)
    assert process.wait(timeout=30) == 1
    assert f"another make stack is running from {stack.run_dir}" in log_path.read_text()


def test_evidence_limits_nginx_would_refuse_stop_the_start(stack, tmp_path_factory):
    folder = tmp_path_factory.mktemp("supervisor")
    process, _, log_path = start_supervisor(
        stack, folder / "run", REPORT_EVIDENCE_MAX_SIZE=str(20 * 1024 * 1024)
    )
    assert process.wait(timeout=30) == 1
    assert re.search(
        r"deploy/nginx/portal-common.conf: client_max_body_size is 35 MB, but a report may be "
        r"61 MB \(REPORT_EVIDENCE_MAX_FILES × REPORT_EVIDENCE_MAX_SIZE and the form\): raise it",
        log_path.read_text(),
    )
    assert descendants(process.pid) == []
