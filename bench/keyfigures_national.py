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
4. the same for quarters and months, and for years with teams and districts too;
5. the floor, in the same run and alternating with step 3: in a fresh process, read the same
   Parquet frames and count the same rows with one plain polars group-by per record type
   (municipality x year of the record's time; a scaling round's entries counted too), and the
   ratio of the catalogue's time to it.

Each run reports wall time, CPU time (user + system of the process, all threads) and peak memory
(VmHWM and ru_maxrss). The machine is often shared: CPU time is the steadier figure, and the load
average at the start of each run is recorded. The table is printed and written into
bench/RESULTS-keyfigures.md between the `national:begin`/`national:end` markers (`--no-write`:
print only).

    .venv/bin/python bench/keyfigures_national.py [--workdir /tmp/forebyg-kf-bench] [--scale 1.0] [--reuse]
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
    out["children_0_17_2024"] = write_population(frames, work)
    return out


def write_population(frames, work: Path) -> int:  # noqa: ANN001
    """Children 0-17 on 1 January per municipality and year, as the population CSV."""
    import polars as pl

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
    return sum(c for _m, y, c in rows if y == 2024)


def peak_rss_gb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it does not carry the parent's
    peak over a fork and exec)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1e6, 2)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6, 2)


def usage() -> dict:
    """CPU seconds (user + system, all threads) and peak resident memory of this process."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu": ru.ru_utime + ru.ru_stime, "maxrss_gb": round(ru.ru_maxrss / 1e6, 2)}


def floor(work: Path) -> dict:
    """Runs in a fresh process: the same Parquet frames, the same rows counted by one plain
    group-by per record type (municipality x year of its time), as the lower bound of the work."""
    import polars as pl

    from forebyg.domain.keyfigures.frames import PRIMARY, TYPES

    cpu0, t = usage()["cpu"], time.perf_counter()
    counted = 0
    groups = 0
    for rtype in TYPES:
        path = work / "frames" / f"{rtype}.parquet"
        if not path.exists():
            continue
        lf = pl.scan_parquet(path)
        col = PRIMARY.get(rtype)
        year = (pl.col(col).dt.convert_time_zone("Europe/Copenhagen").dt.year() if col else pl.lit(0)).alias("year")
        parts = [lf.group_by("municipality", year).agg(n=pl.len())]
        if rtype == "scaling_round":  # the progression indicators read every score
            parts.append(lf.select("municipality", year, "entries").explode("entries")
                         .group_by("municipality", "year").agg(n=pl.len()))
        for df in pl.collect_all(parts):
            counted += int(df["n"].sum())
            groups += df.height
    wall = time.perf_counter() - t
    return {"granularity": "floor", "units": "municipality", "total_s": round(wall, 2), "read_s": None,
            "compute_s": None, "cpu_s": round(usage()["cpu"] - cpu0, 2), "rows_counted": counted, "figures": groups,
            "peak_rss_gb": peak_rss_gb(), "maxrss_gb": usage()["maxrss_gb"]}


def timed(work: Path, granularity: str, units: str) -> dict:
    """Runs in a fresh process: read the frames and population, compute, report time and peak memory."""
    t0 = time.perf_counter()
    from forebyg.domain.keyfigures import engine
    from forebyg.domain.keyfigures.frames import frames_from_parquet
    from forebyg.domain.keyfigures.periods import periods_between
    from forebyg.domain.keyfigures.population import parse_csv

    t_import = time.perf_counter() - t0
    t, c = time.perf_counter(), usage()["cpu"]
    frames = frames_from_parquet(work / "frames")
    population = parse_csv((work / "population.csv").read_text(encoding="utf-8"))
    t_read = time.perf_counter() - t
    as_of = datetime.fromisoformat(AS_OF)
    t = time.perf_counter()
    df = engine.compute(frames, periods=periods_between(granularity, date(2015, 1, 1), as_of), population=population,
                        units=tuple(units.split(",")))
    t_compute = time.perf_counter() - t
    cpu = usage()["cpu"] - c
    return {"cpu_s": round(cpu, 2), "granularity": granularity, "units": units, "read_s": round(t_read, 2), "compute_s": round(t_compute, 2),
            "total_s": round(t_read + t_compute, 2), "python_imports_s": round(t_import, 2), "figures": df.height,
            "municipalities": df["municipality"].n_unique(), "peak_rss_gb": peak_rss_gb(),
            "maxrss_gb": usage()["maxrss_gb"]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workdir", default="/tmp/forebyg-kf-bench")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=3, help="runs of the main measurement (best and median recorded)")
    ap.add_argument("--reuse", action="store_true", help="keep the frames made by an earlier run (skip step 2)")
    ap.add_argument("--no-write", action="store_true", help="print the table; leave RESULTS-keyfigures.md alone")
    ap.add_argument("--child", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    args = ap.parse_args()
    work = Path(args.workdir)
    if args.child:
        print(json.dumps(floor(work) if args.child == ["floor"] else timed(work, *args.child)))
        return
    work.mkdir(parents=True, exist_ok=True)
    reuse = args.reuse and (work / "frames").exists() and (work / "population.csv").exists()
    results = {"load_average_before": os.getloadavg(),
               "prepare": {"reused": True} if reuse else prepare(work, args.scale), "runs": []}
    # The main measurement alternates with the floor, so both see the same machine.
    runs = [r for _ in range(args.repeat) for r in (("year", "municipality"), ("floor",))]
    runs += [("quarter", "municipality"), ("month", "municipality"), ("year", "municipality,team,district")]
    for run in runs:
        load = os.getloadavg()[0]
        done = subprocess.run([sys.executable, __file__, "--workdir", str(work), "--child", *run],
                              capture_output=True, text=True, check=True, cwd=ROOT)
        results["runs"].append({**json.loads(done.stdout.strip().splitlines()[-1]), "load_1min": round(load, 2)})
        print(results["runs"][-1], file=sys.stderr, flush=True)
    results["load_average_after"] = os.getloadavg()
    table = report(results, args.repeat)
    print(table)
    if not args.no_write:
        write_results(table)


def _median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2]


def report(results: dict, repeat: int) -> str:
    """The runs as a Markdown table, with the catalogue's ratio to the floor (medians, wall and CPU)."""
    runs = results["runs"]
    main_runs = [r for r in runs if r["granularity"] == "year" and r["units"] == "municipality"][:repeat]
    floors = [r for r in runs if r["granularity"] == "floor"]
    cores = os.cpu_count() or 1
    loads = [r["load_1min"] for r in runs]
    lines = [
        f"Recorded {datetime.now(CPH):%Y-%m-%d %H:%M} (Copenhagen time) by `bench/keyfigures_national.py`, {cores} cores, "
        f"Python {sys.version.split()[0]}; load average (1 min) at the start of the runs "
        f"{min(loads):.1f}-{max(loads):.1f}"
        + (" — **the machine was busy** (load above its cores): wall times are pessimistic, CPU time is the "
           "steadier figure; re-run on a quiet machine for the target." if max(loads) > cores else "."),
        "",
        "| run | periods | units | figures / groups | read | compute | **wall** | CPU s | peak memory (VmHWM) | load |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        what = "floor (plain group-by)" if r["granularity"] == "floor" else "catalogue"
        read = "" if r["read_s"] is None else f"{r['read_s']:.2f} s"
        comp = "" if r["compute_s"] is None else f"{r['compute_s']:.2f} s"
        lines.append(f"| {what} | {r['granularity'] if what == 'catalogue' else 'years'} | {r['units']} | "
                     f"{r['figures']:,} | {read} | {comp} | {r['total_s']:.2f} s | {r['cpu_s']:.1f} | "
                     f"{r['peak_rss_gb']:.2f} GB | {r['load_1min']:.1f} |")
    if main_runs and floors:
        mw, mc = _median([r["total_s"] for r in main_runs]), _median([r["cpu_s"] for r in main_runs])
        fw, fc = _median([r["total_s"] for r in floors]), _median([r["cpu_s"] for r in floors])
        peak = max(r["peak_rss_gb"] for r in main_runs)
        lines += ["", f"Whole catalogue, {main_runs[0]['municipalities']} municipalities x years (median of {len(main_runs)}): **{mw:.2f} s** wall, "
                      f"{mc:.1f} CPU s, peak {peak:.2f} GB. Floor (median of {len(floors)}): {fw:.2f} s wall, "
                      f"{fc:.1f} CPU s, {floors[0]['rows_counted']:,} rows counted. "
                      f"**Ratio to the floor: {mw / fw:.1f}x wall, {mc / fc:.1f}x CPU.**"]
    return "\n".join(lines)


BEGIN, END = "<!-- national:begin -->", "<!-- national:end -->"


def write_results(table: str) -> None:
    path = ROOT / "bench" / "RESULTS-keyfigures.md"
    text = path.read_text(encoding="utf-8")
    block = f"{BEGIN}\n{table}\n{END}"
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n## Latest run of `bench/keyfigures_national.py`\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
