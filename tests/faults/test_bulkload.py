# SPDX-License-Identifier: MPL-2.0
"""The import's bulk load stores exactly what the ORM would: the same file imported through
`bulk_create_with_history` (the reference) and through `forebyg import` gives the same values in
every column of every table and its version history (creation times aside)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django_scopes import scopes_disabled
from simple_history.utils import bulk_create_with_history

from forebyg.accounts.models import User
from forebyg.cases.models import TYPE_MODELS, Notification
from forebyg.cases.selectors.records import FIELDS, to_python
from forebyg.cases.services.interchange import _import_staff, interchange_import
from forebyg.domain.interchange import parse_lines
from forebyg.domain.interchange import schema as sx

pytestmark = pytest.mark.django_db
SKIP = {"created_at", "history_date", "history_id"}


@pytest.fixture(scope="module")
def lines() -> list[str]:
    from forebyg.synth import generate

    end = datetime(2025, 12, 1, tzinfo=ZoneInfo("Europe/Copenhagen"))
    records = generate(municipality=101, name="Syntetisk", children=250, start_year=2021, end_year=2025, end=end,
                       seed=5)
    return [json.dumps(r, ensure_ascii=False) for r in records]


def _reference_import(lines: list[str]) -> None:
    """The import as it was before the bulk load: model instances and bulk_create_with_history."""
    by_type = defaultdict(list)
    for record in parse_lines(lines, known_id=lambda t, i: False, exists=lambda t, r: None):
        by_type[record["type"]].append(record)
    for rtype in sx.TYPE_ORDER:
        batch = by_type.get(rtype, [])
        if not batch:
            continue
        if rtype == "staff":
            _import_staff(batch)
            continue
        model = TYPE_MODELS[rtype]
        objs = [model(id=r["id"], **{att: to_python(kind, r[f]) for f, att, kind in FIELDS[rtype] if f in r})
                for r in batch]
        bulk_create_with_history(objs, model, batch_size=500)
        if rtype == "notification":
            through = Notification.children.through
            through.objects.bulk_create([through(notification_id=r["id"], child_id=c) for r in batch
                                         for c in r["children"]])


def _snapshot() -> dict:
    out = {}
    models = [*TYPE_MODELS.values(), Notification.children.through, User]
    models += [m.history.model for m in TYPE_MODELS.values() if hasattr(m, "history")]
    for model in models:
        names = [f.attname for f in model._meta.concrete_fields
                 if f.attname not in SKIP and not (model is Notification.children.through and f.primary_key)
                 and not (model is User and f.attname in ("id", "password", "date_joined"))]
        out[model._meta.label] = sorted(model._base_manager.values_list(*names), key=repr)
    return out


def test_bulk_load_stores_what_the_orm_stores(lines):
    with scopes_disabled():
        with transaction.atomic():
            _reference_import(lines)
            reference = _snapshot()
            transaction.set_rollback(True)
        with transaction.atomic():
            interchange_import(lines=lines)
            loaded = _snapshot()
            transaction.set_rollback(True)
    assert sum(len(rows) for rows in reference.values()) > 2000
    differ = [label for label in reference if reference[label] != loaded[label]]
    assert differ == []
