# SPDX-License-Identifier: MPL-2.0
"""The letter pages (issue #18): a letter (draft → preview → send; its status), its PDF, writing one for a
notification, and the administrator's templates and letterhead."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from forebyg.cases.views.common import get_child, get_notification, require, run_service
from forebyg.core import clock
from forebyg.domain import letters as dl
from forebyg.domain.interchange.schema import feedback_after

from . import render as letter_render
from . import services
from .forms import LetterForm, LetterheadForm, SentForm, TemplateForm
from .models import Letter, Letterhead, Status, Transport

log = logging.getLogger(__name__)


def _letter(request, pk: str) -> Letter:
    """The letter, if the user may read the record it is about (the read is access-logged there)."""
    letter = Letter.objects.select_related("notification", "child", "measure").filter(pk=pk).first()
    if letter is None:
        raise Http404
    require(request.user, "letters.write")
    if letter.notification_id:
        get_notification(request, letter.notification_id)
    elif letter.child_id:
        get_child(request, letter.child_id, "letters.letter")
    return letter


def _initial(letter: Letter) -> dict:
    initial = {"recipient_name": letter.recipient_name, "transport": letter.transport,
               "recipient_cpr": letter.recipient_cpr or "", "recipient_cvr": letter.recipient_cvr,
               "recipient_email": letter.recipient_email, "recipient_address": letter.recipient_address,
               "recipient_protected": letter.recipient_protected}
    initial.update(letter.inputs or {})
    return initial


@login_required
def letter(request, pk):
    letter = _letter(request, pk)
    form = LetterForm(request.POST or None, letter=letter, initial=_initial(letter))
    if request.method == "POST" and letter.status == Status.DRAFT and form.is_valid():
        action = request.POST.get("do", "save")

        def call():
            updated = services.letter_update(actor=request.user, letter=letter, **form.service_args())
            if action == "send" and updated.transport != Transport.PRINT:
                queued = services.letter_queue(actor=request.user, letter=updated)
                transaction.on_commit(lambda: _send_now(queued.pk))
            elif action == "send":
                services.letter_print(actor=request.user, letter=updated)

        if run_service(form, call):
            if action == "send":
                messages.success(request, _("The letter is in the outbox.") if form.cleaned_data["transport"]
                                 != Transport.PRINT else _("Print the letter, then mark it as sent."))
            else:
                messages.success(request, _("The draft is saved."))
            return redirect("letter", pk=letter.pk)
    letter.refresh_from_db()
    kind = dl.KINDS[letter.kind]
    return render(request, "letters/letter.html", {
        "letter": letter, "form": form, "kind": kind, "kind_label": _(kind.label),
        "preview": letter_render.letter_html(letter, services.letterhead_for(letter.municipality_id)),
        "sent_form": SentForm(initial={"sent_at": clock.now().replace(second=0, microsecond=0)})
        if letter.transport == Transport.PRINT and letter.status == Status.DRAFT else None,
        "back": _back(letter),
    })


def _send_now(pk: str) -> None:
    """Try the outbox at once, so the caseworker sees the letter go; the worker retries what fails."""
    from django_scopes import scope

    from .outbox import send_one

    try:
        letter = Letter.objects.only("municipality_id").get(pk=pk)
        with scope(municipality=letter.municipality_id):
            send_one(pk)
    except Exception:  # the letter stays in the outbox; the job sends it
        log.exception("sending letter %s at once failed; the outbox job will try again", pk)


def _back(letter: Letter) -> str:
    if letter.notification_id:
        return reverse("notification", args=[letter.notification_id])
    if letter.child_id:
        return reverse("child", args=[letter.child_id])
    return reverse("home") if _has_url("home") else "/"


def _has_url(name: str) -> bool:
    try:
        reverse(name)
    except Exception:
        return False
    return True


@login_required
def letter_pdf(request, pk):
    letter = _letter(request, pk)
    pdf = bytes(letter.pdf) if letter.pdf else letter_render.letter_pdf(
        letter, services.letterhead_for(letter.municipality_id))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="brev-{str(letter.message_uuid)[:8]}.pdf"'
    return response


@login_required
def letter_sent(request, pk):
    letter = _letter(request, pk)
    form = SentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if run_service(form, lambda: services.letter_mark_sent(actor=request.user, letter=letter,
                                                               sent_at=form.cleaned_data["sent_at"])):
            messages.success(request, _("The letter is marked as sent."))
        else:
            for error in form.non_field_errors() + form.errors.get("sent_at", []):
                messages.error(request, error)
    return redirect("letter", pk=letter.pk)


@login_required
def letter_cancel(request, pk):
    letter = _letter(request, pk)
    if request.method == "POST":
        form = SentForm()
        if run_service(form, lambda: services.letter_cancel(actor=request.user, letter=letter)):
            messages.success(request, _("The letter is cancelled."))
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("letter", pk=letter.pk)


@login_required
def letter_retry(request, pk):
    letter = _letter(request, pk)
    if request.method == "POST":
        form = SentForm()
        if run_service(form, lambda: services.letter_retry(actor=request.user, letter=letter)):
            messages.success(request, _("Check the recipient and send the letter again."))
    return redirect("letter", pk=letter.pk)


@login_required
def notification_letter(request, pk, kind):
    """Write a letter about a notification (a receipt or the feedback); an open one is reused."""
    require(request.user, "letters.write")
    if kind not in dl.KINDS:
        raise Http404
    n = get_notification(request, pk)
    existing = Letter.objects.filter(notification=n, kind=kind).exclude(status=Status.CANCELLED).first()
    if existing is not None and request.method != "POST":
        return redirect("letter", pk=existing.pk)
    if request.method == "POST":
        created = {}
        form = SentForm()
        if run_service(form, lambda: created.setdefault("letter", services.letter_draft(
                actor=request.user, kind=kind, notification=n, inputs=_feedback_inputs(n) if kind == "feedback"
                else None))):
            return redirect("letter", pk=created["letter"].pk)
        for error in form.non_field_errors():
            messages.error(request, error)
    return render(request, "letters/start.html", {
        "n": n, "kind": kind, "kind_label": _(dl.KINDS[kind].label),
        "record_only": reverse("notification_action", args=[n.pk, {"receipt": "ack"}.get(kind, "feedback")]),
    })


def _feedback_inputs(n) -> dict:
    decision = n.decisions.order_by("-decided_at").first()
    return {"feedback_content": feedback_after(decision.outcome) if decision else ""}


@login_required
def child_letter(request, pk, kind):
    """Write a letter to the family about the child (invitations, hearing, investigation started)."""
    require(request.user, "letters.write")
    if kind not in dl.KINDS or dl.KINDS[kind].to_professional:
        raise Http404
    child = get_child(request, pk, "letters.new")
    if request.method == "POST":
        created = {}
        form = SentForm()
        if run_service(form, lambda: created.setdefault("letter", services.letter_draft(
                actor=request.user, kind=kind, child=child))):
            return redirect("letter", pk=created["letter"].pk)
    return redirect("child", pk=child.pk)


# --- administration ------------------------------------------------------------------------------

@login_required
def templates(request):
    require(request.user, "letters.templates")
    municipality = request.user.municipality_id
    rows = [(kind, _(kind.label), services.template_current(municipality_id=municipality, kind=kind.code))
            for kind in dl.KINDS.values()]
    head = Letterhead.objects.filter(municipality_id=municipality).first()
    return render(request, "letters/templates.html", {"rows": rows, "head": head})


@login_required
def template_edit(request, kind):
    require(request.user, "letters.templates")
    if kind not in dl.KINDS:
        raise Http404
    current = services.template_current(municipality_id=request.user.municipality_id, kind=kind)
    form = TemplateForm(request.POST or None, initial={"title": current.title, "body": current.body})
    if request.method == "POST" and form.is_valid():
        if run_service(form, lambda: services.template_save(actor=request.user, kind=kind, **form.cleaned_data)):
            messages.success(request, _("The template is saved as a new version."))
            return redirect("letter_templates")
    kind_def = dl.KINDS[kind]
    fields = [(name, _(dl.FIELD_HELP[name])) for name in (*dl.COMMON_FIELDS, *kind_def.fields)]
    return render(request, "letters/template_edit.html", {
        "form": form, "kind": kind_def, "kind_label": _(kind_def.label), "current": current, "fields": fields})


@login_required
def letterhead(request):
    require(request.user, "letters.templates")
    head = Letterhead.objects.filter(municipality_id=request.user.municipality_id).first()
    initial = {f: getattr(head, f) for f in LetterheadForm.base_fields} if head else {}
    form = LetterheadForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if run_service(form, lambda: services.letterhead_save(actor=request.user, **form.cleaned_data)):
            messages.success(request, _("The letterhead is saved."))
            return redirect("letter_templates")
    return render(request, "cases/form.html", {"form": form, "title": _("Letterhead"),
                                               "back": ("letter_templates", None)})
