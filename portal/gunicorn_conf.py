"""gunicorn's configuration in production: `gunicorn -c portal/gunicorn_conf.py portal.wsgi`.

Read from the environment (`make serve` passes PORT and WORKERS on):

- BIND: where to listen; default `127.0.0.1:$PORT`. gunicorn is meant to sit
  behind a proxy on the same machine: listening on every interface would let a
  client reach it past the proxy and forge X-Forwarded-For (throttling and the
  admin's lockout trust it). `0.0.0.0:8000`, `[::1]:8000` or
  `unix:/run/portal.sock` when the deployment wants something else; several
  addresses separated by commas.
- PORT: 8000; WORKERS: 3 processes; THREADS: 4 threads in each.

Workers are threaded (portal/gunicorn_worker.py says why): a phone on 3G
uploading for a minute holds one thread, not a process, and is not killed at
`timeout`; a client silent for `timeout` seconds between two bytes is let go;
a request working for longer than that has its worker restarted, as gunicorn
does with sync workers.

Django's settings default to production (DJANGO_DEBUG off): started this way
by hand, without `make serve`, it still refuses to run without
DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS, and never shows a traceback.

A bad value stops the start-up with a message naming the variable. The access
log goes to standard output with receipt codes and what citizens typed
redacted (portal/redaction.py), the error log likewise.
"""

import os

from gunicorn import glogging

from portal.redaction import RedactFilter, redact


def _fail(name, value, expected):
    # SystemExit: gunicorn prints this line alone and exits 1, no traceback to read through.
    raise SystemExit(f"{name}={value!r}: expected {expected}")


def _number(name, default, low, high):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or not low <= int(value) <= high:
        _fail(name, value, f"a whole number from {low} to {high}")
    return int(value)


def _binds(port):
    value = os.environ.get("BIND", "").strip()
    if not value:
        return [f"127.0.0.1:{port}"]
    expected = "host:port (e.g. 127.0.0.1:8000, 0.0.0.0:8000) or unix:/path/to.sock"
    binds = [item.strip() for item in value.split(",")]
    for item in binds:
        if item.startswith("unix:"):
            if not item[len("unix:") :].strip():
                _fail("BIND", value, expected)
            continue
        host, colon, number = item.rpartition(":")
        if not colon or not host or not number.isdigit() or not 1 <= int(number) <= 65535:
            _fail("BIND", value, expected)
    return binds


class RedactingLogger(glogging.Logger):
    """gunicorn's logger, with no receipt code or typed value in its lines.

    Access lines: every text atom goes through `redact`: the request line (`r`),
    path (`U`), query (`q`), referer (`f`; a page opened from a receipt carries
    the receipt's address there) and the `{...}i`/`{...}o`/`{...}e` header and
    environ atoms a custom format might use. Error lines ("Error handling request
    /report/…") through the same filter as Django's records.
    """

    QUERY_ATOMS = frozenset({"q", "{query_string}e"})

    def setup(self, cfg):
        super().setup(cfg)
        # On the logger, not its handlers: setup() replaces them on every reload.
        if not any(isinstance(item, RedactFilter) for item in self.error_log.filters):
            self.error_log.addFilter(RedactFilter())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if not isinstance(value, str):
                continue
            if key in self.QUERY_ATOMS:
                atoms[key] = redact(f"?{value}")[1:]  # a bare query: read as the URL's
            else:
                atoms[key] = redact(value)
        return atoms


_PORT = _number("PORT", 8000, 1, 65535)
bind = _binds(_PORT)
workers = _number("WORKERS", 3, 1, 256)
worker_class = "portal.gunicorn_worker.ThreadWorker"
# Four requests at a time in each process: a few slow phones leave room for the
# rest. More threads would not serve faster (one Python interpreter runs at a
# time in a process) and would decode more evidence images at once: memory.
threads = _number("THREADS", 4, 1, 64)
# gunicorn's default, said out loud: the heartbeat, the longest silence between
# two bytes from a client, and the longest a request may work (gunicorn_worker).
# nginx waits longer (deploy/nginx/portal-common.conf, proxy_read_timeout).
timeout = 30
accesslog = "-"
logger_class = RedactingLogger
# gunicorn 27 opens a control socket in the user's home by default: nothing in
# production uses it, and it is one more way into a running server.
control_socket_disable = True
