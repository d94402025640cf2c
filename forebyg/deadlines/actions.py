# SPDX-License-Identifier: MPL-2.0
"""What to do about a deadline, and where (issue #15): every deadline row leads to the record it is
about and offers the action there — "Send tilbagemelding" opens the feedback form of *that*
notification, not the child page.

One declared table, keyed by the rule's `kind` (the same kinds under Serviceloven and Barnets
Lov). A rule kind without an entry (a local practice standard, say) leads to the record's place on
the child page."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as _reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forebyg.core import extension
from forebyg.domain.deadlines import Obligation

# A list of deadlines makes two or three links per row: `reverse` resolves the pattern each time
# (some 30 µs). The links of one pattern differ only in their arguments, so the pattern is resolved
# once with placeholders and the arguments put in; only for arguments that `reverse` leaves as they
# are (letters, digits, "-", "_", "."; every id here), anything else goes through `reverse`. Keyed
# by the script prefix (which `reverse` puts in front) and the URLconf too.
_PLAIN = re.compile(r"[A-Za-z0-9_.-]+")
_SHAPES: dict[tuple[str, str | None, str, int], tuple[str, ...] | None] = {}


def reverse(name: str, args: list[str]) -> str:
    key = (get_script_prefix(), get_urlconf(), name, len(args))
    shape = _SHAPES.get(key)
    if shape is None and key not in _SHAPES:
        marks = [f"zz{i}argzz" for i in range(len(args))]
        url = _reverse(name, args=marks)
        shape = tuple(re.split("zz[0-9]+argzz", url))
        order = [int(x) for x in re.findall("zz([0-9]+)argzz", url)]
        _SHAPES[key] = shape = shape if order == list(range(len(args))) else None
    if shape is None or not all(isinstance(a, str) and _PLAIN.fullmatch(a) for a in args):
        return _reverse(name, args=args)
    out = [shape[0]]
    for arg, part in zip(args, shape[1:], strict=True):
        out += (arg, part)
    return "".join(out)


@dataclass(frozen=True)
class DeadlineAction:
    label: str | Promise
    url: Callable[[Obligation], str | None]
    perm: str = "cases.casework"  # who may do it; others are offered the record itself


def _notification(action: str) -> Callable[[Obligation], str]:
    return lambda ob: reverse("notification_action", args=[ob.subject_id, action])


def _child(action: str, **query: str) -> Callable[[Obligation], str | None]:
    def url(ob: Obligation) -> str | None:
        if not ob.child_id:
            return None
        base = reverse("child_action", args=[ob.child_id, action])
        params = "&".join(f"{k}={getattr(ob, v)}" for k, v in query.items())
        return f"{base}?{params}" if params else base

    return url


def _child_object(action: str) -> Callable[[Obligation], str | None]:
    return lambda ob: reverse("child_object_action", args=[ob.child_id, action, ob.subject_id]) if ob.child_id else None


ACTIONS: dict[str, DeadlineAction] = {
    "acute_assessment": DeadlineAction(_("Record acute assessment"), _notification("acute"),
                                       "cases.register_notification"),
    "acknowledgement": DeadlineAction(_("Send acknowledgement"), _notification("ack"), "cases.register_notification"),
    "notifier_feedback": DeadlineAction(_("Send feedback"), _notification("feedback")),
    "reassessment": DeadlineAction(_("Record decision"), _notification("decision")),
    "abuse_conversation": DeadlineAction(_("Record child conversation"), _child("conversation")),
    "child_conversation": DeadlineAction(_("Record child conversation"), _child("conversation")),
    "investigation": DeadlineAction(_("Open the investigation"), _child_object("investigation_update")),
    "investigation_without_consent": DeadlineAction(_("Open the investigation"), _child_object("investigation_update")),
    "provisional_assessment": DeadlineAction(_("Record provisional assessment"), _child_object("investigation_update")),
    "plan": DeadlineAction(_("Write plan"), _child("plan")),
    "plan_decision": DeadlineAction(_("Open the measure"), lambda ob: _record_on_child_page(ob)),
    "followup": DeadlineAction(_("Record follow-up"), _child("followup", measure="subject_id")),
}

# Where a record sits on the child page (its id is the element's id there).
ANCHORS = {"notification": "underretning", "measure": "indsats", "investigation": "undersoegelse",
           "case": "sag"}


def _record_on_child_page(ob: Obligation) -> str | None:
    if ob.subject_type == "notification":
        return reverse("notification", args=[ob.subject_id])
    if not ob.child_id:
        return None
    return reverse("child", args=[ob.child_id]) + f"#{ANCHORS.get(ob.subject_type, 'frister')}-{ob.subject_id}"


def action_for(ob: Obligation, kind: str, user=None, *, may: Callable[[str], bool] | None = None
               ) -> tuple[str, str] | None:
    """(label, url) of what to do about an unmet obligation; None when it is met, closed or not
    applicable (nothing to do). A user who may not do it (a manager; a caseworker and the
    receiving unit's acknowledgement) is offered the record instead. `may`: the user's `has_perm`,
    remembered for a whole list (`selectors.rows`)."""
    if ob.met_at is not None or ob.closed or ob.status == "not_applicable":
        return None
    override = extension.DEADLINE_ACTIONS.get(kind)  # e.g. the receipt and the feedback as letters (#18)
    action = (DeadlineAction(override.label, override.url, override.permission) if override is not None
              else ACTIONS.get(kind))
    if action is not None and (user is None or (may or user.has_perm)(action.perm)):
        url = action.url(ob)
        if url:
            return str(action.label), url
    url = _record_on_child_page(ob)
    return (str(pgettext_lazy("verb", "Open")), url) if url else None


def record_url(ob: Obligation) -> str | None:
    """The record the deadline is about: the notification's page, or its place on the child page."""
    return _record_on_child_page(ob)
