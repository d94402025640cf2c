# SPDX-License-Identifier: MPL-2.0
"""The synthetic demo municipality (`forebyg demo`): generated data imported through the interchange
path (so the demo also exercises import), the synthetic CPR register, the networks, the key figures
and the network hub, every app's registered demo content, and one login per role.

It assembles every app's demo data, so it sits above the apps, beside the command line (the layers in
pyproject.toml, docs/extending.md); the case core keeps its own part (forebyg.cases.services.demo)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings

from forebyg.cases.services.demo import DEMO_MUNICIPALITY, demo_exists, demo_logins, register_from_database
from forebyg.cases.services.interchange import interchange_import
from forebyg.core import clock, extension
from forebyg.people.demo import register_write


def demo_build(*, children: int = 20000, seed: int = 2024, reset: bool = False, hub_children: int = 3000,
               log: Callable[[str], None] = lambda s: None) -> list[tuple[str, str]]:
    from forebyg.synth import generate

    now = clock.to_local(clock.now())
    fresh = not demo_exists()
    if not fresh and not reset:
        log("The demo data exists already (use --reset to rebuild).")
    else:
        if demo_exists():
            raise SystemExit("--reset needs an empty database: delete var/forebyg.sqlite3 first.")
        log(f"Generating a synthetic municipality with {children} children (seed {seed})...")
        records = generate(municipality=DEMO_MUNICIPALITY, name="Herning (syntetisk)", children=children,
                           start_year=now.year - 7, end_year=now.year, end=now, seed=seed)
        kids: list[dict] = []  # the children, for the synthetic CPR register (issue #19)

        def tee(rs: Iterable[dict]) -> Iterator[dict]:
            for r in rs:
                if r.get("type") == "child":
                    kids.append(r)
                yield r

        lines = (json.dumps(r, ensure_ascii=False) for r in tee(records))
        result = interchange_import(lines=lines)
        log(f"Imported {result.total} records.")
        log(f"Wrote the synthetic CPR register: {register_write(kids, municipality=DEMO_MUNICIPALITY, seed=seed)} "
            "persons.")
    if not settings.FOREBYG_PEOPLE_SYNTHETIC_FILE.exists():
        log(f"Wrote the synthetic CPR register: {register_from_database(municipality=DEMO_MUNICIPALITY, seed=seed)} "
            "persons.")
    from forebyg.network.services.demo import network_demo_load

    networks = network_demo_load(log=log)
    if networks.sample_link:
        log(f"A participant's personal link in the networks: {networks.sample_link}")
    if fresh:  # key figures ready on the first visit: population, the figures, the network hub
        from forebyg.keyfigures.demo import hub_demo_load
        from forebyg.keyfigures.services import keyfigures_demo_load

        log("Computing the key figures...")
        keyfigures_demo_load(municipality_id=DEMO_MUNICIPALITY, children=children, seed=seed,
                             start_year=now.year - 7, end_year=now.year, end=now, log=lambda s: log("  " + s))
        log("Filling the demo network hub with synthetic members' key figures...")
        hub_demo_load(children=hub_children)
    logins = demo_logins()
    for loader in extension.DEMO_LOADERS.values():  # other apps' demo content needing the demo users (#18)
        loader.load(log=log)
    return logins
