# SPDX-License-Identifier: MPL-2.0
"""Helpers every app's views share: permission checks and turning service errors into form errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import BaseForm


class _User(Protocol):
    def has_perm(self, perm: str, obj: object = ...) -> bool: ...


def require(user: _User, perm: str, obj: object = None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def run_service(form: BaseForm, call: Callable[[], object]) -> bool:
    """Run a service; a ValidationError becomes form errors, and nothing is written."""
    try:
        with transaction.atomic():
            call()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                target = field if field in form.fields else None
                for error in errors:
                    form.add_error(target, error)
        else:
            for message in exc.messages:
                form.add_error(None, message)
        return False
    return True
