# SPDX-License-Identifier: MPL-2.0
"""The audit logs are append-only against inserts too (#13, finding 4): an insert whose id
exists is refused (SQLite's `INSERT OR REPLACE` / `REPLACE INTO` would otherwise delete the old row
without firing the DELETE trigger), and the database refuses a row whose time is not its own
current time (no backdated rows). Tested from raw database connections, as docs/security.md says:
a plain `sqlite3` connection to a file database, and a plain psycopg connection to PostgreSQL.

The test settings switch the time check off (tests move the application's clock); these tests
install the triggers with the production tolerance (`FOREBYG_AUDIT_CLOCK_TOLERANCE`, 300 s)."""

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from django.db import DatabaseError, connection, transaction

from forebyg.audit.db import AUDIT_TABLES, create_sql, ensure_triggers, triggers_present
from forebyg.audit.models import AccessLog, LogEntry
from forebyg.audit.services import log_change

PRODUCTION_TOLERANCE = 300  # seconds: the default of FOREBYG_AUDIT_CLOCK_TOLERANCE
COLUMNS = {  # the NOT NULL columns of each table, with a value
    "audit_logentry": "id, at, action_type, object_type, object_id, payload, reason",
    "audit_accesslog": "id, at, user_id, municipality_id, child_id, view, reason, basis",
}


def _values(table: str, at: str, user_id: int = 1, municipality_id: int = 1) -> tuple:
    if table == "audit_logentry":
        return (at, "security.probe", "probe", "1", "{}", "")
    return (at, user_id, municipality_id, "c-1", "probe", "", "own")


def _insert(table: str, verb: str = "INSERT", param: str = "?") -> str:
    cols = COLUMNS[table]
    return f"{verb} INTO {table} ({cols}) VALUES ({', '.join([param] * len(cols.split(', ')))})"


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


@pytest.fixture
def production_tolerance(settings):
    settings.FOREBYG_AUDIT_CLOCK_TOLERANCE = PRODUCTION_TOLERANCE
    return PRODUCTION_TOLERANCE


@pytest.fixture
def sqlite_file(tmp_path, production_tolerance):
    """A file database holding the audit tables as migrate made them, with the triggers production
    gets, opened with the plain sqlite3 module (not Django)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cur:
        cur.execute("SELECT sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL "
                    "AND tbl_name IN (%s, %s) ORDER BY type DESC", list(AUDIT_TABLES))
        schema = [r[0] for r in cur.fetchall()]
    raw = sqlite3.connect(tmp_path / "audit.sqlite3", isolation_level=None)
    for statement in schema + create_sql("sqlite"):
        raw.execute(statement)
    yield raw
    raw.close()


@pytest.mark.django_db
@pytest.mark.parametrize("table", AUDIT_TABLES)
def test_plain_sqlite3_connection_cannot_replace_an_audit_row(sqlite_file, table):
    raw = sqlite_file
    now = _utc(datetime.now(UTC))
    raw.execute(_insert(table), (7, *_values(table, now)))
    before = raw.execute(f"SELECT * FROM {table}").fetchall()
    forged = (7, *_values(table, now))
    for verb in ("INSERT OR REPLACE", "REPLACE", "INSERT OR IGNORE", "INSERT"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            raw.execute(_insert(table, verb), forged)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):  # an upsert
        raw.execute(_insert(table) + " ON CONFLICT(id) DO UPDATE SET at = excluded.at", forged)
    raw.execute("PRAGMA recursive_triggers = ON")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        raw.execute(_insert(table, "INSERT OR REPLACE"), forged)
    assert raw.execute(f"SELECT * FROM {table}").fetchall() == before


@pytest.mark.django_db
@pytest.mark.parametrize("table", AUDIT_TABLES)
def test_plain_sqlite3_connection_cannot_backdate_an_audit_row(sqlite_file, table):
    raw = sqlite_file
    now = datetime.now(UTC)
    for moment in (now - timedelta(days=400), now - timedelta(minutes=6), now + timedelta(minutes=6)):
        with pytest.raises(sqlite3.DatabaseError, match="current time"):
            raw.execute(_insert(table), (None, *_values(table, _utc(moment))))
    with pytest.raises(sqlite3.DatabaseError, match="current time"):  # not a time at all
        raw.execute(_insert(table), (None, *_values(table, "gestern")))
    assert raw.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,)
    raw.execute(_insert(table), (None, *_values(table, _utc(now - timedelta(seconds=30)))))  # drift is allowed
    assert raw.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (1,)


@pytest.mark.django_db
def test_application_writes_pass_and_a_backdated_orm_row_is_refused(users, municipality, production_tolerance):
    """Through Django on whichever database runs the suite: the application's own writes (current
    time, ids from the database) pass the triggers; an explicit old time does not."""
    ensure_triggers()  # with the production tolerance (rolled back with the test)
    assert triggers_present()
    actor = users["administrator"]
    entry = log_change(actor=actor, action="security.policy.changed", obj=municipality, payload={})
    AccessLog.objects.bulk_create([AccessLog(at=entry.at, user=actor, municipality=municipality, child_id=c,
                                             view="probe") for c in ("c-1", "c-2")])
    assert AccessLog.objects.filter(view="probe").count() == 2
    old = entry.at - timedelta(days=30)
    with pytest.raises(DatabaseError, match="current time"), transaction.atomic():
        LogEntry.objects.create(at=old, actor=actor, action_type="security.policy.changed",
                                object_type="municipality", object_id="1")
    with pytest.raises(DatabaseError, match="current time"), transaction.atomic():
        AccessLog.objects.create(at=old, user=actor, municipality=municipality, child_id="c-3", view="probe")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LogEntry.objects.bulk_create([LogEntry(id=entry.id, at=entry.at, action_type="x", object_type="x",
                                               object_id="x")])
    assert LogEntry.objects.get(id=entry.id).action_type == "security.policy.changed"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("table", AUDIT_TABLES)
def test_plain_psycopg_connection_cannot_replace_or_backdate(users, municipality, production_tolerance, table):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    import psycopg

    s = connection.settings_dict
    raw = psycopg.connect(dbname=s["NAME"], user=s["USER"] or None, password=s["PASSWORD"] or None,
                          host=s["HOST"] or None, port=s["PORT"] or None)
    try:
        with raw.cursor() as cur:
            cur.execute("SET lock_timeout = '10s'")
            for statement in create_sql("postgresql"):  # production's tolerance; rolled back below
                cur.execute(statement)
            user_id = users["administrator"].pk
            cur.execute(_insert(table, param="%s") + " RETURNING id",
                        (9001, *_values(table, "now", user_id, municipality.code)))
            forged = (9001, *_values(table, "now", user_id, municipality.code))
            attempts = [(_insert(table, param="%s"), forged, "append-only"),
                        (_insert(table, param="%s") + " ON CONFLICT (id) DO UPDATE SET at = excluded.at",
                         forged, "append-only"),
                        (_insert(table, param="%s") + " ON CONFLICT (id) DO NOTHING", forged, "append-only")]
            now = datetime.now(UTC)
            for moment in (now - timedelta(days=400), now - timedelta(minutes=6), now + timedelta(minutes=6)):
                attempts.append((_insert(table, param="%s"),
                                 (9002, *_values(table, moment, user_id, municipality.code)), "current time"))
            for sql, values, message in attempts:
                with pytest.raises(psycopg.DatabaseError, match=message), raw.transaction():
                    cur.execute(sql, values)
            cur.execute(f"SELECT id FROM {table} WHERE id IN (9001, 9002)")
            assert cur.fetchall() == [(9001,)]
    finally:
        raw.rollback()
        raw.close()
