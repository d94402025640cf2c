# SPDX-License-Identifier: MPL-2.0
"""What every endpoint shares: paging, date filters, version metadata, running a service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DateTimeField, Max, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _
from ninja import Path, Query

from forebyg.cases.services.records import expect_version, with_versions

from . import schemas as s

T = TypeVar("T")
MAX_LIMIT = 500

Limit = Query(100, ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT}).")
Offset = Query(0, ge=0, le=1_000_000_000, description="Items to skip.")
UPDATED_SINCE = "Only records created or changed (a new version saved) at or after this moment."
RecordId = Path(..., pattern=s.ID_PATTERN)
CHILD = Query(None, description="Only records about this child.")
SINCE = Query(None, alias="updated_since", description=UPDATED_SINCE)


def with_meta(qs: QuerySet) -> QuerySet:
    """Annotate `version` and `updated_at` (from the version history) in the same query."""
    history = qs.model.history.model
    latest = (history.objects.filter(id=OuterRef("pk")).order_by().values("id")
              .annotate(at=Max("history_date")).values("at"))
    return with_versions(qs).annotate(updated_at=Subquery(latest, output_field=DateTimeField()))


def between(qs: QuerySet, field: str, after: datetime | None, before: datetime | None) -> QuerySet:
    """`after` is inclusive, `before` exclusive, so consecutive windows neither overlap nor miss."""
    if after is not None:
        qs = qs.filter(**{f"{field}__gte": after})
    if before is not None:
        qs = qs.filter(**{f"{field}__lt": before})
    return qs


def updated_since(qs: QuerySet, since: datetime | None) -> QuerySet:
    if since is None:
        return qs
    history = qs.model.history.model
    return qs.filter(pk__in=history.objects.filter(history_date__gte=since).values("id"))


def page(qs: QuerySet, *, limit: int, offset: int, serialize: Callable[[Any], dict],
         after_fetch: Callable[[list], None] | None = None) -> dict:
    """One page of `qs`: the total count and the serialized items from `offset`."""
    count = qs.count()
    items = list(qs[offset:offset + limit]) if offset < count else []
    if after_fetch is not None:
        after_fetch(items)
    return {"count": count, "limit": limit, "offset": offset, "items": [serialize(x) for x in items]}


def meta(obj) -> dict:
    return {"id": obj.pk, "version": getattr(obj, "version", 0), "created_at": obj.created_at,
            "updated_at": getattr(obj, "updated_at", None)}


def with_version_of(obj, version: int):
    return expect_version(obj, version)


def run(call: Callable[[], T]) -> T:
    """Run a write service in one transaction: on any error nothing is written."""
    with transaction.atomic():
        return call()


def lookup(model, pk: str | None, field: str, label: str, **filters):
    """The record `pk` of `model` in the user's municipality, or a 422 naming `field`."""
    if pk is None:
        return None
    obj = model.objects.filter(pk=pk, **filters).first()
    if obj is None:
        raise ValidationError({field: _("There is no %(what)s with this id.") % {"what": label}})
    return obj


def visible_records(request, model):
    """`model`'s records about children the user may read, with version metadata."""
    from .access import visible_child_ids

    return with_meta(model.objects.filter(child_id__in=visible_child_ids(request.user)))


def get_record(request, model, pk: str, view: str):
    """One record about a child: 404 if not in the municipality; the child's access rules and log."""
    from django.http import Http404

    from .access import open_child

    obj = with_meta(model.objects.filter(pk=pk)).select_related("child").first()
    if obj is None:
        raise Http404
    open_child(request, obj.child, view)
    return obj


def fresh(model, pk: str):
    return with_meta(model.objects.filter(pk=pk)).get()


def child_for_write(request, pk: str, view: str, field: str = "child"):
    """The child named in a request body: 422 naming the field if unknown, else the read rules and log."""
    from forebyg.cases.models import Child

    from .access import open_child

    child = lookup(Child, pk, field, _("child"))
    open_child(request, child, view)
    return child
