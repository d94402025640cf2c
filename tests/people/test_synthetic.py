# SPDX-License-Identifier: MPL-2.0
"""The synthetic register, made from a generated demo's children and families (forebyg.synth.people)."""

from forebyg.domain.cpr import birth_date, is_fake
from forebyg.people.synthetic import SyntheticRegistry, write_register
from forebyg.synth.people import synthetic_register

from .register_data import AS_OF, dashed, demo_children, plain_child, protected_child, register


def test_every_child_with_a_cpr_number_is_in_the_register_with_its_custody_holders():
    persons = register()["persons"]
    for rec in demo_children():
        if not rec.get("cpr"):
            continue
        p = persons[rec["cpr"].replace("-", "")]
        assert p["name"] == rec["name"] and p["birth_date"] == rec["birth_date"]
        assert [persons[n]["name"] for n in p["custody_holders"]] == [h["name"] for h in rec["custody_holders"]]


def test_every_number_is_recognisably_fake_and_matches_the_birth_date():
    for number, p in register()["persons"].items():
        assert is_fake(number) and birth_date(number).isoformat() == p["birth_date"]


def test_the_register_holds_protected_families_deaths_and_moves():
    persons = register()["persons"].values()
    assert any(p["protected"] for p in persons)
    assert any(p["died_on"] for p in persons) and any(p["moved_out"] for p in persons)


def test_a_protected_family_the_mother_and_children_protected_the_father_not_and_living_elsewhere():
    persons = register()["persons"]
    child = protected_child()
    mother, father = (persons[n] for n in child["custody_holders"])
    assert mother["protected"] and not father["protected"]
    assert mother["address"] == child["address"] != father["address"]
    assert all(persons[s]["protected"] for s in child["siblings"])


def test_the_same_children_and_seed_give_the_same_register():
    assert synthetic_register(demo_children(), municipality=657, seed=2024, as_of=AS_OF) == register()
    assert synthetic_register(demo_children(), municipality=657, seed=7, as_of=AS_OF) != register()


def test_the_register_answers_lookups_as_a_person_registry(tmp_path):
    registry = SyntheticRegistry(write_register(tmp_path / "register.json", register()))
    child = plain_child()
    person = registry.lookup(dashed(child["cpr"]))
    assert person.name == child["name"] and not person.protected
    assert [h.name for h in person.custody_holders] == [register()["persons"][n]["name"]
                                                        for n in child["custody_holders"]]
    assert [h.relation for h in person.custody_holders] == ["mother", "father"]
    assert {s.cpr for s in person.siblings} == set(child["siblings"])
    assert registry.lookup("0101019999") is None
