# SPDX-License-Identifier: MPL-2.0
"""What every request of the served application pays (issue #20): database connections kept between
requests and checked before reuse,."""

import json
import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOREBYG_", "DATABASE_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", "FOREBYG_ALLOWED_HOSTS": "forebyg.example",
                "FOREBYG_SECRET_KEY": "s" * 50, "FOREBYG_CPR_KEY": Fernet.generate_key().decode(),
                "FOREBYG_CPR_HASH_KEY": "h" * 40}, **extra)
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_production_keeps_postgresql_connections_and_checks_them_before_reuse():
    code = ("import json, django; django.setup(); from django.conf import settings as s; "
            "d = s.DATABASES['default']; print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))")
    assert _run(code, DATABASE_URL="postgres://forebyg@db.example:5432/forebyg") == [60, True]
    # SQLite opens its file per request (nothing to keep: no server, no connection set-up).
    assert _run(code, DATABASE_URL="sqlite:////tmp/forebyg-serving-test.sqlite3")[0] == 0
