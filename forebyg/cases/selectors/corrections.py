# SPDX-License-Identifier: MPL-2.0
"""The corrections of a record from its version history: who, when, why, and what changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass
class Correction:
    at: datetime
    by: Any
    reason: str
    changes: list[tuple[str, Any, Any]]  # (field's label, before, after)


def corrections(obj, fields: tuple[str, ...]) -> list[Correction]:
    """Every saved version after the first, newest first, with the fields among `fields` it changed."""
    versions = list(obj.history.select_related("history_user").order_by("history_date", "history_id"))
    out = []
    for before, after in zip(versions, versions[1:], strict=False):
        delta = after.diff_against(before, included_fields=list(fields))
        changes = [(str(obj._meta.get_field(c.field).verbose_name), _shown(obj, c.field, c.old),
                    _shown(obj, c.field, c.new)) for c in delta.changes]
        if changes:
            out.append(Correction(after.history_date, after.history_user, after.history_change_reason or "", changes))
    return out[::-1]


def _shown(obj, field: str, value):
    f = obj._meta.get_field(field)
    if f.choices:
        return dict(f.flatchoices).get(value, value)
    if isinstance(value, bool):
        from django.utils.translation import gettext as _

        return _("Yes") if value else _("No")
    return value
