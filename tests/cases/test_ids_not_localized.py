# SPDX-License-Identifier: MPL-2.0
"""USE_THOUSAND_SEPARATOR is on (Danish "28.819"), so an integer printed into a link, an id or a form
value would read "1.234" and break it (#15). Record ids are strings (never grouped); integer keys
printed into attributes go through `unlocalize`."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation

from forebyg.cases import models as m
from forebyg.cases.services import practice
from forebyg.core import clock
from forebyg.security.models import GlassGrant

pytestmark = pytest.mark.django_db


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_a_child_with_a_four_digit_id_gets_working_links(users, scoped, municipality, team):
    """An imported child may have the id "1234": Mine frister, the inbox and the search link to /boern/1234/."""
    child = m.Child.objects.create(id="1234", municipality=municipality, name="Tusind Syntetisk",
                                   registered_at=timezone.now())
    n = practice.notification_register(
        actor=users["receiving_unit"], received_at=clock.now() - timedelta(hours=1), channel="phone",
        notifier_kind="school", notifier_professional=True, concern="Bekymring (syntetisk)", children=[child],
        team=team)
    practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
    pages = {"/frister/": users["caseworker"], "/underretninger/": users["receiving_unit"],
             "/boern/?q=Tusind": users["receiving_unit"]}
    for path, user in pages.items():
        with translation.override("da"):
            page = _client(user).get(path, HTTP_ACCEPT_LANGUAGE="da").content.decode()
        links = re.findall(r'href="(/boern/[^"/]*/)"', page)
        assert "/boern/1234/" in links, (path, links)
        assert "/boern/1.234/" not in page, path
    assert _client(users["caseworker"]).get("/boern/1234/").status_code == 200


def test_an_integer_key_in_a_form_label_is_not_grouped(users, team, scoped):
    """The team leader's review of stated reasons: grant 1234's select is labelled "outcome-1234"."""
    grant = GlassGrant.objects.create(id=1234, user=users["caseworker"], child_id="x", reason_kind="legal",
                                      reason_text="Klagesag i Ankestyrelsen", granted_at=timezone.now(),
                                      expires_at=timezone.now() + timedelta(hours=8),
                                      municipality_id=users["caseworker"].municipality_id)
    with translation.override("da"):
        page = _client(users["team_leader"]).get("/sikkerhed/adgang/gennemgang/", HTTP_ACCEPT_LANGUAGE="da")
    text = page.content.decode()
    assert f'id="outcome-{grant.pk}"' in text and 'for="outcome-1234"' in text and "outcome-1.234" not in text
