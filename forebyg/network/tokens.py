# SPDX-License-Identifier: MPL-2.0
"""Personal-link tokens: 32 random bytes (secrets.token_urlsafe), stored only as their SHA-256."""

from __future__ import annotations

import hashlib
import re
import secrets

# secrets.token_urlsafe(32) gives 43 characters of the URL-safe base64 alphabet.
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def well_formed(token: str) -> bool:
    return bool(TOKEN_RE.match(token or ""))
