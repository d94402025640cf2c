# SPDX-License-Identifier: MPL-2.0
"""Production settings (issue #17): a missing FOREBYG_SECRET_KEY stops the server with one line that
says how to make one - no traceback; links in e-mails use the configured site address."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOREBYG_")}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", "FOREBYG_ALLOWED_HOSTS": "forebyg.example"},
               **extra)
    return env


def test_missing_secret_key_is_one_line_without_traceback():
    for command in ([sys.executable, "manage.py", "check", "--deploy"], [sys.executable, "-m", "forebyg.cli", "user", "list"]):
        r = subprocess.run(command, cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=120)
        assert r.returncode != 0
        assert "Traceback" not in r.stderr and "KeyError" not in r.stderr
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1, r.stderr
        assert "FOREBYG_SECRET_KEY is not set" in lines[0] and "secrets.token_urlsafe(50)" in lines[0]


def test_site_address_defaults_to_the_allowed_host():
    from cryptography.fernet import Fernet

    code = "import django; django.setup(); from django.conf import settings as s; print(s.FOREBYG_SITE_URL)"
    keys = {"FOREBYG_SECRET_KEY": "s" * 50, "FOREBYG_CPR_KEY": Fernet.generate_key().decode(),
            "FOREBYG_CPR_HASH_KEY": "h" * 40}
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(**keys), capture_output=True, text=True,
                       timeout=120)
    assert r.stdout.strip() == "https://forebyg.example", r.stderr
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                       env=_env(**keys, FOREBYG_SITE_URL="https://forebyg.kommune.dk/"))
    assert r.stdout.strip() == "https://forebyg.kommune.dk", r.stderr
