# SPDX-License-Identifier: MPL-2.0
from datetime import timedelta

import pytest

from forebyg.cases.services import practice
from forebyg.core import clock


@pytest.fixture
def double_dir(settings, tmp_path):
    """Each test its own SF1601 double (its own store, its own local HTTP server)."""
    settings.FOREBYG_SF1601_DOUBLE_DIR = str(tmp_path / "sf1601")
    settings.FOREBYG_DIGITAL_POST = "double"
    settings.FOREBYG_DOCUMENTS_DIR = tmp_path / "documents"
    return tmp_path / "sf1601"


@pytest.fixture
def teacher_notification(users, child, team):
    n = practice.notification_register(
        actor=users["receiving_unit"], received_at=clock.now() - timedelta(hours=3), channel="phone",
        notifier_kind="school", notifier_professional=True, notifier_name="Karen Skovlærer",
        concern="Barnet kommer ofte sultent i skole (syntetisk)", children=[child], team=team)
    practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
    return n
