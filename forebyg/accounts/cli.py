# SPDX-License-Identifier: MPL-2.0
"""`forebyg user create|list|deactivate|reactivate|link`: users from the server's command line, e.g. the
first administrator of a new installation (docs/cli.md). Changes go through forebyg.accounts.services,
so they are validated and audit-logged like changes on the pages (the actor is empty: the command line)."""

from __future__ import annotations

import argparse
import sys


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("user", help="create, list, deactivate and reactivate users; print a link to set a password")
    act = p.add_subparsers(dest="user_action", required=True)
    c = act.add_parser("create", help="create a user (e.g. the first administrator)")
    c.add_argument("username")
    c.add_argument("--name", required=True, help="the person's full name")
    c.add_argument("--role", required=True, help="receiving_unit, caseworker, team_leader, manager, analyst, "
                                                 "network_secretariat or administrator")
    c.add_argument("--municipality", required=True, type=int, help="municipality code, e.g. 657")
    c.add_argument("--team", help="team id (see the organisation page)")
    c.add_argument("--email", default="", help="e-mail address")
    c.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input instead of printing a one-time link")
    lst = act.add_parser("list", help="list users")
    lst.add_argument("--municipality", type=int, help="only this municipality code")
    lst.add_argument("--all", action="store_true", help="include deactivated users")
    for name, text in (("deactivate", "deactivate a user (they can no longer log in; nothing is deleted)"),
                       ("reactivate", "reactivate a deactivated user"),
                       ("link", "print a new one-time link where the user sets a password")):
        a = act.add_parser(name, help=text)
        a.add_argument("username")
    return p


def _errors(exc) -> str:
    if hasattr(exc, "error_dict"):
        return " ".join(f"{field}: {' '.join(msgs)}" if field != "__all__" else " ".join(msgs)
                        for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


def _password(args) -> str | None:
    if not args.password_stdin:
        return None
    text = sys.stdin.readline().rstrip("\r\n")
    return text


def run(args: argparse.Namespace) -> int:
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from . import services
    from .models import User

    with translation.override("en"):
        if args.user_action == "list":
            qs = User.objects.select_related("team").order_by("municipality_id", "role", "username")
            if args.municipality:
                qs = qs.filter(municipality_id=args.municipality)
            if not args.all:
                qs = qs.filter(is_active=True)
            print(f"{'municipality':<12} {'username':<20} {'role':<20} {'team':<20} {'active':<6} name")
            for u in qs:
                print(f"{u.municipality_id or '-':<12} {u.username:<20} {u.role:<20} {(u.team.name if u.team else '-'):<20} "
                      f"{'yes' if u.is_active else 'no':<6} {u.full_name}")
            return 0
        if args.user_action == "create":
            password = _password(args)
            if args.password_stdin and not password:
                print("No user was created: --password-stdin read an empty password.", file=sys.stderr)
                return 2
            try:
                user = services.user_create(actor=None, username=args.username, full_name=args.name, role=args.role,
                                            municipality=args.municipality, team=args.team, email=args.email,
                                            password=password)
            except ValidationError as exc:
                print(f"No user was created. {_errors(exc)}", file=sys.stderr)
                return 2
            print(f"Created {user.username} ({user.get_role_display()}, municipality {user.municipality_id}).")
            if password is None:
                link = services.password_link_issue(actor=None, user=user, send=False)
                print(f"The user chooses a password at this one-time link (give it to them in person):\n{link}")
            print("At the first login they set up an authenticator app (two-factor authentication).")
            return 0
        found = User.objects.filter(username=args.username).first()
        if found is None:
            print(f"There is no user {args.username!r}.", file=sys.stderr)
            return 2
        user = found
        try:
            if args.user_action == "link":
                print(services.password_link_issue(actor=None, user=user, send=False))
                return 0
            services.user_set_active(actor=None, user=user, active=args.user_action == "reactivate")
        except ValidationError as exc:
            print(f"Nothing was changed. {_errors(exc)}", file=sys.stderr)
            return 2
        print(f"{user.username} is {'active' if args.user_action == 'reactivate' else 'deactivated'}.")
        return 0
