# SPDX-License-Identifier: MPL-2.0
"""Who may see or print an address (forebyg.domain.people), without a database."""

from hypothesis import given
from hypothesis import strategies as st

from forebyg.domain.people import Address, address_in_letter, address_shown

CPR = st.integers(0, 10**10 - 1).map(lambda n: f"{n:010d}")


@given(st.booleans())
def test_an_unprotected_address_is_shown_and_printed_for_anyone(may_see):
    assert address_shown(protected=False, viewer_may_see_protected=may_see)
    assert address_in_letter(protected=False, person_cpr=None, recipient_cpr=None)


def test_a_protected_address_is_shown_only_to_those_who_may_see_it():
    assert address_shown(protected=True, viewer_may_see_protected=True)
    assert not address_shown(protected=True, viewer_may_see_protected=False)


@given(CPR, CPR)
def test_a_protected_address_is_printed_only_in_a_letter_to_the_person_themselves(person, recipient):
    assert address_in_letter(protected=True, person_cpr=person, recipient_cpr=recipient) == (person == recipient)
    assert address_in_letter(protected=True, person_cpr=person, recipient_cpr=f"{person[:6]}-{person[6:]}")


def test_a_protected_address_without_both_numbers_is_not_printed():
    assert not address_in_letter(protected=True, person_cpr="6403154179", recipient_cpr=None)
    assert not address_in_letter(protected=True, person_cpr=None, recipient_cpr=None)


def test_an_address_is_written_as_lines():
    a = Address(street="Birkevej 12", postcode="7400", city="Herning", co_name="Anna Syntetisk")
    assert a.lines() == ("c/o Anna Syntetisk", "Birkevej 12", "7400 Herning")
    assert a.one_line() == "c/o Anna Syntetisk, Birkevej 12, 7400 Herning"
