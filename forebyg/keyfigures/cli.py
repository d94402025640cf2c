# SPDX-License-Identifier: MPL-2.0
"""`forebyg keyfigures`: compute the catalogue from the database or straight from an interchange
file (then without a database: Django is not even imported), and the key-figure chores: refresh
the cached figures, load population data, make the signing key, export and verify signed aggregates,
and load a demo network hub."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date, datetime

from forebyg.domain.calendar import CPH, local_date

NO_DJANGO = {"verify"}


def add_parser(sub) -> argparse.ArgumentParser:  # noqa: ANN001
    s = sub.add_parser("keyfigures", help="key figures: compute the catalogue (database or file), refresh, "
                                          "population, signed aggregates")
    s.add_argument("--file", help="an interchange file: compute from it, without a database")
    s.add_argument("--fast", action="store_true", help="with --file: read it with polars, without validating")
    s.add_argument("--granularity", choices=["year", "quarter", "month"], default="year")
    s.add_argument("--as-of", help="ISO timestamp (default: the file's exported_at, else now)")
    s.add_argument("--from-year", type=int, help="first year (default: the first year with data)")
    s.add_argument("--municipality", type=int, action="append", help="only this municipality code (repeatable)")
    s.add_argument("--unit", action="append", choices=["municipality", "team", "district"],
                   help="units to compute (repeatable; default municipality)")
    s.add_argument("--indicator", action="append", help="only this indicator id (repeatable)")
    s.add_argument("--population", help="population CSV (Forebyg's form or DST FOLK1A; docs/keyfigures.md)")
    s.add_argument("--synthetic-population", action="store_true",
                   help="count denominators from the file's child records (synthetic data only)")
    s.add_argument("--format", choices=["table", "json", "csv"], default="table")
    a = s.add_subparsers(dest="kf_action", metavar="{refresh,population,keygen,export-aggregates,verify,hub-demo}")
    r = a.add_parser("refresh", help="recompute and cache the figures shown on the dashboard (nightly)")
    r.add_argument("--municipality", type=int, action="append", dest="refresh_municipality")
    r.add_argument("--as-of", dest="refresh_as_of")
    p = a.add_parser("population", help="load population denominators from a CSV (FOLK1A) or the synthetic data")
    p.add_argument("csv_file", nargs="?")
    p.add_argument("--synthetic", action="store_true", help="count them from the synthetic child records")
    p.add_argument("--municipality", type=int, action="append", dest="pop_municipality")
    k = a.add_parser("keygen", help="make (or show) the municipality's signing key and print the public key")
    k.add_argument("--municipality", type=int, required=True, dest="key_municipality")
    e = a.add_parser("export-aggregates", help="write the signed aggregate file for a network")
    e.add_argument("--municipality", type=int, required=True, dest="export_municipality")
    e.add_argument("--granularity", action="append", choices=["year", "quarter", "month"], dest="export_granularity")
    e.add_argument("-o", "--output", help="file to write (default: standard output)")
    v = a.add_parser("verify", help="check an aggregate file's signature against a public key (no database)")
    v.add_argument("aggregate_file")
    v.add_argument("--public-key", required=True)
    h = a.add_parser("hub-demo", help="synthetic members with keys and imported files for a demo network hub")
    h.add_argument("--network", default="partnerskab-2016", help="the network's key (default partnerskab-2016)")
    h.add_argument("--children", type=int, default=3000, help="children per synthetic member (default 3000)")
    return s


def needs_django(args: argparse.Namespace) -> bool:
    action = getattr(args, "kf_action", None)
    if action in NO_DJANGO:
        return False
    return not (action is None and getattr(args, "file", None))


def _as_of(text: str | None, default: datetime | None = None) -> datetime:
    if not text:
        return default or datetime.now(CPH)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=CPH)


def _header_time(path: str) -> datetime | None:
    with open(path, encoding="utf-8") as fh:
        first = fh.readline()
    try:
        header = json.loads(first)
        return datetime.fromisoformat(header["exported_at"]) if header.get("type") == "header" else None
    except (ValueError, KeyError, TypeError):
        return None


def run(args: argparse.Namespace) -> int:
    action = getattr(args, "kf_action", None)
    try:
        if action is None:
            return _compute(args)
        return {"refresh": _refresh, "population": _population, "keygen": _keygen,
                "export-aggregates": _export, "verify": _verify, "hub-demo": _hub_demo}[action](args)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2


# -- computing ---------------------------------------------------------------------------------


def _compute(args: argparse.Namespace) -> int:
    from forebyg.domain.keyfigures import engine
    from forebyg.domain.keyfigures.catalogue import BY_ID
    from forebyg.domain.keyfigures.periods import periods_between
    from forebyg.domain.keyfigures.population import Population, parse_csv

    unknown = [i for i in args.indicator or [] if i not in BY_ID]
    if unknown:
        print(f"unknown indicator(s): {', '.join(unknown)}; see docs/keyfigures.md", file=sys.stderr)
        return 2
    population = Population()
    if args.file:
        try:
            frames, default_as_of = _frames_from_file(args)
        except OSError as exc:
            print(f"Cannot read {args.file}: {exc.strerror}", file=sys.stderr)
            return 2
        names = {}
    else:
        frames, default_as_of, names = _frames_from_database(args)
        population = _db_population(frames.municipalities())
    if args.municipality:
        frames = frames.only(args.municipality)
    if args.population:
        with open(args.population, encoding="utf-8-sig") as fh:
            population = population.merged(parse_csv(fh.read(), names=names))
    elif args.file and args.synthetic_population:
        population = _count_from_frames(frames)
    as_of = _as_of(args.as_of, default_as_of)
    first = date(args.from_year, 1, 1) if args.from_year else (frames.first_day() or local_date(as_of))
    periods = periods_between(args.granularity, date(first.year, 1, 1), as_of)
    df = engine.compute(frames, periods=periods, population=population, units=tuple(args.unit or ["municipality"]),
                        indicators=args.indicator)
    _write(df, args, as_of, bool(population))
    return 0


def _frames_from_file(args: argparse.Namespace):  # noqa: ANN202
    from forebyg.domain.interchange import InterchangeError, read_file
    from forebyg.domain.keyfigures.frames import frames_from_jsonl, frames_from_records

    default_as_of = _header_time(args.file)
    if args.fast:
        return frames_from_jsonl(args.file), default_as_of
    try:
        return frames_from_records(read_file(args.file)), default_as_of
    except InterchangeError as exc:
        raise ValueError(f"The file is not valid: {exc}") from None


def _count_from_frames(frames):  # noqa: ANN001, ANN202
    from forebyg.domain.keyfigures.population import count_children

    child = frames["child"]
    years = range(1990, datetime.now(CPH).year + 2)
    first = frames.first_day()
    if first is not None:
        years = range(first.year, datetime.now(CPH).year + 2)
    births = child.select("municipality", "district", "birth_date").iter_rows()
    return count_children(births, years)


def _frames_from_database(args: argparse.Namespace):  # noqa: ANN202
    from forebyg.core.database import migrate as _migrate
    from forebyg.core.models import Municipality
    from forebyg.domain.keyfigures.frames import frames_from_records
    from forebyg.keyfigures.selectors import interchange_records

    _migrate()
    records = interchange_records(municipalities=args.municipality or None)
    names = dict(Municipality.objects.values_list("name", "code"))
    return frames_from_records(records), None, names


def _db_population(codes):  # noqa: ANN001, ANN202
    from forebyg.keyfigures.selectors import population_for

    return population_for(list(codes))


def _write(df, args: argparse.Namespace, as_of: datetime, has_population: bool) -> None:  # noqa: ANN001
    from forebyg.domain.keyfigures.catalogue import BY_ID

    rows = df.iter_rows(named=True)
    if args.format == "json":
        json.dump({"as_of": as_of.isoformat(), "granularity": args.granularity, "rows": list(rows)}, sys.stdout,
                  ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    if args.format == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(df.columns)
        w.writerows(df.iter_rows())
        return
    table: dict[tuple[str, str], dict[str, dict[str, float | None]]] = {}
    periods: list[str] = []
    for r in rows:
        table.setdefault((r["unit_kind"], r["unit"]), {}).setdefault(r["indicator"], {})[r["period"]] = r["value"]
        if r["period"] not in periods:
            periods.append(r["period"])
    periods = sorted(periods)[-6:]
    print(f"Key figures as of {as_of.isoformat()} ({args.granularity}; last {len(periods)} periods)")
    if not has_population:
        print("No population data: rates per 1,000 children and amounts per child are left out "
              "(use --population or --synthetic-population).")
    for (kind, unit), inds in sorted(table.items()):
        print(f"\n{kind} {unit}")
        print(f"{'indicator':<48}{'unit':<26}" + "".join(f"{p:>12}" for p in periods))
        for ind_id in (i for i in BY_ID if i in inds):
            cells = "".join(f"{'' if inds[ind_id].get(p) is None else format(inds[ind_id][p], '.1f'):>12}"
                            for p in periods)
            print(f"{ind_id:<48}{BY_ID[ind_id].unit:<26}{cells}")


# -- chores (Django) ------------------------------------------------------------------------------------


def _refresh(args: argparse.Namespace) -> int:
    from forebyg.core.database import migrate as _migrate
    from forebyg.core.models import Municipality
    from forebyg.keyfigures.services import keyfigures_refresh

    _migrate()
    codes = args.refresh_municipality or _municipalities_with_data()
    as_of = _as_of(args.refresh_as_of) if args.refresh_as_of else None
    for code in codes:
        name = Municipality.objects.get(pk=code).name
        print(f"{name} ({code}):")
        keyfigures_refresh(municipality_id=code, as_of=as_of, log=lambda s: print("  " + s))
    return 0


def _municipalities_with_data() -> list[int]:
    from django_scopes import scopes_disabled

    from forebyg.cases.models import Child

    with scopes_disabled():
        return sorted(set(Child.objects.values_list("municipality_id", flat=True).distinct()))


def _population(args: argparse.Namespace) -> int:
    from forebyg.core.database import migrate as _migrate
    from forebyg.core.models import Municipality
    from forebyg.domain.keyfigures.population import PopulationError, parse_csv
    from forebyg.keyfigures.services import population_from_child_records, population_load

    _migrate()
    if args.synthetic:
        total = 0
        for code in args.pop_municipality or _municipalities_with_data():
            pop = population_from_child_records(code, range(1990, datetime.now(CPH).year + 2))
            total += population_load(population=pop)
        print(f"Loaded {total} synthetic population figures (counted from the synthetic child records).")
        return 0
    if not args.csv_file:
        print("Give a CSV file or --synthetic.", file=sys.stderr)
        return 2
    try:
        with open(args.csv_file, encoding="utf-8-sig") as fh:
            pop = parse_csv(fh.read(), names=dict(Municipality.objects.values_list("name", "code")))
    except OSError as exc:
        print(f"Cannot read {args.csv_file}: {exc.strerror}", file=sys.stderr)
        return 2
    except PopulationError as exc:
        print(f"Nothing was loaded: {exc}", file=sys.stderr)
        return 2
    print(f"Loaded {population_load(population=pop, source=args.csv_file)} population figures.")
    return 0


def _keygen(args: argparse.Namespace) -> int:
    from forebyg.domain.keyfigures import aggregates as agg
    from forebyg.keyfigures.services import key_dir, signing_key

    key = signing_key(args.key_municipality)
    public = agg.public_key_text(key)
    print(f"Private key: {key_dir() / f'keyfigures-{args.key_municipality}.pem'} (keep it here)")
    print(f"Public key (send it to the network secretariat): {public}")
    print(f"Fingerprint: {agg.fingerprint(public)}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from forebyg.core.database import migrate as _migrate
    from forebyg.domain.keyfigures import aggregates as agg
    from forebyg.keyfigures.services import aggregates_export

    _migrate()
    doc = aggregates_export(actor=None, municipality_id=args.export_municipality,
                            granularities=args.export_granularity or ["year", "quarter"])
    text = agg.dumps(doc)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
        hidden = sum(r["suppressed"] for r in doc["rows"])
        print(f"Wrote {len(doc['rows'])} figures ({hidden} hidden) to {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def _verify(args: argparse.Namespace) -> int:
    from forebyg.domain.keyfigures import aggregates as agg

    with open(args.aggregate_file, "rb") as fh:
        data = fh.read()
    try:
        doc = agg.parse(data)
        agg.verify_document(doc, public_key=args.public_key)
    except agg.AggregateError as exc:
        print(f"Refused ({exc.code}): {exc}", file=sys.stderr)
        return 1
    print(f"Valid: {doc['municipality_name']} ({doc['municipality']}), catalogue version {doc['catalogue_version']}, "
          f"as of {doc['as_of']}, {len(doc['rows'])} figures.")
    return 0


def _hub_demo(args: argparse.Namespace) -> int:
    from forebyg.core.database import migrate as _migrate
    from forebyg.keyfigures.demo import hub_demo_load

    _migrate()
    hub_demo_load(network_key=args.network, children=args.children, log=print)
    return 0
