# SPDX-License-Identifier: MPL-2.0
"""The audit tables are append-only in the database itself, not only in the ORM.

A trigger raises on every UPDATE and DELETE of a row in the audit tables, whatever issues it: the
ORM, raw SQL from the application, or a person with a database shell who is not the table owner.
On PostgreSQL the application should also connect as a role without UPDATE, DELETE and TRUNCATE
privileges on these tables (docs/security.md shows the grants); the table owner can still drop a
trigger, which is why the log is also exported and backed up off the database server.

SQLite rebuilds a table on some schema changes and drops its triggers with it; the triggers are
therefore (re)created after every migrate (see apps.py), and a test checks that they exist.
"""

from __future__ import annotations

from django.db import connection as default_connection

AUDIT_TABLES = ("audit_logentry", "audit_accesslog")
MESSAGE = "audit log rows are append-only"

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION forebyg_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '{MESSAGE}: % on %', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
"""


def _names(table: str) -> tuple[str, str]:
    return f"{table}_no_update", f"{table}_no_delete"


def create_sql(vendor: str) -> list[str]:
    out: list[str] = []
    if vendor == "postgresql":
        out.append(_PG_FUNCTION)
        for table in AUDIT_TABLES:
            name = f"{table}_append_only"
            out.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            out.append(f"CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table} "
                       f"FOR EACH ROW EXECUTE FUNCTION forebyg_audit_append_only()")
    elif vendor == "sqlite":
        for table in AUDIT_TABLES:
            upd, dele = _names(table)
            out.append(f"CREATE TRIGGER IF NOT EXISTS {upd} BEFORE UPDATE ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
            out.append(f"CREATE TRIGGER IF NOT EXISTS {dele} BEFORE DELETE ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
    return out


def drop_sql(vendor: str) -> list[str]:
    out: list[str] = []
    for table in AUDIT_TABLES:
        if vendor == "postgresql":
            out.append(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        elif vendor == "sqlite":
            out.extend(f"DROP TRIGGER IF EXISTS {name}" for name in _names(table))
    return out


def triggers_present(connection=None) -> bool:
    connection = connection or default_connection
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            names = {r[0] for r in cur.fetchall()}
            return all(set(_names(t)) <= names for t in AUDIT_TABLES)
        if connection.vendor == "postgresql":
            cur.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            names = {r[0] for r in cur.fetchall()}
            return all(f"{t}_append_only" in names for t in AUDIT_TABLES)
    return True  # other databases: not supported by Forebyg


def ensure_triggers(connection=None) -> None:
    connection = connection or default_connection
    tables = set(connection.introspection.table_names())
    if not set(AUDIT_TABLES) <= tables:
        return
    with connection.cursor() as cur:
        for statement in create_sql(connection.vendor):
            cur.execute(statement)


def drop_triggers(connection=None) -> None:
    connection = connection or default_connection
    with connection.cursor() as cur:
        for statement in drop_sql(connection.vendor):
            cur.execute(statement)
