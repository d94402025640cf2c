# SPDX-License-Identifier: MPL-2.0
"""Bulk loading of interchange records: one prepared INSERT per table run by `executemany` (SQLite),
or COPY (PostgreSQL).

`bulk_create_with_history` builds a model instance and compiles SQL for every row and again for
its history row; for a million records that is most of an import's time. Here each interchange
value is converted once to what the database stores, by the same rules as the model field's
`get_db_prep_save` (plain values pass through; timestamps become what the backend stores; JSON,
decimals, encrypted CPR numbers and other special fields go through the field itself), and the
record's first version is written to its history table with the same values, as
`bulk_create_with_history` does (history type "+", the import's time and user).
tests/faults/test_bulkload.py checks the conversions against the fields, type by type."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from django.db import models

from ..selectors.records import to_python

CHUNK = 5000
# Fields whose Python value is what the database stores (no conversion in get_db_prep_save).
PLAIN = (models.CharField, models.TextField, models.BooleanField, models.IntegerField, models.SmallIntegerField,
         models.PositiveIntegerField, models.PositiveSmallIntegerField, models.BigIntegerField)
HISTORY_SPECIAL = {"history_id", "history_date", "history_change_reason", "history_type", "history_user_id"}


def _same(value):
    return value


def _json(value):
    return None if value is None else json.dumps(value)


def _none(record):
    return None


def _record_id(record):
    return record["id"]


def _constant(value):
    return lambda record: value


def _getter(name: str, convert, default):
    if convert is _same:
        return lambda record: record.get(name, default)
    return lambda record: convert(record[name]) if name in record else default


def _plain(field) -> bool:
    if type(field) in PLAIN:
        return True
    if type(field) is models.ForeignKey:
        return type(field.target_field) in PLAIN
    return False


def _custom_pre_save(field) -> bool:
    """A field that computes its value when saved (e.g. the keyed CPR hash), other than auto_now."""
    return type(field).pre_save not in (models.Field.pre_save, models.DateField.pre_save,
                                        models.DateTimeField.pre_save)


class BulkWriter:
    def __init__(self, connection, *, now: datetime, user_id: int | None):
        self.connection = connection
        self.now = now
        self.user_id = user_id
        self.sqlite = connection.vendor == "sqlite"

    # -- conversions -------------------------------------------------------------------------

    def _datetime(self, value: str | None):
        if value is None:
            return None
        if self.sqlite:  # Django keeps naive UTC text in SQLite
            return str(datetime.fromisoformat(value).astimezone(UTC).replace(tzinfo=None))
        return value  # PostgreSQL reads ISO 8601 with its UTC offset into timestamptz

    def converter(self, field, kind: str):
        """interchange value -> database value, for one field."""
        if kind == "datetime" and type(field) is models.DateTimeField:
            return self._datetime
        if kind == "date" and type(field) is models.DateField:
            return _same  # ISO text is what SQLite stores and what PostgreSQL reads
        if kind == "plain" and _plain(field):
            return _same
        if self.sqlite and type(field) is models.JSONField and field.encoder is None:
            return _json  # JSONField.get_db_prep_save on SQLite: json.dumps
        connection = self.connection
        return lambda v: field.get_db_prep_save(to_python(kind, v), connection)

    def constant(self, field):
        """The database value of a field the interchange format does not carry."""
        if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
            return field.get_db_prep_save(self.now, self.connection)
        return field.get_db_prep_save(field.get_default(), self.connection)

    # -- writing -----------------------------------------------------------------------------

    def _executemany(self, table: str, columns: list[str], rows: Iterable[tuple]) -> int:
        qn = self.connection.ops.quote_name
        if not self.sqlite:  # PostgreSQL: COPY, several times faster than INSERT for bulk loads
            n = 0
            with self.connection.cursor() as cursor:
                copy_sql = f"COPY {qn(table)} ({', '.join(qn(c) for c in columns)}) FROM STDIN"
                with cursor.cursor.copy(copy_sql) as copy:
                    for row in rows:
                        copy.write_row(row)
                        n += 1
            return n
        sql = (f"INSERT INTO {qn(table)} ({', '.join(qn(c) for c in columns)}) "
               f"VALUES ({', '.join(['%s'] * len(columns))})")
        n = 0
        with self.connection.cursor() as cursor:
            for chunk in _chunks(rows, CHUNK):
                cursor.executemany(sql, chunk)
                n += len(chunk)
        return n

    def insert(self, model, fields: list[tuple[str, str, str]], records: list[dict[str, Any]]) -> int:
        """Insert `records` (interchange dicts of one type) into `model`'s table and its history."""
        by_attname = {att: (name, kind) for name, att, kind in fields}
        getters = []  # one per concrete field, in column order: record -> database value
        computed = []  # (position, field) of fields computed when saved, e.g. the keyed CPR hash
        for i, f in enumerate(model._meta.concrete_fields):
            if _custom_pre_save(f):
                computed.append((i, f))
                getters.append(_none)
            elif f.primary_key:
                getters.append(_record_id)
            elif f.attname in by_attname:
                name, kind = by_attname[f.attname]
                getters.append(_getter(name, self.converter(f, kind), self.constant(f)))
            else:
                getters.append(_constant(self.constant(f)))
        sources = [(att, name, kind) for name, att, kind in fields]
        connection = self.connection

        def row(record: dict[str, Any]) -> tuple:
            values = [get(record) for get in getters]
            if computed:
                instance = SimpleNamespace(**{att: to_python(kind, record.get(name)) for att, name, kind in sources})
                for i, f in computed:
                    values[i] = f.get_db_prep_save(f.pre_save(instance, True), connection)
            return tuple(values)

        rows = [row(r) for r in records]
        attnames = [f.attname for f in model._meta.concrete_fields]
        self._executemany(model._meta.db_table, [f.column for f in model._meta.concrete_fields], rows)
        self._insert_history(model, attnames, rows)
        return len(rows)

    def _insert_history(self, model, attnames: list[str], rows: list[tuple]) -> None:
        """The first version of every row: the same values plus when, by whom and "+" (created)."""
        history = getattr(model, "history", None)
        if history is None or not rows:
            return
        hmodel = history.model
        hfields = {f.attname: f for f in hmodel._meta.concrete_fields}
        specials = {"history_date": self._history_date(hmodel), "history_change_reason": None,
                    "history_type": "+", "history_user_id": self.user_id}
        assert set(hfields) == set(attnames) | set(specials) | {"history_id"}, hmodel
        columns = [hfields[a].column for a in attnames] + [hfields[s].column for s in specials]
        extra = tuple(specials.values())
        self._executemany(hmodel._meta.db_table, columns, (r + extra for r in rows))

    def _history_date(self, hmodel):
        return hmodel._meta.get_field("history_date").get_db_prep_save(self.now, self.connection)

    def insert_links(self, through, left: str, right: str, pairs: Iterable[tuple[str, str]]) -> int:
        columns = [through._meta.get_field(left.removesuffix("_id")).column,
                   through._meta.get_field(right.removesuffix("_id")).column]
        return self._executemany(through._meta.db_table, columns, pairs)

    @contextmanager
    def tuned(self) -> Iterator[None]:
        """SQLite: a large page cache for the load, so the one transaction does not spill
        half-written pages to the database file before it commits (durability unchanged)."""
        if not self.sqlite:
            yield
            return
        with self.connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            before = cursor.fetchone()[0]
            cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB
        try:
            yield
        finally:
            with self.connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size={int(before)}")


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
