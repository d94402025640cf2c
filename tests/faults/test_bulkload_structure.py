# SPDX-License-Identifier: MPL-2.0
"""An import into an empty table builds its secondary indexes (and, on PostgreSQL, checks its
foreign keys) once after the load instead of row by row (issue #20): the indexes and keys are
gone only while the rows go in, come back with the same names and definitions, stay untouched on
a table that already holds rows, and a failed import leaves the schema as it was."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection, transaction

from forebyg.cases.models import Child, JournalNote
from forebyg.cases.services.bulkload import BulkWriter

pytestmark = pytest.mark.django_db
TABLE = JournalNote._meta.db_table


def _structure(table: str) -> set[tuple[str, str]]:
    """(name, definition) of the table's non-unique indexes and its foreign keys."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                           "AND sql IS NOT NULL AND upper(sql) NOT LIKE 'CREATE UNIQUE%%'", [table])
            return set(cursor.fetchall())
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
                       "AND indexdef NOT LIKE 'CREATE UNIQUE%%'", [table])
        out = set(cursor.fetchall())
        cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                       "WHERE conrelid = %s::regclass AND contype = 'f'", [table])
        return out | set(cursor.fetchall())


def _writer() -> BulkWriter:
    return BulkWriter(connection, now=datetime(2026, 1, 1, tzinfo=UTC), user_id=None)


def test_an_empty_table_is_loaded_without_its_indexes_and_gets_them_back():
    before = _structure(TABLE)
    assert len(before) >= 3  # municipality, child, case ... (and their keys on PostgreSQL)
    with transaction.atomic():
        with _writer().deferred_structure(TABLE):
            during = _structure(TABLE)
        after = _structure(TABLE)
    assert during == set()
    assert after == before
    assert _structure(TABLE) == before


def test_a_table_with_rows_keeps_its_indexes(a_child):
    table = Child._meta.db_table
    before = _structure(table)
    assert before
    with transaction.atomic():
        with _writer().deferred_structure(table):
            assert _structure(table) == before


def test_a_failed_load_leaves_the_indexes():
    before = _structure(TABLE)
    with pytest.raises(RuntimeError), transaction.atomic():
        with _writer().deferred_structure(TABLE):
            raise RuntimeError("the load failed")
    assert _structure(TABLE) == before


@pytest.fixture
def a_child():
    from forebyg.cases.services.interchange import interchange_import
    from forebyg.core.models import Municipality

    Municipality.objects.get_or_create(code=101, defaults={"name": "København"})
    lines = [
        '{"type": "child", "id": "c1", "municipality": 101, "name": "Test Barn", '
        '"registered_at": "2025-01-01T10:00:00+01:00"}',
    ]
    interchange_import(lines=lines)
