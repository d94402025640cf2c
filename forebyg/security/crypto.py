# SPDX-License-Identifier: MPL-2.0
"""CPR numbers at rest: encrypted with a key from the environment, searchable through a keyed hash.

* ``FOREBYG_CPR_KEY``: one or more Fernet keys (urlsafe base64 of 32 bytes), comma-separated.
  The first encrypts; all decrypt, so a key can be rotated (`manage.py cpr_rotate_key`).
* ``FOREBYG_CPR_HASH_KEY``: a separate secret for the HMAC-SHA256 search hash. A plain hash of a
  CPR number is no protection (there are only about 10^9 candidates); a keyed hash is, as long as
  the key is not stored with the database.

The model fields keep the plain number in Python (so forms, masking and the interchange export
work unchanged) and only ever write ciphertext and the keyed hash to the database. Looking the
encrypted column up by value would silently find nothing (every ciphertext is different), so the
field refuses every lookup but ``isnull``: search through ``cpr_hash`` with :func:`cpr_hash`.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

TOKEN_PREFIX = "gAAAAA"  # every Fernet token starts with version byte 0x80 + timestamp


def _setting(name: str) -> str:
    value = getattr(settings, name, None)
    if not value:
        raise ImproperlyConfigured(f"{name} is not set: CPR numbers cannot be stored or read without it.")
    return value


@lru_cache(maxsize=8)
def _fernet(keys: str) -> MultiFernet:
    try:
        return MultiFernet([Fernet(k.strip().encode()) for k in keys.split(",") if k.strip()])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured("FOREBYG_CPR_KEY must be Fernet keys (urlsafe base64, 32 bytes), "
                                   "comma-separated; make one with `manage.py cpr_new_key`.") from exc


def fernet() -> MultiFernet:
    return _fernet(_setting("FOREBYG_CPR_KEY"))


def normalise(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured("A CPR number cannot be decrypted with FOREBYG_CPR_KEY: "
                                   "wrong key, or the old key was removed too early during a rotation.") from exc


def rotate(token: str) -> str:
    """Re-encrypt with the first (current) key."""
    return fernet().rotate(token.encode()).decode()


def cpr_hash(value: str | None) -> str | None:
    """The keyed search hash of a CPR number (dash and spaces ignored); None for no number."""
    if not value:
        return None
    key = _setting("FOREBYG_CPR_HASH_KEY").encode()
    return hmac.new(key, normalise(value).encode(), hashlib.sha256).hexdigest()


class EncryptedCprField(models.CharField):
    """A CPR number, encrypted in the database, plain in Python."""

    description = "CPR number, encrypted at rest"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return None
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return None
        return encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            return None  # Django then raises FieldError: unsupported lookup
        return super().get_lookup(lookup_name)

    def formfield(self, **kwargs):
        kwargs.setdefault("max_length", 11)
        return super().formfield(**kwargs)


class CprHashField(models.CharField):
    """The keyed hash of another field's CPR number, computed whenever the row is written
    (also by bulk_create and by the version history), so it cannot go stale."""

    def __init__(self, *args, source: str = "cpr", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key, default in (("max_length", 64), ("editable", False), ("null", True), ("blank", True)):
            if kwargs.get(key, default) == default:
                kwargs.pop(key, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = cpr_hash(getattr(model_instance, self.source, None))
        setattr(model_instance, self.attname, value)
        return value
