# SPDX-License-Identifier: MPL-2.0
"""Reaching a form's field with its own type (issue #14).

`form.fields` is typed as a dict of plain `Field`s, so setting a choice field's `choices` or a
model choice field's `queryset` in `__init__` does not type-check. `form_field` returns the field
as the kind the form declares it, and fails loudly if the form declares another kind."""

from __future__ import annotations

from typing import TypeVar

from django import forms

F = TypeVar("F", bound=forms.Field)


def form_field(form: forms.BaseForm, name: str, kind: type[F]) -> F:
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field
