# SPDX-License-Identifier: MPL-2.0
"""A letter to the parents gets the custody holder's address from the CPR register (issue #19), but a
protected address (navne- og adressebeskyttelse) is never copied onto a letter nor printed (issue #18)."""

from datetime import date

import pytest

from forebyg.cases.services.practice import child_register
from forebyg.letters import render
from forebyg.letters.services import letter_draft, letterhead_for

pytestmark = pytest.mark.django_db

HOLDERS = [{"name": "Mor Beskyttet", "cpr": "640385-0012"}, {"name": "Far Åben", "cpr": "640380-0015"}]


def _child(users, *, first_protected: bool):
    return child_register(
        actor=users["receiving_unit"], name="Barn Med Forældre", birth_date=date(2015, 3, 4), custody_holders=HOLDERS,
        holder_addresses=[{"name": "Mor Beskyttet", "address": "Skjultvej 7, 7400 Herning", "protected": first_protected},
                          {"name": "Far Åben", "address": "Åbenvej 2, 7400 Herning", "protected": False}])


@pytest.mark.parametrize("protected", [True, False])
def test_a_parent_letter_prints_the_holders_address_only_when_it_is_not_protected(users, scoped, protected):
    child = _child(users, first_protected=protected)
    letter = letter_draft(actor=users["caseworker"], kind="hearing", child=child)
    html = render.letter_html(letter, letterhead_for(letter.municipality_id))
    assert letter.recipient_name == "Mor Beskyttet"
    assert letter.recipient_protected is protected
    if protected:
        assert letter.recipient_address == "" and "Skjultvej" not in html
    else:
        assert letter.recipient_address == "Skjultvej 7, 7400 Herning" and "Skjultvej 7" in html
    assert "Åbenvej" not in html  # never another person's address


def test_a_protected_address_typed_in_by_hand_is_not_printed_for_someone_else(users, scoped):
    child = _child(users, first_protected=False)
    letter = letter_draft(actor=users["caseworker"], kind="hearing", child=child)
    letter.recipient_address, letter.recipient_protected, letter.recipient_cpr = "Skjultvej 7", True, None
    assert render.printable_address(letter) == ""  # protected, and not shown to be the person's own letter
    letter.recipient_cpr = "6403850012"
    assert render.printable_address(letter) == "Skjultvej 7"  # the person's own letter
