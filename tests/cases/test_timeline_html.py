# SPDX-License-Identifier: MPL-2.0
"""The child page's timeline written in Python (cases/templatetags/timeline_items.py, issue #20) is
byte for byte what the template loop it replaces wrote: every child of a municipality's data, with a
journal note, a document and written text that must be escaped, in Danish and English."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from forebyg.cases import models as m
from forebyg.cases.selectors.child import Event, _print_times, child_timeline, read_child
from forebyg.cases.services.interchange import interchange_import
from forebyg.cases.services.journal import journal_note_record
from forebyg.cases.templatetags.timeline_items import timeline_html
from forebyg.documents.services import document_add

CPH = ZoneInfo("Europe/Copenhagen")
DATA = Path(__file__).resolve().parents[1] / "keyfigures" / "data" / "small.jsonl"
# cases/child.html's timeline loop as it was before it was written in Python
REFERENCE = Template("""{% load i18n %}{% trans "open" as t_open %}{% trans "Versions" as t_versions %}{% trans "Read what was written" as t_read %}{% for e in timeline reversed %}<li><time datetime="{{ e.iso }}">{{ e.when }}</time> – <strong>{{ e.title }}</strong>{% if e.detail %}: {{ e.detail }}{% endif %}{% if e.kind == "notification" %} (<a href="{% url 'notification' e.obj.pk %}">{{ t_open }}</a>){% endif %}{% if e.kind == "journal" %} (<a href="{% url 'record_history' child.pk 'journal_note' e.obj.pk %}">{{ t_versions }}</a>){% endif %}{% if e.kind == "document" %} (<a href="{% url 'documents' child.pk %}#dokument-{{ e.obj.document_id }}">{{ t_open }}</a>){% endif %}{% if e.text %}
  <details><summary>{{ t_read }}</summary><div class="written">{{ e.text|linebreaks }}</div></details>{% endif %}</li>
{% empty %}<li>{% trans "Nothing recorded yet." %}</li>{% endfor %}
""")  # noqa: E501


def _reference(events, child) -> str:
    return REFERENCE.render(Context({"timeline": events, "child": child}))


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_childs_timeline_is_what_the_template_wrote(municipality, users, scoped, language):
    with open(DATA, encoding="utf-8") as fh:
        interchange_import(lines=fh)
    first = m.Child.objects.order_by("id").first()
    journal_note_record(actor=users["caseworker"], child=first, written_at=datetime(2024, 5, 2, 9, 30, tzinfo=CPH),
                        kind="phone", text='Mor ringede <script>alert("x")</script> & sagde:\n\nalt er "godt".\nSlut.')
    document_add(child=first, actor=users["caseworker"], filename="notat.pdf", content=b"%PDF-1.4 syntetisk",
                 title="Skoleudtalelse <b>& mere</b>")
    with translation.override(language):
        kinds: set[str] = set()
        for child in m.Child.objects.order_by("id"):
            events = _print_times(child_timeline(read_child(child)))
            kinds |= {e.kind for e in events}
            assert timeline_html(events, child.pk) + "\n" == _reference(events, child), child.pk
        assert {"notification", "journal", "document", "decision", "case"} <= kinds
        assert timeline_html([], first.pk) + "\n" == _reference([], first)
        odd = Event(datetime(2024, 1, 2, 3, 4, tzinfo=CPH), "measure", '<i>"titel"</i>', "§ 52 & <stk>", None,
                    "linje 1\nlinje 2 <b>")
        assert timeline_html(_print_times([odd]), first.pk) + "\n" == _reference(_print_times([odd]), first)
