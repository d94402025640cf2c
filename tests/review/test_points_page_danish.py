# SPDX-License-Identifier: MPL-2.0
"""The assessment points page in Danish says how each point is decided in Danish, with no file names
or internal references (#15)."""

import re

import pytest
from django.test import Client
from django.utils import translation

from forebyg.domain.review.points import DEFAULT_RULESET
from forebyg.review.notes_da import NOTES_DA

pytestmark = pytest.mark.django_db


def test_every_point_has_a_danish_description():
    assert {p.id for p in DEFAULT_RULESET.points} <= set(NOTES_DA)


def test_the_danish_page_reads_danish(users):
    c = Client()
    c.force_login(users["manager"])
    with translation.override("da"):
        page = c.get("/sagsgennemgang/punkter/", HTTP_ACCEPT_LANGUAGE="da")
    assert page.status_code == 200
    text = re.sub(r"\s+", " ", re.sub(r"<code>.*?</code>", " ", re.sub(r"<(?!/?code)[^>]+>", " ",
                                                                        page.content.decode()), flags=re.S))
    assert "Sådan afgøres det" in text and "Hver underretning om barnet modtaget i perioden." in text
    for english in ("Read from the deadline engine", "in English", "docs/", "seed 004", "Each notification"):
        assert english not in text, english
