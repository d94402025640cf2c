# SPDX-License-Identifier: MPL-2.0
"""`forebyg deadlines`: obligations as of a moment, from an interchange file (no database
needed, no Django imported) or from the database."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import datetime

from forebyg.domain.calendar import CPH
from forebyg.domain.deadlines import Obligation, by_urgency, compute_by_municipality, rule_by_id


def _as_of(text: str | None) -> datetime:
    if not text:
        return datetime.now(CPH)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=CPH)


def _from_file(path: str, as_of: datetime, calendars: dict, configs: dict) -> dict[int, list[Obligation]]:
    from forebyg.domain.interchange import read_file

    return compute_by_municipality(read_file(path), as_of=as_of, calendars=calendars, configs=configs)


def _file_settings(path: str | None) -> tuple[dict, dict]:
    """({code: calendar}, {code: rule config}) from a settings file (both empty without one)."""
    if not path:
        return {}, {}
    from forebyg.domain.deadlines.settings_file import read_settings

    per = read_settings(path)
    return {c: s.calendar for c, s in per.items()}, {c: s.config for c, s in per.items()}


def settings_export(args: argparse.Namespace) -> int:
    """`forebyg deadlines settings-export`: the settings saved in the database, as a settings file."""
    from forebyg.deadlines.selectors import stored_settings
    from forebyg.domain.deadlines.settings_file import settings_document

    doc = settings_document(stored_settings(args.export_municipality))
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
        print(f"Wrote the deadline settings of {len(doc['municipalities'])} municipalities to {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def _from_database(as_of: datetime, municipality: int | None) -> tuple[dict[int, list[Obligation]], dict]:
    from forebyg.cases.selectors.records import interchange_records
    from forebyg.core.models import Municipality
    from forebyg.deadlines.selectors import settings_for
    from forebyg.domain.deadlines import compute_obligations, input_types

    codes = [municipality] if municipality else list(Municipality.objects.values_list("code", flat=True))
    out: dict[int, list[Obligation]] = {}
    configs = {}
    for code in codes:
        s = settings_for(code)
        records = list(interchange_records(municipalities=[code], types=input_types(s.config)))
        if not records:
            continue
        out[code] = compute_obligations(records, as_of=as_of, calendar=s.calendar, config=s.config)
        configs[code] = s.config
    return out, configs


def _table(rows: Iterable[Obligation], limit: int) -> str:
    head = f"{'status':<15}{'due (Copenhagen)':<18}{'rule':<44}{'law':<5}{'subject':<30}child"
    lines = [head, "-" * len(head)]
    for i, ob in enumerate(rows):
        if limit and i >= limit:
            lines.append("...")
            break
        due_date, due_local = ob.due_date, ob.due_local  # both None exactly when `due` is
        due = "" if due_date is None or due_local is None else (
            due_date.isoformat() if ob.due_all_day else due_local.strftime("%Y-%m-%d %H:%M"))
        lines.append(f"{ob.status:<15}{due:<18}{ob.rule_id:<44}{ob.law:<5}"
                     f"{ob.subject_type + ' ' + ob.subject_id:<30}{ob.child_id or ''}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if getattr(args, "dl_action", None) == "settings-export":
        return settings_export(args)
    if getattr(args, "settings", None) and not args.file:
        print("--settings is for --file; the database mode uses the settings saved in the database "
              "(the deadline settings page)", file=sys.stderr)
        return 2
    try:
        as_of = _as_of(args.as_of)
    except ValueError:
        print(f"--as-of must be an ISO timestamp, e.g. 2025-03-01T12:00+01:00 (got {args.as_of!r})", file=sys.stderr)
        return 2
    if args.file:
        from forebyg.domain.deadlines.settings_file import SettingsFileError
        from forebyg.domain.interchange import InterchangeError

        try:
            calendars, configs = _file_settings(getattr(args, "settings", None))
            per_municipality = _from_file(args.file, as_of, calendars, configs)
        except InterchangeError as exc:
            print(f"The file is not valid: {exc}", file=sys.stderr)
            return 2
        except SettingsFileError as exc:
            print(f"The settings file {args.settings} is not valid: {exc}", file=sys.stderr)
            return 2
        except OSError as exc:
            print(f"Cannot read {exc.filename or args.file}: {exc.strerror}", file=sys.stderr)
            return 2
        if args.municipality:
            per_municipality = {k: v for k, v in per_municipality.items() if k == args.municipality}
    else:
        per_municipality, configs = _from_database(as_of, args.municipality)
    obligations = [ob for obs in per_municipality.values() for ob in obs]
    if args.status:
        obligations = [ob for ob in obligations if ob.status in set(args.status)]
    obligations = by_urgency(obligations)
    if args.format == "json":
        json.dump({"as_of": as_of.isoformat(), "count": len(obligations),
                   "obligations": [dict(ob.to_dict(),
                                        title_en=rule_by_id(ob.rule_id, configs.get(ob.municipality)).title_en)
                                   for ob in obligations]},
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        counts: dict[str, int] = {}
        for ob in obligations:
            counts[ob.status] = counts.get(ob.status, 0) + 1
        # "289 obligations: 61 overdue, 37 met late, ..." (the count before its status, most urgent first)
        order = {s: i for i, s in enumerate(("overdue", "due_soon", "open", "met_late", "met_on_time"))}
        parts = [f"{v} {k.replace('_', ' ')}" for k, v in sorted(counts.items(), key=lambda kv: (order.get(kv[0], 9), kv[0]))]
        print(f"As of {as_of.isoformat()}: {len(obligations)} obligation{'' if len(obligations) == 1 else 's'}"
              + (": " + ", ".join(parts) if parts else ""))
        print(_table(obligations, args.limit))
    return 0
