# SPDX-License-Identifier: MPL-2.0
"""`manage.py check --deploy`: every secret holds at least 32 random bytes (#13).

A secret that is short, or long but made of few different characters, can be guessed; with the
CPR hash key an attacker holding a database copy could then recover every CPR number from its
search hash. The check cannot prove randomness; it refuses what is certainly not 32 random bytes:

* text secrets (FOREBYG_SECRET_KEY, FOREBYG_CPR_HASH_KEY): at least 43 characters (32 bytes in
  base64) and at least 16 different characters (a random key of that length has about 30);
* Fernet keys (FOREBYG_CPR_KEY, every key of the comma-separated rotation list): a valid Fernet
  key (urlsafe base64 of exactly 32 bytes) with at least 16 different byte values.

The OIDC client secret is issued by the identity provider, not chosen here, and is not checked.
Messages name the setting and how to make a good value; they never echo the secret.
"""

from __future__ import annotations

import base64
import binascii

from django.conf import settings
from django.core.checks import Error, Tags, register

MIN_CHARS = 43  # 32 bytes, base64-encoded
MIN_DISTINCT = 16
TEXT_HINT = ('Make one with: python3 -c "import secrets; print(secrets.token_urlsafe(48))" '
             "and keep it in the hosting platform's secret store.")
FERNET_HINT = ("Make one with `manage.py cpr_new_key` or: python3 -c \"from cryptography.fernet import Fernet; "
               "print(Fernet.generate_key().decode())\" (to replace a key in use, see cpr_rotate_key).")

# (setting in Django, environment variable the operator sets)
TEXT_SECRETS = [("SECRET_KEY", "FOREBYG_SECRET_KEY"), ("FOREBYG_CPR_HASH_KEY", "FOREBYG_CPR_HASH_KEY")]


def text_secret_is_strong(value: str) -> bool:
    return len(value) >= MIN_CHARS and len(set(value)) >= MIN_DISTINCT


def fernet_key_is_strong(key: str) -> bool:
    try:
        raw = base64.urlsafe_b64decode(key.encode())
    except (binascii.Error, ValueError):
        return False
    return len(raw) == 32 and len(set(raw)) >= MIN_DISTINCT


@register(Tags.security, deploy=True)
def forebyg_secret_strength(app_configs, **kwargs):
    errors = []
    for setting, env in TEXT_SECRETS:
        value = getattr(settings, setting, "") or ""
        if not text_secret_is_strong(value):
            errors.append(Error(
                f"{env} is too weak: it needs at least 32 random bytes ({MIN_CHARS} or more characters, "
                f"at least {MIN_DISTINCT} different ones).", hint=TEXT_HINT, id="forebyg.E010"))
    keys = [k.strip() for k in (getattr(settings, "FOREBYG_CPR_KEY", "") or "").split(",") if k.strip()]
    weak = [n for n, k in enumerate(keys, start=1) if not fernet_key_is_strong(k)]
    if not keys or weak:
        which = f" (key number {', '.join(map(str, weak))} in the list)" if weak and len(keys) > 1 else ""
        errors.append(Error(
            f"FOREBYG_CPR_KEY is too weak or not a Fernet key{which}: each key must be a Fernet key of "
            f"32 random bytes.", hint=FERNET_HINT, id="forebyg.E011"))
    return errors
