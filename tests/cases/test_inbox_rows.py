# SPDX-License-Identifier: MPL-2.0
"""The inbox's rows written in Python (cases/templatetags/inbox_rows.py, issue #20) are byte for byte
what the template loop they replace wrote: open notifications overdue, due soon and assessed, routed or not, with one or two children, in
Danish and English, with a child's name that must be escaped."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.utils import translation

from forebyg.cases.selectors import worklists
from forebyg.cases.services import practice
from forebyg.cases.templatetags.inbox_rows import inbox_rows_html
from forebyg.core import clock
from forebyg.deadlines.clocks import inbox_clocks

pytestmark = pytest.mark.django_db
# cases/inbox.html's loop over the rows before they were written in Python
REFERENCE = Template('{% load i18n %}{% for row in rows %}{% with n=row.notification %}\n<tr data-notification="{{ n.pk }}">\n  <td data-label="{% trans "24-hour clock" %}">{% with c=row.clocks.acute %}{% if c %}<span class="clock {{ c.css }}">{{ c.text }}</span>{% else %}<span class="clock clock-na">{% trans "not relevant" %}</span>{% endif %}{% endwith %}</td>\n  <td data-label="{% trans "Received" %}"><a href="{% url \'notification\' n.pk %}">{{ n.received_at|date:"d.m.Y H:i" }}</a></td>\n  <td data-label="{% trans "Children" %}">{% for c in n.children.all %}<a href="{% url \'child\' c.pk %}">{{ c.name }}</a>{% if not forloop.last %}, {% endif %}{% endfor %}</td>\n  <td data-label="{% trans "Notifier" %}">{{ n.get_notifier_kind_display }}{% if n.notifier_professional %} ({% trans "professional" %}){% else %} ({% trans "not a professional" %}){% endif %}</td>\n  <td data-label="{% trans "Acknowledged" %}">{% with a=row.clocks.receipt_answer %}<span class="clock {{ a.1 }}">{{ a.0 }}</span>{% endwith %}</td>\n  <td data-label="{% trans "Team / caseworker" %}">{{ n.team|default:"—" }}{% if n.assigned_to %} / {{ n.assigned_to }}{% endif %}</td>\n</tr>{% endwith %}\n{% endfor %}')


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_inbox_row_is_what_the_template_wrote(municipality, users, team, scoped, language):
    now = clock.now()
    rec = users["receiving_unit"]
    children = [practice.child_register(actor=rec, name=f"Barn {i} Syntetisk", birth_date=None, cpr=None)
                for i in range(3)]
    for i, hours in enumerate((30, 20, 2, 1)):  # overdue, due soon, open; one assessed; two children on one
        n = practice.notification_register(
            actor=rec, received_at=now - timedelta(hours=hours), channel="phone", notifier_kind="school",
            notifier_professional=i % 2 == 0, concern="Bekymring (syntetisk)", children=children[:1 + i % 2],
            team=team if i else None)
        if i == 1:
            practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
        if i == 3:
            practice.acute_assessment_record(actor=rec, notification=n, assessed_at=now, acute=False, action="ok")
    rows = inbox_clocks(worklists.inbox(), municipality_id=municipality.pk, as_of=now)
    assert len(rows) == 4 and {r.clocks.acute.css for r in rows if r.clocks.acute} >= {"clock-overdue"}
    rows[0].notification.children.all()[0].name = '<b>"Barn" & co</b>'
    with translation.override(language):
        assert inbox_rows_html(rows) == REFERENCE.render(Context({"rows": rows}))
