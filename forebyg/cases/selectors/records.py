# SPDX-License-Identifier: MPL-2.0
"""Case data as interchange records (plain dicts), for export and for the domain core
(deadlines, key figures, review), optionally limited to some children."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from forebyg.accounts.models import User
from forebyg.core.scoping import municipality_scope
from forebyg.domain.calendar import CPH
from forebyg.domain.interchange import schema as sx

from ..models import ORGANISATION_TYPES, TYPE_MODELS, Notification

BATCH = 2000


def _kind(spec: dict[str, Any]) -> str:
    for candidate, name in ((sx.DATETIME, "datetime"), (sx.OPT_DATETIME, "datetime"),
                            (sx.DATE, "date"), (sx.OPT_DATE, "date")):
        if spec is candidate:
            return name
    if spec.get("type") == "number":
        return "decimal"
    return "plain"


def _fields() -> dict[str, list[tuple[str, str, str]]]:
    """type -> [(interchange field, model attname, value kind)]"""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for rtype, (req, opt) in sx.RECORDS.items():
        refs = {k for k in sx.REFERENCES.get(rtype, {}) if not k.endswith("[]")}  # a list of ids: a JSON field
        out[rtype] = [
            (f, f"{f}_id" if (f in refs or f == "municipality") else f, _kind(spec))
            for f, spec in {**req, **opt}.items()
            if not (rtype == "notification" and f == "children")
        ]
    return out


FIELDS = _fields()


def to_python(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "datetime":
        return datetime.fromisoformat(value)
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "decimal":
        return Decimal(str(value))
    return value


# Interchange (JSON) values from what the database returns, by value kind ("plain" passes through).
_CONVERTERS = {
    "datetime": lambda v: v.astimezone(CPH).isoformat(),
    "date": date.isoformat,
    "decimal": lambda v: int(v) if v == v.to_integral_value() else float(v),
}


def _staff_records(municipalities: list[int] | None) -> Iterator[dict[str, Any]]:
    qs = User.objects.filter(municipality__isnull=False).order_by("ext_id")
    if municipalities:
        qs = qs.filter(municipality_id__in=municipalities)
    for u in qs.values("ext_id", "municipality_id", "username", "full_name", "role", "team_id"):
        yield {"type": "staff", "id": u["ext_id"], "municipality": u["municipality_id"],
               "username": u["username"], "name": u["full_name"] or u["username"],
               "role": u["role"], "team": u["team_id"]}


# How each record type hangs on a child, for selecting the records of some children.
_BY_CHILD = {"child": "id", "notification": "children__in"}
BY_NOTIFICATION = {"acute_assessment", "acknowledgement", "notifier_feedback"}
_ORGANISATION = {"team", "district", "institution", "offer", "staff"}


def interchange_records(*, municipalities: list[int] | None = None, child_ids: Iterable[str] | None = None,
                        types: Iterable[str] | None = None, native_times: bool = False,
                        omit: Collection[str] = ()) -> Iterator[dict[str, Any]]:
    """Every record (or those of `types`), as interchange dicts in type order.

    With `child_ids`, only the records about those children (and the
    notifications naming them, with their assessments and acknowledgements);
    organisation records are then left out. With `native_times`, timestamps stay
    aware datetimes instead of ISO strings (for the domain core, which takes both:
    a team's deadlines then skip formatting and re-parsing every timestamp). Fields named
    in `omit` are neither read nor given (e.g. personal data a computation does not use)."""
    wanted = list(types) if types is not None else sx.TYPE_ORDER
    children = None if child_ids is None else list(child_ids)
    notification_ids: list[str] | None = None
    with municipality_scope(municipalities):
        for rtype in sx.TYPE_ORDER:
            if rtype not in wanted:
                continue
            if children is not None and (rtype in _ORGANISATION or rtype in ORGANISATION_TYPES):
                continue
            if rtype == "staff":
                yield from _staff_records(municipalities)
                continue
            model = TYPE_MODELS[rtype]
            # Any: each record type has its own fields (notification, child), unknown to the type checker
            qs: QuerySet[Any] = model.objects.all()
            if municipalities:
                qs = qs.filter(municipality_id__in=municipalities)
            if children is not None:
                if rtype == "child":
                    qs = qs.filter(id__any_of=children)
                elif rtype == "notification":
                    qs = qs.filter(id__in=_notifications_of(children))
                elif rtype in BY_NOTIFICATION:
                    if notification_ids is None:
                        notification_ids = list(_notifications_of(children))
                    qs = qs.filter(notification__any_of=notification_ids)
                else:
                    qs = qs.filter(child__any_of=children)
            yield from _rows(rtype, qs, children, native_times, omit)


def _notifications_of(children: list[str]):
    through = Notification.children.through
    return through.objects.filter(child__any_of=children).values_list("notification_id", flat=True).distinct()


def _rows(rtype: str, qs, children: list[str] | None, native_times: bool = False,
          omit: Collection[str] = ()) -> Iterator[dict[str, Any]]:
    fields = [f for f in FIELDS[rtype] if f[0] not in omit] if omit else FIELDS[rtype]
    names: dict[str, list[str]] = defaultdict(list)
    if rtype == "notification":
        links = Notification.children.through.objects.filter(notification_id__in=qs.values("id"))
        for n_id, c_id in links.values_list("notification_id", "child_id").order_by("child_id"):
            names[n_id].append(c_id)
    keys = ("type", "id", *(f for f, _att, _kind in fields))
    # Only the fields that need converting get a converter (a function call per value adds up over
    # a team's thousands of records).
    convert = [(i + 2, _CONVERTERS[kind]) for i, (_f, _att, kind) in enumerate(fields)
               if kind != "plain" and not (native_times and kind == "datetime")]
    rows = qs.values_list("id", *[att for _, att, _ in fields]).order_by("id")
    # A whole municipality streams in chunks (a server-side cursor on PostgreSQL); one child's or a
    # team's records are few, and a cursor would cost three round trips per record type.
    for row in (rows.iterator(chunk_size=BATCH) if children is None else rows):
        values = [rtype, *row]
        for i, conv in convert:
            if values[i] is not None:
                values[i] = conv(values[i])
        record = dict(zip(keys, values, strict=True))
        if rtype == "notification":
            record["children"] = names[row[0]]
        yield record


def records_of(rtype: str, objects: Iterable[Any], native_times: bool = False) -> list[dict[str, Any]]:
    """Model instances already read as interchange dicts, exactly as `interchange_records` gives
    them (a notification's instances need their `children` read too)."""
    fields = FIELDS[rtype]
    convert = {att: _CONVERTERS[kind] for _f, att, kind in fields
               if kind != "plain" and not (native_times and kind == "datetime")}
    out = []
    for obj in sorted(objects, key=lambda o: o.pk):
        record: dict[str, Any] = {"type": rtype, "id": obj.pk}
        for f, att, _kind in fields:
            value = getattr(obj, att)
            if value is not None and att in convert:
                value = convert[att](value)
            record[f] = value
        if rtype == "notification":
            record["children"] = sorted(c.pk for c in obj.children.all())
        out.append(record)
    return out

