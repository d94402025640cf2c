# SPDX-License-Identifier: MPL-2.0
"""Writing letters (issue #18): templates and letterhead (the administrator), drafts, queueing and marking
sent (the caseworker). Each is one transaction with its change-log entry. Sending is the outbox worker's
job (forebyg.letters.outbox)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forebyg.audit.services import log_change
from forebyg.cases import models as cm
from forebyg.cases.services.records import actor_municipality
from forebyg.core import clock
from forebyg.core.models import Municipality
from forebyg.domain import letters as dl
from forebyg.domain.calendar import local_date
from forebyg.domain.cpr import CprError
from forebyg.domain.cpr import normalise as cpr_normalise

from . import render
from .defaults import DEFAULTS
from .models import Letter, Letterhead, LetterTemplate, Status, Transport

if TYPE_CHECKING:
    from forebyg.accounts.models import User

PROBLEM_MESSAGES = {
    "tag": gettext_lazy("Tags such as %(text)s are not allowed in a letter template. Use only merge fields written {{ field }}."),
    "comment": gettext_lazy("Comments such as %(text)s are not allowed in a letter template."),
    "expression": gettext_lazy("%(text)s is not a merge field. Write a merge field as {{ field }} with one of the fields listed."),
    "unknown_field": gettext_lazy("The merge field {{ %(text)s }} does not exist for this kind of letter."),
    "unclosed": gettext_lazy("%(text)s is not closed. Write a merge field as {{ field }}."),
}

FEEDBACK_TEXT = {
    "investigation_started": "Vi er begyndt på en børnefaglig undersøgelse af barnets forhold.",
    "measure_started": "Vi har sat hjælp i gang til barnet.",
    "nothing_started": "Vi har ikke startet en undersøgelse eller sat hjælp i gang.",
}


def _problems(text: str, kind: str) -> list[str]:
    return [str(PROBLEM_MESSAGES[p.code] % {"text": p.text}) for p in dl.check_template(text, dl.KINDS[kind].allowed)]


# --- templates and letterhead --------------------------------------------------------------------

def template_current(*, municipality_id: int, kind: str) -> LetterTemplate:
    """The newest version of the municipality's template for `kind`; the default text (unsaved,
    version 0) when the administrator has not saved one."""
    found = LetterTemplate.objects.filter(municipality_id=municipality_id, kind=kind).order_by("-version").first()
    if found is not None:
        return found
    title, body = DEFAULTS[kind]
    return LetterTemplate(municipality_id=municipality_id, kind=kind, version=0, title=title, body=body)


@transaction.atomic
def template_save(*, actor: User, kind: str, title: str, body: str) -> LetterTemplate:
    """A new version of a template. Refused, with the problems in plain words, when it uses anything but
    the kind's merge fields."""
    if kind not in dl.KINDS:
        raise ValidationError({"kind": _("Unknown kind of letter.")})
    errors = {}
    if not title.strip():
        errors["title"] = [_("Give the letter a title.")]
    if not body.strip():
        errors["body"] = [_("The letter needs a text.")]
    for name, text in (("title", title), ("body", body)):
        if problems := _problems(text, kind):
            errors.setdefault(name, []).extend(problems)
    if errors:
        raise ValidationError(errors)
    municipality_id = actor_municipality(actor)
    current = template_current(municipality_id=municipality_id, kind=kind)
    template = LetterTemplate.objects.create(municipality_id=municipality_id, created_by=actor, kind=kind,
                                             version=current.version + 1, title=title.strip(), body=body.strip())
    log_change(actor=actor, action="letters.template.saved", obj=template, payload={"kind": kind,
                                                                                     "version": template.version})
    return template


def letterhead_for(municipality_id: int) -> render.Head:
    municipality = Municipality.objects.get(pk=municipality_id)
    head = Letterhead.objects.filter(municipality_id=municipality_id).first()
    if head is None:
        return render.Head(municipality=f"{municipality.name} Kommune", sender="Børn og Familie",
                           address="Rådhuset")
    return render.Head(municipality=f"{municipality.name} Kommune", sender=head.sender, address=head.address,
                       phone=head.phone, email=head.email, website=head.website)


@transaction.atomic
def letterhead_save(*, actor: User, sender: str, address: str, phone: str = "", email: str = "", website: str = "",
                    authority_id: str = "") -> Letterhead:
    if authority_id and not (authority_id.isdigit() and len(authority_id) == 8):
        raise ValidationError({"authority_id": _("A CVR number has 8 digits.")})
    municipality_id = actor_municipality(actor)
    head = Letterhead.objects.filter(municipality_id=municipality_id).first() or Letterhead(
        municipality_id=municipality_id, created_by=actor)
    for name, value in {"sender": sender, "address": address, "phone": phone, "email": email, "website": website,
                        "authority_id": authority_id}.items():
        setattr(head, name, value.strip())
    head._history_user = actor
    head.full_clean(exclude=["created_by"])
    head.save()
    log_change(actor=actor, action="letters.letterhead.saved", obj=head, payload={"sender": head.sender})
    return head


# --- drafts --------------------------------------------------------------------------------------

def _person_name(user: User | None) -> str:
    if user is None:
        return ""
    return getattr(user, "full_name", "") or user.get_full_name() or user.get_username()


def _values(letter: Letter) -> dict[str, str]:
    """The merge values of a letter: what the case knows, and what the caseworker typed."""
    municipality = Municipality.objects.get(pk=letter.municipality_id)
    head = letterhead_for(letter.municipality_id)
    n, child, measure = letter.notification, letter.child, letter.measure
    values = {
        "today": render.danish_date(clock.today()),
        "municipality": f"{municipality.name} Kommune",
        "sender": f"{head.municipality}, {head.sender}",
        "caseworker": _person_name(letter.created_by),
        "child_name": child.name if child else "",
        "recipient_name": letter.recipient_name,
    }
    if n is not None:
        values["notifier_name"] = n.notifier_name or letter.recipient_name
        values["received_date"] = render.danish_date(local_date(n.received_at))
    if measure is not None:
        from forebyg.domain.staircase import KINDS_BY_CODE

        mk = KINDS_BY_CODE.get(measure.kind)
        values["measure_name"] = (measure.offer.name if measure.offer else "") or (mk.name_da.lower() if mk else measure.kind)
        values["decided_date"] = render.danish_date(local_date(measure.decided_at))
        values["legal_basis"] = measure.legal_basis
    inputs = dict(letter.inputs or {})
    if letter.kind == "feedback":
        values["feedback"] = FEEDBACK_TEXT.get(inputs.get("feedback_content", ""), "")
        measure_name = (inputs.get("measure_name") or "").strip()
        values["measure_name"] = f"Hjælpen er: {measure_name}." if measure_name else ""
        inputs.pop("measure_name", None)
    for name in dl.KINDS[letter.kind].inputs:
        if name in inputs:
            value = inputs[name]
            values[name] = render.danish_date(date.fromisoformat(str(value)[:10])) if name in (
                "meeting_date", "started_date", "answer_by") and value else (value or "")
    return values


def _rerender(letter: Letter) -> None:
    template = template_current(municipality_id=letter.municipality_id, kind=letter.kind)
    letter.title, letter.body = render.merge(kind=letter.kind, title=template.title, body=template.body,
                                             values=_values(letter))
    letter.template = template if template.version else None  # version 0: the default text, not stored


def prefill(*, kind: str, notification: cm.Notification | None = None, child: cm.Child | None = None,
            measure: cm.Measure | None = None) -> dict[str, Any]:
    """The recipient as far as the case knows it: the notifier for letters to a professional, the custody
    holders for letters to the parents, the child for the invitation to a conversation."""
    if dl.KINDS[kind].to_professional and notification is not None:
        return {"recipient_name": notification.notifier_name or "", "transport": Transport.EMAIL
                if notification.channel == "email" else Transport.DIGITAL_POST}
    if kind == "child_conversation" and child is not None:
        return {"recipient_name": child.name, "recipient_cpr": child.cpr or None,
                **_address(child.address, child.address_protected)}
    if child is not None and child.custody_holders:
        holders = child.custody_holders
        first = holders[0] if isinstance(holders[0], dict) else {"name": str(holders[0])}
        known = {a.get("name"): a for a in child.holder_addresses or []}.get(first.get("name")) or {}
        return {"recipient_name": first.get("name", ""), "recipient_cpr": first.get("cpr") or None,
                **_address(known.get("address"), bool(known.get("protected")))}
    return {"recipient_name": ""}


def _address(address: str | None, protected: bool) -> dict:
    """The recipient's address from the CPR register (issue #19). A protected address is not copied onto
    the letter (where colleagues without the right to see it could read it): the letter goes by Digital
    Post to the person's CPR number and is marked protected, so the address is printed nowhere."""
    if protected:
        return {"recipient_protected": True}
    return {"recipient_address": address} if address else {}


@transaction.atomic
def letter_draft(*, actor: User, kind: str, notification: cm.Notification | None = None,
                 decision: cm.Decision | None = None, measure: cm.Measure | None = None,
                 child: cm.Child | None = None, inputs: dict | None = None) -> Letter:
    """A draft of a letter, written from the municipality's current template and prefilled with what the
    case knows. Nothing is sent until the caseworker sends it."""
    if kind not in dl.KINDS:
        raise ValidationError({"kind": _("Unknown kind of letter.")})
    if dl.KINDS[kind].to_professional and notification is None:
        raise ValidationError({"kind": _("A letter to a notifier needs the notification it answers.")})
    if child is None:
        child = (decision.child if decision else None) or (measure.child if measure else None) or (
            notification.children.order_by("name").first() if notification else None)
    letter = Letter(municipality_id=actor_municipality(actor), created_by=actor, kind=kind, notification=notification,
                    decision=decision, measure=measure, child=child, inputs=inputs or {},
                    **prefill(kind=kind, notification=notification, child=child, measure=measure))
    _rerender(letter)
    letter._history_user = actor
    letter.save()
    log_change(actor=actor, action="letters.letter.drafted", obj=letter, child_id=child.pk if child else None,
               payload={"kind": kind})
    return letter


def _check_draft(letter: Letter) -> None:
    if letter.status != Status.DRAFT:
        raise ValidationError(_("The letter has been sent or cancelled and can no longer be changed."))


@transaction.atomic
def letter_update(*, actor: User, letter: Letter, recipient_name: str, transport: str, recipient_cpr: str | None = None,
                  recipient_cvr: str = "", recipient_email: str = "", recipient_address: str = "",
                  recipient_protected: bool = False, inputs: dict | None = None) -> Letter:
    letter = Letter.objects.select_for_update(of=("self",)).get(pk=letter.pk)
    _check_draft(letter)
    letter.recipient_name = recipient_name.strip()
    letter.recipient_cpr = (recipient_cpr or "").replace("-", "").strip() or None
    letter.recipient_cvr = (recipient_cvr or "").strip()
    letter.recipient_email = (recipient_email or "").strip()
    letter.recipient_address = (recipient_address or "").strip()
    letter.recipient_protected = bool(recipient_protected)
    letter.transport = transport
    letter.inputs = {**letter.inputs, **{k: v for k, v in (inputs or {}).items() if v is not None}}
    _check_recipient(letter, sending=False)
    _rerender(letter)
    letter._history_user = actor
    letter.save()
    log_change(actor=actor, action="letters.letter.changed", obj=letter, child_id=letter.child_id,
               payload={"transport": transport})
    return letter


def _check_recipient(letter: Letter, *, sending: bool) -> None:
    errors: dict[str, list[str]] = {}
    if letter.recipient_cpr:
        try:
            letter.recipient_cpr = cpr_normalise(letter.recipient_cpr)
        except CprError:
            errors["recipient_cpr"] = [_("A CPR number has 10 digits, written DDMMYY-XXXX.")]
    if letter.recipient_cvr and not (letter.recipient_cvr.isdigit() and len(letter.recipient_cvr) == 8):
        errors["recipient_cvr"] = [_("A CVR number has 8 digits.")]
    if sending:
        if not letter.recipient_name:
            errors.setdefault("recipient_name", []).append(_("Write who the letter is to."))
        if letter.transport == Transport.DIGITAL_POST and not (letter.recipient_cpr or letter.recipient_cvr):
            errors.setdefault("recipient_cpr", []).append(
                _("Digital Post needs the recipient's CPR number, or the CVR number of a workplace."))
        if letter.transport == Transport.EMAIL and not letter.recipient_email:
            errors.setdefault("recipient_email", []).append(_("Write the recipient's e-mail address."))
        if letter.kind == "feedback" and letter.inputs.get("feedback_content") not in FEEDBACK_TEXT:
            errors.setdefault("feedback_content", []).append(_("Say what the notifier is told."))
        missing = [n for n in dl.KINDS[letter.kind].inputs if n != "measure_name" and not letter.inputs.get(n)]
        for name in missing:
            errors.setdefault(name, []).append(_("Fill this in before the letter is sent."))
    if errors:
        raise ValidationError(errors)


# --- sending -------------------------------------------------------------------------------------

def _keep_pdf(letter: Letter, actor: User) -> None:
    pdf = render.letter_pdf(letter, letterhead_for(letter.municipality_id))
    letter.pdf = pdf
    letter.pdf_sha256 = render.sha256(pdf)
    from . import documents

    letter.document_id = documents.keep(letter=letter, actor=actor, pdf=pdf) or letter.document_id


@transaction.atomic
def letter_queue(*, actor: User, letter: Letter) -> Letter:
    """Put the letter in the outbox (Digital Post, e-mail): rendered to PDF/A-2b and kept, then sent by the
    outbox worker. A letter to print is marked sent by hand instead (`letter_mark_sent`)."""
    letter = Letter.objects.select_for_update(of=("self",)).get(pk=letter.pk)
    _check_draft(letter)
    if letter.transport == Transport.PRINT:
        raise ValidationError(_("A printed letter is not sent by Forebyg: print it, then mark it as sent."))
    _check_recipient(letter, sending=True)
    _keep_pdf(letter, actor)
    letter.status = Status.QUEUED
    letter.queued_at = clock.now()
    letter.next_attempt_at = letter.queued_at
    letter.sent_by = actor
    letter._history_user = actor
    letter.save()
    log_change(actor=actor, action="letters.letter.queued", obj=letter, child_id=letter.child_id,
               payload={"transport": letter.transport, "message_uuid": str(letter.message_uuid)})
    return letter


@transaction.atomic
def letter_print(*, actor: User, letter: Letter) -> Letter:
    """Fix the text of a letter to print: rendered to PDF/A-2b and kept; still to be marked sent."""
    letter = Letter.objects.select_for_update(of=("self",)).get(pk=letter.pk)
    _check_draft(letter)
    _check_recipient(letter, sending=True)
    if not letter.pdf:
        _keep_pdf(letter, actor)
        letter._history_user = actor
        letter.save()
    return letter


@transaction.atomic
def letter_mark_sent(*, actor: User, letter: Letter, sent_at: datetime) -> Letter:
    """A printed letter was handed over or posted (the caseworker says when)."""
    letter = Letter.objects.select_for_update(of=("self",)).get(pk=letter.pk)
    if letter.transport != Transport.PRINT or letter.status != Status.DRAFT:
        raise ValidationError(_("Only a printed letter that is not yet sent can be marked as sent."))
    if sent_at > clock.now():
        raise ValidationError({"sent_at": _("The time sent cannot be in the future.")})
    _check_recipient(letter, sending=True)
    if not letter.pdf:
        _keep_pdf(letter, actor)
    letter.sent_by = actor
    letter.channel = "print"
    record_sent(letter, actor=actor, at=sent_at, delivered=False)
    return letter


def record_sent(letter: Letter, *, actor: User | None, at: datetime, delivered: bool) -> None:
    """Mark the letter sent (and delivered) and record what it does for the case, in the caller's
    transaction: a receipt letter is the acknowledgement, a feedback letter the feedback to the notifier,
    through the case's own services, so every page, key figure and the deadline engine agree."""
    from forebyg.cases.services import practice

    letter.status = Status.DELIVERED if delivered else Status.SENT
    letter.sent_at = at
    letter.delivered_at = at if delivered else None
    letter.next_attempt_at = None
    letter.last_error = ""
    letter._history_user = actor
    letter.save()
    log_change(actor=actor, action="letters.letter.delivered" if delivered else "letters.letter.sent", obj=letter,
               child_id=letter.child_id, payload={"channel": letter.channel})
    n = letter.notification
    if letter.kind == "receipt" and n is not None and not n.acknowledgements.exists():
        practice.acknowledgement_record(actor=actor, notification=n, sent_at=max(at, n.received_at))
    if letter.kind == "feedback" and n is not None:
        content = letter.inputs.get("feedback_content")
        if not n.feedback.filter(content=content).exists():
            practice.notifier_feedback_record(actor=actor, notification=n, given_at=at, content=content)


@transaction.atomic
def letter_cancel(*, actor: User, letter: Letter) -> Letter:
    letter = Letter.objects.select_for_update(of=("self",)).get(pk=letter.pk)
    if letter.status not in (Status.DRAFT, Status.QUEUED, Status.FAILED):
        raise ValidationError(_("A letter that is being sent or has been sent cannot be cancelled."))
    letter.status = Status.CANCELLED
    letter.next_attempt_at = None
    letter._history_user = actor
    letter.save()
    log_change(actor=actor, action="letters.letter.cancelled", obj=letter, child_id=letter.child_id)
    return letter


@transaction.atomic
def letter_retry(*, actor: User, letter: Letter) -> Letter:
    """Send a failed letter again (after the caseworker corrected what was wrong): back to the draft."""
    letter = Letter.objects.select_for_update(of=("self",)).get(pk=letter.pk)
    if letter.status != Status.FAILED:
        raise ValidationError(_("Only a letter that could not be sent can be tried again."))
    letter.status = Status.DRAFT
    letter.attempts = 0
    letter._history_user = actor
    letter.save()
    log_change(actor=actor, action="letters.letter.changed", obj=letter, child_id=letter.child_id,
               payload={"retry": True})
    return letter


def letters_remove_for_child(child_id: str) -> dict[str, int]:
    """Retention (forebyg.security.retention): every letter about the child and its version history."""
    ids = list(Letter._base_manager.filter(child_id=child_id).values_list("pk", flat=True))
    deleted, _ = Letter._base_manager.filter(pk__in=ids).delete()
    Letter.history.filter(id__in=ids).delete()
    return {"Letter": deleted}
