# SPDX-License-Identifier: MPL-2.0
"""Fixtures: the small hand-built interchange file imported into the database, its population,
the figures computed as of the end of 2024, and a network with members for the hub."""

from datetime import date, datetime
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data" / "small.jsonl"
AS_OF = datetime.fromisoformat("2024-12-31T23:59:59+01:00")


@pytest.fixture(autouse=True)
def _english_and_keys(settings, tmp_path):
    settings.LANGUAGE_CODE = "en"
    settings.FOREBYG_KEYFIGURES_KEY_DIR = tmp_path / "keys"


@pytest.fixture
def small(db, municipality, users):
    from forebyg.cases.services.interchange import interchange_import
    from forebyg.domain.keyfigures.population import Population
    from forebyg.keyfigures.services import keyfigures_refresh, population_load

    with open(DATA, encoding="utf-8") as fh:
        interchange_import(lines=fh)
    population_load(population=Population(
        {(657, 2023): 1000, (657, 2024): 1000},
        {(657, "kf-D1", y): 400 for y in (2023, 2024)} | {(657, "kf-D2", y): 600 for y in (2023, 2024)}),
        source="test")
    keyfigures_refresh(municipality_id=657, as_of=AS_OF, granularities=["year"], draw=False)
    return municipality


@pytest.fixture
def secretariat(db):
    from forebyg.accounts.models import User

    return User.objects.create_user(username="sekretariat", password="pw", role="network_secretariat",
                                    full_name="Sekretariatet")


@pytest.fixture
def network(db, municipality, other_municipality):
    from forebyg.network.models import Group, Membership, Network

    net = Network.objects.create(key="kf-test", name="Testnetværket", kind="partnership")
    east = Group.objects.create(network=net, name="Klynge Vest", chair=municipality)
    Membership.objects.create(network=net, municipality=municipality, group=east, role="partnership",
                              valid_from=date(2016, 9, 7))
    Membership.objects.create(network=net, municipality=other_municipality, group=east, role="reference",
                              valid_from=date(2016, 9, 7))
    return net
