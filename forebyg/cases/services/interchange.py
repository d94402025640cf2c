# SPDX-License-Identifier: MPL-2.0
"""Import and export of the interchange format (docs/interchange.md).

Import is all or nothing: the whole file is validated first (schema, ids,
references, clashes with the database); on any error nothing is written. The
write itself runs in one transaction, so a killed import leaves no trace.

The write is a bulk load (issue #9: at least 20,000 records a second on SQLite):
each type's rows and their first version in the history are inserted with one
prepared INSERT run by `executemany`, not through the ORM's per-object
compilation. The values are converted exactly as the model fields would convert
them (a test compares the two, field by field), and the row's first history
version is written alongside, as `bulk_create_with_history` would.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django_scopes import scopes_disabled

from forebyg.accounts.models import User
from forebyg.audit.services import log_change
from forebyg.core import clock, extension
from forebyg.core.models import Municipality
from forebyg.domain.calendar import CPH, local_date
from forebyg.domain.gcpause import gc_paused
from forebyg.domain.interchange import dump_lines, parse_lines
from forebyg.domain.interchange import schema as sx

from .. import revisions
from ..models import TYPE_MODELS, ChildRevision, Notification
from ..selectors.records import FIELDS, interchange_records
from .bulkload import BulkWriter

BATCH = 2000
FILES_DIR = "files"  # the folder beside a JSON Lines file that holds the files its records name


class FileStore:
    """Where the files of a record type are kept (e.g. the documents' versions, forebyg.documents).
    Records of the type name their file by `sha256`; the files travel beside the JSON Lines file as
    `files/<sha256>` (docs/interchange.md). Apps register a store with forebyg.core.extension.register_file_store."""

    def read(self, sha256: str) -> bytes:
        raise NotImplementedError

    def check(self, record: dict[str, Any], content: bytes) -> str | None:
        """Why `content` cannot be the file of `record` (beyond its hash, checked here), or None."""
        return None

    def put(self, content: bytes) -> str:
        raise NotImplementedError


def _file_stores() -> dict[str, FileStore]:
    """record type -> its store, from forebyg.core.extension.register_file_store."""
    return {rtype: entry.store for rtype, entry in extension.FILE_STORES.items()}


@dataclass
class ImportResult:
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _db_ids() -> dict[str, dict[str, int]]:
    """Every record id in the database with its municipality code, by type: a reference in an
    imported file must resolve inside the referring record's own municipality (issue #13)."""
    ids: dict[str, dict[str, int]] = {}
    with scopes_disabled():
        for t, m in TYPE_MODELS.items():
            assert issubclass(m, Model), m  # the registry holds Django models
            ids[t] = dict(m._default_manager.values_list("id", "municipality_id"))
    ids["staff"] = dict(User.objects.filter(ext_id__isnull=False).values_list("ext_id", "municipality_id"))
    return ids


def interchange_import(*, lines: Iterable[str], actor: User | None = None,
                       progress: Callable[[str], None] = lambda message: None,
                       files: str | Path | None = None) -> ImportResult:
    """Validate the whole file, then write it in one transaction. Raises InterchangeError.
    `progress` is told what is being done (the CLI prints it). The cyclic garbage collector is
    paused meanwhile: the file's records are a million dicts without cycles (forebyg.domain.gcpause).
    `files` is the folder holding the files the records name (`files/` beside the JSON Lines file):
    each is checked against its record's SHA-256 before anything is written."""
    with gc_paused():
        return _import(lines=lines, actor=actor, progress=progress, files=Path(files) if files else None)


def _check_files(by_type: dict[str, list[dict[str, Any]]], files: Path | None) -> dict[str, bytes]:
    """Every file the records name, read from `files` and checked against its SHA-256 (and by its
    store); any missing or different file refuses the whole import (InterchangeError)."""
    import hashlib

    from forebyg.domain.interchange import InterchangeError
    from forebyg.domain.interchange.io import LineError

    contents: dict[str, bytes] = {}
    errors: list[LineError] = []
    for rtype, store in _file_stores().items():
        for r in by_type.get(rtype, ()):
            sha = r["sha256"]
            where = f"{rtype} {r['id']}: {FILES_DIR}/{sha}"
            if files is None:
                errors.append(LineError(0, "sha256", f"{where}: the file's records name files, but no folder "
                                                     "of files was given"))
                break
            if sha not in contents:
                try:
                    content = (files / sha).read_bytes()
                except OSError:
                    errors.append(LineError(0, "sha256", f"{where} is missing"))
                    continue
                if hashlib.sha256(content).hexdigest() != sha:
                    errors.append(LineError(0, "sha256", f"{where} does not match its SHA-256: the file is "
                                                         "damaged or was changed"))
                    continue
                contents[sha] = content
            if len(contents[sha]) != r["size"]:
                errors.append(LineError(0, "size", f"{where} is {len(contents[sha])} bytes, the record says "
                                                   f"{r['size']}"))
            elif (why := store.check(r, contents[sha])) is not None:
                errors.append(LineError(0, "sha256", f"{where}: {why}"))
    if errors:
        raise InterchangeError(errors)
    return contents


def _import(*, lines: Iterable[str], actor: User | None, progress: Callable[[str], None],
            files: Path | None = None) -> ImportResult:
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
        known_id=lambda t, i: db_ids[t].get(i),
        exists=exists,
        municipalities=set(Municipality.objects.values_list("code", flat=True)),
        today=local_date(clock.now()),
    )
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_type[record["type"]].append(record)
    counts = {t: len(v) for t, v in by_type.items()}
    contents = _check_files(by_type, files)
    for rtype, store in _file_stores().items():  # content-addressed: a file is stored once, before its record
        for sha in {r["sha256"] for r in by_type.get(rtype, ())}:
            store.put(contents[sha])
    progress(f"Validated {sum(counts.values())} records; writing them in one transaction...")
    writer = BulkWriter(connection, now=clock.now(), user_id=actor.pk if actor is not None else None)
    touched, notifications = _children_touched(by_type)
    with transaction.atomic(), scopes_disabled(), writer.tuned():
        for rtype in sx.TYPE_ORDER:
            batch = by_type.pop(rtype, [])
            if not batch:
                continue
            if rtype == "staff":
                _import_staff(batch)
                writer.tables.append(User._meta.db_table)
                continue
            writer.insert(TYPE_MODELS[rtype], FIELDS[rtype], batch)
            if rtype == "notification":
                writer.insert_links(Notification.children.through, "notification_id", "child_id",
                                    ((r["id"], c) for r in batch for c in r["children"]))
            progress(f"  {rtype}: {len(batch)}")
        revisions.touch(touched | revisions.children_of_notifications(notifications))
        writer.tables.append(ChildRevision._meta.db_table)
        if actor is not None and actor.municipality is not None:
            log_change(actor=actor, action="cases.import.completed", obj=actor.municipality,
                       payload={"records": sum(counts.values())})
    _refresh_planner_statistics(writer.tables)
    return ImportResult(counts=counts)


def _children_touched(by_type: dict[str, list[dict[str, Any]]]) -> tuple[set[str], set[str]]:
    """The children whose records an import adds to (the import writes past the signals that
    change a child's revision), and the notifications already in the database it adds to."""
    touched: set[str] = set()
    notifications: set[str] = set()
    in_file = {r["id"] for r in by_type.get("notification", ())}
    for rtype in revisions.WATCHED_TYPES:
        for r in by_type.get(rtype, ()):
            if rtype == "child":
                touched.add(r["id"])
            elif "children" in r:
                touched.update(r["children"])
            elif r.get("child") is not None:
                touched.add(r["child"])
            elif r.get("notification") is not None and r["notification"] not in in_file:
                notifications.add(r["notification"])
    return touched, notifications


def _refresh_planner_statistics(tables: list[str]) -> None:
    """After a bulk load the query planner needs fresh statistics: without them SQLite
    picks the municipality index for the open-notification query and takes seconds. Only the
    tables the import wrote to: the others' statistics have not changed (and one of them may
    be a large audit log)."""
    if not tables:
        return
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=2000")  # sampled: seconds instead of minutes on millions of rows
            for table in dict.fromkeys(tables):
                cursor.execute(f"ANALYZE {qn(table)}")
        else:
            cursor.execute(f"ANALYZE {', '.join(qn(t) for t in dict.fromkeys(tables))}")


def _import_staff(batch: list[dict[str, Any]]) -> None:
    users = []
    for r in batch:  # teams come before staff in the file and are written already
        user = User(ext_id=r["id"], username=r["username"], full_name=r["name"], role=r["role"],
                    municipality_id=r["municipality"], team_id=r.get("team"))
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users, batch_size=BATCH)


def export_records(*, municipalities: list[int] | None = None) -> Iterator[dict[str, Any]]:
    """Every record, as interchange dicts (used by export, deadlines and key figures)."""
    return interchange_records(municipalities=municipalities)


def interchange_export(*, path: str | Path, municipalities: list[int] | None = None,
                       exported_at: str | None = None, files: str | Path | None = None) -> int:
    """Write the records to `path`, and the files they name to the folder `files` (as `<sha256>`;
    None: no files are written, e.g. when the records go to standard output)."""
    records = list(export_records(municipalities=municipalities))
    codes = municipalities or sorted({r["municipality"] for r in records})
    exported_at = exported_at or clock.now().astimezone(CPH).replace(microsecond=0).isoformat()
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(dump_lines(records, exported_at=exported_at, municipalities=codes))
    if files is not None:
        export_files(records, Path(files))
    return len(records)


def export_files(records: Iterable[dict[str, Any]], folder: Path) -> int:
    """Copy the files the records name into `folder` as `<sha256>` (a file there already is kept)."""
    by_type: dict[str, set[str]] = defaultdict(set)
    for r in records:
        if r["type"] in extension.FILE_STORES:
            by_type[r["type"]].add(r["sha256"])
    n = 0
    for rtype, hashes in by_type.items():
        folder.mkdir(parents=True, exist_ok=True)
        for sha in sorted(hashes):
            target = folder / sha
            if not target.exists():
                target.write_bytes(extension.FILE_STORES[rtype].store.read(sha))
                n += 1
    return n
