# SPDX-License-Identifier: MPL-2.0
"""Throwaway Forebyg instances for fault tests: a fresh database (a SQLite file, or a new database
on the PostgreSQL server the test suite runs on) driven through the real `forebyg` command in a
subprocess, as an operator would."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
EXPORTED_AT = "2026-01-01T00:00:00+01:00"
COUNTS = """
import json, django
django.setup()
from django.db import connection
with connection.cursor() as cur:
    out = {}
    for table in sorted(connection.introspection.table_names()):
        cur.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        out[table] = cur.fetchone()[0]
print(json.dumps(out))
"""


def postgres_server() -> dict | None:
    """The PostgreSQL server of this test run, if it runs on PostgreSQL."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    return db if "postgresql" in db["ENGINE"] else None


class Instance:
    """`migrated=True` starts from a copy of a database the command has already migrated once in
    this test run (migrating from nothing costs about 12 s of CPU each time); the default starts
    from nothing, as an operator's first command does."""

    def __init__(self, vendor: str, tmp: Path, *, migrated: bool = False):
        self.vendor = vendor
        self.tmp = tmp
        template = _migrated_template(vendor) if migrated else None
        if vendor == "sqlite":
            path = tmp / f"forebyg-{uuid.uuid4().hex[:8]}.sqlite3"
            if template:
                tmp.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(template, path)
            self.url = f"sqlite:///{path}"
            self.name = None
        else:
            self.name = f"forebyg_fault_{uuid.uuid4().hex[:10]}"
            self.url = _postgres_url(self.name)
            self._admin(f'CREATE DATABASE "{self.name}"' + (f' TEMPLATE "{template}"' if template else ""))

    def env(self) -> dict:
        env = dict(os.environ)
        env.update(DATABASE_URL=self.url, DJANGO_SETTINGS_MODULE="config.settings.test", FOREBYG_VAR_DIR=str(self.tmp),
                   PYTHONPATH=str(ROOT))
        return env

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "forebyg.cli", *args]

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(self.command(*args), env=self.env(), cwd=ROOT, capture_output=True, text=True,
                                timeout=600)
        if check and result.returncode != 0:
            raise AssertionError(f"forebyg {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
        return result

    def export(self, name: str) -> bytes:
        path = self.tmp / f"{name}.jsonl"
        self.run("export", "-o", str(path), "--exported-at", EXPORTED_AT)
        return path.read_bytes()

    def counts(self) -> dict[str, int]:
        result = subprocess.run([sys.executable, "-c", COUNTS], env=self.env(), cwd=ROOT, capture_output=True,
                                text=True, timeout=300, check=True)
        return json.loads(result.stdout)

    def drop(self) -> None:
        if self.name:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    @staticmethod
    def _admin(sql: str) -> None:
        import psycopg

        server = postgres_server()
        with psycopg.connect(host=server["HOST"] or "127.0.0.1", port=server["PORT"] or 5432, user=server["USER"],
                             password=server.get("PASSWORD") or None, dbname="postgres", autocommit=True) as con:
            con.execute(sql)


def _postgres_url(name: str) -> str:
    server = postgres_server()
    auth = server["USER"] + (f":{server['PASSWORD']}" if server.get("PASSWORD") else "")
    return f"postgres://{auth}@{server['HOST'] or '127.0.0.1'}:{server['PORT'] or 5432}/{name}"


_TEMPLATES: dict[str, str] = {}


def _migrated_template(vendor: str) -> str:
    """A database migrated by `forebyg user list` (every command migrates first), once per test
    process: a SQLite file to copy, or a PostgreSQL database to create others from. Removed when the
    process ends."""
    if vendor not in _TEMPLATES:
        template = Instance(vendor, Path(tempfile.mkdtemp(prefix="forebyg-template-")))
        template.run("user", "list")
        if vendor == "sqlite":
            _TEMPLATES[vendor] = template.url.removeprefix("sqlite:///")
            atexit.register(shutil.rmtree, template.tmp, True)
        else:
            _TEMPLATES[vendor] = template.name
            atexit.register(template.drop)
            shutil.rmtree(template.tmp, True)
    return _TEMPLATES[vendor]


def vendors() -> list[str]:
    """The database of this test run: CI runs the suite once on SQLite and once on PostgreSQL."""
    return ["postgresql"] if postgres_server() else ["sqlite"]


def synthetic_file(path: Path, *, municipality: int, children: int, seed: int = 11) -> int:
    """A canonical interchange file of one synthetic municipality; returns the number of records."""
    from forebyg.synth import generate, write_jsonl

    end = datetime(2025, 12, 1, tzinfo=ZoneInfo("Europe/Copenhagen"))
    counts = write_jsonl(path, generate(municipality=municipality, name=f"Syntetisk {municipality}", children=children,
                                        start_year=2020, end_year=2025, end=end, seed=seed),
                         exported_at=EXPORTED_AT, municipalities=[municipality])
    return sum(counts.values())
