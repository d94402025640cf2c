# SPDX-License-Identifier: MPL-2.0
"""Creating and correcting records. A correction saves a new version; the
version history (django-simple-history) keeps every earlier one readable."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from forebyg.audit.services import log_change

if TYPE_CHECKING:
    from forebyg.accounts.models import User


def _child_id(obj: Any) -> str | None:
    if type(obj).__name__ == "Child":
        return obj.pk
    return getattr(obj, "child_id", None)


def _payload(obj: Any, fields: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.pk if hasattr(v, "pk") else v) for k, v in fields.items()}


def actor_municipality(actor: User) -> int:
    """The municipality a change is made in: the actor's (a user without one changes no records)."""
    if actor.municipality_id is None:
        raise ValidationError(_("Your user has no municipality."))
    return actor.municipality_id


@transaction.atomic
def record_create(*, actor: User | None, model: type[Any], log_action: str, municipality_id: int,
                  **fields: Any) -> Any:
    """Create one record of `model` in `municipality_id` and log `action`. `actor` None: no person is
    known (the system recorded it); the record's `created_by` and the audit entry's actor are then empty."""
    obj = model(municipality_id=municipality_id, created_by=actor, **fields)
    obj._history_user = actor
    obj.full_clean(exclude=["created_by"])
    obj.save()
    log_change(actor=actor, action=log_action, obj=obj, child_id=_child_id(obj), payload=_payload(obj, fields))
    return obj


@transaction.atomic
def record_correct(*, actor: User, obj: Any, reason: str, log_action: str = "cases.record.corrected",
                   **fields: Any) -> Any:
    """Save changed fields as a new version; the previous version stays in the history.

    Optimistic locking: when the caller says which version the user opened (`expect_version`),
    the row is locked and the correction refused if anyone saved a newer version since."""
    _check_version(obj)
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


# --- Optimistic locking (issue #9) ----------------------------------------------------------------
# A record's version is the number of versions saved in its history (1 when created, +1 with every
# correction), so it needs no column of its own: docs/adr/0007-optimistic-locking-by-history.md.

STALE = "stale"


def record_version(obj: Any) -> int:
    """The version number of a record as stored now."""
    return type(obj).history.filter(id=obj.pk).count()


def with_versions(qs: QuerySet[Any]) -> QuerySet[Any]:
    """`qs` annotated with `version` (see record_version), in the same query."""
    history = qs.model.history.model
    count = (history.objects.filter(id=OuterRef("pk")).order_by().values("id")
             .annotate(n=Count("history_id")).values("n"))
    return qs.annotate(version=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)))


def expect_version(obj: Any, version: int | None) -> Any:
    """Mark the version the user opened: the next record_correct of `obj` refuses to save over a
    newer one. None (e.g. a form opened before versions were shown) means no check."""
    obj._expected_version = version
    return obj


def _check_version(obj: Any) -> None:
    expected = getattr(obj, "_expected_version", None)
    if expected is None:
        return
    # A write that changes nothing takes the row lock (PostgreSQL) or the database's write lock
    # (SQLite) until the transaction ends, so a concurrent save waits here and then sees the new version.
    type(obj)._base_manager.filter(pk=obj.pk).update(municipality_id=F("municipality_id"))
    if record_version(obj) != expected:
        raise ValidationError(
            _("This record was changed by someone else since you opened it. Nothing was saved: "
              "open it again to see the changes, then make yours."), code=STALE)
    obj._expected_version = None
