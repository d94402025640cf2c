# SPDX-License-Identifier: MPL-2.0
"""The audit tables are append-only in the database itself, not only in the ORM.

Triggers on both tables, whatever issues the statement (the ORM, raw SQL from the application, or
a person with a database shell who is not the table owner):

* every UPDATE and DELETE raises;
* an INSERT raises when a row with the same id exists. On SQLite, `INSERT OR REPLACE` and
  `REPLACE INTO` delete the old row without firing the DELETE trigger (unless `recursive_triggers`
  is on), so without this check they would overwrite a log row;
* an INSERT raises when its time (`at`) is more than `FOREBYG_AUDIT_CLOCK_TOLERANCE` seconds
  (default 300) away from the database server's own clock, so that nobody can add a backdated (or
  postdated) row. The application always writes the current time (`forebyg.core.clock.now()`);
  the tolerance covers clock drift between the application and database servers. `None` switches
  the time check off: only the test settings do that, because tests move the application's clock
  (`manage.py check --deploy` refuses it).

On PostgreSQL the application should also connect as a role without UPDATE, DELETE and TRUNCATE
privileges on these tables (docs/security.md shows the grants); the table owner can still drop a
trigger, which is why the log is also exported and backed up off the database server.

SQLite rebuilds a table on some schema changes and drops its triggers with it; the triggers are
therefore (re)created after every migrate (see apps.py), and a test checks that they exist.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection as default_connection

AUDIT_TABLES = ("audit_logentry", "audit_accesslog")
MESSAGE = "audit log rows are append-only"
ID_MESSAGE = f"{MESSAGE}: a row with this id exists"
TIME_MESSAGE = "audit log time must be the current time of the database"
DEFAULT_TOLERANCE = 300  # seconds

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION forebyg_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '{MESSAGE}: % on %', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
"""

# TG_ARGV[0], when given, is the tolerance in seconds; clock_timestamp() is the server's time now
# (not the start of the transaction, which a long import would leave far behind).
_PG_INSERT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION forebyg_audit_insert_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  taken boolean;
BEGIN
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE id = $1)', TG_TABLE_NAME) INTO taken USING NEW.id;
  IF taken THEN
    RAISE EXCEPTION '{ID_MESSAGE} (% in %)', NEW.id, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_NARGS > 0 AND (NEW.at IS NULL
      OR abs(extract(epoch FROM (NEW.at - clock_timestamp()))) > TG_ARGV[0]::numeric) THEN
    RAISE EXCEPTION '{TIME_MESSAGE} (within % s): % is not', TG_ARGV[0], NEW.at
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
"""


def tolerance() -> int | None:
    """Seconds an audit row's time may differ from the database's clock; None: not checked."""
    value = getattr(settings, "FOREBYG_AUDIT_CLOCK_TOLERANCE", DEFAULT_TOLERANCE)
    return None if value is None else int(value)


def _names(table: str) -> tuple[str, str]:
    return f"{table}_no_update", f"{table}_no_delete"


def _insert_names(table: str) -> tuple[str, str]:
    return f"{table}_no_replace", f"{table}_db_time"


def create_sql(vendor: str, tolerance_seconds: int | None | str = "settings") -> list[str]:
    """The statements that (re)create the triggers; the time check uses the settings' tolerance
    unless one is given (None: no time check)."""
    tol = tolerance() if tolerance_seconds == "settings" else tolerance_seconds
    out: list[str] = []
    if vendor == "postgresql":
        out += [_PG_FUNCTION, _PG_INSERT_FUNCTION]
        for table in AUDIT_TABLES:
            name = f"{table}_append_only"
            out.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            out.append(f"CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table} "
                       f"FOR EACH ROW EXECUTE FUNCTION forebyg_audit_append_only()")
            name = f"{table}_insert_check"
            arg = "" if tol is None else f"'{int(tol)}'"
            out.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            out.append(f"CREATE TRIGGER {name} BEFORE INSERT ON {table} "
                       f"FOR EACH ROW EXECUTE FUNCTION forebyg_audit_insert_check({arg})")
    elif vendor == "sqlite":
        for table in AUDIT_TABLES:
            upd, dele = _names(table)
            out.append(f"CREATE TRIGGER IF NOT EXISTS {upd} BEFORE UPDATE ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
            out.append(f"CREATE TRIGGER IF NOT EXISTS {dele} BEFORE DELETE ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
            replace, db_time = _insert_names(table)
            # Fires before REPLACE's conflict resolution: the old row is still there to be found.
            out.append(f"DROP TRIGGER IF EXISTS {replace}")
            out.append(f"CREATE TRIGGER {replace} BEFORE INSERT ON {table} "
                       f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id) "
                       f"BEGIN SELECT RAISE(ABORT, '{ID_MESSAGE}'); END")
            out.append(f"DROP TRIGGER IF EXISTS {db_time}")
            if tol is not None:  # julianday() is NULL for text that is not a time: refused too
                out.append(f"CREATE TRIGGER {db_time} BEFORE INSERT ON {table} "
                           f"WHEN julianday(NEW.at) IS NULL "
                           f"OR abs(julianday(NEW.at) - julianday('now')) * 86400.0 > {int(tol)} "
                           f"BEGIN SELECT RAISE(ABORT, '{TIME_MESSAGE} (within {int(tol)} s)'); END")
    return out


def drop_sql(vendor: str) -> list[str]:
    out: list[str] = []
    for table in AUDIT_TABLES:
        if vendor == "postgresql":
            out.append(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            out.append(f"DROP TRIGGER IF EXISTS {table}_insert_check ON {table}")
        elif vendor == "sqlite":
            out.extend(f"DROP TRIGGER IF EXISTS {name}" for name in (*_names(table), *_insert_names(table)))
    return out


def _expected(vendor: str) -> set[str]:
    if vendor == "postgresql":
        return {f"{t}_{s}" for t in AUDIT_TABLES for s in ("append_only", "insert_check")}
    names = {n for t in AUDIT_TABLES for n in (*_names(t), f"{t}_no_replace")}
    if tolerance() is not None:
        names |= {f"{t}_db_time" for t in AUDIT_TABLES}
    return names


def triggers_present(connection=None) -> bool:
    connection = connection or default_connection
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        elif connection.vendor == "postgresql":
            cur.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            return True  # other databases: not supported by Forebyg
        names = {r[0] for r in cur.fetchall()}
    return _expected(connection.vendor) <= names


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
