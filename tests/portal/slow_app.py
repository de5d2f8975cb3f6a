"""A WSGI application for tests/portal/test_slow_clients.py: it works, reads or answers on demand.

Served by gunicorn with the portal's configuration (portal/gunicorn_conf.py and
its worker), without Django: what is measured is the worker, not the portal.

- /work?seconds=N: works (sleeps) N seconds in the application, then answers.
- /read: reads the whole body, answers how many bytes came.
- /big?mb=N: answers N MB at once (the client then reads it as slowly as it likes).
"""

import os
import time
from urllib.parse import parse_qs


def app(environ, start_response):
    path = environ["PATH_INFO"]
    query = {name: values[0] for name, values in parse_qs(environ["QUERY_STRING"]).items()}
    if path == "/work":
        time.sleep(float(query.get("seconds", "0")))
        body = f"worked in {os.getpid()}".encode()
    elif path == "/read":
        received = len(environ["wsgi.input"].read())
        body = f"read {received}".encode()
    elif path == "/big":
        body = b"x" * (int(query.get("mb", "1")) * 1024 * 1024)
    else:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
