# SPDX-License-Identifier: MPL-2.0
"""The child page: the child's details and one timeline of everything that happened, in order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django.db.models import prefetch_related_objects
from django.utils import dateformat
from django.utils.functional import Promise
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # in Django, not in django-stubs
from django.utils.translation import gettext_lazy as _

from forebyg.core import clock, extension
from forebyg.domain.calendar import CPH
from forebyg.domain.interchange import schema as sx
from forebyg.security.crypto import cpr_hash

from .. import models as m
from .records import interchange_records, records_of
from .related import Relation, read_many_to_many, read_related, read_relations


@dataclass
class Event:
    at: datetime
    kind: str
    title: str | Promise  # a translation, made a text when the page is written
    detail: str | Promise
    obj: Any
    text: str = ""  # what was written (the child's words, agreements, reasons, purpose, notes): read back in full
    iso: str = ""  # `at` as the child page prints it: `{{ at|date:"c" }}` ...
    when: str = ""  # ... and `{{ at|date:"d.m.Y H:i" }}` (`_print_times`)


def _at(value) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(0), tzinfo=CPH)


# Other apps add their events to the timeline (e.g. progression's scaling rounds), see docs/adr/0005,
# and what their part of the child page reads about the child (lookups or Prefetch objects), so
# that it is read once for the whole page: forebyg.core.extension.register_timeline_source and
# register_child_page_prefetch.


def read_child(child: m.Child) -> m.Child:
    """Everything the child page shows about the child, one query per kind of record: the timeline,
    the lists, the deadlines' titles and other apps' sections then use `.all()` on what is read.
    The child's own records are read with SQL compiled once (`related.read_related`); the
    notifications (shared with siblings) and other apps' `Prefetch` objects through Django."""
    notifications = read_many_to_many(child, "notifications", ids_of="children")
    for relation in ("acute_assessments", "acknowledgements", "feedback"):
        read_related(notifications, relation)
    read_related([child], "decisions", shape="+notification", build=lambda qs: qs.select_related("notification"))
    read_related([child], "cases", shape="+caseworker", build=lambda qs: qs.select_related("caseworker"))
    read_related([child], "measures", shape="+offer", build=lambda qs: qs.select_related("offer"))
    read_related(read_related([child], "plans"), "goals")
    for relation in ("counsellings", "investigations", "conversations", "network_meetings", "followups",
                     "network_persons"):
        read_related([child], relation)
    read_related([child], "journal_notes", shape="+author", build=lambda qs: qs.select_related("author"))
    others = [lookup for p in extension.CHILD_PAGE_PREFETCHES.values() for lookup in p.lookups()]
    read_relations([child], [x for x in others if isinstance(x, Relation)])  # compiled once too
    prefetch_related_objects([child], *(x for x in others if not isinstance(x, Relation)))
    return child


def engine_records(child: m.Child, types: tuple[str, ...] | None = None) -> list[dict]:
    """The deadline engine's records about the child from what `read_child` read (the same records
    `interchange_records(child_ids=[child])` reads again; tests/cases/test_child_records.py).
    `types` (`forebyg.domain.deadlines.input_types`) may add record types a municipality's local
    standards read; those the page has not read are read here."""
    notifications = list(child.notifications.all())
    by_notification = [(rtype, [x for n in notifications for x in getattr(n, rel).all()])
                       for rtype, rel in (("acute_assessment", "acute_assessments"),
                                          ("acknowledgement", "acknowledgements"), ("notifier_feedback", "feedback"))]
    groups = [("child", [child]), ("case", child.cases.all()), ("notification", notifications), *by_notification,
              ("decision", child.decisions.all()), ("investigation", child.investigations.all()),
              ("child_conversation", child.conversations.all()), ("network_meeting", child.network_meetings.all()),
              ("measure", child.measures.all()), ("plan", child.plans.all()), ("followup", child.followups.all())]
    order = {t: i for i, t in enumerate(sx.TYPE_ORDER)}
    out: list[dict] = []
    have = {rtype for rtype, _objects in groups}
    extra = [t for t in (types or ()) if t not in have]
    if "counselling" in extra:  # read for the timeline already
        groups.append(("counselling", child.counsellings.all()))
        extra.remove("counselling")
    for rtype, objects in sorted(groups, key=lambda g: order[g[0]]):
        out.extend(records_of(rtype, objects, native_times=True))
    if extra:
        out.extend(interchange_records(municipalities=[child.municipality_id], child_ids=[child.pk], types=extra,
                                       native_times=True))
        out.sort(key=lambda r: order[r["type"]])
    return out


def _written(*parts: tuple[str | Promise, str | None]) -> str:
    """Free text of a record, each part under its label when there is more than one."""
    filled = [(label, text) for label, text in parts if text]
    if len(filled) == 1 and len(parts) == 1:
        return filled[0][1] or ""  # (filled: never empty)
    return "\n\n".join(f"{label}:\n{text}" for label, text in filled)


def child_timeline(child: m.Child) -> list[Event]:
    events: list[Event] = []
    add = events.append
    for n in child.notifications.all():
        add(Event(n.received_at, "notification", _("Notification received"), n.get_notifier_kind_display(), n))
        for aa in n.acute_assessments.all():
            add(Event(aa.assessed_at, "acute", _("Acute assessment"), _("acute need") if aa.acute else _("not acute"),
                      aa))
        for ack in n.acknowledgements.all():
            add(Event(ack.sent_at, "ack", _("Acknowledgement of receipt sent"), "", ack))
        for fb in n.feedback.all():
            add(Event(fb.given_at, "feedback", _("Feedback to the notifier"), fb.get_content_display(), fb))
    for d in child.decisions.all():
        add(Event(d.decided_at, "decision", _("Decision on notification"), d.get_outcome_display(), d, d.note or ""))
    for c in child.counsellings.all():
        add(Event(c.started_at, "counselling", _("Early counselling started"), c.get_referred_by_display(), c))
        if c.ended_at:
            add(Event(c.ended_at, "counselling", _("Early counselling ended"), "", c))
    for case in child.cases.all():
        add(Event(case.opened_at, "case", _("Case opened"), "", case))
        if case.closed_at:
            add(Event(case.closed_at, "case", _("Case closed"), "", case))
    for i in child.investigations.all():
        add(Event(i.started_at, "investigation", _("Investigation started"), "", i))
        if i.completed_at:
            add(Event(i.completed_at, "investigation", _("Investigation completed"), "", i, i.conclusion or ""))
    for cv in child.conversations.all():
        add(Event(cv.held_at, "conversation", _("Child conversation"), cv.purpose[:80], cv, _written(
            (_("Purpose"), cv.purpose), (_("What the child said"), cv.note))))
    for nm in child.network_meetings.all():
        add(Event(nm.held_at, "meeting", nm.get_kind_display(), "", nm, _written((_("Agreements"), nm.agreements))))
    for ms in child.measures.all():
        add(Event(ms.decided_at, "measure", _("Measure decided"), f"{ms.legal_basis} · {_('step')} {ms.step}", ms,
                  _written((_("Purpose"), ms.purpose))))
        if ms.started_at:
            add(Event(ms.started_at, "measure", _("Measure started"), ms.legal_basis, ms))
        if ms.ended_at:
            add(Event(ms.ended_at, "measure", _("Measure ended"), ms.end_reason or "", ms))
    for p in child.plans.all():
        add(Event(p.made_at, "plan", p.get_kind_display(), "", p))
    for fu in child.followups.all():
        add(Event(fu.held_at, "followup", _("Follow-up"), "", fu,
                  _written((_("The child's progression and the next steps"), fu.note))))
    for j in child.journal_notes.all():
        add(Event(j.written_at, "journal", _("Journal note (%(kind)s)") % {"kind": j.get_kind_display().lower()},
                  j.author.full_name or j.author.username, j, j.text))
    for source in extension.TIMELINE_SOURCES.values():
        events.extend(source.events(child))
    events.sort(key=lambda e: (_at(e.at), e.kind))
    return events


def _print_times(events: list[Event]) -> list[Event]:
    """Each event's time as the template's `date` filter prints it (in the current time zone),
    made directly: the filter looks its format up again for each of the timeline's two dates per
    event. Anything but a datetime goes through Django's formatter (a date fails there as in the
    filter: the format has a time)."""
    for e in events:
        at = e.at
        if isinstance(at, datetime):
            t = template_localtime(at)
            e.iso, e.when = t.isoformat(), f"{t.day:02d}.{t.month:02d}.{t.year:04d} {t.hour:02d}:{t.minute:02d}"
        else:
            e.iso, e.when = dateformat.format(at, "c"), dateformat.format(at, "d.m.Y H:i")
    return events


def _newest_first(items, field: str) -> list:
    return sorted(items, key=lambda x: getattr(x, field), reverse=True)


def child_page(child: m.Child) -> dict:
    read_child(child)
    measures = _newest_first(child.measures.all(), "decided_at")
    cases = list(child.cases.all())  # newest first (the model's ordering)
    return {
        "child": child,
        "timeline": _print_times(child_timeline(child)),
        "cases": cases,
        "open_case": next((c for c in cases if c.closed_at is None), None),
        "measures": measures,
        "active_measures": [x for x in measures if not x.ended_at],
        "investigations": _newest_first(child.investigations.all(), "started_at"),
        "plans": _newest_first(child.plans.all(), "made_at"),
        "network_persons": list(child.network_persons.all()),
        "counsellings": _newest_first(child.counsellings.all(), "started_at"),
        "notifications": _newest_first(child.notifications.all(), "received_at"),
        "today": clock.today(),
    }


def child_search(q: str, limit: int = 50):
    q = q.strip()
    if not q:
        return m.Child.objects.none()
    digits = q.replace("-", "")
    if digits.isdigit() and len(digits) == 10:
        return m.Child.objects.filter(cpr_hash=cpr_hash(digits))  # encrypted at rest: keyed-hash lookup
    return m.Child.objects.filter(name__icontains=q).order_by("name")[:limit]
