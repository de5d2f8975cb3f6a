"""Helpers for bench/run.py: throw-away databases, the gunicorn server, manage.py calls."""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"

# What the acknowledged reports promised against what the database holds: each
# receipt code stored once, with the content sent. Ours are found by the run's
# token in their content; the codes come through a file (thousands of them).
VERIFY = """
import json, os
from collections import Counter
from reports.models import Report
filed = json.load(open(os.environ["BENCH_FILED"]))
ours = list(Report.objects.filter(content__contains=os.environ["BENCH_TOKEN"])
            .values_list("code", "content"))
stored = dict(ours)
print(json.dumps({
    "stored": len(ours),
    "missing": sum(1 for code in filed if code not in stored),
    "wrong_content": sum(1 for code, text in filed.items() if stored.get(code, text) != text),
    "duplicated": sum(n - 1 for n in Counter(text for _code, text in ours).values() if n > 1),
    "unacknowledged": sum(1 for code in stored if code not in filed),
}))
"""

# The numbers most reported, for the look-ups: citizens look up what others report.
TOP_NUMBERS = """
import json
from django.db.models import Count
from reports.models import Report
top = (Report.objects.values("source").annotate(n=Count("id")).order_by("-n")
       .values_list("source", flat=True)[:40])
print(json.dumps(list(top)))
"""

# Staff sign in with two factors (portal.two_factor): each seeded account the load
# logs in as gets one-time recovery codes, one per login, so that many clients can
# sign in as one account within the same 30 seconds (an app's code is good once).
SECOND_FACTOR_CODES = """
import json, os
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
found = {}
for username in os.environ["BENCH_ACCOUNTS"].split(","):
    user = get_user_model().objects.get(username=username)
    device, _ = StaticDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(int(os.environ["BENCH_CODES"]))]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    found[username] = codes
print(json.dumps(found))
"""


def second_factor_codes(env, usernames, count):
    """{username: [one-time codes]}, made in the database for this run."""
    return shell_json(
        {**env, "BENCH_ACCOUNTS": ",".join(usernames), "BENCH_CODES": str(count)},
        SECOND_FACTOR_CODES,
    )


def server_env(database_url, workdir, redis_url):
    """The environment of a production deployment (`make serve`), minus TLS and throttling."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        # Plain HTTP on loopback: a redirect to https:// would measure nothing.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_SECURE_HSTS_SECONDS="0",
        # Every request comes from 127.0.0.1: a per-client limit would answer 429s.
        REPORT_RATE_LIMIT="0",
        DATABASE_URL=database_url,
        # Collected files and uploads stay in the temp dir: others work in this tree.
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        # Our own key space in a Redis others may share; nothing is ever flushed.
        CACHE_KEY_PREFIX=f"bench-{secrets.token_hex(4)}",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def manage(env, *args, capture=False):
    """Run manage.py with the server's environment; stops the benchmark if it fails."""
    done = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stdout}{done.stderr}")
    return done.stdout if capture else None


def shell_json(env, code):
    out = manage(env, "shell", "-c", code, capture=True)
    return json.loads(out.strip().splitlines()[-1])  # the last line: start-up may log before


def check_reports(env, filed_file, token):
    return shell_json({**env, "BENCH_FILED": str(filed_file), "BENCH_TOKEN": token}, VERIFY)


def manage_streamed(env, label, *args):
    """manage.py with its output shown line by line, prefixed (seeding's progress bar)."""
    process = subprocess.Popen(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    kept = []
    for line in process.stdout:
        line = line.rstrip()
        kept.append(line)
        if line.startswith(("Phản ánh", "Công văn", "Đã tạo")):  # progress, totals
            print(f"[{label}] {line}", flush=True)
    if process.wait() != 0:
        raise RuntimeError(f"manage.py {args[0]} failed:\n" + "\n".join(kept[-30:]))


def worker_memory(master):
    """Peak and current resident memory (MB) of each gunicorn worker: the master's children."""
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != master.pid:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue  # a process that ended meanwhile
        sizes = dict(re.findall(r"^(VmHWM|VmRSS):\s+(\d+) kB", status, re.M))
        workers.append(
            {
                "pid": int(stat.parent.name),
                "peak_mb": round(int(sizes.get("VmHWM", 0)) / 1024, 1),
                "rss_mb": round(int(sizes.get("VmRSS", 0)) / 1024, 1),
            }
        )
    return sorted(workers, key=lambda w: w["pid"])


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_postgres(server_url, name):
    import psycopg  # in the venv; only needed for the PostgreSQL run

    try:
        # CREATE/DROP DATABASE cannot run inside a transaction.
        with psycopg.connect(with_database(server_url, "postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        raise RuntimeError(f"cannot create a database on {server_url}: {error}") from None
    return with_database(server_url, name)


def drop_postgres(server_url, name):
    import psycopg

    with psycopg.connect(with_database(server_url, "postgres"), autocommit=True) as conn:
        # FORCE: a worker killed mid-request may leave a session behind.
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env, port, workers, log_path):
    """gunicorn as `make serve` starts it, in its own session so Ctrl-C reaches us first.

    Its configuration too (portal/gunicorn_conf.py: the redacting access log
    included), told where to listen and how many workers through its variables.
    """
    command = [str(BIN / "gunicorn"), "-c", "portal/gunicorn_conf.py", "portal.wsgi"]
    env = {**env, "BIND": f"127.0.0.1:{port}", "WORKERS": str(workers)}
    with open(log_path, "w") as log:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_healthy(base_url, server, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({server.returncode}):\n{tail(log_path)}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"/healthz did not answer 200 within {timeout}s:\n{tail(log_path)}")


def stop_gunicorn(server):
    """SIGTERM is gunicorn's graceful stop; its workers are killed if it hangs."""
    if server is None or server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)  # the group we created: master and workers
        server.wait()


def tail(path, lines=30):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
