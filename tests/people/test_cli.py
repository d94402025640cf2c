# SPDX-License-Identifier: MPL-2.0
"""`forebyg cpr lookup CPR [--format json]` against the configured (synthetic) register."""

import json

import pytest

from forebyg.cli import main
from forebyg.people.models import RegisterLookup

from .register_data import dashed, plain_child, protected_child

pytestmark = pytest.mark.django_db


def test_lookup_prints_the_custody_holders(capsys, synthetic_register, municipality):
    persons = synthetic_register["persons"]
    child = plain_child()
    assert main(["cpr", "lookup", dashed(child["cpr"])]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{child['name']} ({child['cpr'][:6]}-****)")
    for number, relation in zip(child["custody_holders"], ("mother", "father"), strict=True):
        assert f"    {persons[number]['name']} ({relation}), {persons[number]['address']['street']}" in out
    log = RegisterLookup.objects.get()
    assert (log.user, log.purpose, log.outcome) == (None, "operator lookup", "found")


def test_json_output_hides_a_protected_address(capsys, synthetic_register, municipality):
    child = protected_child()
    assert main(["cpr", "lookup", child["cpr"], "--format", "json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["protected"] and data["address"] == "(protected address: not shown)"
    assert [h["name"] for h in data["custody_holders"]] == [synthetic_register["persons"][n]["name"]
                                                           for n in child["custody_holders"]]
    assert child["address"]["street"] not in out and child["cpr"] not in out


def test_an_unknown_number_and_a_bad_number(capsys, synthetic_register, municipality):
    assert main(["cpr", "lookup", "010101-9999"]) == 1
    assert "no person with this CPR number" in capsys.readouterr().err
    assert main(["cpr", "lookup", "12345"]) == 2
    assert "10 digits" in capsys.readouterr().err
