"""Anh Khoa deploys with `make serve`: gunicorn listens on 127.0.0.1 behind the proxy.

Its workers are threaded (portal/gunicorn_worker.py; tests/portal/test_slow_clients.py
shows why), three processes of four threads unless WORKERS and THREADS say otherwise.

Listening on every interface would let a client reach gunicorn past the proxy
and forge X-Forwarded-For, which throttling and the admin's lockout trust.
BIND says otherwise when the deployment needs it; a bad value stops the
start-up with a message naming the variable.
"""

import os
import runpy
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from gunicorn import glogging
from gunicorn.config import Config

from portal.gunicorn_worker import ThreadWorker

CONFIG = Path(settings.BASE_DIR) / "portal" / "gunicorn_conf.py"
VARIABLES = ("BIND", "PORT", "WORKERS", "THREADS")


def gunicorn_config(monkeypatch, **env):
    """gunicorn's settings as it loads them from the config module, in this environment."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    module = runpy.run_path(str(CONFIG))
    config = Config()
    for name, value in module.items():
        if name in config.settings:  # what gunicorn does with a config file's names
            config.set(name, value)
    return config


def test_by_default_it_listens_on_loopback_with_three_workers_and_an_access_log(monkeypatch):
    config = gunicorn_config(monkeypatch)
    assert config.bind == ["127.0.0.1:8000"]
    assert config.workers == 3
    assert config.worker_class is ThreadWorker
    assert config.threads == 4
    assert config.timeout == 30
    assert config.accesslog == "-"
    assert issubclass(config.logger_class, glogging.Logger)
    assert config.logger_class is not glogging.Logger


def test_port_workers_and_threads_come_from_the_environment(monkeypatch):
    config = gunicorn_config(monkeypatch, PORT="9000", WORKERS="5", THREADS="8")
    assert config.bind == ["127.0.0.1:9000"]
    assert config.workers == 5
    assert config.threads == 8
    assert config.worker_class is ThreadWorker  # one thread is still the threaded worker
    assert gunicorn_config(monkeypatch, THREADS="1").worker_class is ThreadWorker


@pytest.mark.parametrize(
    ("value", "binds"),
    [
        ("0.0.0.0:8000", ["0.0.0.0:8000"]),
        ("unix:/run/portal.sock", ["unix:/run/portal.sock"]),
        ("[::1]:8001", ["[::1]:8001"]),
        ("127.0.0.1:8000, unix:/run/portal.sock", ["127.0.0.1:8000", "unix:/run/portal.sock"]),
    ],
)
def test_bind_says_otherwise(monkeypatch, value, binds):
    assert gunicorn_config(monkeypatch, BIND=value, PORT="9000").bind == binds


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BIND", "somewhere"),
        ("BIND", "0.0.0.0"),
        ("BIND", "0.0.0.0:99999"),
        ("BIND", ":8000"),
        ("BIND", "unix:"),
        ("BIND", "127.0.0.1:8000,"),
        ("PORT", "eighty"),
        ("PORT", "0"),
        ("WORKERS", "three"),
        ("WORKERS", "0"),
        ("THREADS", "many"),
        ("THREADS", "0"),
        ("THREADS", "65"),
    ],
)
def test_a_bad_value_stops_the_start_up_naming_the_variable(monkeypatch, name, value):
    with pytest.raises(SystemExit) as stopped:
        gunicorn_config(monkeypatch, **{name: value})
    assert str(stopped.value).startswith(f"{name}={value!r}: expected ")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening_addresses(port):
    """Local addresses (hex, as the kernel lists them) of the sockets listening on `port`."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.rpartition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def get(url, method="GET", **headers):
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_gunicorn_started_through_the_config_serves_on_loopback_only(tmp_path):
    """A real start on a throw-away SQLite database, in production settings."""
    port = free_port()
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", *VARIABLES)
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PORT=str(port),
        WORKERS="1",
    )
    migrate = [sys.executable, "manage.py", "migrate", "--noinput", "-v0"]
    done = subprocess.run(
        migrate, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    gunicorn = Path(sys.executable).parent / "gunicorn"
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [str(gunicorn), "-c", str(CONFIG), "portal.wsgi"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    code = "7KQ2-M9XD-4TPA"
    try:
        deadline = time.monotonic() + 15
        while True:
            assert server.poll() is None, log_path.read_text()
            try:
                status, body = get(f"{base}/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.1)
        assert (status, body) == (200, b'{"status": "ok", "database": "ok"}')
        # Not a template in sight (no collected static files here): a 405 from the receipt.
        status, _ = get(
            f"{base}/report/{code}/", method="OPTIONS", Referer=f"{base}/report/ABCD-EFGH-JKMN/"
        )
        assert status == 405

        # Elsewhere on this machine (127.0.0.2 is loopback too, but not what we bound): refused.
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.2", port), timeout=2).close()
        if os.path.exists("/proc/net/tcp"):
            assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    log = log_path.read_text()
    assert f"Listening at: http://127.0.0.1:{port}" in log
    assert '"OPTIONS /report/[mã]/ HTTP/1.1" 405' in log  # gunicorn's access line
    assert "Method Not Allowed (OPTIONS): /report/[mã]/" in log  # Django's warning
    assert code not in log and "ABCD-EFGH-JKMN" not in log
