"""Load generator: drives a running portal phase by phase and prints JSON on stdout.

bench/run.py starts it as its own process, so the clients' threads do not
compete with the orchestrator for a GIL. It can also be pointed by hand at a
server that holds seed_demo_data's accounts (it files real reports: never aim it
at production):

    .venv/bin/python bench/load.py --url http://127.0.0.1:8000 --password … --seconds 5

The phases, each with every client sending requests back to back:

1. `ceiling`: GET /__bench__/ceiling, a constant page through every middleware
   (the server must run with PORTAL_BENCH_CEILING=1): what Django alone serves.
2. One phase per public page (PUBLIC below), every client on that page: its
   throughput, to set against the ceiling's.
3. `mixed`: a working day. Most clients are citizens who read, look numbers up
   and file reports through the form as a browser does (GET the form, POST it
   with its CSRF token and cookie, follow the redirect to the receipt); a few
   are inspectors, logged in, working through the admin. Latencies here are the
   ones the targets speak of (report POST, inspector screens).

Standard library only. Each client keeps one http.client connection and reopens
it when the server closes it (gunicorn's sync workers close after every answer).
Progress goes to stderr, one bar per phase.
"""

import argparse
import gzip
import html.parser
import http.client
import itertools
import json
import random
import re
import secrets
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit

HEADERS = {
    "Accept-Language": "vi-VN,vi;q=0.9,en;q=0.5",
    "Accept-Encoding": "gzip",
    "User-Agent": "portal-bench",
}
BROWSER_ENCODINGS = "gzip, deflate, br"  # what Chromium and Firefox send
SEARCHES = ["mạo danh", "ngân hàng", "OTP", "công an", "chuyển tiền", "mao danh", "điện lực"]
INSPECTOR_SEARCHES = ["ngan hang", "chuyển khoản", "công an", "OTP"]
PREFIXES = ["090", "091", "093", "094", "096", "097", "098", "086", "088", "032", "070", "081"]
CONTENTS = [
    "Mạo danh công an phường, yêu cầu chuyển tiền để xác minh tài khoản",
    "Gia danh nhan vien ngan hang, xin ma OTP de mo khoa the",
    "Tin nhắn báo trúng thưởng, gửi đường link lạ để nhận quà",
    "Goi tu xung can bo dien luc, doa cat dien neu khong chuyen khoan",
]
# Public pages measured alone against the ceiling: the targets' list.
PUBLIC = ["home", "list", "search", "detail", "statistics", "lookup", "form"]
# What a citizen does in the mixed phase, and how often; `file` is three requests.
CITIZEN_MIX = {
    "home": 15,
    "list": 10,
    "search": 10,
    "detail": 25,
    "statistics": 5,
    "lookup": 10,
    "compose": 10,
    "file": 15,
}
INSPECTOR_SCREENS = [
    "changelist",
    "changelist_filtered",
    "changelist_search",
    "change",
    "repeat_numbers",
    "dashboard",
    "show_counts",  # the list's "Hiện số lượng" (issue 19: under 300 ms at 100,000)
]
ADMIN = "/admin/reports/report/"
SERIALS = itertools.count()
# Pages weighed as a first visit (HTML and every asset); detail: the newest letter.
PAGES_WEIGHED = {
    "home": "/",
    "list": "/advisories/",
    "detail": None,
    "form": "/report/",
    "lookup": "/lookup/?q=vcb-bank",
}


class Site:
    """What the clients need to know about the server: its address and its data."""

    def __init__(self, url, password, inspectors, numbers, token, codes=None):
        address = urlsplit(url)
        # {username: [one-time codes]}: each login takes one (the second factor).
        self.codes = codes or {}
        self.host, self.port = address.hostname, address.port or 80
        self.origin = f"{address.scheme}://{address.netloc}"
        self.password, self.inspectors, self.numbers = password, inspectors, numbers
        self.token = token  # in every report's content: the check finds ours by it
        self.think = 1.0  # seconds an inspector spends on a screen
        self.slugs = []

    def zipf_slug(self, rng):
        # Readers follow the news: the newest letters (first in the sitemap) are
        # read far more than a letter from last year. Weight 1/rank.
        return self.slugs[min(int(len(self.slugs) ** rng.random()) - 1, len(self.slugs) - 1)]

    def lookup_number(self, rng):
        # Half the look-ups are of numbers many citizens report, half of any number.
        if rng.random() < 0.5 and self.numbers:
            return rng.choice(self.numbers)
        return rng.choice(PREFIXES) + f"{rng.randrange(10**7):07d}"


def public_path(name, site, rng):
    if name == "ceiling":
        return "/__bench__/ceiling"
    if name == "home":
        return "/"
    if name == "list":
        return "/advisories/"
    if name == "search":
        return "/advisories/?" + urlencode({"q": rng.choice(SEARCHES)})
    if name == "detail":
        return f"/advisories/{site.zipf_slug(rng)}/"
    if name == "statistics":
        return "/statistics/"
    if name == "lookup":
        return "/lookup/?" + urlencode({"number": site.lookup_number(rng)})
    if name == "form":
        return "/report/"
    if name == "compose":
        source = rng.choice(PREFIXES) + f"{rng.randrange(10**7):07d}"  # LD: a phone number
        query = {"kind": "LD", "source": source, "content": rng.choice(CONTENTS)}
        return "/api/v1/compose?" + urlencode(query)
    raise ValueError(name)


def multipart(fields):
    """A form body as a browser sends it (the report form has a file input)."""
    boundary = "----portalbench" + secrets.token_hex(8)
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="evidence"; filename=""\r\n'
        "Content-Type: application/octet-stream\r\n\r\n\r\n"
    )
    body = ("".join(parts) + f"--{boundary}--\r\n").encode()
    return body, f"multipart/form-data; boundary={boundary}"


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The report form's one-time key (reports/submissions.py): sent back, as a browser does.
KEY_INPUT = re.compile(r'name="submission_key" value="([^"]+)"')


class Client(threading.Thread):
    """One simulated visitor: sends requests back to back until the deadline."""

    def __init__(self, index, site, deadline, act):
        super().__init__(daemon=True)  # Ctrl-C must not wait for in-flight requests
        self.rng = random.Random(index)  # a reproducible sequence per client
        self.index, self.site, self.deadline, self.act = index, site, deadline, act
        self.serial = next(SERIALS)  # unique in the run: the warm-up's clients too
        self.conn = None
        self.cookies = {}
        self.samples = []  # (endpoint, seconds, status, page cache header)
        self.filed = {}  # receipt code -> the content sent
        self.sent = 0  # report POSTs sent, answered or not
        self.change_ids = []

    # -- HTTP ---------------------------------------------------------------

    def request(self, method, path, body=None, headers=None):
        """(status, headers, body); status is the exception's name when there is no answer."""
        headers = {**HEADERS, **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.site.host, self.site.port, timeout=60)
            self.conn.request(method, path, body, headers)
            response = self.conn.getresponse()
            data = response.read()
            if response.getheader("Content-Encoding") == "gzip":
                data = gzip.decompress(data)
            for cookie in response.msg.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            if response.will_close:
                self.close()
            return response.status, response, data
        except (OSError, http.client.HTTPException) as error:
            # No retry: a POST retried blindly could file a report twice.
            self.close()
            return type(error).__name__, None, b""

    def timed(self, endpoint, method, path, body=None, headers=None):
        start = time.perf_counter()
        status, response, data = self.request(method, path, body, headers)
        elapsed = time.perf_counter() - start
        cache = response.getheader("X-Page-Cache", "") if response else ""
        self.samples.append((endpoint, elapsed, str(status), cache))
        return status, response, data

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def run(self):
        try:
            while time.monotonic() < self.deadline:
                self.act(self)
        finally:
            self.close()

    # -- what visitors do ------------------------------------------------------

    def get(self, name):
        self.timed(name, "GET", public_path(name, self.site, self.rng))

    def file_report(self):
        """The form as a browser fills it: GET, POST with token and cookie, the receipt."""
        status, _response, page = self.timed("form", "GET", "/report/")
        html = page.decode(errors="replace")
        found, key = CSRF_INPUT.search(html), KEY_INPUT.search(html)
        if status != 200 or not found or not key:
            return
        self.sent += 1
        content = (
            f"{self.rng.choice(CONTENTS)} (phiếu thử {self.site.token}-{self.serial}-{self.sent})"
        )
        fields = [
            ("csrfmiddlewaretoken", found.group(1)),
            ("submission_key", key.group(1)),
            ("kind", self.rng.choice(["LD", "LD", "S", "V"])),
            ("source", self.rng.choice(PREFIXES) + f"{self.rng.randrange(10**7):07d}"),
            ("content", content),
            ("occurred_at", ""),
            ("province", ""),
            ("contact", ""),
        ]
        body, content_type = multipart(fields)
        headers = {
            "Content-Type": content_type,
            "Origin": self.site.origin,
            "Referer": f"{self.site.origin}/report/",
        }
        status, response, _ = self.timed("report_post", "POST", "/report/", body, headers)
        location = response.getheader("Location", "") if response else ""
        code = re.fullmatch(r"/report/([^/]+)/", location)
        if status == 302 and code:
            self.filed[code.group(1)] = content
            self.timed("receipt", "GET", location)
        else:
            self.samples[-1] = (*self.samples[-1][:2], f"{status} no receipt", "")

    def log_in(self, username):
        """The admin's login form, as a browser submits it; unmeasured."""
        _status, _r, page = self.request("GET", "/admin/login/")
        found = CSRF_INPUT.search(page.decode(errors="replace"))
        if not found:
            raise SystemExit("the admin login page has no CSRF token")
        body = urlencode(
            {
                "csrfmiddlewaretoken": found.group(1),
                "username": username,
                "password": self.site.password,
                "next": ADMIN,
            }
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.site.origin,
            "Referer": f"{self.site.origin}/admin/login/",
        }
        status, response, _page = self.request("POST", "/admin/login/", body, headers)
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"{username} could not log in ({status}): check --password")
        self.second_factor(username, response.getheader("Location", ""))
        _status, _r, page = self.request("GET", ADMIN)
        self.change_ids = re.findall(rf"{ADMIN}(\d+)/change/", page.decode(errors="replace"))
        if not self.change_ids:
            raise SystemExit(f"{username} sees no report: was the database seeded?")

    def second_factor(self, username, step):
        """The sign-in's second step, with one of the account's one-time codes."""
        _status, _r, page = self.request("GET", step)
        found = CSRF_INPUT.search(page.decode(errors="replace"))
        codes = self.site.codes.get(username)
        if not found or not codes:
            raise SystemExit(f"{username}: no second-step form, or no one-time code left")
        body = urlencode(
            {"csrfmiddlewaretoken": found.group(1), "code": codes.pop(), "next": ADMIN}
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.site.origin,
            "Referer": f"{self.site.origin}{step}",
        }
        status, _r, _page = self.request("POST", step, body, headers)
        if status != 302:
            raise SystemExit(f"{username} could not pass the second step ({status})")

    def inspect(self, screen):
        if screen == "changelist":
            path = ADMIN
        elif screen == "changelist_filtered":
            status = self.rng.choice(["new", "in_review", "forwarded"])
            path = ADMIN + "?" + urlencode({"status__exact": status, "kind__exact": "LD"})
        elif screen == "changelist_search":
            term = self.rng.choice([*INSPECTOR_SEARCHES, self.site.lookup_number(self.rng)])
            path = ADMIN + "?" + urlencode({"q": term})
        elif screen == "change":
            path = f"{ADMIN}{self.rng.choice(self.change_ids)}/change/"
        elif screen == "repeat_numbers":
            path = ADMIN + "repeat-numbers/?" + urlencode({"days": self.rng.choice(["7", "30"])})
        elif screen == "show_counts":
            path = ADMIN + "?_facets=True"
        else:
            path = "/admin/reports/dashboard/"
        self.timed(screen, "GET", path)


def saturate(name):
    def act(client):
        client.get(name)

    return act


def citizen(client):
    name = client.rng.choices(list(CITIZEN_MIX), list(CITIZEN_MIX.values()))[0]
    if name == "file":
        client.file_report()
    else:
        client.get(name)


def inspector(client):
    client.inspect(INSPECTOR_SCREENS[len(client.samples) % len(INSPECTOR_SCREENS)])
    # A person reads a screen before the next click; without the pause four
    # clients would ask for as many screens as a few hundred inspectors.
    time.sleep(max(0.0, min(client.site.think, client.deadline - time.monotonic())))


def run_phase(site, label, seconds, actors):
    """Start the clients, draw a progress bar until they are done; (clients, seconds)."""
    clients = []
    for index, (act, username) in enumerate(actors):
        client = Client(index, site, 0, act)
        if username:
            client.log_in(username)  # a password hash each: not in the phase's time
        clients.append(client)
    deadline = time.monotonic() + seconds
    for client in clients:
        client.deadline = deadline
    started = time.perf_counter()
    for client in clients:
        client.start()
    tty = sys.stderr.isatty()  # redrawn in place on a terminal; one line per phase in a log
    while True:
        alive = any(client.is_alive() for client in clients)
        if tty or not alive:
            done = min(time.perf_counter() - started, seconds)
            bar = "#" * int(20 * done / seconds)
            count = sum(len(client.samples) for client in clients)
            line = f"  {label:<22}[{bar:<20}] {done:4.0f}/{seconds:g} s {count:>7} req"
            sys.stderr.write(("\r" if tty else "") + line + ("" if alive else "\n"))
            sys.stderr.flush()
        if not alive:
            break
        time.sleep(0.5)
    return clients, time.perf_counter() - started


def is_error(endpoint, status):
    if endpoint == "report_post":
        return status != "302"
    return not (status.isdigit() and 200 <= int(status) < 400)


def percentile(sorted_values, share):
    """Nearest-rank percentile of an already sorted list, in milliseconds."""
    if not sorted_values:
        return None
    rank = max(0, min(len(sorted_values) - 1, round(share * len(sorted_values)) - 1))
    return round(sorted_values[rank] * 1000, 1)


def summarize(clients, elapsed):
    rows = {}
    names = dict.fromkeys(s[0] for c in clients for s in c.samples)
    for name in names:
        samples = [s for c in clients for s in c.samples if s[0] == name]
        values = sorted(s[1] for s in samples)
        statuses = Counter(s[2] for s in samples)
        hits = sum(1 for s in samples if s[3] == "hit")
        cached = sum(1 for s in samples if s[3] in ("hit", "miss"))
        rows[name] = {
            "count": len(values),
            "errors": sum(n for status, n in statuses.items() if is_error(name, status)),
            "statuses": dict(statuses),
            "rps": round(len(values) / elapsed, 1),
            "p50_ms": percentile(values, 0.50),
            "p95_ms": percentile(values, 0.95),
            "p99_ms": percentile(values, 0.99),
            "max_ms": percentile(values, 1.0),
            "cache_hits": round(hits / cached, 3) if cached else None,
        }
    return rows


def measure(site, label, args, actors):
    """A warm-up (not measured: templates compile, caches fill), then the phase itself."""
    warm, _elapsed = run_phase(site, f"{label} (warm-up)", args.warmup, actors)
    clients, elapsed = run_phase(site, label, args.seconds, actors)
    # The warm-up's reports are checked too: what was acknowledged must be stored.
    return warm + clients, {"seconds": round(elapsed, 2), "endpoints": summarize(clients, elapsed)}


def mixed_actors(args, site):
    inspectors = [
        (inspector, site.inspectors[i % len(site.inspectors)]) for i in range(args.inspectors)
    ]
    return [(citizen, None)] * (args.concurrency - args.inspectors) + inspectors


# -- page weight --------------------------------------------------------------


class Assets(html.parser.HTMLParser):
    """What a browser fetches to show a page: stylesheets, scripts, images, icons."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "source") and attrs.get("src"):
            self.urls.append(attrs["src"])
        rel = (attrs.get("rel") or "").split()
        fetched = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}
        if tag == "link" and attrs.get("href") and fetched & set(rel):
            self.urls.append(attrs["href"])


def fetch(site, path, encoding):
    """(body as sent, headers) for a GET with the given Accept-Encoding."""
    conn = http.client.HTTPConnection(site.host, site.port, timeout=30)
    try:
        conn.request("GET", path, headers={**HEADERS, "Accept-Encoding": encoding})
        response = conn.getresponse()
        return response.read(), response
    finally:
        conn.close()


def page_weight(site, path):
    """Bytes on the wire for a first visit, and the addresses on another origin (none).

    The page gzip-compressed, as the proxy in front sends it, plus every asset
    as the server sends it to a browser (Accept-Encoding: br, gzip; WhiteNoise
    has both precompressed), the stylesheets' url() references included.
    """
    page, _response = fetch(site, path, "identity")
    total = len(gzip.compress(page, compresslevel=6))
    parser = Assets()
    parser.feed(page.decode(errors="replace"))
    foreign, seen = [], set()
    queue = list(parser.urls)
    while queue:
        url = queue.pop()
        address = urlsplit(url)
        if address.netloc and f"{address.scheme}://{address.netloc}" != site.origin:
            foreign.append(url)
            continue
        if address.path in seen:
            continue
        seen.add(address.path)
        body, _response = fetch(site, address.path, BROWSER_ENCODINGS)
        total += len(body)
        if address.path.endswith(".css"):
            text, _response = fetch(site, address.path, "identity")
            base = address.path.rsplit("/", 1)[0]
            for ref in re.findall(rb"url\(['\"]?([^'\")]+)", text):
                ref = ref.decode()
                if not ref.startswith(("data:", "#")):
                    queue.append(ref if ref.startswith(("/", "http")) else f"{base}/{ref}")
    return {"bytes": total, "files": len(seen) + 1, "foreign": foreign}


def discover(site):
    """Letter slugs from the sitemap, newest first."""
    client = Client(0, site, 0, None)
    _status, _r, sitemap = client.request("GET", "/sitemap.xml")
    site.slugs = re.findall(r"<loc>[^<]*/advisories/([^/<]+)/</loc>", sitemap.decode())
    if not site.slugs:
        raise SystemExit("no letter in /sitemap.xml: was the database seeded?")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="e.g. http://127.0.0.1:8000")
    parser.add_argument("--password", required=True, help="the seeded staff accounts' password")
    parser.add_argument("--inspector", action="append", dest="inspector_names", required=True)
    parser.add_argument("--numbers", default="", help="comma-separated numbers citizens report")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--inspectors", type=int, default=4, help="of the clients, in mixed")
    parser.add_argument("--think", type=float, default=1.0, help="an inspector's pause (1 s)")
    parser.add_argument("--seconds", type=float, default=8, help="measured, per phase")
    parser.add_argument("--mixed-seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=2, help="unmeasured, per phase")
    parser.add_argument(
        "--phases", default="", help="comma-separated, e.g. ceiling,mixed (default: all)"
    )
    parser.add_argument("--filed", help="write {receipt code: content} of every report here")
    parser.add_argument("--codes", help="a JSON file {username: [one-time codes]} to sign in with")
    args = parser.parse_args()
    token = secrets.token_hex(4)
    numbers = [n for n in args.numbers.split(",") if n]
    codes = json.loads(Path(args.codes).read_text()) if args.codes else {}
    site = Site(args.url, args.password, args.inspector_names, numbers, token, codes)
    site.think = args.think
    discover(site)

    weights = {
        name: page_weight(site, path or f"/advisories/{site.slugs[0]}/")
        for name, path in PAGES_WEIGHED.items()
    }
    phases, every = {}, []
    chosen = set(args.phases.split(",")) if args.phases else None
    for name in [n for n in ["ceiling", *PUBLIC] if not chosen or n in chosen]:
        clients, phases[name] = measure(
            site, name, args, [(saturate(name), None)] * args.concurrency
        )
        every += clients
    if not chosen or "mixed" in chosen:
        mixed_args = argparse.Namespace(**{**vars(args), "seconds": args.mixed_seconds})
        clients, phases["mixed"] = measure(site, "mixed", mixed_args, mixed_actors(args, site))
        every += clients
    # The warm-ups' reports count too: what was answered must be stored.
    filed = {code: content for c in every for code, content in c.filed.items()}
    if args.filed:
        with open(args.filed, "w") as out:
            json.dump(filed, out, ensure_ascii=False)
    result = {
        "concurrency": args.concurrency,
        "inspectors": args.inspectors,
        "letters": len(site.slugs),
        "token": token,
        "phases": phases,
        "page_weight": weights,
        "reports_sent": sum(c.sent for c in every),
        "reports_acknowledged": len(filed),
    }
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    print()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
