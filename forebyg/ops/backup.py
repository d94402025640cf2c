# SPDX-License-Identifier: MPL-2.0
"""`forebyg backup FILE` and `forebyg restore FILE` for SQLite and PostgreSQL (docs/operations.md).

SQLite: `VACUUM INTO` writes a consistent, compacted copy of the database while the application
keeps running; restore checks the copy and puts it in place with an atomic rename.
PostgreSQL: `pg_dump --format=custom` (consistent snapshot, compressed); restore runs
`pg_restore --clean --if-exists --single-transaction`, so a failed restore changes nothing.
A backup file is restored into the same kind of database only; to move between SQLite and
PostgreSQL use `forebyg export` and `forebyg import`."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from glob import glob
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Outcome:
    path: Path
    kind: str  # "sqlite" or "postgresql"
    size: int


def _database() -> dict:
    from django.conf import settings

    return settings.DATABASES["default"]


def _vendor(db: dict) -> str:
    engine = db["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Backup supports SQLite and PostgreSQL, not {engine}.")


def kind_of(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is not a Forebyg backup (neither a SQLite database nor a pg_dump archive).")


def pg_binary(name: str) -> str:
    """pg_dump / pg_restore: FOREBYG_PG_BIN, else the newest /usr/lib/postgresql/*/bin, else PATH."""
    configured = os.environ.get("FOREBYG_PG_BIN")
    candidates = [Path(configured) / name] if configured else []
    candidates += [Path(d) / name for d in sorted(glob("/usr/lib/postgresql/*/bin"),
                                                   key=lambda d: int(Path(d).parent.name) if Path(d).parent.name.isdigit() else 0,
                                                   reverse=True)]
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    raise BackupError(f"{name} was not found: install Debian's postgresql-client, or set FOREBYG_PG_BIN.")


def _pg_args(db: dict) -> tuple[list[str], dict]:
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(cmd: list[str], env: dict) -> None:
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(cmd[0]).name} failed: {result.stderr.strip() or result.stdout.strip()}")


def backup(path: str | Path) -> Outcome:
    """Write a consistent backup of the database to `path` (which must not exist)."""
    from django.db import connection

    target = Path(path)
    if target.exists():
        raise BackupError(f"{target} exists already: choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    db = _database()
    vendor = _vendor(db)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if vendor == "sqlite":
            connection.ensure_connection()
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [str(partial)])
            _check_sqlite(partial)
        else:
            args, env = _pg_args(db)
            _run([pg_binary("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", *args,
                  "--file", str(partial), "--dbname", str(db["NAME"])], env)
            _run([pg_binary("pg_restore"), "--list", str(partial)], env)  # the archive can be read back
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return Outcome(target, vendor, target.stat().st_size)


def _check_sqlite(path: Path) -> None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = con.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise BackupError(f"{path} is damaged: {result}")
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'").fetchone():
            raise BackupError(f"{path} is not a Forebyg database.")
    finally:
        con.close()


def holds_data() -> bool:
    """Whether the current database has any municipal data (restore then asks for --yes)."""
    from django.db import connection

    try:
        tables = set(connection.introspection.table_names())
    except Exception:  # noqa: BLE001 - no database yet
        return False
    if "cases_child" not in tables:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM cases_child LIMIT 1")
        return cursor.fetchone() is not None


def restore(path: str | Path) -> Outcome:
    """Replace the database with the backup at `path`. Stop the application first."""
    from django.db import connection

    source = Path(path)
    if not source.is_file():
        raise BackupError(f"{source} does not exist.")
    db = _database()
    vendor = _vendor(db)
    kind = kind_of(source)
    if kind != vendor:
        raise BackupError(f"{source} is a {kind} backup and the database is {vendor}: restore into the same kind "
                          "of database, or move the data with `forebyg export` and `forebyg import`.")
    if vendor == "sqlite":
        _check_sqlite(source)
        connection.close()
        target = Path(db["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_name(target.name + ".restoring")
        shutil.copyfile(source, staging)
        for suffix in ("-wal", "-shm", "-journal"):  # left by the database being replaced
            Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(staging, target)
    else:
        connection.close()
        args, env = _pg_args(db)
        _run([pg_binary("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", "--exit-on-error", *args, "--dbname", str(db["NAME"]), str(source)], env)
    return Outcome(source, vendor, source.stat().st_size)
