# SPDX-License-Identifier: MPL-2.0
"""The rows of "Mit arbejde"'s two lists written in Python (cases/templatetags/work_rows.py, issue #20)
are byte for byte what the template loops they replace wrote: with and without a birth date,
overdue and not, meetings and follow-ups, no rows at all, in Danish and English, with a child's
name and a link that must be escaped."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.template import Context, Engine
from django.utils import translation

from forebyg.cases.templatetags.work_rows import case_rows_html, upcoming_rows_html

# cases/my_work.html's loops before they were written in Python
CASES = Engine.get_default().from_string('{% load i18n %}{% for c in cases %}<tr><td><a href="{{ c.child_link }}">{{ c.child_name }}</a></td><td>{% if c.born_text %}{{ c.born_text }}{% else %}<span class="muted">{% trans "Birth date unknown" %}</span>{% endif %}</td><td>{{ c.opened_text }}</td></tr>\n{% empty %}<tr><td colspan="3">{% trans "None." %}</td></tr>{% endfor %}')
UPCOMING = Engine.get_default().from_string('{% load i18n %}{% for row in upcoming %}<tr{% if row.overdue %} class="overdue"{% endif %}><td>{{ row.date_text }}{% if row.overdue %} <strong>{% trans "Overdue" %}</strong>{% endif %}</td><td><a href="{{ row.child_link }}">{{ row.child_name }}</a></td><td>{% if row.what == "meeting" %}{% trans "Follow-up network meeting" %}{% else %}{% trans "Follow-up" %}{% endif %}</td></tr>\n{% empty %}<tr><td colspan="3">{% trans "None." %}</td></tr>{% endfor %}')


@dataclass
class Case:
    child_link: str
    child_name: str
    born_text: str | None
    opened_text: str


@dataclass
class Planned:
    date: date
    date_text: str
    child_link: str
    child_name: str
    what: str
    overdue: bool


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_rows_are_what_the_template_wrote(language):
    cases = [Case("/boern/a/", "Barn A Syntetisk", "01.02.2015", "05.01.2026"),
             Case("/boern/b&c/", '<b>"Barn" & co</b>', None, "31.12.2025")]
    planned = [Planned(date(2026, 1, 2), "02.01.2026", "/boern/a/", "Barn A Syntetisk", "meeting", True),
               Planned(date(2026, 3, 4), "04.03.2026", "/boern/b&c/", '<b>"Barn" & co</b>', "followup", False),
               Planned(date(2026, 3, 5), "05.03.2026", "/boern/a/", "Barn A Syntetisk", "meeting", False),
               Planned(date(2026, 1, 1), "01.01.2026", "/boern/a/", "Barn A Syntetisk", "followup", True)]
    with translation.override(language):
        assert case_rows_html(cases) == CASES.render(Context({"cases": cases}))
        assert upcoming_rows_html(planned) == UPCOMING.render(Context({"upcoming": planned}))
        assert case_rows_html([]) == CASES.render(Context({"cases": []}))
        assert upcoming_rows_html([]) == UPCOMING.render(Context({"upcoming": []}))
