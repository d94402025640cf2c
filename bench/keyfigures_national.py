# SPDX-License-Identifier: MPL-2.0
"""Benchmark: the full key-figure catalogue for all 98 municipalities and 10 years.

Steps (only step 3 is the measured figure; the others are recorded too):

1. generate the national synthetic dataset with `forebyg.synth.generate_national`
   (98 municipalities, 2015-2024, scale 1.0, seed 1) and write it as one
   interchange file (JSON Lines; skipped when the file exists);
2. ingest it once into columnar frames (`frames_from_jsonl`) and write them as
   Parquet, and write the population denominators (children 0-17 on 1 January,
   counted from the synthetic child records; in production: FOLK1A) as CSV;
3. in a fresh process: read the Parquet frames and the population CSV, and
   compute every indicator for every municipality and every year
   (`engine.compute`, unit: municipality), timed from the start of the read to
   the last figure; the process's peak memory (max RSS) is recorded;
4. the same for quarters and months, and for years with teams and districts too.

    .venv/bin/python bench/keyfigures_national.py [--workdir /tmp/forebyg-kf-bench] [--scale 1.0]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CPH = ZoneInfo("Europe/Copenhagen")
AS_OF = "2024-12-31T23:59:59+01:00"


def prepare(work: Path, scale: float) -> dict:
    import polars as pl

    from forebyg.domain.keyfigures.frames import frames_from_jsonl
    from forebyg.synth import generate_national, municipalities, write_jsonl

    out: dict = {}
    jsonl = work / "national.jsonl"
    if not jsonl.exists():
        t = time.perf_counter()
        counts = write_jsonl(jsonl, generate_national(years=range(2015, 2025), seed=1, scale=scale),
                             exported_at="2025-01-01T00:00:00+01:00", municipalities=[m.code for m in municipalities()])
        out["generate_s"] = round(time.perf_counter() - t, 1)
        out["records"] = sum(counts.values())
        out["by_type"] = counts
    out["file_gb"] = round(jsonl.stat().st_size / 1e9, 2)
    parquet = work / "frames"
    t = time.perf_counter()
    frames = frames_from_jsonl(jsonl)
    out["ingest_jsonl_to_frames_s"] = round(time.perf_counter() - t, 1)
    frames.write_parquet(parquet)
    out["frames_rows"] = frames.height()
    out["ingest_peak_rss_gb"] = peak_rss_gb()
    child = frames["child"].with_columns(
        adult=pl.col("birth_date").dt.offset_by("18y"))
    rows = []
    for year in range(2015, 2026):
        day = date(year - 1, 12, 31)
        n = (child.filter((pl.col("birth_date") <= day) & (pl.col("adult") > day))
             .group_by("municipality").len())
        rows += [(m, year, c) for m, c in n.iter_rows()]
    pop = work / "population.csv"
    pop.write_text("municipality,year,children\n" + "".join(f"{m},{y},{c}\n" for m, y, c in rows), encoding="utf-8")
    out["children_0_17_2024"] = sum(c for _m, y, c in rows if y == 2024)
    return out


def peak_rss_gb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it does not carry the parent's
    peak over a fork and exec)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1e6, 2)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6, 2)


def timed(work: Path, granularity: str, units: str) -> dict:
    """Runs in a fresh process: read the frames and population, compute, report time and peak memory."""
    t0 = time.perf_counter()
    from forebyg.domain.keyfigures import engine
    from forebyg.domain.keyfigures.frames import frames_from_parquet
    from forebyg.domain.keyfigures.periods import periods_between
    from forebyg.domain.keyfigures.population import parse_csv

    t_import = time.perf_counter() - t0
    t, c = time.perf_counter(), time.process_time()
    frames = frames_from_parquet(work / "frames")
    population = parse_csv((work / "population.csv").read_text(encoding="utf-8"))
    t_read = time.perf_counter() - t
    as_of = datetime.fromisoformat(AS_OF)
    t = time.perf_counter()
    df = engine.compute(frames, periods=periods_between(granularity, date(2015, 1, 1), as_of), population=population,
                        units=tuple(units.split(",")))
    t_compute = time.perf_counter() - t
    cpu = time.process_time() - c
    return {"cpu_s": round(cpu, 2), "granularity": granularity, "units": units, "read_s": round(t_read, 2), "compute_s": round(t_compute, 2),
            "total_s": round(t_read + t_compute, 2), "python_imports_s": round(t_import, 2), "figures": df.height,
            "municipalities": df["municipality"].n_unique(), "peak_rss_gb": peak_rss_gb()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workdir", default="/tmp/forebyg-kf-bench")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=3, help="runs of the main measurement (best and median recorded)")
    ap.add_argument("--reuse", action="store_true", help="keep the frames made by an earlier run (skip step 2)")
    ap.add_argument("--child", nargs=2, metavar=("GRANULARITY", "UNITS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    work = Path(args.workdir)
    if args.child:
        print(json.dumps(timed(work, *args.child)))
        return
    work.mkdir(parents=True, exist_ok=True)
    reuse = args.reuse and (work / "frames").exists() and (work / "population.csv").exists()
    results = {"load_average_before": os.getloadavg(),
               "prepare": {"reused": True} if reuse else prepare(work, args.scale), "runs": []}
    runs = [("year", "municipality")] * args.repeat + [("quarter", "municipality"), ("month", "municipality"),
                                                       ("year", "municipality,team,district")]
    for granularity, units in runs:
        load = os.getloadavg()[0]
        done = subprocess.run([sys.executable, __file__, "--workdir", str(work), "--child", granularity, units],
                              capture_output=True, text=True, check=True, cwd=ROOT)
        results["runs"].append({**json.loads(done.stdout.strip().splitlines()[-1]), "load_1min": round(load, 2)})
        print(results["runs"][-1], flush=True)
    main_runs = sorted(r["total_s"] for r in results["runs"][:args.repeat])
    results["year_all_municipalities"] = {"best_total_s": main_runs[0], "median_total_s": main_runs[len(main_runs) // 2],
                                          "runs": args.repeat}
    results["load_average_after"] = os.getloadavg()
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
