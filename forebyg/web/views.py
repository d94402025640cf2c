# SPDX-License-Identifier: MPL-2.0
"""Helpers every app's views share: permission checks and turning service errors into form errors."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction


def require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def run_service(form, call: Callable[[], object]) -> bool:
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
            for error in exc.messages:
                form.add_error(None, error)
        return False
    return True
