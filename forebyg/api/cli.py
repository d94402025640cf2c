# SPDX-License-Identifier: MPL-2.0
"""`forebyg api-token create|list|revoke`: API tokens from the server's command line."""

from __future__ import annotations

import argparse
import sys


def add_parser(sub) -> None:
    p = sub.add_parser("api-token", help="create, list or revoke API tokens (for the REST API)")
    actions = p.add_subparsers(dest="token_command", required=True)
    s = actions.add_parser("create", help="create a token for a user and print it (shown once)")
    s.add_argument("--user", required=True, help="the username")
    s.add_argument("--name", required=True, help="what the token is for, e.g. the system that uses it")
    s.add_argument("--days", type=int, default=90, help="days until it expires (default 90, at most 366)")
    s = actions.add_parser("list", help="list tokens (never the tokens themselves)")
    s.add_argument("--user", help="only this user's tokens")
    s.add_argument("--municipality", type=int, help="only this municipality's tokens")
    s = actions.add_parser("revoke", help="revoke a token by its number (see list)")
    s.add_argument("id", type=int)


def run(args: argparse.Namespace) -> int:
    from django.core.exceptions import ValidationError
    from django_scopes import scopes_disabled

    from forebyg.accounts.models import User
    from forebyg.core import clock

    from .models import ApiToken
    from .tokens import token_create, token_revoke

    with scopes_disabled():
        if args.token_command == "create":
            user = User.objects.filter(username=args.user).first()
            if user is None:
                print(f"No user named {args.user!r}.", file=sys.stderr)
                return 2
            try:
                new = token_create(actor=None, user=user, name=args.name, days=args.days)
            except ValidationError as exc:
                print("The token was not created: " + " ".join(exc.messages), file=sys.stderr)
                return 2
            print(f"Token {new.token.pk} for {user.username} ({user.get_role_display()}, municipality "
                  f"{user.municipality_id}), expires {clock.to_local(new.token.expires_at):%Y-%m-%d}. It is not shown again:")
            print(new.secret)
            return 0
        if args.token_command == "list":
            qs = ApiToken.objects.select_related("user").order_by("id")
            if args.user:
                qs = qs.filter(user__username=args.user)
            if args.municipality:
                qs = qs.filter(municipality_id=args.municipality)
            now = clock.now()
            for t in qs:
                state = "revoked" if t.revoked_at else ("expired" if t.expires_at <= now else "active")
                used = f"{clock.to_local(t.last_used_at):%Y-%m-%d %H:%M}" if t.last_used_at else "never"
                print(f"{t.pk:>5}  {t.prefix}…  {t.user.username:<16} {t.municipality_id}  {state:<8} "
                      f"expires {clock.to_local(t.expires_at):%Y-%m-%d}  last used {used}  {t.name}")
            return 0
        token = ApiToken.objects.filter(pk=args.id).select_related("user").first()
        if token is None:
            print(f"No token number {args.id}.", file=sys.stderr)
            return 2
        token_revoke(actor=None, token=token)
        print(f"Token {token.pk} ({token.prefix}…, {token.user.username}) is revoked.")
        return 0
