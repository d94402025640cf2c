# SPDX-License-Identifier: MPL-2.0
"""Benchmark: one municipality's key-figure dashboard (all indicators, five-year trend) on the demo data.

Build the demo first (about a minute), load its synthetic population and compute the figures:

    FOREBYG_VAR_DIR=/tmp/kfdemo .venv/bin/forebyg demo --no-serve
    FOREBYG_VAR_DIR=/tmp/kfdemo .venv/bin/forebyg keyfigures population --synthetic
    FOREBYG_VAR_DIR=/tmp/kfdemo .venv/bin/forebyg keyfigures refresh
    FOREBYG_VAR_DIR=/tmp/kfdemo .venv/bin/python bench/keyfigures_dashboard.py

Times, through Django's test client as the manager (full middleware stack, templates, database),
the median and worst of --runs requests after one warm-up: the dashboard page (years, the default
period and baseline), the same with quarters, a team's and a district's dashboard, and the page
together with all its chart images (served from the cached figures; the first request for a chart
not drawn at refresh draws it with vl-convert and stores it).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--user", default="leder")
    args = ap.parse_args()
    import django

    django.setup()
    from django.test import Client

    from forebyg.accounts.models import User
    from forebyg.keyfigures.selectors import units_for

    c = Client()
    user = User.objects.get(username=args.user)
    c.force_login(user)
    units = units_for(user.municipality_id)
    team = next(u for u in units if u.kind == "team")
    district = next(u for u in units if u.kind == "district")

    def measure(path: str, with_images: bool = False) -> dict:
        def once() -> float:
            t = time.perf_counter()
            r = c.get(path, HTTP_HOST="127.0.0.1")
            assert r.status_code == 200, (path, r.status_code)
            if with_images:
                for src in re.findall(r'<img src="([^"]+)"', r.content.decode()):
                    assert c.get(src.replace("&amp;", "&"), HTTP_HOST="127.0.0.1").status_code == 200
            return time.perf_counter() - t

        first = once()
        times = [once() for _ in range(args.runs)]
        return {"path": path, "first_ms": round(first * 1000), "median_ms": round(statistics.median(times) * 1000, 1),
                "max_ms": round(max(times) * 1000, 1)}

    results = {"load_average": [round(x, 2) for x in os.getloadavg()], "pages": [
        measure("/noegletal/"),
        measure("/noegletal/?g=quarter"),
        measure(f"/noegletal/?unit={team.param}"),
        measure(f"/noegletal/?unit={district.param}"),
        measure("/noegletal/", with_images=True),
    ]}
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
