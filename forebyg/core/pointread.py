# SPDX-License-Identifier: MPL-2.0
"""One row by a unique field, with the SQL Django compiles for it made once per thread (issue #20).

Every logged-in request reads three rows by their key: the session, the user (with their
municipality) and the second-factor device. Through the ORM each read costs about a millisecond of
CPU, most of it Django building and compiling the same query again (`filter`, `as_sql`); the query
itself is a tenth of that. A `PointRead` compiles the query of `queryset().filter(<field>=value)`
the first time and then runs the same SQL with the new value, and builds the instance exactly as
the ORM's own iterator does (the compiler's converters, `Model.from_db`, the `select_related`
populators). Same SQL, same rows, same instances, one query per read as before. (The child page's
related records are read the same way: forebyg/cases/selectors/related.py.) For unscoped models
only: a django_scopes scope is checked when the query is compiled, not on each read.

What is kept: the SQL text and Django's compiler for it, per thread and database connection — no
row, no value, nothing of a person. Invalidation: none needed, the SQL depends only on the models
(fixed while a process runs) and the database's vendor (one per alias); a connection object of
another alias or thread gets its own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators


class PointRead:
    """`PointRead(lambda: User.objects.all(), "pk").get(5)` is `User.objects.filter(pk=5).first()`
    without ordering (the field is unique and not nullable: at most one row, and none for None)."""

    def __init__(self, queryset: Callable[[], QuerySet], field: str) -> None:
        self._queryset = queryset
        self._field = field
        self._local = threading.local()

    def get(self, value: Any, using: str = "default") -> Model | None:
        if value is None:  # `= NULL` matches nothing; Django would ask `IS NULL` (no row: not nullable)
            return None
        connection = connections[using]
        compiled = getattr(self._local, "compiled", None)
        if compiled is None or compiled[0] is not connection:
            compiled = self._local.compiled = (connection, *self._compile(value, using))
        _conn, compiler, sql, prep, populate = compiled
        with connection.cursor() as cursor:
            cursor.execute(sql, (prep(value),))
            rows = cursor.fetchall()
        for row in compiler.results_iter([rows]):
            return populate(row, using)
        return None

    def _compile(self, value: Any, using: str):
        qs = self._queryset().using(using).filter(**{self._field: value})
        compiler = qs.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        field = qs.model._meta.pk if self._field == "pk" else qs.model._meta.get_field(self._field)
        connection = connections[using]

        def prep(v):  # what the `exact` lookup does with the value (Field.get_db_prep_lookup)
            return field.get_db_prep_value(field.get_prep_value(v), connection, prepared=True)

        if field.null or len(params) != 1 or params[0] != prep(value):
            raise ValueError(f"PointRead: {qs.model.__name__}.{self._field} does not compile to one parameter")
        select, klass_info = compiler.select, compiler.klass_info
        model = klass_info["model"]
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        init_list = [f[0].target.attname for f in select[start:end]]
        populators = get_related_populators(klass_info, select, using)  # type: ignore[call-arg]  # Django 5.2: 3 arguments

        def populate(row, db):  # as django.db.models.query.ModelIterable does
            obj = model.from_db(db, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            return obj

        return compiler, sql, prep, populate
