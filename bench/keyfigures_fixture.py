# SPDX-License-Identifier: MPL-2.0
"""Before/after on a cheap fixture when the national data set cannot be built (issue #20).

The fixture: the two largest municipalities of `generate_national` (101 and 751, 2015-2024,
seed 1, scale 1.0; about 2.5 million records, 417,000 scaling rounds), ingested once into
Parquet frames and a population CSV exactly as `keyfigures_national.py` does (about 100 s).
Then, alternating, each in a fresh process: the whole catalogue for every municipality and
year from the Parquet frames (read + compute), with the code of each `--root` (a checkout:
the baseline, e.g. main, and the branch), with polars' in-memory engine (what this size
uses) and with its streaming engine (what the national run uses, above 2 million rows);
CPU seconds (getrusage, all threads) and peak memory (ru_maxrss) of the child process.

    .venv/bin/python bench/keyfigures_fixture.py --root /path/to/baseline --root . [--rounds 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve()
CODES = [101, 751]


def build(work: Path) -> None:
    root = HERE.parents[1]
    sys.path.insert(0, str(root))
    from forebyg.synth import generate_national, write_jsonl

    spec = importlib.util.spec_from_file_location("kfn", root / "bench" / "keyfigures_national.py")
    kfn = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(kfn)  # type: ignore[union-attr]
    work.mkdir(parents=True, exist_ok=True)
    if not (work / "national.jsonl").exists():
        write_jsonl(work / "national.jsonl", generate_national(years=range(2015, 2025), seed=1, municipalities=CODES),
                    exported_at="2025-01-01T00:00:00+01:00", municipalities=CODES)
    print(json.dumps(kfn.prepare(work, 1.0)), file=sys.stderr)


def child(work: Path, root: str, engine_name: str) -> None:
    sys.path.insert(0, root)
    from forebyg.domain.keyfigures import context, engine
    from forebyg.domain.keyfigures.frames import frames_from_parquet
    from forebyg.domain.keyfigures.periods import periods_between
    from forebyg.domain.keyfigures.population import parse_csv

    context.Ctx.engine = property(lambda self: engine_name)  # type: ignore[assignment]
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    t = time.perf_counter()
    frames = frames_from_parquet(work / "frames")
    population = parse_csv((work / "population.csv").read_text(encoding="utf-8"))
    df = engine.compute(frames, periods=periods_between("year", date(2015, 1, 1),
                                                         datetime.fromisoformat("2024-12-31T23:59:59+01:00")),
                        population=population)
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"wall_s": round(time.perf_counter() - t, 2),
                      "cpu_s": round(ru.ru_utime + ru.ru_stime - ru0.ru_utime - ru0.ru_stime, 2),
                      "peak_gb": round(ru.ru_maxrss / 1e6, 2), "figures": df.height,
                      "checksum": round(float(df["value"].fill_null(0).sum()), 6)}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workdir", default="/tmp/forebyg-kf-fixture")
    ap.add_argument("--root", action="append", required=True, help="a checkout whose forebyg is measured")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    work = Path(args.workdir)
    if args.child:
        child(work, *args.child)
        return
    if not (work / "frames").exists():
        build(work)
    rows = []
    for rnd in range(args.rounds):
        for engine_name in ("in-memory", "streaming"):
            for root in args.root:
                load = os.getloadavg()[0]
                out = subprocess.run([sys.executable, str(HERE), "--workdir", str(work), "--root", root,
                                      "--child", str(Path(root).resolve()), engine_name],
                                     capture_output=True, text=True, check=True, cwd="/")
                rows.append({"round": rnd + 1, "root": root, "engine": engine_name, "load": round(load, 1),
                             **json.loads(out.stdout.strip().splitlines()[-1])})
                print(rows[-1], file=sys.stderr, flush=True)
    print("| round | code | engine | figures | wall | CPU s | peak memory | load |\n|---|---|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['round']} | {r['root']} | {r['engine']} | {r['figures']} | {r['wall_s']:.2f} s | {r['cpu_s']:.2f} | "
              f"{r['peak_gb']:.2f} GB | {r['load']} |")
    for engine_name in ("in-memory", "streaming"):
        med = {}
        for root in args.root:
            sel = sorted((r["cpu_s"], r["peak_gb"]) for r in rows if r["root"] == root and r["engine"] == engine_name)
            med[root] = sel[len(sel) // 2]
            print(f"\n{engine_name}, {root}: median CPU {med[root][0]:.2f} s, peak {max(p for _c, p in sel):.2f} GB")
        if len(args.root) == 2:
            a, b = (med[r][0] for r in args.root)
            print(f"{engine_name}: CPU ratio {args.root[0]} / {args.root[1]} = {a / b:.2f}x")
    sums = {(r["root"], r["engine"]): (r["figures"], r["checksum"]) for r in rows}
    print("\nsame figures in every run:", len(set(sums.values())) == 1)


if __name__ == "__main__":
    main()
