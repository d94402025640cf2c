# SPDX-License-Identifier: MPL-2.0
"""`manage.py load_instrument FILE --by USERNAME`: load a municipality's own (licensed) questionnaire
definition, the same way as the upload on the Questionnaires page. `--check` only validates."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope

from forebyg.accounts.models import User
from forebyg.domain import instruments


class Command(BaseCommand):
    help = "Load a questionnaire definition (JSON, docs/progression.md) into a municipality."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--by", help="username of the administrator or manager loading it (gives the municipality)")
        parser.add_argument("--check", action="store_true", help="only validate the definition; write nothing")

    def handle(self, *args, **opts):
        try:
            with open(opts["file"], encoding="utf-8-sig") as fh:
                text = fh.read()
        except OSError as exc:
            raise CommandError(f"Cannot read {opts['file']}: {exc.strerror}") from exc
        try:
            inst = instruments.loads(text)
        except instruments.InstrumentError as exc:
            raise CommandError("The definition is not valid:\n" + "\n".join(f"  {p}" for p in exc.problems)) from exc
        if opts["check"]:
            self.stdout.write(f"Valid: {inst.key}, {len(inst.items)} items, scales: "
                              + ", ".join(s.id for s in inst.scales()))
            return
        if not opts["by"]:
            raise CommandError("Give --by USERNAME (an administrator or manager of the municipality).")
        user = User.objects.filter(username=opts["by"]).first()
        if user is None or not user.has_perm("progression.configure"):
            raise CommandError(f"{opts['by']} is not an administrator or manager of a municipality.")
        from forebyg.progression.services import instrument_load

        with scope(municipality=[user.municipality_id]):
            try:
                row = instrument_load(actor=user, text=text)
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"Loaded {row.code} version {row.version} into municipality {user.municipality_id}.")
