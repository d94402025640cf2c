# SPDX-License-Identifier: MPL-2.0
"""The deadline rows written in Python (templatetags/deadline_rows.py, issue #20) are byte for byte
what the template they replace wrote: every row of a municipality's data, in Danish and English,
with and without the child column, and with a protected-looking title that must be escaped."""

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from forebyg.cases import models as m
from forebyg.cases.services.interchange import interchange_import
from forebyg.deadlines import selectors as dl
from forebyg.deadlines.templatetags.deadline_rows import rows_html

DATA = Path(__file__).resolve().parents[1] / "keyfigures" / "data" / "small.jsonl"
# deadlines/_row.html as it was before the rows were written in Python
REFERENCE = Template('{% load i18n %}{% for r in rows %}<tr>\n  <td class="status-{{ r.ob.status }}">{% if r.ob.ended == "age_18" and r.ob.status == "not_applicable" %}{% trans "Lapsed (turned 18)" %}{% else %}{{ r.status_label }}{% if r.ob.ended == "age_18" %} ({% trans "turned 18" %}){% endif %}{% endif %}{% if r.age_unknown %} <span class="muted" title="{% trans "The obligation ends when the child turns 18. Add the birth date." %}">({% trans "age unknown" %})</span>{% endif %}</td>\n  <td>{% if r.record_url %}<a href="{{ r.record_url }}">{{ r.title }}</a>{% else %}{{ r.title }}{% endif %}{% if r.ob.seq > 1 %} ({{ r.ob.seq }}){% endif %}{% if not r.ob.statutory %} <span class="muted">({% trans "local standard" %})</span>{% endif %}</td>\n  <td>{% if r.ob.due %}{% if r.ob.due_all_day %}{{ r.ob.due_date|date:"d.m.Y" }}{% else %}{{ r.ob.due_local|date:"d.m.Y H:i" }}{% endif %}{% else %}—{% endif %}</td>\n  <td>{% if r.ob.met_at %}{{ r.ob.met_local|date:"d.m.Y H:i" }}{% else %}—{% endif %}</td>\n  {% if not hide_child %}<td>{% if r.child %}<a href="{% url \'child\' r.child.pk %}">{{ r.child.name }}</a>{% elif r.ob.subject_type == "notification" %}<a href="{% url \'notification\' r.ob.subject_id %}">{% trans "Notification" %}</a>{% endif %}</td>{% endif %}\n  <td>{{ r.source }}{% if r.unconfirmed %} <small class="unconfirmed" title="{% trans "Not checked against the statute text: the legal reference or the deadline rests on secondary sources or a local default. See the rules documentation." %}">({% trans "not confirmed" %})</small>{% endif %}</td>\n  <td>{% if r.action %}<a class="button" href="{{ r.action.1 }}">{{ r.action.0 }}<span class="sr-only"> – {{ r.title }}</span></a>{% else %}—{% endif %}</td>\n</tr>\n{% endfor %}\n')


@pytest.fixture
def obligations(municipality, scoped):
    """The obligations of every child of a municipality's data, as of 1 June 2025."""
    with open(DATA, encoding="utf-8") as fh:
        interchange_import(lines=fh)
    ids = list(m.Child.objects.values_list("id", flat=True))
    as_of = datetime(2025, 6, 1, 12, tzinfo=ZoneInfo("Europe/Copenhagen"))
    return dl.obligations_for_children(municipality_id=municipality.pk, child_ids=ids, as_of=as_of)


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_row_is_what_the_template_wrote(municipality, users, obligations, language):
    with translation.override(language):
        rows = dl.rows(obligations, municipality_id=municipality.pk, language=language, user=users["caseworker"])
        rows.append(replace(rows[0], title='<b>"Titel" & mere</b>', source="§ 1 <i>", child=None))
        assert len(rows) > 50 and len({r.ob.status for r in rows}) >= 3
        assert any(r.unconfirmed for r in rows) and any(r.action for r in rows) and any(r.ob.met_at for r in rows)
        for hide_child in (False, True):
            expected = REFERENCE.render(Context({"rows": rows, "hide_child": hide_child}))
            assert rows_html(rows, hide_child=hide_child) + "\n" == expected


# deadlines/my_deadlines.html's loop over the child groups before it was written in Python
GROUPS_REFERENCE = Template('{% load i18n deadline_rows %}{% for g in groups %}<tbody class="child-group">\n<tr class="group"><th colspan="6" scope="rowgroup">{% if g.child %}<a href="{% url \'child\' g.child.pk %}">{{ g.child.name }}</a>{% else %}{% trans "Without a child" %}{% endif %}{% if g.overdue %} <span class="clock clock-overdue">{% blocktrans count n=g.overdue %}{{ n }} overdue{% plural %}{{ n }} overdue{% endblocktrans %}</span>{% endif %}</th></tr>\n{% deadline_rows g.rows True %}\n\n</tbody>{% endfor %}')  # noqa: E501


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_child_group_is_what_the_template_wrote(municipality, users, obligations, language):
    from forebyg.deadlines.templatetags.deadline_rows import groups_html

    with translation.override(language):
        rows = dl.rows(obligations, municipality_id=municipality.pk, language=language, user=users["caseworker"])
        rows.append(replace(rows[0], child=None))
        groups = dl.by_child(rows)
        assert len(groups) > 5 and any(g.overdue > 1 for g in groups) and any(g.overdue == 1 for g in groups)
        assert groups_html(groups) == GROUPS_REFERENCE.render(Context({"groups": groups}))
        # the groups built from the obligations before the rows are the groups of the rows
        made = rows[:-1]
        assert [[r.ob for r in g.rows] for g in dl.by_child(made)] == dl.child_groups([r.ob for r in made])


# deadlines/team_deadlines.html's table before its rows were written in Python
TABLE_REFERENCE = Template('{% load i18n %}<thead><tr><th scope="col">{% trans "Deadline" %}</th>{% for s in statuses %}<th scope="col">{% for key, label in labels.items %}{% if key == s %}{{ label }}{% endif %}{% endfor %}</th>{% endfor %}</tr></thead>\n<tbody>\n{% for row in table %}<tr><th scope="row">{{ row.title }}<br><span class="muted">{{ row.source }}{% if row.unconfirmed %} {% include "deadlines/_unconfirmed.html" %}{% endif %}</span></th>\n{% for status, n in row.cells %}<td>{% if n %}<a href="?rule={{ row.rule_id|urlencode }}&amp;status={{ status }}&amp;as_of={{ as_of_param|urlencode }}">{{ n }}</a>{% else %}0{% endif %}</td>{% endfor %}</tr>\n{% empty %}<tr><td colspan="7">{% trans "No deadlines." %}</td></tr>{% endfor %}\n</tbody>')  # noqa: E501
TABLE = Template('{% load i18n deadline_rows %}<thead><tr><th scope="col">{% trans "Deadline" %}</th>{% for label in headings %}<th scope="col">{{ label }}</th>{% endfor %}</tr></thead>\n<tbody>\n{% rule_table table as_of_param %}\n</tbody>')  # noqa: E501


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_team_overviews_table_is_what_the_template_wrote(municipality, users, obligations, language):
    from forebyg.domain.deadlines import count_by

    config = dl.settings_for(municipality.pk).config
    with translation.override(language):
        table = dl.rule_table(count_by(obligations, "rule_id", "status"), config=config, language=language)
        assert len(table) > 5 and any(r["unconfirmed"] for r in table) and any(n == 0 for r in table for _s, n in r["cells"])
        table[0] = {**table[0], "title": '<b>"Titel" & mere</b>', "rule_id": "a b&c"}
        headings = [dl.STATUS_LABELS[s] for s in dl.STATUS_ORDER]
        for t, as_of_param in ((table, ""), (table, "2025-06-01T12:00"), ([], "")):
            context = {"table": t, "as_of_param": as_of_param, "statuses": dl.STATUS_ORDER, "labels": dl.STATUS_LABELS,
                       "headings": headings}
            assert TABLE.render(Context(context)) == TABLE_REFERENCE.render(Context(context))
