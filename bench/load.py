"""Load generator: drives a running portal with a realistic mix and prints JSON on stdout.

bench/run.py starts it as its own process, so the client's threads do not
compete with the orchestrator for a GIL, and so it can be pointed by hand at any
server (it files real reports there: never aim it at production):

    .venv/bin/python bench/load.py --url http://127.0.0.1:8000 --duration 10

Standard library only. Each client thread keeps one http.client connection and
reopens it whenever the server closes it (gunicorn's sync workers close after
every answer, as a browser behind them would see).
"""

import argparse
import http.client
import json
import random
import re
import sys
import threading
import time
from collections import Counter
from urllib.parse import urlencode, urlsplit

# Share of requests per endpoint: reading letters dominates, but one in seven
# is a citizen filing a report, the write path that contends on SQLite.
MIX = {
    "home": 15,
    "list": 20,
    "search": 15,
    "detail": 20,
    "compose": 15,
    "report": 15,
}
HEADERS = {"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.5", "User-Agent": "portal-bench"}
PREFIXES = ["090", "091", "093", "094", "096", "097", "098", "086", "088", "032", "070", "081"]
CONTENTS = [
    "Mạo danh công an phường, yêu cầu chuyển tiền để xác minh tài khoản",
    "Gia danh nhan vien ngan hang, xin ma OTP de mo khoa the",
    "Tin nhắn báo trúng thưởng, gửi đường link lạ để nhận quà",
    "Goi tu xung can bo dien luc, doa cat dien neu khong chuyen khoan",
]


def request_for(name, rng, slugs, provinces):
    """(method, path, body, extra headers) for one request of the given endpoint."""
    if name == "home":
        return "GET", "/", None, {}
    if name == "list":
        return "GET", "/advisories/", None, {}
    if name == "search":
        return "GET", "/advisories/?q=mao+danh", None, {}
    if name == "detail":
        return "GET", f"/advisories/{rng.choice(slugs)}/", None, {}
    if name == "compose":
        query = urlencode({"kind": "LD", "source": "0912345678", "content": CONTENTS[0]})
        return "GET", f"/api/v1/compose?{query}", None, {}
    # A different caller each time, as real reports would be; a third leave the province blank.
    fields = {
        "kind": rng.choice(["LD", "LD", "S", "V"]),
        "source": rng.choice(PREFIXES) + f"{rng.randrange(10**7):07d}",
        "content": rng.choice(CONTENTS),
        "province": rng.choice(provinces) if rng.random() < 0.67 else "",
    }
    body = urlencode(fields).encode()
    return "POST", "/api/v1/reports", body, {"Content-Type": "application/x-www-form-urlencoded"}


class Client(threading.Thread):
    """One simulated user: sends requests back to back until the deadline."""

    def __init__(self, index, host, port, deadline, slugs, provinces):
        super().__init__(daemon=True)  # Ctrl-C must not wait for in-flight requests
        self.rng = random.Random(index)  # reproducible sequence per thread
        self.host, self.port, self.deadline = host, port, deadline
        self.slugs, self.provinces = slugs, provinces
        self.latencies = {name: [] for name in MIX}
        self.statuses = {name: Counter() for name in MIX}
        self.codes = []

    def run(self):
        names, weights = list(MIX), list(MIX.values())
        conn = None
        while time.monotonic() < self.deadline:
            name = self.rng.choices(names, weights)[0]
            method, path, body, extra = request_for(name, self.rng, self.slugs, self.provinces)
            start = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                conn.request(method, path, body, HEADERS | extra)
                response = conn.getresponse()
                data = response.read()
                status = response.status
                if response.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as error:
                # No retry: a POST retried blindly could file a report twice.
                status, data = type(error).__name__, b""
                if conn is not None:
                    conn.close()
                conn = None
            self.latencies[name].append(time.perf_counter() - start)
            self.statuses[name][str(status)] += 1
            if name == "report" and status == 201:
                self.codes.append(json.loads(data)["code"])
        if conn is not None:
            conn.close()


def run_phase(host, port, seconds, concurrency, slugs, provinces):
    deadline = time.monotonic() + seconds
    clients = [Client(i, host, port, deadline, slugs, provinces) for i in range(concurrency)]
    started = time.perf_counter()
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    return clients, time.perf_counter() - started


def is_error(name, status):
    """A failure: no answer, 4xx/5xx, or a report that was not created (201)."""
    if name == "report":
        return status != "201"
    return not (status.isdigit() and 200 <= int(status) < 400)


def percentile(sorted_values, share):
    """Nearest-rank percentile of an already sorted list, in milliseconds."""
    if not sorted_values:
        return None
    rank = max(0, min(len(sorted_values) - 1, round(share * len(sorted_values)) - 1))
    return round(sorted_values[rank] * 1000, 1)


def summarize(clients, elapsed):
    endpoints, every = {}, []
    for name in MIX:
        values = sorted(v for c in clients for v in c.latencies[name])
        statuses = sum((c.statuses[name] for c in clients), Counter())
        errors = sum(n for s, n in statuses.items() if is_error(name, s))
        every += values
        endpoints[name] = {
            "count": len(values),
            "errors": errors,
            "statuses": dict(statuses),
            "rps": round(len(values) / elapsed, 1),
            "p50_ms": percentile(values, 0.50),
            "p95_ms": percentile(values, 0.95),
            "p99_ms": percentile(values, 0.99),
            "max_ms": percentile(values, 1.0),
        }
    every.sort()
    overall = {
        "count": len(every),
        "errors": sum(e["errors"] for e in endpoints.values()),
        "rps": round(len(every) / elapsed, 1),
        "p50_ms": percentile(every, 0.50),
        "p95_ms": percentile(every, 0.95),
        "p99_ms": percentile(every, 0.99),
        "max_ms": percentile(every, 1.0),
    }
    return endpoints, overall


def discover(host, port):
    """Letter slugs (from the sitemap) and province names (from the API) to vary requests."""
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request("GET", "/sitemap.xml", headers=HEADERS)
    sitemap = conn.getresponse().read().decode()
    slugs = re.findall(r"<loc>[^<]*/advisories/([^/<]+)/</loc>", sitemap)
    conn.close()
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request("GET", "/api/v1/provinces", headers=HEADERS)
    provinces = [p["name"] for p in json.loads(conn.getresponse().read()) if p["current"]]
    conn.close()
    if not slugs or not provinces:
        raise SystemExit(f"nothing to load: {len(slugs)} letters, {len(provinces)} provinces")
    return slugs, provinces


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="e.g. http://127.0.0.1:8000")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=float, default=20, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=3, help="unmeasured seconds first")
    parser.add_argument("--codes-file", help="write the code of every 201 here, one a line")
    args = parser.parse_args()
    address = urlsplit(args.url)
    host, port = address.hostname, address.port or 80

    slugs, provinces = discover(host, port)
    # Warm-up: each worker's first requests compile templates and fill caches.
    # Its reports still count towards the stored-vs-201 check.
    warm, _ = run_phase(host, port, args.warmup, args.concurrency, slugs, provinces)
    clients, elapsed = run_phase(host, port, args.duration, args.concurrency, slugs, provinces)
    endpoints, overall = summarize(clients, elapsed)
    codes = [code for c in warm + clients for code in c.codes]
    if args.codes_file:
        with open(args.codes_file, "w") as out:
            out.write("\n".join(codes) + "\n")
    result = {
        "concurrency": args.concurrency,
        "duration_s": round(elapsed, 2),
        "warmup_s": args.warmup,
        "letters": len(slugs),
        "overall": overall,
        "endpoints": endpoints,
        "reports_created": len(codes),
        "reports_created_in_warmup": sum(len(c.codes) for c in warm),
    }
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    print()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
