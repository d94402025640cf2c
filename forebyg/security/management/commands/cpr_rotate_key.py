# SPDX-License-Identifier: MPL-2.0
"""Re-encrypt every stored CPR number with the first key of FOREBYG_CPR_KEY.

Rotation: put the new key first in FOREBYG_CPR_KEY and keep the old one after it
("NEW,OLD"), run this command, then remove the old key."""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from forebyg.security.crypto import TOKEN_PREFIX, rotate

TABLES = (("cases_child", "id"), ("cases_historicalchild", "history_id"))


class Command(BaseCommand):
    help = "Re-encrypt every stored CPR number with the current (first) key."

    def handle(self, *args, **opts):
        n = 0
        with transaction.atomic(), connection.cursor() as cur:
            for table, pk in TABLES:
                cur.execute(f"SELECT {pk}, cpr FROM {table} WHERE cpr IS NOT NULL")  # noqa: S608 - fixed names
                for row_id, token in cur.fetchall():
                    if not token.startswith(TOKEN_PREFIX):
                        continue
                    cur.execute(f"UPDATE {table} SET cpr = %s WHERE {pk} = %s", [rotate(token), row_id])
                    n += 1
        self.stdout.write(f"Re-encrypted {n} CPR values.")
