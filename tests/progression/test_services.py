# SPDX-License-Identifier: MPL-2.0
"""Progression services on the database: scaling rounds, goal targets and GAS levels, instruments,
the staircase configuration and the flag thresholds. Bad input writes nothing."""

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from forebyg.audit.models import LogEntry
from forebyg.cases import models as cm
from forebyg.core import clock
from forebyg.domain import progression as dp
from forebyg.domain.staircase import Step
from forebyg.progression import models as pm
from forebyg.progression import selectors, services

CPH = ZoneInfo("Europe/Copenhagen")
FIXTURE = (Path(__file__).parents[1] / "domain" / "fixtures" / "instrument_test.json").read_text(encoding="utf-8")
LEVELS = {"-2": "Kommer sjældnere end før", "-1": "Som nu: for sent tre dage om ugen", "0": "Til tiden fire dage om ugen",
          "1": "Til tiden hver dag", "2": "Til tiden hver dag og med madpakke"}

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English here (the pages' Danish is checked in test_pages)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def test_scaling_round_is_recorded_versioned_and_logged(users, story):
    cw = users["caseworker"]
    goal = story.goals[1]
    r = services.scaling_round_record(
        actor=cw, child=story.child, goal=goal, held_at=story.followups[0].held_at, followup=story.followups[0],
        entries=[dp.Entry("child", 4, "", " Jeg kommer før klokken ringer "), {"respondent": "mother", "score": 6,
                                                                               "name": "Anne"}])
    assert r.entries == [{"respondent": "child", "score": 4, "next_step": "Jeg kommer før klokken ringer"},
                         {"respondent": "mother", "score": 6, "name": "Anne"}]
    assert r.by == cw and r.municipality_id == 657
    entry = LogEntry.objects.get(action_type="progression.scaling.recorded")
    assert entry.child_id == story.child.pk
    logged = json.dumps(entry.payload, ensure_ascii=False)
    assert "klokken" not in logged and "Anne" not in logged  # the child's words and names are not logged
    services.scaling_round_correct(actor=cw, scaling_round=r, reason="Forkert score noteret",
                                   entries=[dp.Entry("child", 5), dp.Entry("mother", 6, "Anne")])
    versions = list(r.history.order_by("history_date").values_list("entries", flat=True))
    assert [v[0]["score"] for v in versions] == [4, 5]  # the earlier version stays readable


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"entries": []}, "entries"),
    ({"entries": [{"respondent": "uncle", "score": 3}]}, "entries"),
    ({"entries": [{"respondent": "child", "score": 11}]}, "entries"),
    ({"entries": [{"respondent": "child", "score": 3}, {"respondent": "child", "score": 4}]}, "entries"),
    ({"held_at": "future"}, "held_at"),
    ({"gas_level": 1}, "gas_level"),
])
def test_bad_rounds_are_refused_and_write_nothing(users, story, kwargs, field):
    args = {"actor": users["caseworker"], "child": story.child, "goal": story.goals[0],
            "held_at": datetime(2025, 4, 1, 10, tzinfo=CPH), "entries": [{"respondent": "child", "score": 3}], **kwargs}
    if args["held_at"] == "future":
        args["held_at"] = clock.now() + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.scaling_round_record(**args)
    assert field in exc.value.error_dict
    assert pm.ScalingRound.objects.count() == 0


def test_a_goal_of_another_child_is_refused(users, story):
    from forebyg.cases.services import practice

    other = practice.child_register(actor=users["receiving_unit"], name="Anden Syntetisk", birth_date=story.child.birth_date)
    with pytest.raises(ValidationError) as exc:
        services.scaling_round_record(actor=users["caseworker"], child=other, goal=story.goals[0],
                                      held_at=datetime(2025, 4, 1, 10, tzinfo=CPH),
                                      entries=[{"respondent": "child", "score": 3}])
    assert "goal" in exc.value.error_dict


def test_goal_scale_set_then_corrected_and_gas_rating_allowed(users, story):
    cw = users["caseworker"]
    goal = story.goals[1]
    with pytest.raises(ValidationError):
        services.goal_scale_set(actor=cw, goal=goal, target_score=7, gas_levels={**LEVELS, "2": ""})
    scale = services.goal_scale_set(actor=cw, goal=goal, target_score=7, gas_levels=LEVELS)
    services.goal_scale_set(actor=cw, goal=goal, target_score=8, gas_levels=LEVELS, gas_weight=2)
    scale.refresh_from_db()
    assert (scale.target_score, scale.gas_weight, scale.history.count()) == (8, 2, 2)
    r = services.scaling_round_record(actor=cw, child=story.child, goal=goal, held_at=datetime(2025, 4, 1, 10, tzinfo=CPH),
                                      entries=[{"respondent": "caseworker", "score": 5}], gas_level=-1)
    assert r.gas_level == -1


def test_instrument_load_and_answer_store_scores_with_the_version(users, story, municipality):
    admin, cw = users["administrator"], users["caseworker"]
    row = services.instrument_load(actor=admin, text=FIXTURE)
    assert (row.code, row.version, row.active) == ("test-fixture", "2.1", True)
    with pytest.raises(ValidationError, match="already loaded"):
        services.instrument_load(actor=admin, text=FIXTURE)
    with pytest.raises(ValidationError, match="Forebyg ships"):
        services.instrument_load(actor=admin, text=FIXTURE.replace('"test-fixture"', '"forebyg-trivsel"'))
    with pytest.raises(ValidationError) as exc:
        services.instrument_load(actor=admin, text=FIXTURE.replace('"agree4"', '"agree5"', 1))
    assert "unknown response set 'agree4'" in str(exc.value)
    inst = selectors.instrument_get(municipality.code, "test-fixture", "2.1")
    answer = services.instrument_answer_record(
        actor=cw, child=story.child, instrument=inst, answered_at=datetime(2025, 5, 1, 10, tzinfo=CPH),
        respondent="mother", respondent_name="Anne", answers={"a1": 3, "a2": 1, "a3": 2, "b1": 2, "b2": 0, "c1": None})
    assert answer.instrument_version == "2.1"
    assert answer.scores["total"] == {"value": 12, "band": "high", "answered": 5, "items": 5}
    assert answer.answers == {"a1": 3, "a2": 1, "a3": 2, "b1": 2, "b2": 0}
    with pytest.raises(ValidationError, match="not meant to be answered"):
        services.instrument_answer_record(actor=cw, child=story.child, instrument=inst, answered_at=answer.answered_at,
                                          respondent="child", answers={"a1": 1})
    with pytest.raises(ValidationError, match="not one of the item's response values"):
        services.instrument_answer_record(actor=cw, child=story.child, instrument=inst, answered_at=answer.answered_at,
                                          respondent="mother", answers={"a1": 9})
    services.instrument_set_active(actor=admin, instrument=row, active=False)
    codes = [a.instrument.code for a in selectors.instruments_for(municipality.code)]
    assert codes == ["forebyg-trivsel"]  # retired: not offered, but old answers still show it
    assert selectors.instrument_get(municipality.code, "test-fixture", "2.1") is not None


def test_staircase_configuration_keeps_steps_in_use(users, story, municipality):
    admin = users["administrator"]
    four = [Step(1, "Almen", "Universal", False), Step(2, "Forebyggende", "", False),
            Step(3, "Hjemmebaseret", "", False)]
    with pytest.raises(ValidationError, match="lands on step"):
        services.staircase_configure(actor=admin, steps=four, kind_steps={})
    kinds = {"sel_placement_network": 3, "bl_placement_network": 3, "sel_placement_foster": 3,
             "bl_placement_foster": 3, "sel_placement_institution": 3, "bl_placement_institution": 3}
    with pytest.raises(ValidationError, match="above 3"):  # the story's network placement is on step 4
        services.staircase_configure(actor=admin, steps=four, kind_steps=kinds)
    six = [Step(n, f"Trin {n}", f"Step {n}", n >= 4) for n in range(1, 7)]
    services.staircase_configure(actor=admin, steps=six, kind_steps={"bl_respite": 2})
    config = selectors.staircase_for(municipality.code)
    assert config.name(4) == "Trin 4" and config.name(4, "en") == "Step 4"
    assert config.step_of("bl_respite") == 2 and config.step_of("bl_family_treatment") == 3
    services.staircase_configure(actor=admin, steps=six[:5] + [Step(6, "Døgninstitution", "", True)], kind_steps={})
    assert selectors.staircase_for(municipality.code).name(6) == "Døgninstitution"
    assert pm.StaircaseStep.objects.count() == 6
    assert pm.StaircaseStep.history.filter(number=6).count() == 2


def test_flag_settings_are_saved_and_read(users, municipality, scoped):
    rules = dp.FlagRules(reached_rounds=3, min_increase=0.5, default_target=7)
    services.progression_settings_save(actor=users["manager"], rules=rules, gas_rho=0.2)
    s = selectors.settings_for(municipality.code)
    assert (s.rules, s.rho) == (rules, 0.2)
    with pytest.raises(ValidationError):
        services.progression_settings_save(actor=users["manager"], rules=rules, gas_rho=1.0)


def test_every_interchange_type_has_a_model_and_progression_types_export(users, story):
    from forebyg.cases.models import missing_type_models
    from forebyg.cases.selectors.records import interchange_records

    assert missing_type_models() == set()
    services.scaling_round_record(actor=users["caseworker"], child=story.child, goal=story.goals[0],
                                  held_at=datetime(2025, 4, 1, 10, tzinfo=CPH),
                                  entries=[{"respondent": "child", "score": 3}])
    services.staircase_configure(actor=users["administrator"],
                                 steps=[Step(n, f"Trin {n}", "", n >= 4) for n in range(1, 7)], kind_steps={})
    mine = list(interchange_records(municipalities=[657], child_ids=[story.child.pk],
                                    types=["scaling_round", "staircase_step"]))
    assert [r["type"] for r in mine] == ["scaling_round"]  # configuration is not a child's record
    everything = list(interchange_records(municipalities=[657], types=["staircase_step"]))
    first = next(r for r in everything if r["number"] == 1)
    assert len(everything) == 6 and first["measure_kinds"] == ["bl_early", "sel_early"] and first["name"] == "Trin 1"
    assert cm.Goal.objects.count() == 2


def test_load_instrument_command(users, tmp_path, municipality):
    from django.core.management import CommandError, call_command
    from django_scopes import scopes_disabled

    path = tmp_path / "def.json"
    path.write_text(FIXTURE, encoding="utf-8")
    call_command("load_instrument", str(path), "--check")
    with pytest.raises(CommandError, match="not an administrator"):
        call_command("load_instrument", str(path), "--by", "caseworker")
    call_command("load_instrument", str(path), "--by", "administrator")
    with scopes_disabled():
        assert pm.Instrument.objects.get().municipality_id == municipality.code
    path.write_text(FIXTURE.replace('"scoring": "mean"', '"scoring": "median"'), encoding="utf-8")
    with pytest.raises(CommandError, match="not valid"):
        call_command("load_instrument", str(path), "--check")


def test_new_measures_land_on_the_municipalitys_own_step(users, story):
    from forebyg.cases.services import practice

    six = [Step(n, f"Trin {n}", "", n >= 4) for n in range(1, 7)]
    services.staircase_configure(actor=users["administrator"], steps=six, kind_steps={"bl_contact_person": 3})
    m = practice.measure_decide(actor=users["caseworker"], child=story.child, kind="bl_contact_person",
                                decided_at=datetime(2025, 10, 1, 9, tzinfo=CPH))
    assert m.step == 3
    assert story.measures[2].step == 2  # decided before the change: keeps its step
