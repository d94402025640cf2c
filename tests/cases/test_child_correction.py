# SPDX-License-Identifier: MPL-2.0
"""A child registered by name only gets its birth date and CPR number later (issue #15): "Ret barnets
oplysninger" with a reason, the earlier version kept; bad input gets a Danish message and changes nothing."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from forebyg.audit.models import LogEntry
from forebyg.cases.services.practice import child_correct, child_register

pytestmark = pytest.mark.django_db


def _text(r):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r.content.decode()))


@pytest.fixture
def emma(users, scoped):
    return child_register(actor=users["receiving_unit"], name="Emma i 3.b")


def test_the_birth_date_and_cpr_number_are_added_later_and_the_name_only_version_is_kept(client, users, emma):
    client.force_login(users["receiving_unit"])
    with translation.override("da"):
        page = _text(client.get(reverse("child_correct", args=[emma.pk]), HTTP_ACCEPT_LANGUAGE="da"))
        assert "Ret barnets oplysninger" in page
        r = client.post(reverse("child_correct", args=[emma.pk]),
                        {"name": "Emma Syntetisk", "birth_date": "", "cpr": "620517-4129",
                         "reason": "Skolen har sendt CPR-nummeret"}, HTTP_ACCEPT_LANGUAGE="da")
    assert r.status_code == 302, _text(r)[-600:]
    emma.refresh_from_db()
    assert (emma.name, str(emma.birth_date), emma.cpr) == ("Emma Syntetisk", "2017-05-02", "6205174129")
    old = emma.history.order_by("history_date").first()
    assert (old.name, old.birth_date) == ("Emma i 3.b", None)
    assert LogEntry.objects.filter(action_type="cases.child.corrected", object_id=emma.pk).exists()


@pytest.mark.parametrize("data, message", [
    ({"reason": ""}, "Dette felt er påkrævet."),
    ({"cpr": "620517-4129", "birth_date": "2016-05-02"}, "CPR-nummeret stemmer ikke overens med fødselsdatoen."),
    ({"birth_date": "2099-01-01"}, "Fødselsdatoen kan ikke ligge i fremtiden."),
])
def test_bad_input_gets_a_danish_message_and_changes_nothing(client, users, emma, data, message):
    client.force_login(users["receiving_unit"])
    logged = LogEntry.objects.count()
    with translation.override("da"):
        r = client.post(reverse("child_correct", args=[emma.pk]),
                        {"name": "Emma", "birth_date": "", "cpr": "", "reason": "Rettelse", **data},
                        HTTP_ACCEPT_LANGUAGE="da")
    assert r.status_code == 200 and message in _text(r)
    emma.refresh_from_db()
    assert (emma.name, emma.birth_date, emma.cpr) == ("Emma i 3.b", None, None)
    assert LogEntry.objects.count() == logged


def test_a_known_birth_date_is_not_erased(users, child):
    with pytest.raises(ValidationError):
        child_correct(actor=users["receiving_unit"], child=child, reason="x", name=child.name, birth_date=None)
    child.refresh_from_db()
    assert child.birth_date is not None


def test_the_caseworker_is_asked_for_the_birth_date_and_no_deadline_is_dropped(client, users, emma, team):
    """Deadlines that end at 18 cannot be judged without a birth date: they stay, marked "alder ukendt",
    and the child's page asks for the birth date (#15)."""
    from datetime import timedelta

    from forebyg.cases.services import practice
    from forebyg.core import clock

    n = practice.notification_register(
        actor=users["receiving_unit"], received_at=clock.now() - timedelta(days=40), channel="phone",
        notifier_kind="school", notifier_professional=True, concern="Bekymring (syntetisk)", children=[emma],
        team=team)
    practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
    aware = clock.now() - timedelta(days=39)
    practice.investigation_start(actor=users["caseworker"], child=emma, aware_at=aware, started_at=aware, consent=True)
    client.force_login(users["caseworker"])
    with translation.override("da"):
        text = _text(client.get(reverse("child", args=[emma.pk]), HTTP_ACCEPT_LANGUAGE="da"))
    assert "Fødselsdato ukendt" in text and "Fødselsdatoen er ukendt" in text
    assert "(alder ukendt)" in text  # the investigation's deadline, owed to a child under 18
