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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, cast

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

from ..selectors.records import to_python

CHUNK = 5000
# Fields whose Python value is what the database stores (no conversion in get_db_prep_save).
PLAIN = (models.CharField, models.TextField, models.BooleanField, models.IntegerField, models.SmallIntegerField,
         models.PositiveIntegerField, models.PositiveSmallIntegerField, models.BigIntegerField)
HISTORY_SPECIAL = {"history_id", "history_date", "history_change_reason", "history_type", "history_user_id"}

Record = dict[str, Any]
Convert = Callable[[Any], Any]  # interchange value -> database value


def _same(value: Any) -> Any:
    return value


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value)


def _row_function(columns: list[tuple[Any, ...]]) -> Callable[[Record], tuple[Any, ...]]:
    """record -> the row's values, as one generated function (one tuple expression, no call per
    column). Each column is ("id",): the record's id; ("constant", value); or ("field", name,
    convert, default): `convert(record[name])`, or `default` when the record has no such field
    (`convert` is `_same`: the value itself, `record.get(name, default)`). Only the positions and
    the schema's field names go into the source; values are passed as arguments."""
    env: dict[str, Any] = {}
    parts = []
    for i, column in enumerate(columns):
        if column[0] == "id":
            parts.append('r["id"]')
        elif column[0] == "constant":
            env[f"k{i}"] = column[1]
            parts.append(f"k{i}")
        else:
            _, name, convert, default = column
            assert isinstance(name, str), name  # written into the source as a literal (repr)
            env[f"k{i}"] = default
            if convert is _same:
                parts.append(f"r.get({name!r}, k{i})")
            else:
                env[f"c{i}"] = convert
                parts.append(f"(c{i}(r[{name!r}]) if {name!r} in r else k{i})")
    args = "".join(f", {key}={key}" for key in env)
    source = f"def row(r{args}):\n    return ({', '.join(parts)},)\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, "<bulkload row>", "exec"), env, namespace)  # noqa: S102  # source made above
    return namespace["row"]  # type: ignore[no-any-return]


def _plain(field: models.Field[Any, Any]) -> bool:
    if type(field) in PLAIN:
        return True
    if type(field) is models.ForeignKey:
        return type(field.target_field) in PLAIN
    return False


def _custom_pre_save(field: models.Field[Any, Any]) -> bool:
    """A field that computes its value when saved (e.g. the keyed CPR hash), other than auto_now."""
    return type(field).pre_save not in (models.Field.pre_save, models.DateField.pre_save,
                                        models.DateTimeField.pre_save)


class BulkWriter:
    def __init__(self, connection: BaseDatabaseWrapper, *, now: datetime, user_id: int | None,
                 defer_structure: bool = True):
        self.connection = connection
        self.now = now
        self.user_id = user_id
        self.sqlite = connection.vendor == "sqlite"
        self.defer_structure = defer_structure
        self.tables: list[str] = []  # the tables written to, in order

    # -- conversions -------------------------------------------------------------------------

    def _datetime(self, value: str | None) -> str | None:
        if value is None:
            return None
        if self.sqlite:  # Django keeps naive UTC text in SQLite
            # str() of the aware UTC time less its "+00:00": the same text as the naive one, one call fewer
            return str(datetime.fromisoformat(value).astimezone(UTC))[:-6]
        return value  # PostgreSQL reads ISO 8601 with its UTC offset into timestamptz

    def converter(self, field: models.Field[Any, Any], kind: str) -> Convert:
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

    def constant(self, field: models.Field[Any, Any]) -> Any:
        """The database value of a field the interchange format does not carry."""
        if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
            return field.get_db_prep_save(self.now, self.connection)
        return field.get_db_prep_save(field.get_default(), self.connection)

    # -- writing -----------------------------------------------------------------------------

    def _executemany(self, table: str, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> int:
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

    def insert(self, model: type[models.Model], fields: list[tuple[str, str, str]], records: list[Record]) -> int:
        """Insert `records` (interchange dicts of one type) into `model`'s table and its history."""
        by_attname = {att: (name, kind) for name, att, kind in fields}
        columns_of_row: list[tuple[Any, ...]] = []  # one per concrete field, in column order (see _row_function)
        computed = []  # (position, field) of fields computed when saved, e.g. the keyed CPR hash
        for i, f in enumerate(model._meta.concrete_fields):
            if _custom_pre_save(f):
                computed.append((i, f))
                columns_of_row.append(("constant", None))
            elif f.primary_key:
                columns_of_row.append(("id",))
            elif f.attname in by_attname:
                name, kind = by_attname[f.attname]
                columns_of_row.append(("field", name, self.converter(f, kind), self.constant(f)))
            else:
                columns_of_row.append(("constant", self.constant(f)))
        build = _row_function(columns_of_row)
        sources = [(att, name, kind) for name, att, kind in fields]
        connection = self.connection

        def row(record: Record) -> tuple[Any, ...]:
            values = list(build(record))
            # pre_save only reads the instance's attributes: a namespace of them stands in for it
            instance = cast(models.Model, SimpleNamespace(
                **{att: to_python(kind, record.get(name)) for att, name, kind in sources}))
            for i, f in computed:
                values[i] = f.get_db_prep_save(f.pre_save(instance, True), connection)
            return tuple(values)

        rows = list(map(row if computed else build, records))
        attnames = [f.attname for f in model._meta.concrete_fields]
        columns = [_column(f) for f in model._meta.concrete_fields]
        table = model._meta.db_table
        empty = self._empty(table)
        self._load(table, columns, rows, empty=empty)
        # A table empty before this load now holds exactly its rows: their first versions are
        # copied inside the database instead of being sent again.
        self._insert_history(model, attnames, rows, copy_from=empty)
        return len(rows)

    def _load(self, table: str, columns: list[str], rows: Iterable[tuple[Any, ...]], *,
              empty: bool | None = None) -> int:
        """Insert into `table`; into an empty table with its secondary indexes (and, on PostgreSQL,
        its foreign keys) built after the rows are in (see `deferred_structure`). `empty`: whether
        the table is empty, if already known."""
        self.tables.append(table)
        with self.deferred_structure(table, empty):
            return self._executemany(table, columns, rows)

    @contextmanager
    def deferred_structure(self, table: str, empty: bool | None = None) -> Iterator[None]:
        """If `table` is empty, drop its secondary indexes (not those of its primary key or
        unique constraints) and, on PostgreSQL, its foreign keys; after the load, create them
        again with the same names and definitions. Building an index once from all the rows is
        several times cheaper than updating it row by row, and re-adding a foreign key checks
        all rows in one join instead of one deferred check per row at commit. It all happens
        inside the import's transaction: if anything fails, the rollback restores the table as it
        was. The price is the lock: until the import commits, other sessions wait to read that
        (empty) table (PostgreSQL: ACCESS EXCLUSIVE) and, for a dropped foreign key, to write the
        table it refers to. A table that already holds rows is loaded as before, its indexes and
        foreign keys maintained row by row, so importing into a database in use blocks nobody
        for longer than it did. On an exception nothing is re-created (the transaction is lost)."""
        if not self.defer_structure or not (self._empty(table) if empty is None else empty):
            yield
            return
        with self.connection.cursor() as cursor:
            if self.sqlite:
                cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                               "AND sql IS NOT NULL AND upper(sql) NOT LIKE 'CREATE UNIQUE%%'", [table])
                indexes = cursor.fetchall()
                foreign: list[tuple[str, str]] = []
            else:
                cursor.execute(
                    "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    "WHERE i.indrelid = %s::regclass AND NOT i.indisunique AND NOT i.indisprimary "
                    "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)", [table])
                indexes = cursor.fetchall()
                cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                               "WHERE conrelid = %s::regclass AND contype = 'f'", [table])
                foreign = cursor.fetchall()
            qn = self.connection.ops.quote_name
            if foreign:
                # Rows written earlier in this transaction (e.g. the staff, through the ORM) leave
                # deferred checks pending on the tables these keys refer to, and PostgreSQL cannot
                # drop a key's triggers while checks on them are pending: run those checks now. All
                # deferrable constraints of the schema are initially deferred (Django's foreign
                # keys), so deferring all of them again restores the transaction as it was.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for name, _ in foreign:
                cursor.execute(f"ALTER TABLE {qn(table)} DROP CONSTRAINT {qn(name)}")
            for name, _ in indexes:
                cursor.execute(f"DROP INDEX {qn(name)}")
        yield
        with self.connection.cursor() as cursor:
            for _, sql in indexes:
                cursor.execute(sql)  # no parameters: the text is run as it is
            for name, definition in foreign:
                cursor.execute(f"ALTER TABLE {qn(table)} ADD CONSTRAINT {qn(name)} {definition}")

    def _empty(self, table: str) -> bool:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {self.connection.ops.quote_name(table)} LIMIT 1")
            return cursor.fetchone() is None

    def _insert_history(self, model: type[models.Model], attnames: list[str], rows: list[tuple[Any, ...]], *,
                        copy_from: bool = False) -> None:
        """The first version of every row: the same values plus when, by whom and "+" (created).
        `copy_from`: the model's table holds exactly `rows` (it was empty before them), so the
        versions are copied from it by one INSERT ... SELECT, column for column (the history
        table's columns have the same types), instead of sending every row a second time."""
        history = getattr(model, "history", None)
        if history is None or not rows:
            return
        hmodel = history.model
        hfields = {f.attname: f for f in hmodel._meta.concrete_fields}
        specials = {"history_date": self._history_date(hmodel), "history_change_reason": None,
                    "history_type": "+", "history_user_id": self.user_id}
        assert set(hfields) == set(attnames) | set(specials) | {"history_id"}, hmodel
        columns = [_column(hfields[a]) for a in attnames] + [_column(hfields[s]) for s in specials]
        extra = tuple(specials.values())
        if not copy_from:
            self._load(hmodel._meta.db_table, columns, (r + extra for r in rows))
            return
        table, htable = model._meta.db_table, hmodel._meta.db_table
        fields = {f.attname: f for f in model._meta.concrete_fields}
        qn = self.connection.ops.quote_name
        source = ", ".join(qn(_column(fields[a])) for a in attnames)
        # SQLite: in rowid order, the order the rows went in (history ids as if sent row by row);
        # PostgreSQL: a freshly filled table is read in the order it was written
        order = " ORDER BY rowid" if self.sqlite else ""
        sql = (f"INSERT INTO {qn(htable)} ({', '.join(qn(c) for c in columns)}) "
               f"SELECT {source}, {', '.join(['%s'] * len(extra))} FROM {qn(table)}{order}")
        self.tables.append(htable)
        with self.deferred_structure(htable), self.connection.cursor() as cursor:
            cursor.execute(sql, list(extra))

    def _history_date(self, hmodel: type[models.Model]) -> Any:
        return _field(hmodel, "history_date").get_db_prep_save(self.now, self.connection)

    def insert_links(self, through: type[models.Model], left: str, right: str,
                     pairs: Iterable[tuple[str, str]]) -> int:
        columns = [_column(_field(through, left.removesuffix("_id"))),
                   _column(_field(through, right.removesuffix("_id")))]
        return self._load(through._meta.db_table, columns, pairs)

    @contextmanager
    def tuned(self) -> Iterator[None]:
        """SQLite: a large page cache for the load, so the one transaction does not spill
        half-written pages to the database file before it commits (durability unchanged: the
        journal mode and `synchronous` are left as they are). PostgreSQL: sort memory for the
        index builds, for the transaction only."""
        if not self.sqlite:
            with self.connection.cursor() as cursor:
                # PostgreSQL: memory for the index builds after a load into an empty table, so they
                # sort in memory; SET LOCAL ends with the import's transaction.
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
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


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field), (model, name)  # a column, not a reverse relation
    return field


def _column(field: models.Field[Any, Any]) -> str:
    assert field.column is not None, field  # concrete fields have a column
    return field.column


def _chunks(rows: Iterable[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
