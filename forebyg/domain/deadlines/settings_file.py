# SPDX-License-Identifier: MPL-2.0
"""A municipality's deadline settings as a file, for the file modes (no database).

The database keeps each municipality's settings as two JSON documents (`DeadlineSettings`:
`calendar` = `CalendarSpec.to_dict()`, `rules` = `RuleConfig.to_dict()`); the settings file is
exactly those two documents per municipality, so `forebyg deadlines settings-export` writes what
the settings page saved and `--settings FILE` gives the file modes the same calendar and rules:

    {"format": "forebyg-deadline-settings", "version": 1,
     "municipalities": {"657": {"calendar": {"closing_days": ["12-24", "12-31", "06-05"],
                                            "closing_dates": [],
                                            "saturday_is_working_day": false},
                               "rules": {"overrides": {}, "disabled": [],
                                         "local_standards": null}}}}

Both parts of a municipality are optional (missing: the national calendar, the default rules);
a municipality not in the file gets the national calendar and the default rules. See
docs/cli.md ("Deadline settings file") and docs/rules.md ("Municipal settings").
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..calendar import CalendarSpec, WorkingCalendar, default_calendar
from .engine import resolve_rules
from .model import RuleConfig

FORMAT = "forebyg-deadline-settings"
VERSION = 1


class SettingsFileError(ValueError):
    """The settings file cannot be used (the message says where and why)."""


@dataclass(frozen=True)
class MunicipalSettings:
    calendar: WorkingCalendar
    config: RuleConfig


DEFAULT = MunicipalSettings(default_calendar(), RuleConfig())


@lru_cache(maxsize=32)
def _calendar(spec_json: str) -> WorkingCalendar:
    return WorkingCalendar.from_dict(json.loads(spec_json))


def calendar_from(spec: Mapping[str, Any]) -> WorkingCalendar:
    """A working calendar from `CalendarSpec.to_dict()` data (built once per distinct spec)."""
    if not spec:
        return default_calendar()
    return _calendar(json.dumps(CalendarSpec.from_dict(dict(spec)).to_dict(), sort_keys=True))


def parse_settings(data: Any) -> dict[int, MunicipalSettings]:
    """{municipality code: its settings} from a settings document; SettingsFileError if unusable."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SettingsFileError(f'not a deadline settings file: "format" must be "{FORMAT}"')
    if data.get("version") != VERSION:
        raise SettingsFileError(f"unsupported version {data.get('version')!r} (this Forebyg reads {VERSION})")
    items = data.get("municipalities")
    if not isinstance(items, dict):
        raise SettingsFileError('"municipalities" must be an object keyed by municipality code')
    out: dict[int, MunicipalSettings] = {}
    for key, item in items.items():
        where = f"municipality {key}"
        try:
            code = int(key)
        except ValueError:
            raise SettingsFileError(f"{where}: the key must be a municipality code, e.g. \"657\"") from None
        if not isinstance(item, dict) or set(item) - {"calendar", "rules"}:
            raise SettingsFileError(f'{where}: expected an object with "calendar" and/or "rules"')
        try:
            calendar = calendar_from(item.get("calendar") or {})
        except (ValueError, TypeError, AttributeError) as exc:
            raise SettingsFileError(f"{where}: calendar: {exc}") from None
        try:
            config = RuleConfig.from_dict(item.get("rules") or {})
            resolve_rules(config)  # unknown rule ids, invalid local standards, bad overrides
        except (ValueError, KeyError, TypeError) as exc:
            raise SettingsFileError(f"{where}: rules: {exc}") from None
        out[code] = MunicipalSettings(calendar, config)
    return out


def read_settings(path: str) -> dict[int, MunicipalSettings]:
    """`parse_settings` of a JSON file (OSError if it cannot be read)."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise SettingsFileError(f"not valid JSON: {exc}") from None
    return parse_settings(data)


def settings_document(per_municipality: Mapping[int, tuple[Mapping[str, Any], Mapping[str, Any]]]) -> dict[str, Any]:
    """A settings document from {code: (calendar dict, rules dict)} as the database stores them."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "municipalities": {
            str(code): {"calendar": dict(calendar), "rules": dict(rules)}
            for code, (calendar, rules) in sorted(per_municipality.items())
        },
    }
