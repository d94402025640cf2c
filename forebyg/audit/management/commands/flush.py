# SPDX-License-Identifier: MPL-2.0
"""Django's `flush`, which empties the whole database, with the audit log's append-only triggers
lifted for the duration (the test suite flushes between browser tests). Emptying a production
database is not a way around the audit log: it destroys everything, and needs shell access."""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from forebyg.audit.db import drop_triggers, ensure_triggers


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options["database"]]
        drop_triggers(connection)
        try:
            return super().handle(**options)
        finally:
            ensure_triggers(connection)
