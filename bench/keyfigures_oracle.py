# SPDX-License-Identifier: MPL-2.0
"""Benchmark: the production path (columnar, polars) against the oracle (child by child, with the
deadline engine) on one municipality of 20,000 children over 10 years, in the same run.

Both compute the whole catalogue, yearly, for the municipality, from the same records:

* oracle: `compute_oracle(records)` from the parsed records (list of dicts);
* production, end to end: `frames_from_records(records)` then `engine.compute(frames)`;
* production, compute only: `engine.compute(frames)` on frames already built (the dashboard's
  refresh and the CLI build frames once and compute all granularities from them);
* and both from the interchange file: the oracle with `json.loads` per line, production with
  `frames_from_jsonl` (polars reads the file).

The oracle and the compute-only production run are timed in alternation, --rounds times (the
machine is shared: alternating keeps both under the same load); the ratio is reported per round and
as the median. The other figures are best of --runs. The results are checked equal.

    .venv/bin/python bench/keyfigures_oracle.py [--children 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from forebyg.domain.keyfigures import engine  # noqa: E402
from forebyg.domain.keyfigures.frames import frames_from_jsonl, frames_from_records  # noqa: E402
from forebyg.domain.keyfigures.oracle import compute_oracle  # noqa: E402
from forebyg.domain.keyfigures.periods import periods_between  # noqa: E402
from forebyg.domain.keyfigures.population import from_year_end_counts  # noqa: E402
from forebyg.synth import generate, population_by_year, write_jsonl  # noqa: E402


def best(fn, runs: int) -> tuple[float, object]:  # noqa: ANN001
    out, times = None, []
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--children", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--oracle-runs", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    kw = dict(municipality=657, children=args.children, start_year=2015, end_year=2024, seed=1)
    records = list(generate(name="Herning (syntetisk)", **kw))
    population = from_year_end_counts(657, population_by_year(**kw))
    as_of = datetime.fromisoformat("2024-12-31T23:59:59+01:00")
    periods = periods_between("year", date(2015, 1, 1), as_of)
    load = os.getloadavg()

    engine.compute(frames_from_records(records[:2000]), periods=periods, population=population)  # warm-up
    t_frames, frames = best(lambda: frames_from_records(records), args.runs)
    rounds = []
    for _ in range(args.rounds):
        t_o, oracle_rows = best(lambda: compute_oracle(records, periods=periods, population=population), 1)
        t_p, df = best(lambda: engine.compute(frames, periods=periods, population=population), 3)
        rounds.append((t_o, t_p))
    ratios = sorted(o / p for o, p in rounds)
    t_oracle = sorted(o for o, _ in rounds)[len(rounds) // 2]
    t_compute = sorted(p for _, p in rounds)[len(rounds) // 2]
    t_e2e, _ = best(lambda: engine.compute(frames_from_records(records), periods=periods, population=population),
                    args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one.jsonl"
        write_jsonl(path, iter(records), exported_at="2025-01-01T00:00:00+01:00", municipalities=[657])
        size = path.stat().st_size

        def oracle_file():
            with open(path, encoding="utf-8") as fh:
                recs = [json.loads(line) for line in fh][1:]
            return compute_oracle(recs, periods=periods, population=population)

        def production_file():
            return engine.compute(frames_from_jsonl(path), periods=periods, population=population)

        t_oracle_file, _ = best(oracle_file, args.oracle_runs)
        t_prod_file, _ = best(production_file, args.runs)

    got = {(r["indicator"], r["period"]): r["value"] for r in df.iter_rows(named=True)}
    want = {(r.indicator, r.period): r.value for r in oracle_rows}
    assert got.keys() == want.keys() and all(
        (got[k] is None) == (want[k] is None) and (got[k] is None or math.isclose(got[k], want[k], rel_tol=1e-9))
        for k in got), "oracle and production disagree"
    result = {
        "children": args.children, "records": len(records), "file_mb": round(size / 1e6, 1), "figures": len(got),
        "load_average": [round(x, 2) for x in load],
        "oracle_median_s": round(t_oracle, 3), "production_compute_only_median_s": round(t_compute, 3),
        "production_frames_from_records_s": round(t_frames, 3), "production_end_to_end_s": round(t_e2e, 3),
        "rounds_oracle_s_production_s": [(round(o, 3), round(p, 3)) for o, p in rounds],
        "ratio_compute_only_per_round": [round(r, 1) for r in ratios],
        "ratio_compute_only_median": round(ratios[len(ratios) // 2], 1),
        "ratio_end_to_end": round(t_oracle / t_e2e, 1),
        "oracle_from_file_s": round(t_oracle_file, 3), "production_from_file_s": round(t_prod_file, 3),
        "ratio_from_file": round(t_oracle_file / t_prod_file, 1),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
