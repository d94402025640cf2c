# SPDX-License-Identifier: MPL-2.0
"""The audit tables refuse UPDATE and DELETE in the database itself (SQLite and PostgreSQL triggers;
see forebyg/audit/db.py). They are re-created after every migrate as well, because SQLite drops a
table's triggers when a later migration rebuilds the table."""

from django.db import migrations


def create(apps, schema_editor):
    from forebyg.audit.db import create_sql

    with schema_editor.connection.cursor() as cur:  # no parameters: the PL/pgSQL body holds '%'
        for statement in create_sql(schema_editor.connection.vendor):
            cur.execute(statement)


def drop(apps, schema_editor):
    from forebyg.audit.db import drop_sql

    with schema_editor.connection.cursor() as cur:
        for statement in drop_sql(schema_editor.connection.vendor):
            cur.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_access_basis_and_change_origin'),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
