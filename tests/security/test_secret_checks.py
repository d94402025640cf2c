# SPDX-License-Identifier: MPL-2.0
"""`manage.py check --deploy` refuses weak secrets (#13, finding 11): every secret needs at least
32 random bytes, and the message says how to make one."""

import base64
import secrets

import pytest
from cryptography.fernet import Fernet
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

GOOD = {
    "SECRET_KEY": secrets.token_urlsafe(48),
    "FOREBYG_CPR_KEY": Fernet.generate_key().decode(),
    "FOREBYG_CPR_HASH_KEY": secrets.token_urlsafe(48),
}
NAMES = {"SECRET_KEY": "FOREBYG_SECRET_KEY", "FOREBYG_CPR_KEY": "FOREBYG_CPR_KEY",
         "FOREBYG_CPR_HASH_KEY": "FOREBYG_CPR_HASH_KEY"}


@pytest.fixture
def good(settings):
    for name, value in GOOD.items():
        setattr(settings, name, value)
    return settings


def _messages() -> list[str]:
    return [e.msg + " " + (e.hint or "") for e in run_checks(include_deployment_checks=True)
            if e.id.startswith("forebyg.")]


def _about(setting: str) -> list[str]:
    return [m for m in _messages() if NAMES[setting] in m]


def test_good_secrets_pass(good):
    assert not any(n in m for m in _messages() for n in NAMES.values())


@pytest.mark.parametrize(("setting", "value"), [
    ("FOREBYG_CPR_HASH_KEY", "x"),  # what the probe found accepted
    ("FOREBYG_CPR_HASH_KEY", secrets.token_urlsafe(16)),  # 22 characters: 16 bytes
    ("FOREBYG_CPR_HASH_KEY", "a" * 64),  # long, but not random
    ("SECRET_KEY", "x"),
    ("SECRET_KEY", secrets.token_hex(16)),  # 32 characters, 16 bytes
    ("FOREBYG_CPR_KEY", base64.urlsafe_b64encode(bytes(32)).decode()),  # a valid Fernet key of zeros
    ("FOREBYG_CPR_KEY", "x"),
    ("FOREBYG_CPR_KEY", f"{GOOD['FOREBYG_CPR_KEY']},x"),  # an old key in the rotation list counts too
])
def test_weak_secret_is_refused_with_how_to_make_one(good, setting, value):
    setattr(good, setting, value)
    found = _about(setting)
    assert found, f"{setting}={value!r} passes check --deploy"
    text = " ".join(found)
    assert value not in text or len(value) < 3, "the message does not echo the secret"
    if setting == "FOREBYG_CPR_KEY":
        assert "cpr_new_key" in text and "Fernet.generate_key()" in text
    else:
        assert "secrets.token_urlsafe(48)" in text


def test_check_deploy_command_fails_on_a_one_character_hash_key(good):
    good.FOREBYG_CPR_HASH_KEY = "x"
    with pytest.raises(SystemCheckError, match="FOREBYG_CPR_HASH_KEY"):
        call_command("check", "--deploy", "--fail-level", "ERROR")


def test_audit_time_check_cannot_be_off_in_production(good):
    good.FOREBYG_AUDIT_CLOCK_TOLERANCE = None
    assert any("FOREBYG_AUDIT_CLOCK_TOLERANCE" in m for m in _messages())
    good.FOREBYG_AUDIT_CLOCK_TOLERANCE = 300
    assert not any("FOREBYG_AUDIT_CLOCK_TOLERANCE" in m for m in _messages())
