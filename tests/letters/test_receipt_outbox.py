# SPDX-License-Identifier: MPL-2.0
"""A professional notification from a school teacher yields a receipt letter (PDF/A-2b, Danish, the
teacher's name and the date of receipt in it) that is queued, sent through the SF1601 double and marked
delivered; the receipt obligation shows as met. A worker killed between "sent" and "marked" sends nothing
twice (issue #18)."""

import pytest

from forebyg.core import clock
from forebyg.deadlines.clocks import notification_clocks
from forebyg.letters import outbox, services
from forebyg.letters.models import Letter, Status
from forebyg.letters.render import danish_date
from forebyg.letters.sf1601 import read_kombi_request
from forebyg.letters.sf1601_double import DoubleStore
from forebyg.letters.transports import transport_for

from .pdftext import text, xmp

pytestmark = pytest.mark.django_db


def _receipt(users, n):
    letter = services.letter_draft(actor=users["receiving_unit"], kind="receipt", notification=n)
    return services.letter_update(actor=users["receiving_unit"], letter=letter, recipient_name=letter.recipient_name,
                                  transport="digital_post", recipient_cvr="29189846")


def _receipt_clock(n):
    return notification_clocks(municipality_id=n.municipality_id, notifications=[n], as_of=clock.now())[n.pk].receipt


def test_receipt_letter_is_queued_sent_delivered_and_meets_the_obligation(users, teacher_notification, double_dir):
    n = teacher_notification
    assert _receipt_clock(n).ob.met_at is None
    letter = _receipt(users, n)
    assert letter.recipient_name == "Karen Skovlærer"  # prefilled from the notification
    letter = services.letter_queue(actor=users["receiving_unit"], letter=letter)
    assert letter.status == Status.QUEUED
    pdf = bytes(letter.pdf)
    assert pdf.startswith(b"%PDF-")
    meta = xmp(pdf)
    assert 'pdfaid:part="2"' in meta and 'pdfaid:conformance="B"' in meta
    words = text(pdf)
    assert "Karen Skovlærer" in words
    assert danish_date(n.received_at.astimezone(clock.now().tzinfo).date()) in words  # e.g. "7. december 2026"
    assert "Vi har modtaget din underretning" in words  # Danish
    assert _receipt_clock(n).ob.met_at is None  # queued is not sent
    from forebyg.documents.models import Document
    from forebyg.documents.selectors import document_version_read

    kept = Document.objects.get(pk=letter.document_id)  # kept as a document of the case
    assert kept.child_id == n.children.get().pk and kept.source == "generated"
    assert document_version_read(version=kept.current_version, user=None) == pdf

    result = outbox.outbox_process()
    letter.refresh_from_db()
    assert result.sent == 1, letter.last_error
    assert letter.status == Status.DELIVERED and letter.channel == "digital_post"
    received = DoubleStore(double_dir).received()
    assert list(received) == [str(letter.message_uuid)]
    message = read_kombi_request(received[str(letter.message_uuid)])
    assert message.messageHeader.recipient.recipientID == "29189846"
    assert n.acknowledgements.count() == 1
    assert _receipt_clock(n).ob.met_at is not None  # the engine counts the sent letter
    assert outbox.outbox_process().sent == 0  # nothing left to send


class Killed(BaseException):
    """The worker process dying (not an error the worker handles)."""


def test_worker_killed_between_sent_and_marked_sends_nothing_twice(users, teacher_notification, double_dir):
    n = teacher_notification
    letter = services.letter_queue(actor=users["receiving_unit"], letter=_receipt(users, n))

    class DiesAfterSending:
        """The real SF1601 transport (against the double), and then the process dies."""

        def __init__(self, inner):
            self.inner = inner
            self.idempotent = inner.idempotent

        def send(self, out):
            self.inner.send(out)
            raise Killed

    with pytest.raises(Killed):
        outbox.outbox_process(transports=lambda code: DiesAfterSending(transport_for(code)))
    letter.refresh_from_db()
    assert letter.status == Status.SENDING  # "sending" was recorded before the call
    store = DoubleStore(double_dir)
    assert len(store.received()) == 1
    assert n.acknowledgements.count() == 0

    assert outbox.outbox_process().sent == 1  # the next run
    letter.refresh_from_db()
    assert letter.status == Status.DELIVERED
    assert len(store.received()) == 1  # the double holds exactly one message
    assert store.duplicates() == 1  # the resend carried the same MessageUUID and was recognised
    assert n.acknowledgements.count() == 1


def test_email_letter_left_sending_becomes_a_task_not_a_second_mail(users, teacher_notification, double_dir,
                                                                     mailoutbox):
    n = teacher_notification
    letter = services.letter_draft(actor=users["receiving_unit"], kind="receipt", notification=n)
    letter = services.letter_update(actor=users["receiving_unit"], letter=letter, recipient_name="Karen Skovlærer",
                                    transport="email", recipient_email="karen@skole.example")
    letter = services.letter_queue(actor=users["receiving_unit"], letter=letter)

    class DiesAfterMailing:
        idempotent = False

        def send(self, out):
            transport_for("email").send(out)
            raise Killed

    with pytest.raises(Killed):
        outbox.outbox_process(transports=lambda code: DiesAfterMailing())
    assert len(mailoutbox) == 1
    outbox.outbox_process()
    letter.refresh_from_db()
    assert len(mailoutbox) == 1
    assert letter.status == Status.FAILED and letter.last_error.startswith(outbox.UNCERTAIN)
    assert letter in outbox.tasks_for(users["receiving_unit"])


def test_failures_are_retried_with_back_off_then_become_a_task(users, teacher_notification, double_dir, settings):
    settings.FOREBYG_OUTBOX_MAX_ATTEMPTS = 2
    n = teacher_notification
    letter = services.letter_queue(actor=users["receiving_unit"], letter=_receipt(users, n))

    class Unreachable:
        idempotent = True

        def send(self, out):
            from forebyg.letters.transports import SendError

            raise SendError("SF1601 could not be reached")

    outbox.outbox_process(transports=lambda code: Unreachable())
    letter.refresh_from_db()
    assert letter.status == Status.QUEUED and letter.attempts == 1 and letter.next_attempt_at > clock.now()
    assert outbox.outbox_process(transports=lambda code: Unreachable()).retrying == 0  # not due yet
    Letter.objects.filter(pk=letter.pk).update(next_attempt_at=clock.now())
    outbox.outbox_process(transports=lambda code: Unreachable())
    letter.refresh_from_db()
    assert letter.status == Status.FAILED and letter.attempts == 2
    assert letter in outbox.tasks_for(users["receiving_unit"])
    assert n.acknowledgements.count() == 0


def test_the_double_refuses_a_malformed_message(double_dir):
    """The library's own send_message posts Danish letters as ISO-8859-1 under a utf8 declaration; the
    double refuses that, as it refuses a message without its label. (Our transport sends UTF-8 bytes.)"""
    import uuid
    from datetime import datetime

    import requests
    from python_serviceplatformen import digital_post

    from forebyg.letters.sf1601 import build_message
    from forebyg.letters.transports import send_memo

    access = transport_for("digital_post").access
    message = build_message(message_uuid=uuid.uuid4(), title="Kvittering for din underretning", pdf=b"%PDF-1.7 ...",
                            filename="brev.pdf", sender_id="29189897", sender_label="Børn og Familie",
                            recipient_id="29189846", recipient_label="Karen Skovlærer", created=datetime.now())
    with pytest.raises(requests.HTTPError) as refused:
        digital_post.send_message("Digital Post", message, access)
    assert refused.value.response.status_code == 400 and "malformed" in refused.value.response.text
    message.messageHeader.label = None
    with pytest.raises(requests.HTTPError) as refused:
        send_memo(message, access)
    assert "label is missing" in refused.value.response.text
    assert DoubleStore(double_dir).received() == {}
    message.messageHeader.label = "Kvittering"
    send_memo(message, access)
    assert len(DoubleStore(double_dir).received()) == 1


def test_a_recipient_without_digital_post_gets_physical_mail_through_fjernprint(users, teacher_notification,
                                                                                double_dir, settings):
    settings.FOREBYG_SF1601_DOUBLE_UNREGISTERED = ["29189846"]  # is_registered answers false
    letter = services.letter_queue(actor=users["receiving_unit"], letter=_receipt(users, teacher_notification))
    assert outbox.outbox_process().sent == 1
    letter.refresh_from_db()
    assert letter.channel == "fjernprint" and letter.status == Status.SENT  # posted, not yet confirmed delivered
    store = DoubleStore(double_dir)
    assert store.received() == {} and list(store.received("fjernprint")) == [str(letter.message_uuid)]
    assert teacher_notification.acknowledgements.count() == 1


def test_the_acknowledgement_the_outbox_records_names_who_sent_the_receipt(users, teacher_notification, double_dir):
    """The outbox sends on behalf of the user who queued the letter: the acknowledgement it records, and
    its audit entry, name that user. A letter with no sender on record (imported, say) is still sent and
    acknowledged, naming no one, as the system's other changes do."""
    from forebyg.audit.models import LogEntry

    n = teacher_notification
    letter = services.letter_queue(actor=users["receiving_unit"], letter=_receipt(users, n))
    assert outbox.outbox_process().sent == 1
    ack = n.acknowledgements.get()
    assert ack.by == users["receiving_unit"] and ack.created_by == users["receiving_unit"]
    entry = LogEntry.objects.get(action_type="cases.acknowledgement.recorded", object_id=ack.pk)
    assert entry.actor == users["receiving_unit"] and entry.municipality_id == n.municipality_id

    ack.delete()  # the same letter again, now without a sender on record
    Letter.objects.filter(pk=letter.pk).update(status=Status.QUEUED, sent_by=None, next_attempt_at=clock.now())
    assert outbox.outbox_process().sent == 1
    ack = n.acknowledgements.get()
    assert ack.by is None and ack.created_by is None and ack.municipality_id == n.municipality_id
    entry = LogEntry.objects.get(action_type="cases.acknowledgement.recorded", object_id=ack.pk)
    assert entry.actor is None
