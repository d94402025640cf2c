# SPDX-License-Identifier: MPL-2.0
"""List what has passed its retention (daily), and apply an approved list."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from forebyg.accounts.models import User
from forebyg.core import clock
from forebyg.security import retention as ret
from forebyg.security.models import RetentionRun


class Command(BaseCommand):
    help = ("List records past their retention period; --apply RUN --approved-by USER anonymises/deletes an "
            "earlier list (approved by someone other than its maker; large lists also need --confirm N).")

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=date.fromisoformat, help="the date to judge by (default: today)")
        parser.add_argument("--municipality", type=int, help="one municipality code (default: all)")
        parser.add_argument("--approve", action="store_true",
                            help="no longer possible: a list is approved by someone other than its maker (--apply)")
        parser.add_argument("--apply", type=int, metavar="RUN", help="apply an earlier list by its number")
        parser.add_argument("--approved-by", metavar="USERNAME",
                            help="the administrator or manager who approves (not the list's maker); recorded in the log")
        parser.add_argument("--confirm", metavar="N", help="the number of items of the list (needed for large lists)")

    def handle(self, *args, **opts):
        if opts["approve"]:
            raise CommandError("--approve is no longer possible: a list is approved by someone other than the person "
                               "(or job) that made it. Make the list, then: retention --apply RUN --approved-by USER.")
        if opts["apply"] and not opts["approved_by"]:
            raise CommandError("--apply needs --approved-by USER: the administrator or manager who approves the list.")
        actor = None
        if opts["approved_by"]:
            actor = User.objects.filter(username=opts["approved_by"]).first()
            if actor is None:
                raise CommandError(f"No user {opts['approved_by']!r}.")
        if opts["apply"]:
            with scopes_disabled():
                run = RetentionRun.objects.filter(pk=opts["apply"], approved_at__isnull=True).first()
            if run is None:
                raise CommandError(f"No unapplied list number {opts['apply']}.")
            try:
                run = ret.retention_apply(run=run, actor=actor, approved_via="command line",
                                          confirmation=opts["confirm"])
            except ret.FourEyesError as exc:
                hint = (f" Add --confirm {len(run.items)}." if ret.needs_typed_confirmation(run)
                        and opts["confirm"] != str(len(run.items)) else "")
                raise CommandError(f"{exc}{hint}") from exc
            self.stdout.write(f"List {run.pk}: {run.result['applied']} applied, {run.result['skipped']} skipped.")
            return
        as_of = opts["as_of"] or clock.today()
        runs = ret.retention_run(as_of=as_of, municipality=opts["municipality"], actor=actor)
        for run in runs:
            kinds = {}
            for item in run.items:
                kinds[item["kind"]] = kinds.get(item["kind"], 0) + 1
            summary = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "nothing"
            state = f"applied ({run.result['applied']})" if run.approved_at else "awaiting approval"
            self.stdout.write(f"Municipality {run.municipality_id}, list {run.pk} as of {as_of}: {summary}; {state}.")
