# SPDX-License-Identifier: MPL-2.0
"""CPR numbers encrypted at rest with a keyed search hash (issue #4).

Existing plain CPR numbers (in the children and in their version history) are encrypted in place
and their hash computed; the reverse migration decrypts them again."""

from django.db import migrations

import forebyg.security.crypto

TABLES = (("cases_child", "id"), ("cases_historicalchild", "history_id"))


def encrypt_existing(apps, schema_editor):
    from forebyg.security.crypto import TOKEN_PREFIX, cpr_hash, encrypt

    with schema_editor.connection.cursor() as cur:
        for table, pk in TABLES:
            cur.execute(f"SELECT {pk}, cpr FROM {table} WHERE cpr IS NOT NULL AND cpr <> ''")
            for row_id, value in cur.fetchall():
                if value.startswith(TOKEN_PREFIX):
                    continue
                cur.execute(f"UPDATE {table} SET cpr = %s, cpr_hash = %s WHERE {pk} = %s",
                            [encrypt(value), cpr_hash(value), row_id])


def decrypt_existing(apps, schema_editor):
    from forebyg.security.crypto import TOKEN_PREFIX, decrypt

    with schema_editor.connection.cursor() as cur:
        for table, pk in TABLES:
            cur.execute(f"SELECT {pk}, cpr FROM {table} WHERE cpr IS NOT NULL")
            for row_id, value in cur.fetchall():
                if value.startswith(TOKEN_PREFIX):
                    cur.execute(f"UPDATE {table} SET cpr = %s, cpr_hash = NULL WHERE {pk} = %s",
                                [decrypt(value), row_id])


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='child',
            name='cpr',
            field=forebyg.security.crypto.EncryptedCprField(blank=True, max_length=200, null=True, verbose_name='CPR number'),
        ),
        migrations.AlterField(
            model_name='historicalchild',
            name='cpr',
            field=forebyg.security.crypto.EncryptedCprField(blank=True, max_length=200, null=True, verbose_name='CPR number'),
        ),
        migrations.AddField(
            model_name='child',
            name='cpr_hash',
            field=forebyg.security.crypto.CprHashField(db_index=True, source='cpr'),
        ),
        migrations.AddField(
            model_name='historicalchild',
            name='cpr_hash',
            field=forebyg.security.crypto.CprHashField(db_index=True, source='cpr'),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing),
    ]
