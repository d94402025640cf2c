# SPDX-License-Identifier: MPL-2.0
"""The outbox worker (issue #18): sends the queued letters, once.

For each letter due: (1) in its own transaction, mark it "being sent" and count the attempt — committed
before the transport is called; (2) call the transport with the letter's MessageUUID; (3) in a new
transaction, mark it sent (and delivered) and record what it does for the case.

If the process dies between (2) and (3), the letter is found "being sent" on the next run. An idempotent
transport (SF1601 deduplicates on the MessageUUID) sends it again with the same UUID, so the recipient gets
it once. A transport that is not idempotent (e-mail) is not called again: the letter becomes a task for its
caseworker to check whether it went. A failure is retried with growing waits, and after
FOREBYG_OUTBOX_MAX_ATTEMPTS attempts (or at once, when a retry cannot help) it becomes a task too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django_scopes import scope, scopes_disabled

from forebyg.audit.services import log_change
from forebyg.core import clock

from .models import Letter, Status
from .services import letterhead_for, record_sent
from .transports import Outgoing, PermanentSendError, SendError, Transport, transport_for

# Waits before the 2nd, 3rd, ... attempt.
BACKOFF = (timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1), timedelta(hours=4), timedelta(hours=12))
UNCERTAIN = "uncertain"  # last_error prefix: the worker stopped during the send of a non-idempotent transport


@dataclass
class Result:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    letters: list[str] = field(default_factory=list)


def backoff(attempts: int) -> timedelta:
    return BACKOFF[min(max(attempts - 1, 0), len(BACKOFF) - 1)]


def due(now) -> list[tuple[str, int]]:
    """(letter id, municipality) of the letters to send now: queued and due, or left "being sent"."""
    with scopes_disabled():
        return list(Letter.objects.filter(
            Q(status=Status.QUEUED, next_attempt_at__lte=now) | Q(status=Status.SENDING),
        ).order_by("queued_at", "id").values_list("id", "municipality_id"))


def _outgoing(letter: Letter) -> Outgoing:
    head = letterhead_for(letter.municipality_id)
    from .models import Letterhead

    stored = Letterhead.objects.filter(municipality_id=letter.municipality_id).first()
    return Outgoing(
        message_uuid=str(letter.message_uuid), title=letter.title, pdf=bytes(letter.pdf or b""),
        filename=f"brev-{str(letter.message_uuid)[:8]}.pdf", sender_label=f"{head.municipality}, {head.sender}",
        sender_id=(stored.authority_id if stored and stored.authority_id else
                   getattr(settings, "FOREBYG_SF1601_CVR", "") or "29189897")[:8],
        recipient_label=letter.recipient_name, recipient_id=letter.recipient_cpr or letter.recipient_cvr or "",
        recipient_email=letter.recipient_email, created=letter.queued_at or clock.now(),
    )


def _claim(pk: str, transports: Callable[[str], Transport | None]) -> tuple[Letter, Transport] | None:
    """Step 1: mark the letter "being sent" (committed before any call). None: nothing to send."""
    with transaction.atomic():
        letter = Letter.objects.select_for_update(of=("self",)).select_related("notification").filter(pk=pk).first()
        if letter is None or letter.status not in (Status.QUEUED, Status.SENDING):
            return None
        transport = transports(letter.transport)
        if transport is None:
            return None
        if letter.status == Status.SENDING and not transport.idempotent:
            _fail(letter, f"{UNCERTAIN}: the sending stopped halfway; check whether the letter arrived")
            return None
        letter.status = Status.SENDING
        letter.attempts += 1
        letter.save(update_fields=["status", "attempts"])
        return letter, transport


def _fail(letter: Letter, error: str) -> None:
    letter.status = Status.FAILED
    letter.last_error = error[:1000]
    letter.next_attempt_at = None
    letter.save(update_fields=["status", "last_error", "next_attempt_at"])
    log_change(actor=letter.sent_by, action="letters.letter.failed", obj=letter, child_id=letter.child_id,
               payload={"attempts": letter.attempts})


def send_one(pk: str, *, transports: Callable[[str], Transport | None] = transport_for,
             result: Result | None = None) -> Result:
    result = result or Result()
    claimed = _claim(pk, transports)
    if claimed is None:
        return result
    letter, transport = claimed
    try:
        outcome = transport.send(_outgoing(letter))  # step 2
    except SendError as exc:
        with transaction.atomic():
            letter = Letter.objects.select_for_update(of=("self",)).get(pk=pk)
            permanent = isinstance(exc, PermanentSendError)
            if permanent or letter.attempts >= settings.FOREBYG_OUTBOX_MAX_ATTEMPTS:
                _fail(letter, str(exc))
                result.failed += 1
            else:
                letter.status = Status.QUEUED
                letter.last_error = str(exc)[:1000]
                letter.next_attempt_at = clock.now() + backoff(letter.attempts)
                letter.save(update_fields=["status", "last_error", "next_attempt_at"])
                result.retrying += 1
        return result
    with transaction.atomic():  # step 3
        letter = Letter.objects.select_for_update(of=("self",)).select_related("notification").get(pk=pk)
        if letter.status == Status.SENDING:
            letter.channel = outcome.channel
            record_sent(letter, actor=letter.sent_by, at=clock.now(), delivered=outcome.delivered)
            result.sent += 1
            result.letters.append(letter.pk)
    return result


def outbox_process(*, transports: Callable[[str], Transport | None] = transport_for) -> Result:
    """Send every letter that is due, once each (forebyg outbox send; the letters-outbox job)."""
    result = Result()
    for pk, municipality_id in due(clock.now()):
        with scope(municipality=municipality_id):
            send_one(pk, transports=transports, result=result)
    return result


def tasks_for(user) -> list[Letter]:
    """Letters the user sent that could not be sent: a task on their work page."""
    return list(Letter.objects.filter(status=Status.FAILED, sent_by=user).select_related("child")
                .order_by("-queued_at")[:50])
