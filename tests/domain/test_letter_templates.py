# SPDX-License-Identifier: MPL-2.0
"""The letter template language (issue #18): only the kind's declared {{ field }}s; nothing is executed."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forebyg.domain import letters as dl

RECEIPT = dl.KINDS["receipt"].allowed


@pytest.mark.parametrize("text, code", [
    ("{% load static %}Kære {{ notifier_name }}", "tag"),
    ("{{ notifier_name.__class__ }}", "expression"),
    ("{{ x.__class__ }}", "expression"),
    ("{{ notifier_name|upper }}", "expression"),
    ("{{ reasons }}", "unknown_field"),  # a field of another kind
    ("{# note #}", "comment"),
    ("Kære {{ notifier_name", "unclosed"),
])
def test_anything_but_a_declared_field_is_refused(text, code):
    assert code in {p.code for p in dl.check_template(text, RECEIPT)}
    with pytest.raises(dl.TemplateError):
        dl.render(text, {"notifier_name": "Karen"}, RECEIPT)


def test_fields_are_replaced_by_their_values_as_text():
    out = dl.render("Kære {{notifier_name}}, modtaget {{ received_date }}.",
                    {"notifier_name": "{{ child_name }} <b>", "received_date": "7. december 2026"}, RECEIPT)
    assert out == "Kære {{ child_name }} <b>, modtaget 7. december 2026."  # a value is never read as a template


@given(st.text(alphabet=st.characters(blacklist_characters="{}%#"), max_size=200))
def test_plain_text_is_left_alone(text):
    assert dl.check_template(text, RECEIPT) == []
    assert dl.render(text, {}, RECEIPT) == text
