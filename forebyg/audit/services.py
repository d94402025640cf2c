# SPDX-License-Identifier: MPL-2.0
"""Writing to the audit logs. Free text and CPR numbers are never written to the log."""

from typing import Any

from forebyg.core import clock

from .models import AccessLog, LogEntry
from .registry import action_type as known_action

# Fields whose content is personal free text or an identifier: replaced by a marker.
REDACTED_FIELDS = {
    "cpr", "concern", "action", "note", "conclusion", "purpose", "agreements", "summary",
    "text", "end_reason", "sections", "name", "custody_holders", "participants",
    "notifier_name", "consent_by", "relation",
}


def redact(payload: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in payload.items():
        if key in REDACTED_FIELDS:
            out[key] = "[redacted]" if value not in (None, "", [], {}) else value
        elif isinstance(value, (str, int, float, bool)) or value is None:
            out[key] = value
        else:
            out[key] = str(value)
    return out


def log_change(*, actor, action: str, obj, child_id: str | None = None, payload: dict | None = None) -> LogEntry:
    known_action(action)
    return LogEntry.objects.create(
        at=clock.now(),
        actor=actor,
        municipality_id=getattr(obj, "municipality_id", None),
        action_type=action,
        object_type=type(obj).__name__.lower(),
        object_id=str(obj.pk),
        child_id=child_id,
        payload=redact(payload or {}),
    )


def log_access(*, user, child, view: str, request=None, reason: str = "") -> AccessLog:
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    return AccessLog.objects.create(
        at=clock.now(), user=user, municipality_id=child.municipality_id, child_id=child.pk,
        view=view, ip=ip, reason=reason,
    )
