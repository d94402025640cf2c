# SPDX-License-Identifier: MPL-2.0
"""`forebyg review`: run a case review from the database, or directly from an interchange
file (`--file`, no database, Django not imported), and print the report as JSON or text.

The review is not stored from the command line; run it in the application to keep it,
override findings and create tasks."""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from forebyg.domain.calendar import CPH
from forebyg.domain.review import (
    DEFAULT_RULESET,
    STRATA,
    Criteria,
    Period,
    ReviewResult,
    RuleSet,
    SampleSpec,
    Thresholds,
    about_sentences,
    build_report,
    run_review,
)


def add_arguments(s: argparse.ArgumentParser) -> None:
    s.add_argument("--file", help="an interchange file: review it without a database")
    s.add_argument("--settings", help="with --file: the municipalities' deadline settings file (closing days, "
                   "Saturdays, rules), as written by `forebyg deadlines settings-export`")
    s.add_argument("--as-of", help="assess the cases as recorded at this ISO time (default: now)")
    s.add_argument("--municipality", type=int, help="only this municipality code")
    s.add_argument("--period-start", help="first day of the review period, YYYY-MM-DD")
    s.add_argument("--period-end", help="last day of the review period, YYYY-MM-DD")
    s.add_argument("--team", action="append", default=[], help="only cases of this team id (repeatable)")
    s.add_argument("--measure-kind", action="append", default=[], help="only cases with this measure kind (repeatable)")
    s.add_argument("--step", type=int, action="append", default=[], help="only cases with a measure on this step")
    s.add_argument("--no-ongoing", action="store_true", help="leave out cases whose only link to the period is a "
                   "measure running in it")
    s.add_argument("--sample", type=int, help="draw this many cases at random (default: every case)")
    s.add_argument("--seed", type=int, help="seed of the random draw (default: a new one, printed in the output)")
    s.add_argument("--stratify-by", action="append", default=[], choices=list(STRATA),
                   help="stratify the sample (repeatable)")
    s.add_argument("--rules", help="a rule set as JSON (default: the built-in one; see --print-rules)")
    s.add_argument("--print-rules", action="store_true", help="print the rule set as JSON and stop")
    s.add_argument("--strength-at", type=float, default=0.9, help="share met from which a point is a strength")
    s.add_argument("--development-below", type=float, default=0.75,
                   help="share met below which a point is a development point")
    s.add_argument("--min-cases", type=int, default=3, help="fewest cases for an assessment of a point")
    s.add_argument("--language", choices=["da", "en"], default="da", help="language of the report's sentences")
    s.add_argument("--no-cases", action="store_true", help="leave out the per-case findings (JSON)")
    s.add_argument("--format", choices=["json", "text"], default="json")


def _day(text: str | None, name: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SystemExit(f"{name} must be a date as YYYY-MM-DD (got {text!r})") from None


def _as_of(text: str | None) -> datetime:
    if not text:
        return datetime.now(CPH)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=CPH)


def _ruleset(path: str | None) -> RuleSet:
    if not path:
        return DEFAULT_RULESET
    return RuleSet.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def _from_file(args, *, as_of, criteria, sample, ruleset) -> dict[int, ReviewResult]:
    from forebyg.domain.interchange import read_file

    settings = {}
    if getattr(args, "settings", None):
        from forebyg.domain.deadlines.settings_file import read_settings

        settings = read_settings(args.settings)
    records = read_file(args.file)
    codes = sorted({r["municipality"] for r in records if r.get("municipality") is not None})
    if args.municipality:
        codes = [c for c in codes if c == args.municipality]
    out = {}
    for code in codes:
        s = settings.get(code)
        out[code] = run_review([r for r in records if r.get("municipality") in (code, None)], as_of=as_of,
                               criteria=criteria, sample=sample, ruleset=ruleset,
                               calendar=s.calendar if s else None, config=s.config if s else None)
    return out


def _from_database(args, *, as_of, criteria, sample, ruleset) -> dict[int, ReviewResult]:
    from forebyg.core.models import Municipality
    from forebyg.review import selectors

    codes = [args.municipality] if args.municipality else list(Municipality.objects.values_list("code", flat=True))
    out = {}
    for code in codes:
        chosen = selectors.select(municipality_id=code, as_of=as_of, criteria=criteria, sample=sample)
        if not chosen.population:
            continue
        cases = selectors.evaluate(municipality_id=code, summaries=chosen.sample, as_of=as_of,
                                   period=criteria.period, ruleset=ruleset)
        out[code] = ReviewResult(ruleset, criteria, sample, as_of, len(chosen.population), tuple(cases))
    return out


def _output(code: int, result: ReviewResult, args, thresholds: Thresholds) -> dict[str, Any]:
    report = build_report(result.findings, result.ruleset, case_count=len(result.cases), thresholds=thresholds,
                          language=args.language)
    p = result.criteria.period
    about = about_sentences(
        language=args.language, case_count=len(result.cases), population_size=result.population_size,
        period_start=p.start, period_end=p.end, as_of=result.as_of, sample_size=result.sample_spec.size,
        seed=result.sample_spec.seed, stratify_by=result.sample_spec.stratify_by, criteria=_criteria_words(result, args.language),
        ruleset_id=result.ruleset.id, ruleset_version=result.ruleset.version, overridden=0)
    data = result.to_dict()
    if args.no_cases:
        data.pop("cases")
    return {"municipality": code, "about": about, "report": report.to_dict(), "review": data}


def _criteria_words(result: ReviewResult, language: str = "en") -> list[str]:
    c = result.criteria
    words = []
    labels = ("Team", "Indsatstype", "Trin") if language == "da" else ("Team", "Measure kind", "Step")
    for label, values in zip(labels, (c.teams, c.measure_kinds, c.steps), strict=True):
        if values:
            words.append(f"{label}: {', '.join(str(v) for v in values)}")
    return words


# The assessment of a point in the text report, in the report's language (the JSON keeps the codes).
BANDS = {"strength": ("styrke", "strength"), "attention": ("opmærksomhed", "attention"),
         "development": ("udvikling", "development"), "too_few": ("for få sager", "too few"), "none": ("—", "—")}


def _text(out: dict[str, Any]) -> str:
    da = out["report"].get("language") == "da"
    lines = [f"{'Kommune' if da else 'Municipality'} {out['municipality']}", *out["about"], ""]
    for theme in out["report"]["themes"]:
        lines += [theme["title"], "=" * len(theme["title"]), theme["summary"]]
        for p in theme["points"]:
            band = BANDS.get(p["band"], (p["band"], p["band"]))[0 if da else 1]
            lines.append(f"  {p['met']:>4} / {p['applicable']:<4} {band:<14} {p['title']}")
        for s in theme["strengths"]:
            lines.append(f"  + {s}")
        for s in theme["development_points"]:
            lines.append(f"  - {s}")
        for s in theme["recommendations"]:
            lines.append(f"  > {s}")
        lines.append("")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    try:
        ruleset = _ruleset(args.rules)
    except (OSError, ValueError, KeyError) as exc:
        print(f"Cannot read the rule set {args.rules}: {exc}", file=sys.stderr)
        return 2
    if args.print_rules:
        json.dump(ruleset.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    try:
        as_of = _as_of(args.as_of)
        criteria = Criteria(Period(_day(args.period_start, "--period-start"), _day(args.period_end, "--period-end")),
                            tuple(args.team), tuple(args.measure_kind), tuple(args.step), not args.no_ongoing)
        seed = args.seed if args.seed is not None or not args.sample else secrets.randbelow(2**31 - 1) + 1
        sample = SampleSpec(args.sample, seed, tuple(args.stratify_by))
        thresholds = Thresholds(args.strength_at, args.development_below, args.min_cases)
    except ValueError as exc:
        print(f"Invalid arguments: {exc}", file=sys.stderr)
        return 2
    kw = {"as_of": as_of, "criteria": criteria, "sample": sample, "ruleset": ruleset}
    if getattr(args, "settings", None) and not args.file:
        print("--settings is for --file; the database mode uses the settings saved in the database "
              "(the deadline settings page)", file=sys.stderr)
        return 2
    if args.file:
        from forebyg.domain.deadlines.settings_file import SettingsFileError
        from forebyg.domain.interchange import InterchangeError

        try:
            results = _from_file(args, **kw)
        except InterchangeError as exc:
            print(f"The file is not valid: {exc}", file=sys.stderr)
            return 2
        except SettingsFileError as exc:
            print(f"The settings file {args.settings} is not valid: {exc}", file=sys.stderr)
            return 2
        except OSError as exc:
            print(f"Cannot read {exc.filename or args.file}: {exc.strerror}", file=sys.stderr)
            return 2
    else:
        results = _from_database(args, **kw)
    outputs = [_output(code, result, args, thresholds) for code, result in sorted(results.items())]
    if args.format == "text":
        print("\n".join(_text(o) for o in outputs) if outputs else
              ("Ingen sager opfylder kriterierne." if args.language == "da" else "No cases match the criteria."))
    else:
        json.dump({"as_of": as_of.isoformat(), "reviews": outputs}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return 0
