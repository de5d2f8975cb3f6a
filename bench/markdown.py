"""The README's figures from a run's JSON files, one column per database.

.venv/bin/python bench/markdown.py bench/results/<time>-{sqlite,postgres}.json
"""

import json
import sys
from pathlib import Path

NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def name(result):
    return NAMES[result["database"]] + (" + Redis" if result["redis"] else "")


def cell(row, *keys):
    return " / ".join("-" if row.get(key) is None else f"{row[key]:g}" for key in keys)


def main(paths):
    results = [json.loads(Path(path).read_text()) for path in paths]
    print("| phase: page | " + " | ".join(name(r) for r in results) + " |")
    print("| --- |" + " --- |" * len(results))
    first = results[0]["phases"]
    for phase in [p for p in first if p != "mixed"]:
        cells = []
        for result in results:
            ceiling = result["phases"]["ceiling"]["endpoints"]["ceiling"]["rps"]
            row = result["phases"][phase]["endpoints"][phase]
            hits = f", {row['cache_hits']:.0%} cached" if row["cache_hits"] is not None else ""
            cells.append(f"{row['rps']:g} req/s, **{row['rps'] / ceiling:.2f}**{hits}")
        print(f"| {phase} alone | " + " | ".join(cells) + " |")
    for endpoint in first["mixed"]["endpoints"]:
        cells = []
        for result in results:
            row = result["phases"]["mixed"]["endpoints"].get(endpoint, {})
            cells.append(cell(row, "p50_ms", "p95_ms", "p99_ms") + " ms")
        print(f"| mixed: {endpoint} (p50 / p95 / p99) | " + " | ".join(cells) + " |")
    cells = []
    for result in results:
        mixed = result["phases"]["mixed"]
        total = sum(row["count"] for row in mixed["endpoints"].values()) / mixed["seconds"]
        cells.append(f"{total:.0f} req/s")
    print("| mixed: all | " + " | ".join(cells) + " |")
    cells = []
    for result in results:
        peak = max(w["peak_mb"] for w in result["workers"])
        cells.append(f"{peak:g} MB")
    print("| workers' peak memory | " + " | ".join(cells) + " |")
    cells = []
    for result in results:
        r = result["reports"]
        cells.append(f"{r['acknowledged']} acknowledged, {r['stored']} stored, {r['missing']} lost")
    print("| reports | " + " | ".join(cells) + " |")
    weights = results[0]["page_weight"]
    sizes = ", ".join(f"{page} {w['bytes'] / 1024:.1f} KB" for page, w in weights.items())
    print(f"\nFirst visit, compressed: {sizes}; no address on another origin.")


if __name__ == "__main__":
    main(sys.argv[1:])
