# SPDX-License-Identifier: MPL-2.0
"""Where the work happens, the letter is prompted (installed from LettersConfig.ready, through the case
core's registries, ADR 0005):

- registering a notification from a professional drafts the receipt;
- recording a decision on a professional's notification drafts the feedback and opens it
  ("Send the feedback to the notifier now?");
- deciding a measure drafts the decision letter to the parents;
- the notification page lists its letters; Mine frister's "Send acknowledgement" and "Send feedback"
  open the letter instead of the bare form (recording without a letter stays possible from there)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forebyg.domain.interchange.schema import feedback_after


def _professional(n) -> bool:
    return bool(n.notifier_professional and n.notifier_kind != "anonymous")


def draft_receipt(*, actor, record) -> str | None:
    from .models import Letter
    from .services import letter_draft

    if not _professional(record) or Letter.objects.filter(notification=record, kind="receipt").exists():
        return None
    letter = letter_draft(actor=actor, kind="receipt", notification=record)
    return reverse("letter", args=[letter.pk])


def draft_feedback(*, actor, record) -> str | None:
    from .models import Letter, Status
    from .services import letter_draft

    n = record.notification
    if not _professional(n) or n.feedback.exists():
        return None
    content = feedback_after(record.outcome)
    existing = Letter.objects.filter(notification=n, kind="feedback", status=Status.DRAFT).first()
    if existing is not None:
        existing.inputs = {**existing.inputs, "feedback_content": content}
        existing.save(update_fields=["inputs"])
        return reverse("letter", args=[existing.pk])
    letter = letter_draft(actor=actor, kind="feedback", notification=n, child=record.child,
                          inputs={"feedback_content": content})
    return reverse("letter", args=[letter.pk])


def draft_decision(*, actor, record) -> str | None:
    from .services import letter_draft

    letter = letter_draft(actor=actor, kind="decision", measure=record, child=record.child)
    return reverse("letter", args=[letter.pk])


def notification_section(request, n) -> str:
    from .models import Letter

    return render_to_string("letters/notification_letters.html", {
        "n": n, "letters": list(Letter.objects.filter(notification=n).order_by("created_at")),
        "may_write": request.user.has_perm("letters.write"),
        "kinds": [("receipt", _("Write receipt")), ("feedback", _("Write feedback"))] if _professional(n) else [],
    }, request=request)


def work_section(request) -> str:
    """On "My work": the letters the user wrote that could not be sent (a task) and the drafts to send."""
    from .models import Letter, Status
    from .outbox import tasks_for

    if not request.user.has_perm("letters.write"):
        return ""
    drafts = list(Letter.objects.filter(status=Status.DRAFT, created_by=request.user).select_related("child")
                  .order_by("created_at")[:50])
    return render_to_string("letters/work_letters.html", {"failed": tasks_for(request.user), "drafts": drafts},
                            request=request)


def install() -> None:
    from forebyg.core import extension as x

    x.register_record_prompt(x.RecordPrompt("notification_registered", "letters.receipt", draft_receipt))
    x.register_record_prompt(x.RecordPrompt("decision_recorded", "letters.feedback", draft_feedback))
    x.register_record_prompt(x.RecordPrompt("measure_decided", "letters.decision", draft_decision))
    x.register_page_section(x.PageSection("notification", "letters", notification_section))
    x.register_page_section(x.PageSection("my_work", "letters", work_section))
    x.register_deadline_action(x.DeadlineActionOverride(
        "acknowledgement", _("Send acknowledgement"), _receipt_url,
        "cases.register_notification"))  # as before: acknowledging is the receiving unit's
    x.register_deadline_action(x.DeadlineActionOverride(
        "notifier_feedback", _("Send feedback"), _feedback_url, "cases.casework"))


def _receipt_url(ob) -> str:
    return reverse("notification_letter", args=[ob.subject_id, "receipt"])


def _feedback_url(ob) -> str:
    return reverse("notification_letter", args=[ob.subject_id, "feedback"])
