"""Chị Mai reports a scam from a phone at 3G speed, straight to gunicorn (`make serve`, no proxy).

With gunicorn's sync workers, an upload longer than the 30 s timeout had its
worker killed half way, the phone got a bare English "Internal Server Error"
and the report was lost; a client that stalled held a whole worker for 30 s.
With the portal's threaded worker (portal/gunicorn_worker.py), the timeout
counts the silence between a client's bytes and the time a request works, not
how long a slow phone takes: Mai's upload goes through; a client that stops
sending is let go with the portal's own page, while others are served; a
request that works too long still has its worker restarted.

The servers run with `--timeout 3` (production's is 30 s): every limit below
is that one, scaled down so the suite stays quick.
"""

import http.client
import json
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.reports.media import png
from tests.servers import (
    count_rows,
    free_port,
    get,
    manage,
    production_env,
    start_gunicorn,
    stop,
    wait_for,
)

TIMEOUT = 3
BOUNDARY = "----mai-phone-7f3a"


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """The portal under gunicorn as `make serve` runs it: one worker of three threads."""
    folder = tmp_path_factory.mktemp("slow-clients")
    port = free_port()
    env = production_env(folder, PORT=str(port), WORKERS="1", THREADS="3")
    manage(env, "migrate", "--noinput", "-v0")
    log_path = folder / "gunicorn.log"
    server = start_gunicorn(env, log_path, "--timeout", str(TIMEOUT))
    base = f"http://127.0.0.1:{port}"
    wait_for(f"{base}/healthz", server, log_path)
    yield {"port": port, "base": base, "env": env, "log": log_path}
    stop(server)


@pytest.fixture(scope="module")
def bare_app(tmp_path_factory):
    """The same configuration around tests/portal/slow_app.py: one worker, two threads."""
    folder = tmp_path_factory.mktemp("slow-app")
    port = free_port()
    env = production_env(folder, PORT=str(port), WORKERS="1", THREADS="2")
    log_path = folder / "gunicorn.log"
    server = start_gunicorn(
        env, log_path, "--timeout", str(TIMEOUT), app="tests.portal.slow_app:app"
    )
    wait_for(f"http://127.0.0.1:{port}/work", server, log_path)
    yield {"port": port, "log": log_path}
    stop(server)


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


MAI = {
    "kind": "LD",
    "source": "0912345678",
    "content": "Giả danh công an, yêu cầu chuyển tiền vào tài khoản tạm giữ",
}


def send_head(port, method, path, length, content_type):
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {length}\r\n\r\n".encode()
    )
    return sock


def answer(sock):
    """(status, body) as the client reads them off its socket."""
    response = http.client.HTTPResponse(sock)
    response.begin()
    return response.status, response.read()


def trickle(sock, data, seconds):
    """`data` in small pieces over `seconds`: a phone that never pauses long."""
    pieces = max(1, int(seconds / 0.25))
    size = -(-len(data) // pieces)
    for start in range(0, len(data), size):
        sock.sendall(data[start : start + size])
        time.sleep(0.25)


def test_an_upload_slower_than_the_timeout_still_ends_with_a_receipt(portal):
    body = multipart(MAI, [("evidence", "man-hinh.png", "image/png", png(size=(120, 80)))])
    sock = send_head(
        portal["port"],
        "POST",
        "/api/v1/reports",
        len(body),
        f"multipart/form-data; boundary={BOUNDARY}",
    )
    started = time.monotonic()
    trickle(sock, body, seconds=3 * TIMEOUT)
    status, text = answer(sock)
    sock.close()
    assert time.monotonic() - started > 3 * TIMEOUT  # three times what a sync worker allowed
    assert status == 201, text
    assert b'"code"' in text
    assert count_rows(portal["env"], "reports_report") == 1
    assert count_rows(portal["env"], "reports_evidence") == 1
    log = portal["log"].read_text()
    assert "WORKER TIMEOUT" not in log
    assert log.count("Booting worker") == 1


def test_a_client_that_stops_sending_is_let_go_with_the_portals_answer(portal):
    """In Vietnamese, in the API's shape (the form's page: tests/portal/test_unreadable_body.py)."""
    reports_before = count_rows(portal["env"], "reports_report")
    body = multipart(MAI)
    content_type = f"multipart/form-data; boundary={BOUNDARY}"
    sock = send_head(portal["port"], "POST", "/api/v1/reports", len(body) + 5000, content_type)
    sock.sendall(body)  # and then nothing: the phone lost its signal
    stalled = time.monotonic()

    # Meanwhile, everyone else is served: the stalled client holds one thread.
    before = time.monotonic()
    status, _, _ = get(f"{portal['base']}/healthz", timeout=TIMEOUT)
    assert status == 200
    assert time.monotonic() - before < 1

    status, text = answer(sock)
    sock.close()
    waited = time.monotonic() - stalled
    assert TIMEOUT - 0.5 < waited < 2 * TIMEOUT
    assert status == 400
    assert json.loads(text) == {
        "errors": {
            "__all__": [
                "Cổng chưa nhận đủ dữ liệu gửi lên: kết nối chậm quá lâu hoặc bị ngắt giữa "
                "chừng, nên chưa có gì được lưu. Hãy kiểm tra kết nối mạng rồi gửi lại."
            ]
        }
    }
    assert count_rows(portal["env"], "reports_report") == reports_before
    log = portal["log"].read_text()
    assert "the client stopped sending: POST /api/v1/reports" in log
    assert "Traceback" not in log
    assert "WORKER TIMEOUT" not in log


def test_a_client_that_stops_in_the_middle_of_its_headers_is_let_go(portal):
    sock = socket.create_connection(("127.0.0.1", portal["port"]), timeout=30)
    sock.sendall(b"POST /report/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty")
    stalled = time.monotonic()
    assert get(f"{portal['base']}/healthz", timeout=TIMEOUT)[0] == 200
    assert sock.recv(1024) == b""  # closed by gunicorn
    assert TIMEOUT - 0.5 < time.monotonic() - stalled < 2 * TIMEOUT
    sock.close()
    assert "WORKER TIMEOUT" not in portal["log"].read_text()


def slow_reader(port, size, rate):
    """GET /big, read at `rate` bytes a second; (bytes received, seconds it took)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(f"GET /big?mb={size // 1024**2} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    received, started = 0, time.monotonic()
    while received < size and (chunk := sock.recv(64 * 1024)):
        received += len(chunk)
        time.sleep(max(0.0, started + received / rate - time.monotonic()))
    sock.close()
    return received, time.monotonic() - started


def test_reading_a_slow_body_and_sending_to_a_slow_reader_are_not_work(bare_app):
    """Both at once, one thread each: neither counts towards the timeout."""
    with ThreadPoolExecutor(1) as pool:
        # 16 MB read at 2 MB a second: the sockets' buffers hold a fraction of it.
        reading = pool.submit(slow_reader, bare_app["port"], 16 * 1024**2, 2 * 1024**2)
        data = b"y" * 20_000
        sock = send_head(bare_app["port"], "POST", "/read", len(data), "application/octet-stream")
        trickle(sock, data, seconds=2 * TIMEOUT + 0.5)
        assert answer(sock) == (200, b"read 20000")
        sock.close()
        received, seconds = reading.result()
    assert received > 16 * 1024**2  # the whole answer, headers included
    assert seconds > 2 * TIMEOUT
    assert "WORKER TIMEOUT" not in bare_app["log"].read_text()


def test_a_request_that_works_too_long_has_its_worker_restarted(bare_app):
    """The last resort behind every limit of the portal, as with sync workers."""
    status, _, first = get(f"http://127.0.0.1:{bare_app['port']}/work")
    assert status == 200
    sock = socket.create_connection(("127.0.0.1", bare_app["port"]), timeout=30)
    sock.sendall(b"GET /work?seconds=60 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    started = time.monotonic()
    # No answer, and no bare English page either: behind nginx, the portal's 502 page.
    assert sock.recv(1024) == b""
    assert time.monotonic() - started < 3 * TIMEOUT + 2
    sock.close()
    log = bare_app["log"].read_text()
    assert f"A request has worked for more than {TIMEOUT} s" in log
    assert "WORKER TIMEOUT" in log
    # A new worker serves the next request.
    deadline = time.monotonic() + 10
    while True:
        try:
            status, _, again = get(f"http://127.0.0.1:{bare_app['port']}/work", timeout=2)
            if status == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert again != first  # another process
