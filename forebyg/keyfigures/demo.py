# SPDX-License-Identifier: MPL-2.0
"""A demo network hub: every member of a network gets synthetic key figures, made the way a real
member would make them (its own data, never imported here: only the signed aggregate file crosses),
a key pair whose public half the hub registers, and its file imported through the hub's checks.
The demo municipality itself exports from the database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django_scopes import scopes_disabled

from forebyg.core import clock
from forebyg.domain.calendar import CPH
from forebyg.domain.keyfigures import aggregates as agg
from forebyg.domain.keyfigures import engine
from forebyg.domain.keyfigures.frames import frames_from_records
from forebyg.domain.keyfigures.model import Row
from forebyg.domain.keyfigures.periods import clip_periods, periods_between
from forebyg.domain.keyfigures.population import from_year_end_counts
from forebyg.network.models import Membership, Network

from . import services

YEARS = 7


def member_document(code: int, name: str, *, children: int, end: datetime,
                    key: Ed25519PrivateKey) -> dict[str, Any]:
    """A synthetic member's signed aggregate file (what its own installation would send)."""
    from forebyg.synth import generate, notification_rate, population_by_year

    start_year, seed = end.year - YEARS, 2016
    records = generate(municipality=code, name=name, children=children, start_year=start_year, end_year=end.year,
                       end=end, seed=seed, notification_rate=notification_rate(2016, code))
    frames = frames_from_records(records)
    population = from_year_end_counts(code, population_by_year(
        municipality=code, children=children, start_year=start_year, end_year=end.year, end=end, seed=seed))
    rows: list[Row] = []
    labels: list[str] = []
    for g in ("year", "quarter"):
        periods = periods_between(g, date(end.year - YEARS, 1, 1), end)
        df = engine.compute(frames, periods=periods, population=population)
        rows += [Row(**r) for r in df.iter_rows(named=True)]
        labels += [p.label for p in clip_periods(periods)]
    doc = agg.build_document(rows, municipality=code, municipality_name=name, as_of=end, created_at=clock.now(),
                             periods=labels)
    return agg.sign_document(doc, key)


def hub_demo_load(*, network_key: str = "partnerskab-2016", children: int = 3000,
                  log: Callable[[str], None] = lambda s: None) -> int:
    network = Network.objects.filter(key=network_key).first()
    if network is None:
        raise ValueError(f"no network with key {network_key!r} (run `forebyg demo` first)")
    end = clock.now().astimezone(CPH)
    done = 0
    with scopes_disabled():
        from forebyg.cases.models import Child

        own = set(Child.objects.values_list("municipality_id", flat=True).distinct())
        members = (Membership.objects.filter(network=network).select_related("municipality")
                   .order_by("municipality__code").distinct())
        seen: set[int] = set()
        for ms in members:
            code, name = ms.municipality_id, ms.municipality.name
            if code in seen:
                continue
            seen.add(code)
            if code in own:  # a municipality with data here exports the real way
                key = services.signing_key(code)
                doc = services.aggregates_export(actor=None, municipality_id=code)
            else:
                key = agg.load_private_key(agg.new_private_key_pem())
                doc = member_document(code, name, children=children, end=end, key=key)
            services.hub_key_register(actor=None, network=network, municipality_id=code,
                                      public_key=agg.public_key_text(key))
            services.hub_import(actor=None, network=network, data=agg.dumps(doc).encode("utf-8"))
            done += 1
            log(f"  {name} ({code}): {len(doc['rows'])} figures, {sum(r['suppressed'] for r in doc['rows'])} hidden")
    log(f"Imported key figures for {done} members of {network.name}.")
    return done
