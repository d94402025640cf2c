# SPDX-License-Identifier: MPL-2.0
"""`forebyg backup FILE` and `forebyg restore FILE` for SQLite and PostgreSQL (docs/operations.md).

A backup is one file (forebyg.ops.archive): the database, the uploaded files (FOREBYG_VAR_DIR/media),
the documents of the children's cases (FOREBYG_DOCUMENTS_DIR) and the key-figure signing keys (FOREBYG_VAR_DIR/keys), with a manifest of SHA-256 checksums that
restore checks before it changes anything.
SQLite: `VACUUM INTO` writes a consistent, compacted copy of the database while the application
keeps running; restore checks the copy and puts it in place with an atomic rename.
PostgreSQL: `pg_dump --format=custom` (consistent snapshot, compressed); restore runs
`pg_restore --clean --if-exists --single-transaction`, so a failed restore changes nothing.
The files are put in place after the database; a directory they replace is kept beside it
(`media.before-restore-…`), never deleted. A backup file is restored into the same kind of
database only; to move between SQLite and PostgreSQL use `forebyg export` and `forebyg import`.
Files made by earlier versions (the bare database) are still restored (the database only)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from glob import glob
from pathlib import Path
from typing import TYPE_CHECKING

from . import archive

if TYPE_CHECKING:
    from dj_database_url import DBConfig

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Outcome:
    path: Path
    kind: str  # "sqlite" or "postgresql"
    size: int
    files: int = 0  # uploaded files and keys backed up or restored
    kept: tuple[Path, ...] = ()  # directories a restore replaced, kept beside the new ones


def _database() -> DBConfig:
    from django.conf import settings

    return settings.DATABASES["default"]


def _vendor(db: DBConfig) -> str:
    engine = db["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Backup supports SQLite and PostgreSQL, not {engine}.")


def parts() -> dict[str, Path]:
    """The directories a backup holds besides the database: uploaded files, the documents of the
    children's cases (stored by SHA-256) and signing keys."""
    from forebyg.documents.storage import documents_root
    from forebyg.keyfigures.services import key_dir
    from forebyg.network.models.storage import media_root

    return {"media": Path(media_root()), "documents": documents_root(), "keys": key_dir()}


def kind_of(path: Path) -> str:
    if archive.is_archive(path):
        try:
            return archive.verify(path)["database"]
        except archive.ArchiveError as exc:
            raise BackupError(str(exc)) from None
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


def _pg_args(db: DBConfig) -> tuple[list[str], dict]:
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


def _dump(vendor: str, db: DBConfig, partial: Path) -> None:
    from django.db import connection

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


def backup(path: str | Path) -> Outcome:
    """Write a backup of the database, the uploaded files and the signing keys to `path` (which must
    not exist). The file appears under its name only when it is complete and checked."""
    from forebyg import __version__
    from forebyg.core import clock

    target = Path(path)
    if target.exists():
        raise BackupError(f"{target} exists already: choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    db = _database()
    vendor = _vendor(db)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix=".forebyg-backup-", dir=target.parent) as staging:
        dump = Path(staging) / archive.DATABASE_MEMBERS[vendor]
        try:
            _dump(vendor, db, dump)
            files = archive.write(partial, vendor=vendor, database=dump, parts=parts(),
                                  meta={"created_at": clock.now().isoformat(), "forebyg": __version__})
            archive.verify(partial)  # read back: every checksum as written
            os.chmod(partial, 0o600)  # personal data and private keys
            os.replace(partial, target)
        except archive.ArchiveError as exc:
            raise BackupError(str(exc)) from None
        finally:
            partial.unlink(missing_ok=True)
    return Outcome(target, vendor, target.stat().st_size, files)


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


# Tables that migrations fill by themselves: a database holding only these is empty.
REFERENCE_TABLES = {"django_migrations", "django_content_type", "auth_permission", "core_municipality",
                    "core_region", "core_regionmembership"}


def holds_data() -> list[str]:
    """What the current database holds besides what migrations put there: any user, setting or
    record (e.g. ["accounts_user"]); empty for a new database. Restore then asks for --yes."""
    from django.db import connection

    try:
        tables = sorted(set(connection.introspection.table_names()) - REFERENCE_TABLES)
    except Exception:  # noqa: BLE001 - no database yet
        return []
    found = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone() is not None:
                found.append(table)
    return found


def _restore_database(vendor: str, db: DBConfig, dump: Path) -> None:
    from django.db import connection

    if vendor == "sqlite":
        _check_sqlite(dump)
        connection.close()
        target = Path(db["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_name(target.name + ".restoring")
        shutil.copyfile(dump, staging)
        for suffix in ("-wal", "-shm", "-journal"):  # left by the database being replaced
            Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(staging, target)
    else:
        connection.close()
        args, env = _pg_args(db)
        _run([pg_binary("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", "--exit-on-error", *args, "--dbname", str(db["NAME"]), str(dump)], env)


def _restore_part(source: Path, part: str, target: Path, stamp: str) -> tuple[int, Path | None]:
    """Put the archive's `part/` in place of the directory `target`; a non-empty directory it
    replaces is kept beside it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f"{target.name}.restoring-{stamp}")
    if staging.exists():
        shutil.rmtree(staging)
    n = archive.extract_part(source, part, staging)
    kept = None
    if target.exists():
        if any(target.iterdir()):
            kept = target.with_name(f"{target.name}.before-restore-{stamp}")
            os.replace(target, kept)
        else:
            target.rmdir()
    os.replace(staging, target)
    return n, kept


def restore(path: str | Path) -> Outcome:
    """Replace the database, uploaded files and signing keys with the backup at `path`. Every
    checksum is checked before anything changes. Stop the application first."""
    from forebyg.core import clock

    source = Path(path)
    if not source.is_file():
        raise BackupError(f"{source} does not exist.")
    db = _database()
    vendor = _vendor(db)
    legacy = not archive.is_archive(source)
    manifest: dict = {}  # a bare database file from an earlier version has none
    try:
        if not legacy:
            manifest = archive.verify(source)
    except archive.ArchiveError as exc:
        raise BackupError(str(exc)) from None
    kind = kind_of(source) if legacy else manifest["database"]
    if kind != vendor:
        raise BackupError(f"{source} is a {kind} backup and the database is {vendor}: restore into the same kind "
                          "of database, or move the data with `forebyg export` and `forebyg import`.")
    if legacy:  # a bare database file from an earlier version
        _restore_database(vendor, db, source)
        return Outcome(source, vendor, source.stat().st_size)
    directories = parts()
    if vendor == "sqlite":
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".forebyg-restore-",
                                     dir=Path(db["NAME"]).parent if vendor == "sqlite" else None) as staging:
        dump = Path(staging) / archive.DATABASE_MEMBERS[vendor]
        archive.extract_database(source, manifest, dump)
        _restore_database(vendor, db, dump)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    files, kept = 0, []
    for part, target in directories.items():
        n, old = _restore_part(source, part, target, stamp)
        files += n
        if old is not None:
            kept.append(old)
    return Outcome(source, vendor, source.stat().st_size, files, tuple(kept))
