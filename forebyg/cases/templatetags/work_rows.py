# SPDX-License-Identifier: MPL-2.0
"""The rows of "Mit arbejde"'s two lists (the caseworker's children, the planned dates), in Python
(issue #20): the same HTML, byte for byte, as the template loops they replace
(tests/cases/test_work_rows.py compares the two in Danish and English, with a name that must be
escaped), autoescaped the same way. The view has made each row's link and dates already."""

from __future__ import annotations

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


def _e(value) -> str:
    """What `{{ value }}` prints: localized, autoescaped."""
    return conditional_escape(localize(value))


def _none() -> str:
    return f'<tr><td colspan="3">{_e(gettext("None."))}</td></tr>'


def case_rows_html(cases) -> str:
    if not cases:
        return mark_safe(_none())  # noqa: S308 - escaped
    unknown = f'<span class="muted">{_e(gettext("Birth date unknown"))}</span>'
    return mark_safe("".join(  # noqa: S308 - every value is escaped
        f'<tr><td><a href="{_e(c.child_link)}">{_e(c.child_name)}</a></td>'
        f'<td>{_e(c.born_text) if c.born_text else unknown}</td><td>{_e(c.opened_text)}</td></tr>\n'
        for c in cases))


def upcoming_rows_html(rows) -> str:
    if not rows:
        return mark_safe(_none())  # noqa: S308 - escaped
    overdue = f' <strong>{_e(gettext("Overdue"))}</strong>'
    meeting, followup = _e(gettext("Follow-up network meeting")), _e(gettext("Follow-up"))
    late = ' class="overdue"'
    return mark_safe("".join(  # noqa: S308 - every value is escaped
        f'<tr{late if row.overdue else ""}><td>{_e(row.date_text)}{overdue if row.overdue else ""}'
        f'</td><td><a href="{_e(row.child_link)}">{_e(row.child_name)}</a></td>'
        f'<td>{meeting if row.what == "meeting" else followup}</td></tr>\n'
        for row in rows))


@register.simple_tag
def case_rows(cases):
    return case_rows_html(cases)


@register.simple_tag
def upcoming_rows(rows):
    return upcoming_rows_html(rows)
