# SPDX-License-Identifier: MPL-2.0
"""Creating and correcting records. A correction saves a new version; the
version history (django-simple-history) keeps every earlier one readable."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from forebyg.audit.services import log_change


def _child_id(obj) -> str | None:
    if type(obj).__name__ == "Child":
        return obj.pk
    return getattr(obj, "child_id", None)


def _payload(obj, fields: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.pk if hasattr(v, "pk") else v) for k, v in fields.items()}


@transaction.atomic
def record_create(*, actor, model, log_action: str, municipality_id: int, **fields: Any):
    """Create one record of `model` in the actor's municipality and log `action`."""
    obj = model(municipality_id=municipality_id, created_by=actor, **fields)
    obj._history_user = actor
    obj.full_clean(exclude=["created_by"])
    obj.save()
    log_change(actor=actor, action=log_action, obj=obj, child_id=_child_id(obj), payload=_payload(obj, fields))
    return obj


@transaction.atomic
def record_correct(*, actor, obj, reason: str, log_action: str = "cases.record.corrected", **fields: Any):
    """Save changed fields as a new version; the previous version stays in the history."""
    changed = {k: v for k, v in fields.items() if getattr(obj, k) != v}
    if not changed:
        return obj
    for key, value in changed.items():
        setattr(obj, key, value)
    obj._history_user = actor
    obj._change_reason = reason[:100]
    obj.full_clean(exclude=["created_by"])
    obj.save()
    log_change(actor=actor, action=log_action, obj=obj, child_id=_child_id(obj),
               payload={"fields": sorted(changed), **_payload(obj, changed)})
    return obj
