# SPDX-License-Identifier: MPL-2.0
"""Letters in the demo (issue #18): receipts and feedback to professional notifiers of the caseworker
`raadgiver`, sent end to end through the local SF1601 double, and one draft waiting on "My work"."""

from __future__ import annotations

from collections.abc import Callable

from django_scopes import scope


def letters_demo_load(*, log: Callable[[str], None] = lambda s: None) -> None:
    from django.db.models import Count

    from forebyg.accounts.models import User
    from forebyg.cases import models as cm
    from forebyg.cases.services.demo import DEMO_MUNICIPALITY

    from . import outbox, services
    from .models import Letter

    with scope(municipality=DEMO_MUNICIPALITY):
        if Letter.objects.exists():
            return
        user = User.objects.filter(username="raadgiver").first()
        if user is None:
            return
        if not services.Letterhead.objects.exists():
            services.letterhead_save(actor=user, sender="Børn og Familie, Myndighed", address="Rådhuset\n"
                                     "Torvet 1\n7400 Herning", phone="96 28 28 28", email="boernogfamilie@herning.example",
                                     website="herning.example", authority_id="29189897")
        from forebyg.security.access import notification_access

        candidates = (cm.Notification.objects.filter(
            assigned_to=user, notifier_professional=True, notifier_name__isnull=False).exclude(notifier_kind="anonymous")
            .annotate(k=Count("decisions")).filter(k__gt=0).order_by("-received_at").prefetch_related("children"))
        # Those the caseworker opens without stating a reason (their own, open notifications).
        notifications = [n for n in candidates[:200]
                         if notification_access(user, n, list(n.children.all())) is not None][:4]
        for i, n in enumerate(notifications):
            kind = "receipt" if i % 2 == 0 else "feedback"
            letter = services.letter_draft(actor=user, kind=kind, notification=n, inputs={
                "feedback_content": "investigation_started"} if kind == "feedback" else None)
            if i == len(notifications) - 1:
                break  # the last one stays a draft: "Letters to send" on My work
            letter = services.letter_update(actor=user, letter=letter, recipient_name=letter.recipient_name,
                                            transport="digital_post", recipient_cvr=f"{29189900 + i:08d}",
                                            inputs=letter.inputs)
            services.letter_queue(actor=user, letter=letter)
        result = outbox.outbox_process()
        log(f"Letters: {result.sent} sent through the local Digital Post double, 1 draft waiting.")
