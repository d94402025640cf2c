# SPDX-License-Identifier: MPL-2.0
"""Writing to the audit logs. Free text and CPR numbers are never written to the log."""

import re
from typing import TYPE_CHECKING, Any, Protocol

from forebyg.core import clock, extension
from forebyg.domain.interchange.schema import PERSONAL_FIELDS

from .context import client_ip, current_ip
from .models import AccessLog, LogEntry
from .registry import action_type as known_action

if TYPE_CHECKING:
    from django.http import HttpRequest

    from forebyg.accounts.models import User

# Fields whose content is personal free text or an identifier: replaced by a marker.
# Other apps add theirs with forebyg.core.extension.register_redacted_fields (one set: later
# registrations are seen by everyone who imported it).
REDACTED_FIELDS = extension.REDACTED_FIELDS
extension.register_redacted_fields("audit", {
    *PERSONAL_FIELDS,  # the case records' names, CPR numbers and free text
    # contact details and free text in the other apps (networks, applications, hand-ins)
    "email", "phone", "address", "motivation", "comment", "message", "answer", "full_name",
})
REDACTED = "[redacted]"
# A CPR number anywhere in a logged value (DDMMYY-XXXX or ten digits in a row).
CPR_PATTERN = re.compile(r"(?<!\d)\d{6}[- ]?\d{4}(?!\d)")
MAX_VALUE = 200


class Logged(Protocol):
    """What a change is logged against: a model instance, or a stand-in with a key (a refused login).
    Its `municipality_id`, when it has one, is the entry's municipality."""

    @property
    def pk(self) -> Any: ...


class OfMunicipality(Protocol):
    """A record of one municipality, such as a child (the audit app sits below the case apps)."""

    pk: Any
    municipality_id: int


def scrub(text: str) -> str:
    """Remove anything that looks like a CPR number from a short text (e.g. a stated reason)."""
    return CPR_PATTERN.sub("[cpr]", text)


def _value(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        return value
    if isinstance(value, dict):
        return redact(value)
    if isinstance(value, (list, tuple, set)):
        return [_value(v) for v in value]
    text = scrub(str(value))
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "…"


def redact(payload: dict[str, Any]) -> dict[str, Any]:
    """Personal free-text fields become a marker (recursively); CPR-like numbers are removed
    from every other value, and long values are cut."""
    out: dict[str, Any] = {}
    for key, value in payload.items():
        if key in REDACTED_FIELDS:
            out[key] = REDACTED if value not in (None, "", [], {}) else value
        else:
            out[key] = _value(value)
    return out


def log_change(*, actor: "User | None", action: str, obj: Logged, child_id: str | None = None,
               payload: dict[str, Any] | None = None,
               reason: str = "") -> LogEntry:
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
        ip=current_ip(),
        reason=scrub(reason)[:300],
    )


def log_access(*, user: "User", child: OfMunicipality, view: str, request: "HttpRequest | None" = None, reason: str = "", basis: str = "") -> AccessLog:
    ip = client_ip(request) if request is not None else current_ip()
    return AccessLog.objects.create(
        at=clock.now(), user=user, municipality_id=child.municipality_id, child_id=child.pk,
        view=view, ip=ip, reason=scrub(reason)[:500], basis=basis,
    )
