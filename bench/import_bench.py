# SPDX-License-Identifier: MPL-2.0
"""Bulk import benchmark: records per second importing the national synthetic dataset.

    .venv/bin/python bench/import_bench.py --scale 0.1              # SQLite in a temporary file
    .venv/bin/python bench/import_bench.py --scale 0.1 --database-url postgres://postgres@127.0.0.1:54330/bench

Generates `generate_national(scale=...)` as an interchange file (not timed), migrates an empty
database (not timed), then times `forebyg import`'s service: validation of the whole file and the
write in one transaction, reported separately and together. Results: bench/RESULTS-import.md.
Not part of the test suite."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]


def generate(path: Path, *, scale: float, first: int, last: int, seed: int) -> int:
    from forebyg.synth import generate_national, write_jsonl

    end = datetime(last, 12, 31, 23, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    codes = [m.code for m in __import__("forebyg.synth", fromlist=["municipalities"]).municipalities()]
    counts = write_jsonl(path, generate_national(years=range(first, last + 1), seed=seed, scale=scale, end=end),
                         exported_at=end.isoformat(), municipalities=codes)
    return sum(counts.values())


def validate_only(path: Path) -> int:
    """Validation alone, as the import runs it (garbage collector paused), in wall and CPU time."""
    sys.path.insert(0, str(ROOT))
    import resource

    from forebyg.domain.gcpause import gc_paused
    from forebyg.domain.interchange import parse_lines

    load = os.getloadavg()[0]
    start, cpu_start = time.perf_counter(), time.process_time()
    with open(path, "rb") as fh, gc_paused():
        n = len(parse_lines(fh))
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(json.dumps({"records": n, "seconds": round(wall, 1), "cpu_seconds": round(cpu, 1),
                      "records_per_second": round(n / wall), "records_per_cpu_second": round(n / cpu),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                      "load_average_1min_at_start": round(load, 2), "code": str(ROOT)}, indent=2))
    return 0


def server_cpu_seconds(connection) -> float | None:
    """CPU seconds (user + system) of this connection's PostgreSQL backend so far, when the server
    runs on this machine: on PostgreSQL most of the write's work (COPY, indexes, foreign-key
    checks) happens there, not in the importing process."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # the server is on another machine
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--scale", type=float, default=0.1, help="children per municipality x this (default 0.1)")
    p.add_argument("--years", default="2019-2025", help="first-last year of history (default 2019-2025)")
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--file", help="reuse (or keep) the generated interchange file here")
    p.add_argument("--database-url", help="default: a new SQLite file in a temporary directory")
    p.add_argument("--validate-only", action="store_true",
                   help="time only the validation of the file (parse_lines, no database); needs --file")
    args = p.parse_args()
    first, last = (int(x) for x in args.years.split("-"))
    if args.validate_only:
        return validate_only(Path(args.file))

    tmp = tempfile.TemporaryDirectory(prefix="forebyg-bench-")
    url = args.database_url or f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("FOREBYG_VAR_DIR", tmp.name)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from forebyg.cases.services.interchange import interchange_import

    path = Path(args.file) if args.file else Path(tmp.name) / "national.jsonl"
    if not path.exists():
        t = time.perf_counter()
        n = generate(path, scale=args.scale, first=first, last=last, seed=args.seed)
        print(f"generated {n} records ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s",
              file=sys.stderr)
    call_command("migrate", verbosity=0, interactive=False)

    marks: dict[str, float] = {}
    server_start = server_cpu_seconds(connection)
    cpu_start = time.process_time()
    start = time.perf_counter()

    def progress(message: str) -> None:
        if message.startswith("Validated"):
            marks["validated"] = time.perf_counter()
        print(f"{time.perf_counter() - start:8.1f} s  {message}", file=sys.stderr)

    with open(path, encoding="utf-8") as fh:
        result = interchange_import(lines=fh, progress=progress)
    total = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    server_end = server_cpu_seconds(connection)
    validate = marks.get("validated", start) - start
    out = {
        "database": connection.vendor, "scale": args.scale, "years": args.years, "records": result.total,
        "file_mb": round(path.stat().st_size / 1e6), "seconds_total": round(total, 1),
        "seconds_validate": round(validate, 1), "seconds_write": round(total - validate, 1),
        "records_per_second": round(result.total / total), "records_per_second_write": round(result.total / (total - validate)),
        "cpu_seconds_of_this_process": round(cpu, 1),
        "cpu_seconds_of_the_database_server": (round(server_end - server_start, 1)
                                               if server_start is not None and server_end is not None else None),
        "python": sys.version.split()[0], "cpus": os.cpu_count(), "load_average_1min": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(out, indent=2))
    if not args.database_url:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
