"""The portal as production runs it, for what only real concurrency shows.

gunicorn with several workers (separate processes, each with its own database
connection) on a throw-away database of the suite's kind: a SQLite file, or a
new PostgreSQL database when DATABASE_URL is PostgreSQL. The suite's own
SQLite test database lives in memory, shared by the test's threads through
one cache, so two of them cannot write at once the way two workers do.
"""

import contextlib
import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@contextlib.contextmanager
def served_portal(directory, workers=4, **env):
    """Yields (host, port) of gunicorn serving the portal; `env` adds to its environment."""
    env = {**os.environ, "DJANGO_DEBUG": "1", "REDIS_URL": "", **env}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server_url = os.environ.get("DATABASE_URL", "")
    database = admin_url = None
    if server_url.startswith("postgres"):
        import psycopg

        admin_url = server_url.rsplit("/", 1)[0] + "/postgres"
        database = f"test_served_{secrets.token_hex(4)}"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {database}")
        env["DATABASE_URL"] = server_url.rsplit("/", 1)[0] + "/" + database
    else:
        env["DATABASE_URL"] = f"sqlite:///{directory / 'portal.sqlite3'}"
    log_path = directory / "gunicorn.log"
    server = None
    try:
        subprocess.run(
            [BIN / "python", "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
        )
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        with log_path.open("w") as log:
            command = [BIN / "gunicorn", "portal.wsgi", "--workers", str(workers)]
            server = subprocess.Popen(
                [*command, "--bind", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        # Up once it answers: workers boot in parallel, each within the same second.
        for _ in range(300):
            try:
                request("127.0.0.1", port, "GET", "/healthz")
                break
            except OSError:
                assert server.poll() is None, log_path.read_text()
                time.sleep(0.1)
        # Each worker loads the portal on its first request: warm them all, so that
        # requests sent together are also served together.
        with ThreadPoolExecutor(max_workers=workers * 4) as pool:
            list(
                pool.map(
                    lambda _: request("127.0.0.1", port, "GET", "/report/"), range(workers * 8)
                )
            )
        yield "127.0.0.1", port
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        if database:
            import psycopg

            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE {database} WITH (FORCE)")


def request(host, port, method, path, body=None, headers=None):
    """(status, headers, body bytes); redirects are not followed."""
    conn = http.client.HTTPConnection(host, port, timeout=60)
    try:
        conn.request(method, path, body, headers or {})
        response = conn.getresponse()
        return response.status, response.msg, response.read()
    finally:
        conn.close()
