# SPDX-License-Identifier: MPL-2.0
"""Fixtures for the network tests: a fixed clock, a secretariat user, a small capped network."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from forebyg.core import clock

CPH = ZoneInfo("Europe/Copenhagen")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=CPH)


@pytest.fixture
def now(monkeypatch):
    """The clock, fixed at T0; call now.set(moment) to move it."""

    class Clock:
        value = T0

        def set(self, moment):
            self.value = moment

    c = Clock()
    monkeypatch.setattr(clock, "now", lambda: c.value)
    return c


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FOREBYG_BASE_URL = "https://forebyg.example"
    settings.LANGUAGE_CODE = "en"  # assertions use the English source strings
    return settings.MEDIA_ROOT


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the e-mails) as if the test transaction had committed."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def mun(db):
    from forebyg.core.models import Municipality

    return {x.name: x for x in Municipality.objects.all()}


@pytest.fixture
def secretariat(db):
    from forebyg.accounts.models import User

    return User.objects.create_user(username="sekretariat", password="pw", role="network_secretariat",
                                    full_name="Sekretariatet")


@pytest.fixture
def network(secretariat, now, mun):
    """A reference network: at most 2 member municipalities (partnership not counted), 2 persons each."""
    from forebyg.network.services import structure as s

    net = s.network_create(actor=secretariat, name="Testnetværk", kind="reference", purpose="Syntetisk",
                           organisers="Socialstyrelsen", starts_on=date(2026, 1, 1), ends_on=date(2027, 6, 30),
                           max_member_municipalities=2, max_participants_per_municipality=2)
    east = s.group_create(actor=secretariat, network=net, name="Klynge Øst", chair=mun["København"])
    west = s.group_create(actor=secretariat, network=net, name="Klynge Vest", chair=mun["Herning"])
    s.membership_add(actor=secretariat, network=net, municipality=mun["København"], role="chair",
                     valid_from=date(2026, 1, 1), group=east)
    s.membership_add(actor=secretariat, network=net, municipality=mun["Herning"], role="partnership",
                     valid_from=date(2026, 1, 1), group=west)
    net.east, net.west = east, west
    return net


@pytest.fixture
def people(network, secretariat, mun):
    from forebyg.network.services import structure as s

    def add(m, name):
        return s.participant_add(actor=secretariat, network=network, municipality=mun[m], name=name,
                                 email=f"{name.split()[0].lower()}@{m.lower()}.kommune.example", title="Teamleder")

    return {"anna": add("København", "Anna Testesen"), "bo": add("København", "Bo Prøvesen"),
            "carl": add("Herning", "Carl Eksempel")}


@pytest.fixture
def event(network, secretariat):
    from forebyg.network.services import events as e

    return e.event_create(actor=secretariat, network=network, kind="network_meeting", title="Netværksmøde 1",
                          starts_at=datetime(2026, 4, 14, 10, 0, tzinfo=CPH),
                          ends_at=datetime(2026, 4, 14, 15, 0, tzinfo=CPH), place="Odense", capacity=1,
                          agenda="Velkomst; barnets progression, opfølgning")


@pytest.fixture
def token_for():
    from forebyg.network.services.common import link_issue

    return lambda participant, **kw: link_issue(participant=participant, **kw)
