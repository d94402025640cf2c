# SPDX-License-Identifier: MPL-2.0
"""Asking whether a user holds a permission, cheaply (issue #20).

The project grants permissions only by its own rules (django-rules: forebyg/*/rules.py). Django's
`user.has_perm` asks every authentication backend in turn, and whenever the rules say no,
ModelBackend loads the user's model permissions from the database (two queries per request) though
the project grants none. `holds` gives the same answer from the rules alone."""

from __future__ import annotations

from typing import Protocol

import rules


class _User(Protocol):
    @property
    def is_active(self) -> bool: ...
    @property
    def is_superuser(self) -> bool: ...


def holds(user: _User, perm: str, obj: object = None) -> bool:
    """As `user.has_perm(perm, obj)`: an active superuser holds every permission; otherwise the rules decide."""
    return bool(user.is_active and user.is_superuser) or bool(rules.has_perm(perm, user, obj))
