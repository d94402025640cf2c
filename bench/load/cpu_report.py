# SPDX-License-Identifier: MPL-2.0
"""Sums what bench/load/cpu_wsgi.py wrote (run.py --per-request-cpu DIR): each kind of request's CPU
in the worker, and the CPU the workers spent between requests.

    .venv/bin/python bench/load/cpu_report.py DIR [--since-line N]

Kinds are the Locust mix's requests, recognised by their path. Not part of the test suite."""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

KINDS = [  # (name, path pattern), first match wins
    ("start page (Mit arbejde)", r"^/mit-arbejde/$"),
    ("follow-up form / save", r"^/boern/[^/]+/followup/$"),
    ("child page", r"^/boern/[^/]+/$"),
    ("team page", r"^/team/$"),
    ("deadline overview", r"^/frister/team/$"),
    ("overview (dashboard)", r"^/overblik/$"),
    ("key-figure dashboard", r"^/noegletal/$"),
    ("api: children (50)", r"^/api/v1/children"),
    ("api: my deadlines (50)", r"^/api/v1/deadlines/mine"),
    ("login", r"^/login/$"),
]


def kind(path: str, status: str) -> str:
    for name, pattern in KINDS:
        if re.search(pattern, path):
            if name.startswith("follow-up"):
                return "record follow-up (save)" if status == "302" else "follow-up form"
            return name
    return f"other: {path[:40]}"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir")
    p.add_argument("--skip", type=int, default=0, help="skip each worker's first N requests (its warm-up)")
    args = p.parse_args()
    rows: dict[str, list[tuple[float, float, float, int]]] = {}
    between: list[float] = []
    for f in sorted(Path(args.dir).glob("*.tsv")):
        for i, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
            if i < args.skip:
                continue
            path, status, cpu, gap, gc_ms, queries, _wall = line.split("\t")
            rows.setdefault(kind(path, status), []).append((float(cpu), float(gc_ms), int(queries), status))
            if float(gap) >= 0:
                between.append(float(gap))
    n = sum(len(v) for v in rows.values())
    inside = sum(r[0] for v in rows.values() for r in v)
    print(f"{'request':<28} {'n':>6} {'median':>7} {'mean':>7} {'gc mean':>8} {'queries':>8}  statuses")
    for name, v in sorted(rows.items(), key=lambda kv: -len(kv[1])):
        cpus = [r[0] for r in v]
        statuses = ",".join(sorted({r[3] for r in v}))
        print(f"{name:<28} {len(v):6d} {statistics.median(cpus):7.1f} {statistics.fmean(cpus):7.1f} "
              f"{statistics.fmean(r[1] for r in v):8.2f} {statistics.median(r[2] for r in v):8.0f}  {statuses}")
    if n:
        print(f"all {n} requests: {inside / n:.1f} ms CPU per request inside the application; "
              f"between requests {statistics.fmean(between) if between else 0:.1f} ms per request "
              f"(median {statistics.median(between) if between else 0:.1f}); "
              f"together {(inside + sum(between)) / n:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
