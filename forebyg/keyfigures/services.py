# SPDX-License-Identifier: MPL-2.0
"""Writes: recompute and cache the figures, load population data, keep the signing key, export
signed aggregates, and (on a network hub) register keys and import aggregate files. Each write that
matters is audit-logged."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.db import transaction
from django_scopes import scopes_disabled

from forebyg.audit.services import log_change
from forebyg.core import clock
from forebyg.core.models import Municipality
from forebyg.domain.keyfigures import aggregates as agg
from forebyg.domain.keyfigures import engine
from forebyg.domain.keyfigures.catalogue import BY_ID, CATALOGUE_VERSION
from forebyg.domain.keyfigures.model import Row
from forebyg.domain.keyfigures.periods import GRANULARITIES, Period, clip_periods, periods_between
from forebyg.domain.keyfigures.population import Population as Pop
from forebyg.domain.keyfigures.population import count_children, from_year_end_counts

from . import charts
from . import selectors as sel
from .models import Chart, HubKey, Population, Result, Submission, SubmittedValue, Value

if TYPE_CHECKING:
    from forebyg.accounts.models import User
    from forebyg.network.models import Network

UNITS = ("municipality", "team", "district")
Log = Callable[[str], None]


# -- computing and caching ------------------------------------------------------------------------


def keyfigures_refresh(*, municipality_id: int, actor: User | None = None, as_of: datetime | None = None,
                       granularities: Iterable[str] = GRANULARITIES, log: Log = lambda s: None,
                       draw: bool = True) -> dict[str, Result]:
    """Compute the whole catalogue for every unit and period of each granularity, replace the cached
    figures, and draw the default dashboard's charts (unless `draw` is false: then on first view)."""
    started = time.perf_counter()
    as_of = as_of or clock.now()
    frames = sel.frames_for(municipality_id)
    population = sel.population_for([municipality_id])
    first = frames.first_day() or clock.local_date(as_of)
    log(f"Read {frames.height()} records in {time.perf_counter() - started:.1f} s.")
    out: dict[str, Result] = {}
    for g in granularities:
        t0 = time.perf_counter()
        periods = periods_between(g, date(first.year, 1, 1), as_of)
        df = engine.compute(frames, periods=periods, population=population, units=UNITS)
        labels = [p.label for p in clip_periods(periods)]
        index = {p.label: p.index for p in clip_periods(periods)}
        with transaction.atomic():
            Result.objects.filter(municipality_id=municipality_id, granularity=g).delete()
            result = Result.objects.create(
                municipality_id=municipality_id, granularity=g, catalogue_version=CATALOGUE_VERSION, as_of=as_of,
                computed_at=clock.now(), seconds=0.0, first_period=labels[0], last_period=labels[-1])
            Value.objects.bulk_create((Value(
                result=result, indicator=r["indicator"], unit_kind=r["unit_kind"], unit=r["unit"],
                period=r["period"], p=index[r["period"]], numerator=r["numerator"], denominator=r["denominator"],
                value=r["value"], count=r["count"]) for r in df.iter_rows(named=True)), batch_size=2000)
            result.seconds = time.perf_counter() - t0
            result.save(update_fields=["seconds"])
        out[g] = result
        log(f"{g}: {df.height} figures in {result.seconds:.1f} s.")
    if draw and "year" in out:
        draw_default_charts(out["year"], municipality_id)
    if actor is not None or out:
        log_change(actor=actor, action="keyfigures.figures.recomputed", obj=next(iter(out.values())),
                   payload={"granularities": list(out), "seconds": round(time.perf_counter() - started, 1)})
    return out


def result_for(municipality_id: int, granularity: str) -> Result:
    """The cached figures, computed now if there are none."""
    result = sel.latest_result(municipality_id, granularity)
    if result is None:
        result = keyfigures_refresh(municipality_id=municipality_id, granularities=[granularity])[granularity]
    return result


def default_baseline(result: Result, period: Period) -> int:
    first = sel.periods_of(result)[0].year
    return max(first, period.year - (sel.TREND_YEARS - 1))


def chart_key(indicator: str, unit: sel.Unit, period: Period, baseline_year: int) -> str:
    return f"{indicator}|{unit.param}|{period.label}|{baseline_year}"


def chart_svg(result: Result, unit: sel.Unit, indicator: str, period: Period, baseline_year: int,
              empty_text: str = "No figures") -> str:
    """The trend chart (five years up to `period`, dashed line at the baseline), drawn once."""
    key = chart_key(indicator, unit, period, baseline_year)
    found = Chart.objects.filter(result=result, key=key).values_list("svg", flat=True).first()
    if found is not None:
        return found
    cards = {c.id: c for _cat, cs in sel.dashboard(result, unit, period, baseline_year) for c in cs}
    card = cards.get(indicator)
    points = [(pt.period, pt.value) for pt in card.trend] if card else []
    baseline = card.baseline.value if card and card.baseline else None
    svg = charts.trend_svg(points, baseline=baseline, empty_text=empty_text)
    Chart.objects.get_or_create(result=result, key=key, defaults={"svg": svg})
    return svg


def draw_default_charts(result: Result, municipality_id: int) -> None:
    unit = sel.units_for(municipality_id)[0]
    period = sel.default_period(result)
    baseline = default_baseline(result, period)
    for _cat, cards in sel.dashboard(result, unit, period, baseline):
        for card in cards:
            chart_svg(result, unit, card.id, period, baseline)


# -- population ------------------------------------------------------------------------------------


@transaction.atomic
def population_load(*, actor: User | None = None, population: Pop, source: str = "") -> int:
    """Store denominators (replacing those for the same municipality, district and year)."""
    now = clock.now()
    rows = [(c, "", y, n) for (c, y), n in population.municipal.items()]
    rows += [(c, d, y, n) for (c, d, y), n in population.districts.items()]
    known = set(Municipality.objects.filter(pk__in={r[0] for r in rows}).values_list("pk", flat=True))
    unknown = sorted({r[0] for r in rows} - known)
    if unknown:
        raise ValueError(f"unknown municipality codes: {unknown}")
    last = None
    for code, district, year, n in rows:
        last, _ = Population.objects.update_or_create(
            municipality_id=code, district=district, year=year,
            defaults={"children": n, "source": (source or population.source)[:200], "loaded_at": now})
    if last is not None:
        log_change(actor=actor, action="keyfigures.population.loaded", obj=last,
                   payload={"rows": len(rows), "municipalities": sorted(known), "source": source or population.source})
    return len(rows)


def population_from_child_records(municipality_id: int, years: Iterable[int]) -> Pop:
    """Synthetic denominators counted from the child records (every child is a record in synthetic data)."""
    from forebyg.cases.models import Child

    with scopes_disabled():
        births = Child.objects.filter(municipality_id=municipality_id).values_list(
            "municipality_id", "district_id", "birth_date")
        return count_children(births, years)


def keyfigures_demo_load(*, municipality_id: int, children: int, seed: int, start_year: int, end_year: int,
                         end: datetime, log: Log = lambda s: None) -> None:
    """For `forebyg demo`: the synthetic population of the generator (forebyg.synth.population_by_year,
    with the demo's own arguments), district denominators counted from the synthetic children, and
    the figures computed once."""
    from forebyg.synth import population_by_year

    counts = population_by_year(municipality=municipality_id, children=children, start_year=start_year,
                                end_year=end_year, end=end, seed=seed)
    pop = from_year_end_counts(municipality_id, counts, "synthetic (forebyg.synth.population_by_year)")
    districts = population_from_child_records(municipality_id, range(start_year, end_year + 2))
    pop.districts = districts.districts
    population_load(population=pop)
    keyfigures_refresh(municipality_id=municipality_id, log=log)


# -- signing and exporting aggregates -------------------------------------------------------------


def key_dir() -> Path:
    return Path(getattr(settings, "FOREBYG_KEYFIGURES_KEY_DIR", None) or Path(settings.VAR_DIR) / "keys")


def signing_key(municipality_id: int, *, actor: User | None = None) -> Ed25519PrivateKey:
    """The installation's Ed25519 key for the municipality, created on first use (file mode 0600)."""
    path = key_dir() / f"keyfigures-{municipality_id}.pem"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(agg.new_private_key_pem())
        key = agg.load_private_key(path.read_bytes())
        with scopes_disabled():
            muni = Municipality.objects.get(pk=municipality_id)
        log_change(actor=actor, action="keyfigures.key.created", obj=muni,
                   payload={"municipality": municipality_id, "fingerprint": agg.fingerprint(agg.public_key_text(key))})
        return key
    return agg.load_private_key(path.read_bytes())


def aggregate_rows(municipality_id: int, granularities: Iterable[str]) -> tuple[list[Row], list[str], datetime]:
    rows: list[Row] = []
    labels: list[str] = []
    as_of = None
    for g in granularities:
        result = result_for(municipality_id, g)
        as_of = result.as_of if as_of is None else min(as_of, result.as_of)
        labels += [p.label for p in sel.periods_of(result)]
        for v in Value.objects.filter(result=result, unit_kind="municipality", unit=str(municipality_id)):
            rows.append(Row(v.indicator, v.unit_kind, v.unit, municipality_id, v.period, v.numerator, v.denominator,
                            v.value, v.count))
    return rows, labels, as_of or clock.now()


def aggregates_export(*, actor: User | None, municipality_id: int, granularities: Iterable[str] = ("year", "quarter")) -> dict[str, Any]:
    """The signed aggregate file of the municipality's own figures (small numbers suppressed)."""
    grans = [g for g in GRANULARITIES if g in set(granularities)]
    rows, labels, as_of = aggregate_rows(municipality_id, grans)
    with scopes_disabled():
        muni = Municipality.objects.get(pk=municipality_id)
    doc = agg.build_document(rows, municipality=municipality_id, municipality_name=muni.name, as_of=as_of,
                             created_at=clock.now(), periods=labels)
    signed = agg.sign_document(doc, signing_key(municipality_id, actor=actor))
    log_change(actor=actor, action="keyfigures.aggregates.exported", obj=muni,
               payload={"granularities": grans, "rows": len(doc["rows"]),
                        "suppressed": sum(r["suppressed"] for r in doc["rows"])})
    return signed


# -- the network hub -------------------------------------------------------------------------------


@transaction.atomic
def hub_key_register(*, actor: User | None, network: Network, municipality_id: int, public_key: str) -> HubKey | None:
    """Set or propose a member's key (see forebyg.keyfigures.hub_keys: only the member itself sets
    it, the hub's users propose, `actor=None` is the server's operator). The key now in force, or
    None when the change is only a proposal."""
    from .hub_keys import hub_key_set

    hub_key_set(actor=actor, network=network, municipality_id=municipality_id, public_key=public_key)
    return HubKey.objects.filter(network=network, municipality_id=municipality_id).first()


def hub_import(*, actor: User | None, network: Network, data: bytes) -> Submission:
    """Verify and store an aggregate file; raise AggregateError (with a code) when it is refused."""
    from forebyg.network.models import Membership

    doc = agg.parse(data)
    code = doc["municipality"]
    if not Membership.objects.filter(network=network, municipality_id=code).exists():
        raise agg.AggregateError("outside_network", f"municipality {code} is not a member of the network",
                                 municipality=code)
    key = HubKey.objects.filter(network=network, municipality_id=code).first()
    if key is None:
        raise agg.AggregateError("no_key", f"no public key is registered for municipality {code}", municipality=code)
    try:
        agg.verify_document(doc, public_key=key.public_key)
    except agg.AggregateError as exc:
        exc.params.setdefault("municipality", code)
        raise
    with transaction.atomic():
        sub = Submission.objects.create(
            network=network, municipality_id=code, catalogue_version=doc["catalogue_version"],
            as_of=datetime.fromisoformat(doc["as_of"]), created_at=datetime.fromisoformat(doc["created_at"]),
            imported_at=clock.now(), imported_by=actor, sha256=hashlib.sha256(data).hexdigest(),
            key_fingerprint=key.fingerprint)
        SubmittedValue.objects.bulk_create(SubmittedValue(
            submission=sub, indicator=r["indicator"], period=r["period"], value=r["value"], numerator=r["numerator"],
            denominator=r["denominator"], count=r["count"], suppressed=bool(r["suppressed"]))
            for r in doc["rows"] if r["indicator"] in BY_ID)
        log_change(actor=actor, action="keyfigures.hub.file_imported", obj=sub,
                   payload={"network": network.pk, "municipality": code, "rows": len(doc["rows"]),
                            "sha256": sub.sha256})
    return sub


def hub_refusal_log(*, actor: User, network: Network, error: agg.AggregateError, data: bytes) -> None:
    log_change(actor=actor, action="keyfigures.hub.file_refused", obj=network,
               payload={"network": network.pk, "code": error.code, "sha256": hashlib.sha256(data).hexdigest(),
                        "municipality": error.params.get("municipality")})
