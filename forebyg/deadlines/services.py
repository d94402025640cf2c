# SPDX-License-Identifier: MPL-2.0
"""Saving a municipality's deadline settings (a new version each time, audit-logged)."""

from typing import Any

from django.db import transaction

from forebyg.accounts.models import User
from forebyg.cases.services.records import actor_municipality, record_correct, record_create

from .models import DeadlineSettings


@transaction.atomic
def deadline_settings_save(*, actor: User, calendar: dict[str, Any], rules: dict[str, Any]) -> DeadlineSettings:
    municipality_id = actor_municipality(actor)
    row = DeadlineSettings.objects.filter(municipality_id=municipality_id).first()
    if row is None:
        return record_create(actor=actor, model=DeadlineSettings, log_action="deadlines.settings.changed",
                             municipality_id=municipality_id, calendar=calendar, rules=rules)
    return record_correct(actor=actor, obj=row, reason="settings", log_action="deadlines.settings.changed",
                          calendar=calendar, rules=rules)
