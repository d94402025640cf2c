# SPDX-License-Identifier: MPL-2.0
"""The form for a municipality's local practice standards: one standard per form, each field
explained in plain words; the domain core's rule (`Rule`, kind "event_pair") is built from it.

What starts and what stops the clock are chosen from the records about a child and their times
(`CHILD_RECORD_TYPES`), an optional condition from the record's fixed choices (e.g. only inclusive
network meetings), and how the two records belong together (the same child, notification, case
or measure). Bad input gives a Danish message and changes nothing."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from django import forms
from django.db.models import ForeignObjectRel
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.translation import gettext_lazy as _

from forebyg.cases.models import TYPE_MODELS
from forebyg.domain.deadlines import Duration, EventSpec, Rule, validate_local_standard
from forebyg.domain.deadlines.local import CHILD_RECORD_TYPES, EVENT_PAIR
from forebyg.domain.deadlines.model import LOCAL_STANDARD_DA
from forebyg.domain.interchange import schema as sx
from forebyg.web.forms import form_field

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The records a standard can use, as a caseworker names them.
TYPE_LABELS = {
    "child": _("Child"), "case": _("Case"), "counselling": _("Early counselling"),
    "notification": _("Notification"), "acute_assessment": _("Acute assessment"),
    "acknowledgement": _("Acknowledgement of receipt"), "decision": _("Decision on a notification"),
    "notifier_feedback": _("Feedback to the notifier"), "investigation": _("Investigation"),
    "child_conversation": _("Child conversation"), "network_meeting": _("Network meeting"),
    "network_person": _("Network person"), "measure": _("Measure"), "plan": _("Plan"), "goal": _("Goal"),
    "followup": _("Follow-up"), "goal_scale": _("Goal scale"), "scaling_round": _("Scaling round"),
    "instrument_answer": _("Questionnaire answer"), "journal_note": _("Journal note"),
    "document": _("Document of the case"), "document_version": _("Version of a document"),
}
UNIT_LABELS = [("calendar_days", _("calendar days")), ("working_days", _("working days")),
               ("calendar_months", _("calendar months")), ("clock_hours", _("hours"))]
LAW_LABELS = [("", _("Both law periods")), ("SEL", _("Serviceloven (before 2024)")),
              ("BL", _("Barnets Lov (from 2024)"))]
# How a start and a stop record belong together: the key field on each side, by record type.
LINKS = {
    "child": (_("The same child"), {"child": "id", "notification": "children"}, "child"),
    "notification": (_("The same notification"), {"notification": "id"}, "notification"),
    "case": (_("The same case"), {"case": "id"}, "case"),
    "measure": (_("The same measure"), {"measure": "id"}, "measure"),
}
_TIMES = (sx.DATETIME, sx.OPT_DATETIME, sx.DATE, sx.OPT_DATE)
_CODE = re.compile(r"^[a-z0-9_]{2,40}$")


def _fields(rtype: str) -> dict:
    req, opt = sx.RECORDS[rtype]
    return {**req, **opt}


def _verbose(rtype: str, name: str) -> str:
    try:
        field = TYPE_MODELS[rtype]._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field the model names differently: show the format's name
        return name
    return name if isinstance(field, ForeignObjectRel) else str(field.verbose_name)


def event_choices() -> list[tuple[str, str]]:
    """"type:field" for every time on a record about a child, e.g. "Underretning: modtaget"."""
    return [(f"{t}:{f}", f"{TYPE_LABELS[t]}: {_verbose(t, f)}")
            for t in CHILD_RECORD_TYPES if t in TYPE_LABELS for f, spec in _fields(t).items() if spec in _TIMES]


def condition_choices() -> list[tuple[str, StrOrPromise]]:
    """"type:field=value" for the fixed choices and yes/no fields of the records."""
    out: list[tuple[str, StrOrPromise]] = [("", _("No condition"))]
    for t in CHILD_RECORD_TYPES:
        model = TYPE_MODELS.get(t)
        if t not in TYPE_LABELS or model is None:  # a new record type without a Danish name: not offered
            continue
        for f, spec in _fields(t).items():
            try:
                field = model._meta.get_field(f)
            except Exception:  # noqa: BLE001
                continue
            if isinstance(field, ForeignObjectRel):  # a reverse relation: no value of its own
                continue
            if field.choices and "enum" in spec:
                out += [(f"{t}:{f}={v}", f"{TYPE_LABELS[t]}: {label}") for v, label in field.choices]
            elif spec == {"type": "boolean"}:
                out += [(f"{t}:{f}=true", f"{TYPE_LABELS[t]}: {field.verbose_name}"),
                        (f"{t}:{f}=false", f"{TYPE_LABELS[t]}: {_('not')} {field.verbose_name}")]
    return out


def _key(link: str, rtype: str) -> str | None:
    """The field of `rtype` that ties it to the other record by `link` (None: it cannot)."""
    _label, own, field = LINKS[link]
    if rtype in own:
        return own[rtype]
    return field if field in _fields(rtype) else None


class LocalStandardForm(forms.Form):
    title = forms.CharField(
        label=_("Name"), max_length=200,
        help_text=_("What the deadline pages call the standard, e.g. 'Opfølgende netværksmøde inden 8 uger'."))
    code = forms.CharField(
        label=_("Short code"), max_length=40,
        help_text=_("Identifies the standard in reports and exports: small letters, digits and _, "
                    "e.g. netvaerksmoede_opfoelgning. Keep it when you edit the standard."))
    starts = forms.ChoiceField(label=_("The deadline starts when"), choices=(),
                               help_text=_("The record and the time that start the clock."))
    starts_if = forms.ChoiceField(label=_("Only when"), choices=(), required=False,
                                  help_text=_("Optional: only records of the start type with this value."))
    stops = forms.ChoiceField(label=_("The deadline is met when"), choices=(),
                              help_text=_("The first such record after the start meets the deadline."))
    stops_if = forms.ChoiceField(label=_("Only when"), choices=(), required=False,
                                 help_text=_("Optional: only records of the meeting type with this value."))
    link = forms.ChoiceField(label=_("The two belong together by"),
                             choices=[(k, v[0]) for k, v in LINKS.items()],
                             help_text=_("Which records meet the deadline: those about the same child, "
                                         "notification, case or measure as the one that started it."))
    amount = forms.IntegerField(label=_("Deadline"), min_value=1, max_value=3650)
    unit = forms.ChoiceField(label=_("Counted in"), choices=UNIT_LABELS,
                             help_text=_("Working days skip weekends, public holidays and the municipality's "
                                         "closing days above."))
    soon_amount = forms.IntegerField(label=_("'Due soon' from"), min_value=0, max_value=3650, required=False,
                                     help_text=_("Optional: how long before the deadline the pages say 'due soon'."))
    soon_unit = forms.ChoiceField(label=_("Counted in"), choices=UNIT_LABELS, required=False)
    law = forms.ChoiceField(label=_("Law period"), choices=LAW_LABELS, required=False,
                            help_text=_("Which start dates the standard applies to."))
    basis = forms.CharField(label=_("Basis"), max_length=500, required=False,
                            help_text=_("Where the standard comes from, as the deadline pages show it, e.g. the "
                                        "municipality's quality standard for children and families, 2025."))

    def __init__(self, *args, existing: dict[str, Rule] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        events = event_choices()
        conditions = condition_choices()
        form_field(self, "starts", forms.ChoiceField).choices = [("", "—"), *events]
        form_field(self, "stops", forms.ChoiceField).choices = [("", "—"), *events]
        form_field(self, "starts_if", forms.ChoiceField).choices = conditions
        form_field(self, "stops_if", forms.ChoiceField).choices = conditions
        self.existing = existing or {}

    @classmethod
    def initial_for(cls, rule: Rule) -> dict:
        def where(spec: EventSpec) -> str:
            if len(spec.where) != 1 or isinstance(spec.where[0][1], tuple):
                return ""
            name, value = spec.where[0]
            text = str(value).lower() if isinstance(value, bool) else value
            return f"{spec.record_type}:{name}={text}"

        trig, stop = rule.trigger, rule.met_by
        link = next((k for k in LINKS if trig and stop and _key(k, trig.record_type) == trig.key
                     and _key(k, stop.record_type) == stop.key), "child")
        return {
            "title": rule.title_da, "code": rule.id.removeprefix("local."),
            "starts": f"{trig.record_type}:{trig.at}" if trig else "", "starts_if": where(trig) if trig else "",
            "stops": f"{stop.record_type}:{stop.at}" if stop else "", "stops_if": where(stop) if stop else "",
            "link": link, "amount": rule.duration.amount if rule.duration else None,
            "unit": rule.duration.unit if rule.duration else "calendar_days",
            "soon_amount": rule.due_soon.amount if rule.due_soon else None,
            "soon_unit": rule.due_soon.unit if rule.due_soon else "working_days",
            "law": rule.law or "", "basis": rule.hjemmel("da"),
        }

    def clean_code(self):
        code = self.cleaned_data["code"].strip().removeprefix("local.")
        if not _CODE.match(code):
            raise forms.ValidationError(_("Use 2-40 small letters (a-z), digits and _ only."))
        return code

    def _spec(self, event: str, condition: str, link: str, role: str) -> EventSpec | None:
        rtype, at = event.split(":", 1)
        key = _key(link, rtype)
        if key is None:
            self.add_error("link", _("%(record)s records do not belong to a %(link)s.") % {
                "record": TYPE_LABELS[rtype], "link": str(LINKS[link][0]).lower()})
            return None
        where: tuple = ()
        if condition:
            ctype, rest = condition.split(":", 1)
            name, value = rest.split("=", 1)
            if ctype != rtype:
                self.add_error(f"{role}_if", _("The condition must be about the same kind of record (%(record)s).")
                               % {"record": TYPE_LABELS[rtype]})
                return None
            where = ((name, {"true": True, "false": False}.get(value, value)),)
        return EventSpec(rtype, at, key, where)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("soon_amount") is not None and not data.get("soon_unit"):
            self.add_error("soon_unit", _("Choose what the 'due soon' time is counted in."))
            return data
        trigger = self._spec(data["starts"], data.get("starts_if", ""), data["link"], "starts")
        met_by = self._spec(data["stops"], data.get("stops_if", ""), data["link"], "stops")
        if trigger is None or met_by is None:
            return data
        rule_id = f"local.{data['code']}"
        old = self.existing.get(rule_id)
        soon = (Duration(data["soon_amount"], data["soon_unit"]) if data.get("soon_amount") is not None else None)
        basis = data.get("basis") or LOCAL_STANDARD_DA
        fields = dict(
            title_da=data["title"], law=data.get("law") or None, legal_reference_da=basis,
            subject_type=trigger.record_type, starts=f"{trigger.record_type}.{trigger.at}",
            stops=f"{met_by.record_type}.{met_by.at}", duration=Duration(data["amount"], data["unit"]),
            due_soon=soon, trigger=trigger, met_by=met_by)
        if old is not None:
            if (old.trigger, old.met_by) == (trigger, met_by):  # keep its own wording of start and stop
                fields.update(starts=old.starts, stops=old.stops)
            rule = replace(old, **fields)
            if rule != old:
                rule = replace(rule, version=old.version + 1)
        else:
            rule = Rule(id=rule_id, version=1, kind=EVENT_PAIR, title_en=data["title"], source=basis,
                        legal_reference="Local practice standard (not law)", statutory=False, **fields)
        if validate_local_standard(rule):  # the choices above rule this out; never save an unusable rule
            raise forms.ValidationError(_("The standard cannot be used as it stands; check the start and the stop."))
        data["rule"] = rule
        return data


def _deleted(form: forms.BaseForm) -> bool:
    """Whether the formset's form is ticked for deletion (Django's private `_should_delete_form`)."""
    return bool(form.cleaned_data.get(DELETION_FIELD_NAME, False))


class BaseLocalStandardFormSet(forms.BaseFormSet):
    def __init__(self, *args, existing: dict[str, Rule] | None = None, **kwargs):
        self.existing = existing or {}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "existing": self.existing}

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.has_changed() and form not in self.initial_forms:
                continue
            if self.can_delete and _deleted(form):
                continue
            code = form.cleaned_data.get("code")
            if code in seen:
                raise forms.ValidationError(_("Two standards have the short code %(code)s.") % {"code": code})
            seen.add(code)

    def rules(self) -> tuple[Rule, ...]:
        out = []
        for form in self.forms:
            if _deleted(form) or (not form.has_changed() and form not in self.initial_forms):
                continue
            out.append(form.cleaned_data["rule"])
        return tuple(out)


LocalStandardFormSet = forms.formset_factory(LocalStandardForm, formset=BaseLocalStandardFormSet, extra=1,
                                             can_delete=True)
