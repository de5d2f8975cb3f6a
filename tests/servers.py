"""Real servers for tests: gunicorn as `make serve` starts it, `make stack` as a department runs it.

Each runs in production settings (DJANGO_DEBUG=0) on throw-away files: a SQLite
database, STATIC_ROOT and MEDIA_ROOT under the test's temporary folder, with
nothing of the test process's environment but PATH (the suite itself runs with
DJANGO_DEBUG=1).
"""

import contextlib
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
CONFIG = BASE_DIR / "portal" / "gunicorn_conf.py"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(folder, **extra):
    """`make serve`'s environment on throw-away files in `folder`."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(folder),
        "LANG": "C.UTF-8",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
    }
    env.update(extra)
    return env


def manage(env, *args, timeout=120):
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def count_rows(env, table):
    """Rows in a table of the server's SQLite database, read as a staff member's query would."""
    path = env["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def get(url, method="GET", data=None, timeout=10, **headers):
    """(status, headers, body) of one request; an HTTP error is an answer too."""
    request = urllib.request.Request(url, method=method, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_for(url, process, log_path, seconds=120):
    """Until `url` answers 200; fails with the server's log if it dies or takes too long."""
    deadline = time.monotonic() + seconds
    while True:
        assert process.poll() is None, Path(log_path).read_text()
        try:
            status, _, _ = get(url, timeout=2)
            if status == 200:
                return
        except OSError:
            pass
        assert time.monotonic() < deadline, Path(log_path).read_text()
        time.sleep(0.2)


def start_gunicorn(env, log_path, *args, app="portal.wsgi"):
    """gunicorn with the portal's configuration, as `make serve` runs it; extra CLI `args`."""
    log = open(log_path, "w")  # noqa: SIM115 - the server writes to it until it stops
    gunicorn = Path(sys.executable).parent / "gunicorn"
    return subprocess.Popen(
        [str(gunicorn), "-c", str(CONFIG), *args, app],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process, seconds=60):
    """SIGTERM, as systemd or Ctrl-C would; SIGKILL for the whole group if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise


def descendants(pid):
    """Every process below `pid` (children, their children…), from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid …: comm may hold spaces and parentheses.
        fields = stat[stat.rindex(")") + 2 :].split()
        parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def running(pid):
    """Alive and not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def borrowed_venv(folder):
    """A venv for `make VENV=…` that is this test run's own, with nothing to install.

    Its python is the suite's (through pyvenv.cfg and the same site-packages), and
    its install marker is newer than pyproject.toml: make installs nothing, and
    never touches the suite's venv.
    """
    venv = folder / "venv"
    (venv / "bin").mkdir(parents=True)
    shutil.copy(Path(sys.prefix) / "pyvenv.cfg", venv / "pyvenv.cfg")
    (venv / "lib").symlink_to(Path(sys.prefix) / "lib")
    (venv / "bin" / "python").symlink_to(Path(sys.prefix) / "bin" / "python")
    (venv / ".installed-prod").touch()
    return venv


def require_nginx():
    """Skip without nginx on a developer's machine; CI sets REQUIRE_NGINX=1: a failure there."""
    if shutil.which("nginx") or os.access("/usr/sbin/nginx", os.X_OK):
        return
    missing = "nginx is not installed (apt-get install nginx)"
    if os.environ.get("REQUIRE_NGINX"):
        pytest.fail(missing)
    pytest.skip(missing)


class Stack:
    """`make stack`, running: its address, environment, run directory and output."""

    def __init__(self, folder, **env):
        self.folder = folder
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.run_dir = folder / "run"
        self.env = production_env(folder, PORT=str(self.port), STACK_DIR=str(self.run_dir), **env)
        # make stack's own choice for plain HTTP, not the test's.
        del self.env["DJANGO_SECURE_SSL_REDIRECT"]
        self.log = folder / "make-stack.log"
        self.process = None

    def start(self, seconds=300):
        venv = borrowed_venv(self.folder)
        log = open(self.log, "w")  # noqa: SIM115 - make writes to it until it stops
        self.process = subprocess.Popen(
            ["make", "--no-print-directory", "stack", f"VENV={venv}"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(f"{self.base}/healthz", self.process, self.log, seconds=seconds)
        return self

    def processes(self):
        return descendants(self.process.pid)

    def stop(self):
        """SIGTERM to make, as systemd or `kill` would; the processes that were left running."""
        below = self.processes()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            for pid in below:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            raise
        deadline = time.monotonic() + 5
        while any(running(pid) for pid in below) and time.monotonic() < deadline:
            time.sleep(0.1)
        return [pid for pid in below if running(pid)]
