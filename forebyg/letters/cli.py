# SPDX-License-Identifier: MPL-2.0
"""`forebyg letters render|send` and `forebyg outbox list|send` (issue #18; docs/cli.md)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import TypedDict


class OutboxRow(TypedDict):
    """One letter of `forebyg outbox list` (its JSON output; times in ISO 8601, None: not yet)."""

    id: str
    municipality: int
    kind: str
    status: str
    transport: str
    channel: str
    attempts: int
    message_uuid: str
    queued_at: str | None
    next_attempt_at: str | None
    sent_at: str | None
    last_error: str


def add_parsers(sub) -> list[argparse.ArgumentParser]:
    from forebyg.domain.letters import KINDS

    p = sub.add_parser("letters", help="write a letter from the municipality's template: render it to PDF or send it")
    act = p.add_subparsers(dest="letters_action", required=True)
    for name, help_text in (("render", "write the letter as PDF/A-2b to a file (nothing is saved or sent)"),
                            ("send", "write the letter and put it in the outbox (sent by `forebyg outbox send`)")):
        a = act.add_parser(name, help=help_text)
        a.add_argument("--kind", required=True, choices=sorted(KINDS))
        about = a.add_mutually_exclusive_group(required=True)
        about.add_argument("--notification", help="the notification's id (receipt, feedback)")
        about.add_argument("--record", help="the id of a measure, a decision or a child (the other kinds)")
        a.add_argument("--user", required=True, help="the user the letter is from (their municipality and name)")
        if name == "render":
            a.add_argument("--output", required=True, help="the PDF file to write")
        else:
            a.add_argument("--transport", choices=["digital_post", "email"], default=None,
                           help="default: as prefilled (Digital Post, or e-mail for a notifier who wrote by e-mail)")
            a.add_argument("--to-cpr", help="the recipient's CPR number (Digital Post)")
            a.add_argument("--to-cvr", help="the recipient's CVR number (Digital Post to a workplace)")
            a.add_argument("--to-email", help="the recipient's e-mail address")
            a.add_argument("--to-name", help="the recipient's name (default: as prefilled)")
            a.add_argument("--feedback", choices=["investigation_started", "measure_started", "nothing_started"],
                           help="what the notifier is told (feedback letters)")
            a.add_argument("--input", action="append", default=[], metavar="FIELD=VALUE",
                           help="a field the caseworker fills in, e.g. reasons=... or meeting_date=2026-12-10")
    o = sub.add_parser("outbox", help="the letters waiting to be sent: list them, or send them once")
    oact = o.add_subparsers(dest="outbox_action", required=True)
    lst = oact.add_parser("list", help="letters queued, being sent, or failed (ids and status, no names)")
    lst.add_argument("--format", choices=["text", "json"], default="text")
    lst.add_argument("--all", action="store_true", help="also letters sent and delivered")
    oact.add_parser("send", help="send every letter that is due, once (the letters-outbox job)")
    return [p, o]


def _about(args):
    from forebyg.cases import models as cm

    if args.notification:
        n = cm.Notification.objects.filter(pk=args.notification).first()
        if n is None:
            raise LookupError(f"no notification {args.notification}")
        return {"notification": n}
    for model, key in ((cm.Measure, "measure"), (cm.Decision, "decision"), (cm.Child, "child")):
        obj = model.objects.filter(pk=args.record).first()
        if obj is not None:
            if key == "decision":
                return {"notification": obj.notification, "decision": obj, "child": obj.child}
            return {key: obj}
    raise LookupError(f"no measure, decision or child {args.record}")


def run(args: argparse.Namespace) -> int:
    from django_scopes import scope

    from forebyg.accounts.models import User

    if args.command == "outbox":
        return _outbox(args)
    user = User.objects.filter(username=args.user).first()
    if user is None or not user.municipality_id:
        print(f"No user {args.user} in a municipality.", file=sys.stderr)
        return 2
    with scope(municipality=user.municipality_id):
        try:
            about = _about(args)
        except LookupError as exc:
            print(f"Nothing was written: {exc}.", file=sys.stderr)
            return 2
        return _render(args, user, about) if args.letters_action == "render" else _send(args, user, about)


def _render(args, user, about) -> int:
    from django.core.exceptions import ValidationError

    from . import render, services
    from .models import Letter

    try:
        letter = Letter(municipality_id=user.municipality_id, created_by=user, kind=args.kind,
                        **{k: v for k, v in about.items()},
                        **services.prefill(kind=args.kind, notification=about.get("notification"),
                                           child=about.get("child"), measure=about.get("measure")))
        if letter.child is None and letter.notification is not None:
            letter.child = letter.notification.children.order_by("name").first()
        if args.kind == "feedback" and letter.notification is not None:
            from .views import _feedback_inputs

            letter.inputs = _feedback_inputs(letter.notification)
        services._rerender(letter)
    except ValidationError as exc:
        print("Nothing was written: " + " ".join(exc.messages), file=sys.stderr)
        return 2
    pdf = render.letter_pdf(letter, services.letterhead_for(user.municipality_id))
    with open(args.output, "wb") as out:
        out.write(pdf)
    print(f"Wrote {args.output} ({len(pdf) / 1000:.0f} kB, PDF/A-2b): {letter.title}")
    return 0


def _send(args, user, about) -> int:
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from . import services

    inputs = dict(item.split("=", 1) for item in args.input if "=" in item)
    if args.feedback:
        inputs["feedback_content"] = args.feedback
    try:
        with transaction.atomic():
            letter = services.letter_draft(actor=user, kind=args.kind, inputs=inputs,
                                           **{k: v for k, v in about.items()})
            letter = services.letter_update(
                actor=user, letter=letter, recipient_name=args.to_name or letter.recipient_name,
                transport=args.transport or letter.transport, recipient_cpr=args.to_cpr,
                recipient_cvr=args.to_cvr or "", recipient_email=args.to_email or "", inputs=inputs)
            letter = services.letter_queue(actor=user, letter=letter)
    except ValidationError as exc:
        detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items()) if hasattr(
            exc, "error_dict") else " ".join(exc.messages)
        print(f"Nothing was queued: {detail}", file=sys.stderr)
        return 2
    print(f"Queued letter {letter.pk} ({letter.kind}, MessageUUID {letter.message_uuid}); "
          "`forebyg outbox send` sends it.")
    return 0


def _outbox(args) -> int:
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from .models import Letter, Status

    if args.outbox_action == "send":
        from forebyg.ops.runner import AlreadyRunning, run_job

        try:
            result = run_job("letters-outbox")
        except AlreadyRunning as exc:
            print(str(exc), file=sys.stderr)
            return 3
        print(result.run.summary, file=sys.stdout if result.ok else sys.stderr)
        return 0 if result.ok else 1
    with scopes_disabled():
        qs = Letter.objects.exclude(status__in=[Status.DRAFT, Status.CANCELLED])
        if not args.all:
            qs = qs.filter(status__in=[Status.QUEUED, Status.SENDING, Status.FAILED])
        rows: list[OutboxRow] = [{"id": lt.pk, "municipality": lt.municipality_id, "kind": lt.kind, "status": lt.status,
                 "transport": lt.transport, "channel": lt.channel, "attempts": lt.attempts,
                 "message_uuid": str(lt.message_uuid),
                 "queued_at": lt.queued_at.isoformat() if lt.queued_at else None,
                 "next_attempt_at": lt.next_attempt_at.isoformat() if lt.next_attempt_at else None,
                 "sent_at": lt.sent_at.isoformat() if lt.sent_at else None,
                 "last_error": lt.last_error}
                for lt in qs.order_by("queued_at", "id")]
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=1)
        print()
        return 0
    print(f"{'letter':<34} {'kind':<22} {'status':<10} {'tries':>5} {'queued':<17} last error")
    for r in rows:
        queued_at = r["queued_at"]
        queued = timezone.localtime(datetime.fromisoformat(queued_at)).strftime(
            "%Y-%m-%d %H:%M") if queued_at else "-"
        print(f"{r['id']:<34} {r['kind']:<22} {r['status']:<10} {r['attempts']:>5} {queued:<17} "
              f"{r['last_error'][:60]}")
    print(f"{len(rows)} letters")
    return 0
