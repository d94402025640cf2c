# SPDX-License-Identifier: MPL-2.0
"""The drill-down counts what the card counts (issue #15: card n = 927, drill-down 1,022): a
notification naming two children is one notification on the card, so it is one in the drill-down
too, though it is listed under each child. Each row names the child's caseworker and team; the
card shows a share's unit once ("50.0 %", not "50.0 % %")."""

import re

from django.test import Client

from forebyg.domain.keyfigures import engine
from forebyg.keyfigures.models import Value

Q = "?period=2024&baseline=2023&unit=municipality"


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_drilldown_count_equals_the_cards_n_for_every_indicator(small, users):
    c = _client(users["manager"])
    cards = {v.indicator: v for v in Value.objects.filter(period="2024", unit_kind="municipality", unit="657",
                                                         result__granularity="year", count__gt=0)
             if v.indicator in engine.BINDINGS}
    assert len(cards) >= 10
    checked = []
    for indicator, card in sorted(cards.items()):
        text = c.get(f"/noegletal/boern/{indicator}/{Q}").content.decode()
        found = re.search(r"(\d+) children?, (\d+) counted, (\d+) in the numerator", text)
        assert found, indicator
        checked.append((indicator, int(found.group(2))))
        assert int(found.group(2)) == card.count, (indicator, found.group(0), card.count)
        if card.numerator is not None and engine.BINDINGS[indicator].agg.name in ("subject_share", "children_share"):
            assert int(found.group(3)) == round(card.numerator), (indicator, found.group(0), card.numerator)
    # The 24-hour share: n1, n2 (naming c2 and c3), n3, n4 are four notifications, not five.
    assert ("notifications.acute_24h", 4) in checked


def test_drilldown_rows_name_caseworker_and_team(small, users):
    text = _client(users["manager"]).get("/noegletal/boern/notifications.acute_24h/" + Q).content.decode()
    assert "<th scope=\"col\">Caseworker</th><th scope=\"col\">Team</th>" in text
    assert "Team Syd" in text


def test_share_card_shows_the_percent_sign_once(small, users):
    text = _client(users["manager"]).get("/noegletal/" + Q).content.decode()
    assert "50.0 %" in text
    assert not re.search(r"%</span> <span class=\"kf-unit\">%", text)
    assert "% %" not in re.sub(r"<[^>]+>", "", text)


def _danish(number: float) -> str:
    """A number as a Danish reader writes it, up to two decimals: 1406580 -> "1.406.580"."""
    text = f"{number:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return text.removesuffix(",00")


def test_danish_pages_group_thousands_with_a_point(small, users, settings):
    settings.LANGUAGE_CODE = "da"
    card = Value.objects.get(indicator="economy.spending_per_child", period="2024", unit_kind="municipality",
                             unit="657", result__granularity="year")
    assert card.numerator > 10_000
    text = _client(users["manager"]).get("/noegletal/" + Q).content.decode()
    assert f"Tæller: {_danish(card.numerator)} · Nævner: 1.000" in text
