# SPDX-License-Identifier: MPL-2.0
"""What every request of the served application pays (issue #20): database connections kept between
requests and checked before reuse, and the server process's garbage collector tuned once loaded."""

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


GC_STATE = "import gc, json; print(json.dumps([list(gc.get_threshold()), gc.get_freeze_count()]))"


def test_the_wsgi_application_freezes_what_it_loaded_and_raises_the_gc_threshold():
    threshold, frozen = _run("import config.wsgi; " + GC_STATE)
    assert threshold == [50000, 20, 10]
    assert frozen > 10000  # Django, the URL configuration and every view module are out of the collector's sight
    # Commands and tests do not load config.wsgi: Python's defaults.
    assert _run("import django; django.setup(); " + GC_STATE) == [[700, 10, 10], 0]


def test_the_gc_threshold_is_a_setting_and_empty_keeps_pythons_defaults():
    assert _run("import config.wsgi; " + GC_STATE, FOREBYG_GC_THRESHOLD="20000,10,10")[0] == [20000, 10, 10]
    assert _run("import config.wsgi; " + GC_STATE, FOREBYG_GC_THRESHOLD="") == [[700, 10, 10], 0]


def test_production_compiles_each_template_once_per_process():
    code = ("import json, django; django.setup(); from django.template import engines; "
            "print(json.dumps([name for name, _inner in engines['django'].engine.loaders]))")
    assert _run(code) == ["django.template.loaders.cached.Loader"]
