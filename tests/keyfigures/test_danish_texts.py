# SPDX-License-Identifier: MPL-2.0
"""The Danish key-figure pages define each figure and name its legal basis in Danish, without file
names or internal references (#15)."""

import html
import re

from django.test import Client
from django.utils import translation

from forebyg.domain.keyfigures.catalogue import INDICATORS
from forebyg.keyfigures.texts_da import LEGAL_DA, WHAT_DA


def _text(r):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r.content.decode())))


def test_every_indicator_has_danish_texts_without_internal_references():
    ids = {i.id for i in INDICATORS}
    assert ids <= set(WHAT_DA) and ids <= set(LEGAL_DA)
    for text in [*WHAT_DA.values(), *LEGAL_DA.values()]:
        assert "docs/" not in text and "seed" not in text.lower() and "deadline rule" not in text


def test_the_danish_drilldown_and_catalogue_read_danish(small, users):
    c = Client()
    c.force_login(users["manager"])
    c.cookies["django_language"] = "da"  # the language switch's cookie (these tests default to English)
    with translation.override("da"):
        drill = _text(c.get("/noegletal/boern/notifications.acute_24h/?period=2024&baseline=2023",
                            HTTP_ACCEPT_LANGUAGE="da"))
        catalogue = _text(c.get("/noegletal/katalog/", HTTP_ACCEPT_LANGUAGE="da"))
    assert WHAT_DA["notifications.acute_24h"] in drill and "The share of notifications" not in drill
    assert "SEL § 155, stk. 2 / BL § 136 (fristen for akutvurdering)" in catalogue
    # The catalogue's English legal links are not shown (its "why", numerator etc. are still English).
    for i in INDICATORS:
        assert i.legal not in catalogue or i.legal in LEGAL_DA[i.id], i.id
