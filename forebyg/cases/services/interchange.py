# SPDX-License-Identifier: MPL-2.0
"""Import and export of the interchange format (docs/interchange.md).

Import is all or nothing: the whole file is validated first (schema, ids,
references, clashes with the database); on any error nothing is written. The
write itself runs in one transaction, so a killed import leaves no trace.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django_scopes import scopes_disabled
from simple_history.utils import bulk_create_with_history

from forebyg.accounts.models import User
from forebyg.audit.services import log_change
from forebyg.core import clock
from forebyg.core.models import Municipality
from forebyg.domain.interchange import dump_lines, parse_lines
from forebyg.domain.interchange import schema as sx

from ..models import TYPE_MODELS, Notification
from ..selectors.records import FIELDS, interchange_records, to_python

CPH = ZoneInfo("Europe/Copenhagen")
BATCH = 2000



@dataclass
class ImportResult:
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _db_ids() -> dict[str, set[str]]:
    with scopes_disabled():
        ids = {t: set(m.objects.values_list("id", flat=True)) for t, m in TYPE_MODELS.items()}
    ids["staff"] = set(User.objects.values_list("ext_id", flat=True))
    return ids


def interchange_import(*, lines: Iterable[str], actor: User | None = None) -> ImportResult:
    """Validate the whole file, then write it in one transaction. Raises InterchangeError."""
    db_ids = _db_ids()
    usernames = set(User.objects.values_list("username", flat=True))

    def exists(rtype: str, record: dict[str, Any]) -> str | None:
        if record["id"] in db_ids[rtype]:
            return "id"
        if rtype == "staff" and record["username"] in usernames:
            return "username"
        return None

    records = parse_lines(
        lines,
        known_id=lambda t, i: i in db_ids[t],
        exists=exists,
        municipalities=set(Municipality.objects.values_list("code", flat=True)),
    )
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_type[record["type"]].append(record)
    counts = {t: len(v) for t, v in by_type.items()}
    with transaction.atomic(), scopes_disabled():
        for rtype in sx.TYPE_ORDER:
            batch = by_type.get(rtype, [])
            if not batch:
                continue
            if rtype == "staff":
                _import_staff(batch)
                continue
            model = TYPE_MODELS[rtype]
            objs = [
                model(id=r["id"], **{att: to_python(kind, r[f]) for f, att, kind in FIELDS[rtype] if f in r})
                for r in batch
            ]
            for start in range(0, len(objs), BATCH):
                bulk_create_with_history(objs[start:start + BATCH], model, batch_size=BATCH, default_user=actor)
            if rtype == "notification":
                through = Notification.children.through
                links = [through(notification_id=r["id"], child_id=c) for r in batch for c in r["children"]]
                through.objects.bulk_create(links, batch_size=BATCH)
        if actor is not None and actor.municipality_id:
            log_change(actor=actor, action="cases.import.completed", obj=actor.municipality,
                       payload={"records": sum(counts.values())})
    _refresh_planner_statistics()
    return ImportResult(counts=counts)


def _refresh_planner_statistics() -> None:
    """After a bulk load the query planner needs fresh statistics: without them SQLite
    picks the municipality index for the open-notification query and takes seconds."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _import_staff(batch: list[dict[str, Any]]) -> None:
    users = []
    for r in batch:
        user = User(ext_id=r["id"], username=r["username"], full_name=r["name"], role=r["role"],
                    municipality_id=r["municipality"], team_id=None)
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users, batch_size=BATCH)
    # Teams are stored by their own id; link after creation.
    for r in batch:
        if r.get("team"):
            User.objects.filter(ext_id=r["id"]).update(team_id=r["team"])


def export_records(*, municipalities: list[int] | None = None) -> Iterator[dict[str, Any]]:
    """Every record, as interchange dicts (used by export, deadlines and key figures)."""
    return interchange_records(municipalities=municipalities)


def interchange_export(*, path: str | Path, municipalities: list[int] | None = None,
                       exported_at: str | None = None) -> int:
    records = list(export_records(municipalities=municipalities))
    codes = municipalities or sorted({r["municipality"] for r in records})
    exported_at = exported_at or clock.now().astimezone(CPH).replace(microsecond=0).isoformat()
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(dump_lines(records, exported_at=exported_at, municipalities=codes))
    return len(records)
