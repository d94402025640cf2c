# SPDX-License-Identifier: MPL-2.0
"""A data subject's access request (GDPR art. 15): everything Forebyg holds about one child -
every record, every earlier version of it, and who read or changed the child's data - as a readable
document (HTML to print, or PDF) and as JSON.

Before it is handed over, a caseworker reviews it: information about others (the notifier's
identity, siblings named in the same notification, third parties' statements) may be exempt from
access (forvaltningsloven §§ 15-15 b; UNCONFIRMED how each applies: the municipality's legal
team decides). Employees' names in the access log are left out unless asked for (the CJEU's
judgment in C-579/21 gives the data subject the dates and purposes of consultations, not
necessarily the employees' identities)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from forebyg.accounts.models import Role, User
from forebyg.audit.models import AccessLog, LogEntry
from forebyg.audit.registry import describe
from forebyg.core import clock
from forebyg.domain.calendar import CPH

FORMAT = "forebyg-dsar/1"

TYPE_LABELS = {
    "child": _("The child"), "notification": _("Notifications"), "acute_assessment": _("Acute assessments"),
    "acknowledgement": _("Acknowledgements of receipt"), "decision": _("Decisions on notifications"),
    "notifier_feedback": _("Feedback to notifiers"), "case": _("Cases"), "counselling": _("Early counselling"),
    "investigation": _("Investigations"), "child_conversation": _("Child conversations"),
    "network_meeting": _("Network meetings"), "network_person": _("The child's network"),
    "measure": _("Measures"), "plan": _("Plans"), "goal": _("Goals"), "followup": _("Follow-ups"),
    "journal_note": _("Journal notes"),
}
STAFF_FIELDS = {"by", "caseworker", "assigned_to", "author"}
SKIP_FIELDS = {"type", "id", "municipality"}


def _json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(CPH).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    return value


class _Staff:
    def __init__(self, include_names: bool):
        self.include_names = include_names
        self._by_ext: dict[str, User] = {}
        self._by_pk: dict[int, User] = {}

    def _load(self, users):
        for u in users:
            self._by_ext[u.ext_id] = u
            self._by_pk[u.pk] = u

    def label(self, user: User | None) -> str:
        if user is None:
            return ""
        role = str(Role(user.role).label) if user.role in Role.values else user.role
        return f"{user} ({role})" if self.include_names else role

    def by_ext(self, ext_id: str | None) -> str:
        if not ext_id:
            return ""
        if ext_id not in self._by_ext:
            self._load(User.objects.filter(ext_id=ext_id))
        return self.label(self._by_ext.get(ext_id))

    def by_pk(self, pk: int | None) -> str:
        if pk is None:
            return ""
        if pk not in self._by_pk:
            self._load(User.objects.filter(pk=pk))
        return self.label(self._by_pk.get(pk))


def _field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - an interchange field without a model field of that name
        return name.replace("_", " ")


def child_dossier(*, child, include_staff_names: bool = False) -> dict[str, Any]:
    """Everything held about `child` (call inside the child's municipality scope)."""
    from forebyg.cases.models import TYPE_MODELS
    from forebyg.cases.selectors.records import interchange_records

    staff = _Staff(include_staff_names)
    records = list(interchange_records(municipalities=[child.municipality_id], child_ids=[child.pk]))
    by_type: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_type[r["type"]].append(r)
    sections = []
    for rtype, rows in by_type.items():
        model = TYPE_MODELS[rtype]
        items = []
        for r in rows:
            fields = []
            for key, value in r.items():
                if key in SKIP_FIELDS:
                    continue
                shown = staff.by_ext(value) if key in STAFF_FIELDS else value
                fields.append({"field": key, "label": _field_label(model, key), "value": _json(shown)})
            items.append({"id": r["id"], "fields": fields})
        sections.append({"type": rtype, "label": str(TYPE_LABELS.get(rtype, rtype)), "records": items})

    versions = []
    for rtype, rows in by_type.items():
        model = TYPE_MODELS[rtype]
        ids = [r["id"] for r in rows]
        for v in model.history.filter(id__in=ids).order_by("history_date", "history_id"):
            versions.append({
                "type": rtype, "label": str(TYPE_LABELS.get(rtype, rtype)), "id": v.id,
                "saved_at": _json(v.history_date), "by": staff.by_pk(v.history_user_id),
                "change": {"+": str(_("created")), "~": str(_("changed")), "-": str(_("deleted"))}.get(
                    v.history_type, v.history_type),
                "reason": v.history_change_reason or "",
            })

    reads = [{"at": _json(a.at), "by": staff.by_pk(a.user_id), "what": a.view, "basis": a.basis,
              "reason": a.reason} for a in AccessLog.objects.filter(child_id=child.pk).order_by("at", "id")]
    changes = [{"at": _json(e.at), "by": staff.by_pk(e.actor_id), "what": describe(e.action_type)}
               for e in LogEntry.objects.filter(child_id=child.pk).order_by("at", "id")]
    return {
        "format": FORMAT,
        "produced_at": _json(clock.now()),
        "municipality": child.municipality_id,
        "child": {"id": child.pk, "name": child.name, "birth_date": _json(child.birth_date), "cpr": child.cpr},
        "sections": sections,
        "versions": versions,
        "access_log": reads,
        "change_log": changes,
    }


def to_json_records(dossier: dict[str, Any]) -> dict[str, Any]:
    """The machine-readable export: the same content, records as plain field/value objects."""
    out = dict(dossier)
    out["sections"] = [{"type": s["type"], "records": [{"id": r["id"], **{f["field"]: f["value"] for f in r["fields"]}}
                                                      for r in s["records"]]} for s in dossier["sections"]]
    return out
