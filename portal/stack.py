"""`make stack`: the production stack on one machine, in the foreground.

nginx on $PORT in front of gunicorn (a unix socket) and the job worker, with
the environment `make serve` reads: what deploy/ sets up with systemd on a
department's server, started by one command and stopped by Ctrl-C or SIGTERM,
all three together. nginx's configuration is deploy/nginx/stack.conf with this
machine's paths filled in; its portal part (limits, timeouts, headers, error
pages, static files) is the server's own, deploy/nginx/portal-*.conf.

Everything nginx and gunicorn write (configuration, pid, socket, access log,
temporary bodies) goes to a run directory, `.stack/` unless STACK_DIR says
otherwise. `make prepare` (migrations, reference data, static files, error
pages) has run before this.

Each part runs in a process group of its own, so that Ctrl-C reaches this
supervisor only, which stops them in order: nginx first (no new request; what
it is sending finishes), then gunicorn (requests in progress finish) and the
worker (its job finishes). A second Ctrl-C stops everything at once. If one of
the three dies, the others are stopped too: never half a stack. Each also gets
SIGTERM if this process is killed outright (Linux's parent-death signal).
"""

import contextlib
import ctypes
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

from reports.filing import max_body_size

DEPLOY_DIR = Path(settings.BASE_DIR) / "deploy"
TEMPLATE = DEPLOY_DIR / "nginx" / "stack.conf"
COMMON = DEPLOY_DIR / "nginx" / "portal-common.conf"
MIME_TYPES = ("/etc/nginx/mime.types", "/usr/local/nginx/conf/mime.types")
# A unix socket's path must fit in sun_path (108 bytes on Linux, 104 elsewhere).
MAX_SOCKET_PATH = 100
# How long each part may take to stop before it is killed.
NGINX_STOP_SECONDS = 15  # worker_shutdown_timeout (10 s) and a margin
GUNICORN_STOP_SECONDS = 40  # graceful_timeout (30 s) and a margin
WORKER_STOP_SECONDS = 120  # the job in progress
# In the foreground, as a child of ours.
DAEMON_OFF = ("-g", "daemon off;")


class StackError(Exception):
    """Something that stops make stack before it starts: the message says what to do."""


def run_dir():
    return Path(os.environ.get("STACK_DIR") or Path(settings.BASE_DIR) / ".stack").resolve()


def port():
    value = os.environ.get("PORT", "").strip() or "8000"
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise StackError(f"PORT={value!r}: expected a whole number from 1 to 65535")
    return int(value)


def nginx_binary():
    found = shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(path, os.X_OK)),
        None,
    )
    if not found:
        raise StackError("nginx is not installed: sudo apt-get install nginx")
    return found


def body_cap(text):
    """client_max_body_size in bytes, as deploy/nginx/portal-common.conf sets it."""
    match = re.search(r"^\s*client_max_body_size\s+(\d+)([kKmMgG]?)\s*;", text, re.MULTILINE)
    if not match:
        raise StackError(f"{COMMON}: no client_max_body_size")
    unit = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[match.group(2).lower()]
    return int(match.group(1)) * unit


def check_body_cap():
    """nginx must let through every body the portal accepts (REPORT_EVIDENCE_MAX_SIZE)."""
    cap, needed = body_cap(COMMON.read_text()), max_body_size()
    if cap < needed:
        raise StackError(
            f"{COMMON.relative_to(settings.BASE_DIR)}: client_max_body_size is "
            f"{cap // 1024**2} MB, but a report may be {needed / 1024**2:.0f} MB "
            f"(REPORT_EVIDENCE_MAX_FILES × REPORT_EVIDENCE_MAX_SIZE and the form): raise it"
        )


def nginx_config(directory, listen, static_root):
    """deploy/nginx/stack.conf with this machine's paths in it."""
    mime_types = next((path for path in MIME_TYPES if os.path.exists(path)), None)
    if not mime_types:
        raise StackError("nginx's mime.types is missing: sudo apt-get install nginx")
    values = {
        # As root, nginx would hand its workers to `nobody`, who cannot reach a
        # socket and files in the run directory (0700): the same user as gunicorn.
        "USER": "user root root;" if os.geteuid() == 0 else "",
        "RUN_DIR": str(directory),
        "DEPLOY_DIR": str(DEPLOY_DIR),
        "MIME_TYPES": mime_types,
        "LISTEN": listen,
        "STATIC_ROOT": str(static_root),
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        raise StackError(f"{TEMPLATE}: nothing fills in {', '.join(sorted(set(left)))}")
    return text


def _die_with_parent():
    """In the child, before it runs: SIGTERM when the supervisor dies (Linux)."""
    # Not Linux: no such call, and Ctrl-C and SIGTERM still stop everything.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Part:
    """One of the stack's processes, in a process group of its own."""

    def __init__(self, name, argv, env, stop_signal, stop_seconds):
        self.name = name
        self.stop_signal = stop_signal
        self.stop_seconds = stop_seconds
        self.process = subprocess.Popen(
            argv,
            cwd=settings.BASE_DIR,
            env=env,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )

    def alive(self):
        return self.process.poll() is None

    def signal(self, number):
        if self.alive():
            self.process.send_signal(number)

    def kill_group(self):
        """Its children too (nginx's and gunicorn's workers, a worker's PDF reader)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


class Stack:
    def __init__(self, out=sys.stderr):
        self.out = out
        self.parts = []
        self.signals = []

    def say(self, text):
        print(f"make stack: {text}", file=self.out, flush=True)

    def _on_signal(self, number, frame):
        self.signals.append(number)
        if len(self.signals) == 2:
            self.say("stopping everything now")

    def run(self):
        """Start, wait for Ctrl-C, SIGTERM or a part that dies, stop; the exit status."""
        directory = run_dir()
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        (directory / "tmp").mkdir(exist_ok=True)  # nginx makes the folders inside, not this one
        socket_path = directory / "gunicorn.sock"
        if len(str(socket_path)) > MAX_SOCKET_PATH:
            raise StackError(f"STACK_DIR={directory}: too long a path for a unix socket")
        lock = open(directory / "lock", "w")  # noqa: SIM115 - held until the process ends
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StackError(f"another make stack is running from {directory}") from None
        check_body_cap()
        nginx = nginx_binary()
        listen = f"127.0.0.1:{port()}"
        config = directory / "nginx.conf"
        config.write_text(nginx_config(directory, listen, settings.STATIC_ROOT))

        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, self._on_signal)
        env = {**os.environ, "BIND": f"unix:{socket_path}"}
        python = sys.executable
        try:
            self.parts = [
                Part(
                    "gunicorn",
                    [python, "-m", "gunicorn", "-c", "portal/gunicorn_conf.py", "portal.wsgi"],
                    env,
                    signal.SIGTERM,
                    GUNICORN_STOP_SECONDS,
                ),
                Part(
                    "worker",
                    [python, "manage.py", "worker"],
                    env,
                    signal.SIGTERM,
                    WORKER_STOP_SECONDS,
                ),
                # SIGQUIT: nginx's graceful stop (SIGTERM would drop answers in flight).
                Part(
                    "nginx",
                    [nginx, "-e", "stderr", "-p", str(directory), "-c", str(config), *DAEMON_OFF],
                    env,
                    signal.SIGQUIT,
                    NGINX_STOP_SECONDS,
                ),
            ]
            self.say(
                f"http://{listen}/ — nginx in front of gunicorn ({socket_path}) and the job "
                f"worker; nginx's access log: {directory / 'access.log'}. Ctrl-C stops all three."
            )
            failed = self._wait()
        finally:
            self._stop()
        return 1 if failed else 0

    def _wait(self):
        while not self.signals:
            for part in self.parts:
                if not part.alive():
                    self.say(f"{part.name} stopped (exit status {part.process.returncode})")
                    return part
            time.sleep(0.2)
        return None

    def _still_alive_after(self, part, seconds):
        deadline = time.monotonic() + seconds
        while part.alive() and time.monotonic() < deadline and len(self.signals) < 2:
            time.sleep(0.1)
        return part.alive() and len(self.signals) < 2

    def _stop(self):
        by_name = {part.name: part for part in self.parts}
        # nginx first: nothing new comes in, what it is sending finishes.
        for group in (["nginx"], ["gunicorn", "worker"]):
            stopping = [by_name[name] for name in group if name in by_name]
            for part in stopping:
                part.signal(part.stop_signal)
            for part in stopping:
                deadline = time.monotonic() + part.stop_seconds
                if part.name == "worker" and self._still_alive_after(part, 2):
                    self.say("the job worker finishes its job first (Ctrl-C again: stop it now)")
                while part.alive() and time.monotonic() < deadline and len(self.signals) < 2:
                    time.sleep(0.1)
                if part.alive():
                    self.say(f"{part.name} did not stop in time: killed")
        for part in self.parts:
            part.kill_group()  # whatever is left of each group, the parts themselves included
        if self.parts:
            self.say("stopped")
