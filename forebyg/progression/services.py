# SPDX-License-Identifier: MPL-2.0
"""Writing progression records: scaling rounds, goals' targets and GAS levels, instrument
definitions and answers, the municipality's staircase and flag thresholds. Each service
checks its input with the domain core, writes in one transaction and logs the change."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forebyg.audit.services import log_change
from forebyg.cases import models as cm
from forebyg.cases.services.records import actor_municipality, record_correct, record_create
from forebyg.core import clock
from forebyg.domain import gas, instruments
from forebyg.domain import progression as dp
from forebyg.domain.staircase import Step
from forebyg.domain.staircase_path import StaircaseConfig, config_to_records

from . import models as pm

if TYPE_CHECKING:
    from forebyg.accounts.models import User

ENTRY_MESSAGES = {
    "no_entries": gettext_lazy("Give at least one score."),
    "unknown_respondent": gettext_lazy("Choose who gave the score."),
    "score_range": gettext_lazy("A score is a whole number from 0 to 10."),
    "duplicate_respondent": gettext_lazy("The same respondent is listed twice; give each parent or professional "
                                         "their own name."),
}


def _entry_errors(entries: list[dp.Entry]) -> None:
    problems = dp.validate_entries(entries)
    if problems:
        raise ValidationError({"entries": [str(ENTRY_MESSAGES[code]) for _i, code in problems]})


def _as_entries(entries: Iterable[dp.Entry | Mapping[str, Any]]) -> list[dp.Entry]:
    return [e if isinstance(e, dp.Entry) else dp.entries_from_json([dict(e)])[0] for e in entries]


@transaction.atomic
def scaling_round_record(*, actor: User, child: cm.Child, goal: cm.Goal, held_at: datetime,
                         entries: Iterable[dp.Entry | Mapping[str, Any]], followup: cm.FollowUp | None = None,
                         network_meeting: cm.NetworkMeeting | None = None, gas_level: int | None = None,
                         note: str | None = None) -> pm.ScalingRound:
    """Record one goal's scaling on one occasion (a follow-up or network meeting, or neither)."""
    items = _as_entries(entries)
    if goal.child_id != child.pk:
        raise ValidationError({"goal": _("The goal belongs to another child.")})
    if held_at > clock.now():
        raise ValidationError({"held_at": _("A scaling round cannot be in the future.")})
    if child.birth_date is not None and clock.local_date(held_at) < child.birth_date:
        raise ValidationError({"held_at": _("The date is before the child was born.")})
    if followup is not None and followup.child_id != child.pk:
        raise ValidationError({"followup": _("The follow-up belongs to another child.")})
    if network_meeting is not None and network_meeting.child_id != child.pk:
        raise ValidationError({"network_meeting": _("The network meeting belongs to another child.")})
    if gas_level is not None:
        if gas_level not in gas.LEVELS:
            raise ValidationError({"gas_level": _("A GAS level is one of -2, -1, 0, +1, +2.")})
        scale = pm.GoalScale.objects.filter(goal=goal).first()
        if scale is None or not scale.gas_levels:
            raise ValidationError({"gas_level": _("Describe the goal's five GAS levels before rating it.")})
    _entry_errors(items)
    return record_create(actor=actor, model=pm.ScalingRound, log_action="progression.scaling.recorded",
                         municipality_id=actor_municipality(actor), child=child, goal=goal, held_at=held_at,
                         entries=dp.entries_to_json(items), followup=followup, network_meeting=network_meeting,
                         gas_level=gas_level, note=(note or "").strip() or None, by=actor)


COMMON_FIELDS = ("held_at", "followup", "network_meeting")


class RoundsRefused(ValidationError):
    """Some goals of a "scale every goal" round were refused: `by_goal` maps a goal's id to its messages."""

    def __init__(self, by_goal: dict[str, list[str]]):
        super().__init__([m for msgs in by_goal.values() for m in msgs])
        self.by_goal = by_goal


@transaction.atomic
def scaling_rounds_record(*, actor: User, child: cm.Child, held_at: datetime, rounds: Iterable[Mapping[str, Any]],
                          followup: cm.FollowUp | None = None,
                          network_meeting: cm.NetworkMeeting | None = None) -> list[pm.ScalingRound]:
    """Scale several goals on one occasion ("Skaler alle mål"): one round per goal, all in one
    transaction. A refusal on any goal saves nothing; RoundsRefused names the goals refused."""
    saved, by_goal = [], {}
    for r in rounds:
        try:
            saved.append(scaling_round_record(actor=actor, child=child, goal=r["goal"], held_at=held_at,
                                              entries=r["entries"], followup=followup,
                                              network_meeting=network_meeting, gas_level=r.get("gas_level"),
                                              note=r.get("note")))
        except ValidationError as exc:
            common = {k: v for k, v in getattr(exc, "error_dict", {}).items() if k in COMMON_FIELDS}
            if common:  # the same for every goal: say it once, at the field
                raise ValidationError(common) from exc
            by_goal[r["goal"].pk] = exc.messages
    if by_goal:
        raise RoundsRefused(by_goal)
    if not saved:
        raise ValidationError(_("Give at least one score."))
    return saved


@transaction.atomic
def scaling_round_correct(*, actor: User, scaling_round: pm.ScalingRound, reason: str, **fields: Any) -> pm.ScalingRound:
    """Correct a round; the earlier version stays in its history."""
    if "entries" in fields:
        items = _as_entries(fields["entries"])
        _entry_errors(items)
        fields["entries"] = dp.entries_to_json(items)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the round is corrected.")})
    return record_correct(actor=actor, obj=scaling_round, reason=reason, log_action="progression.scaling.corrected",
                          **fields)


@transaction.atomic
def goal_scale_set(*, actor: User, goal: cm.Goal, target_score: int | None, gas_levels: Mapping[str, str] | None,
                   gas_weight: Decimal | float = 1) -> pm.GoalScale:
    """Set (or correct) a goal's target score and its GAS outcome levels."""
    if target_score is not None and not dp.SCORE_MIN <= target_score <= dp.SCORE_MAX:
        raise ValidationError({"target_score": _("The target is a score from 0 to 10.")})
    levels = {k: v.strip() for k, v in (gas_levels or {}).items() if v and v.strip()}
    if levels and gas.validate_levels(levels):
        raise ValidationError({"gas_levels": _("Describe all five GAS levels, from -2 to +2, or none of them.")})
    weight = Decimal(str(gas_weight))
    if not Decimal("0") < weight <= Decimal("100"):
        raise ValidationError({"gas_weight": _("The weight is a positive number (1 unless a goal matters more).")})
    existing = pm.GoalScale.objects.filter(goal=goal).first()
    values = {"target_score": target_score, "gas_levels": levels or None, "gas_weight": weight}
    if existing is not None:
        return record_correct(actor=actor, obj=existing, reason="goal scale changed",
                              log_action="progression.goal_scale.set", set_at=clock.now(), by=actor, **values)
    return record_create(actor=actor, model=pm.GoalScale, log_action="progression.goal_scale.set",
                         municipality_id=actor_municipality(actor), goal=goal, child_id=goal.child_id,
                         set_at=clock.now(), by=actor, **values)


# -- instruments ---------------------------------------------------------------------

def _instrument_messages(exc: instruments.InstrumentError) -> list[str]:
    return [_("Definition: %(problem)s") % {"problem": p} for p in exc.problems[:20]]


@transaction.atomic
def instrument_load(*, actor: User, text: str) -> pm.Instrument:
    """Load a municipality's own instrument definition (e.g. a licensed questionnaire)."""
    try:
        inst = instruments.loads(text)
    except instruments.InstrumentError as exc:
        raise ValidationError({"definition": _instrument_messages(exc)}) from exc
    if any(s.code == inst.code for s in instruments.shipped()):
        raise ValidationError({"definition": _("The code %(code)s belongs to an instrument Forebyg ships; "
                                               "choose another code.") % {"code": inst.code}})
    if pm.Instrument.objects.filter(code=inst.code, version=inst.version).exists():
        raise ValidationError({"definition": _("Version %(version)s of %(code)s is already loaded; give the changed "
                                               "definition a new version.") % {"version": inst.version,
                                                                               "code": inst.code}})
    return record_create(actor=actor, model=pm.Instrument, log_action="progression.instrument.loaded",
                         municipality_id=actor_municipality(actor), code=inst.code, version=inst.version,
                         name=instruments.text_in(inst.name, "da")[:200], definition=dict(inst.definition))


def instrument_set_active(*, actor: User, instrument: pm.Instrument, active: bool) -> pm.Instrument:
    return record_correct(actor=actor, obj=instrument, reason="in use" if active else "retired",
                          log_action="progression.instrument.changed", active=active)


@transaction.atomic
def instrument_answer_record(*, actor: User, child: cm.Child, instrument: instruments.Instrument, answered_at: datetime,
                             respondent: str, answers: Mapping[str, Any],
                             respondent_name: str | None = None) -> pm.InstrumentAnswer:
    """Record answers and store the scores the domain core computes, with the instrument version."""
    if answered_at > clock.now():
        raise ValidationError({"answered_at": _("The answers cannot be from the future.")})
    if respondent not in dp.RESPONDENTS:
        raise ValidationError({"respondent": _("Choose who answered.")})
    if instrument.respondents and respondent not in instrument.respondents:
        raise ValidationError({"respondent": _("This instrument is not meant to be answered by this respondent.")})
    given = {k: v for k, v in answers.items() if v is not None}
    if not given:
        raise ValidationError({NON_FIELD_ERRORS: _("Answer at least one question.")})
    try:
        scores = instruments.score(instrument, given)
    except instruments.InstrumentError as exc:
        raise ValidationError({NON_FIELD_ERRORS: _instrument_messages(exc)}) from exc
    return record_create(actor=actor, model=pm.InstrumentAnswer, log_action="progression.answer.recorded",
                         municipality_id=actor_municipality(actor), child=child, instrument=instrument.code,
                         instrument_version=instrument.version, answered_at=answered_at, respondent=respondent,
                         respondent_name=(respondent_name or "").strip() or None, answers=given,
                         scores=instruments.scores_to_json(scores), by=actor)


# -- the municipality's staircase and thresholds ------------------------------------------

@transaction.atomic
def staircase_configure(*, actor: User, steps: list[Step], kind_steps: Mapping[str, int]) -> list[pm.StaircaseStep]:
    """Replace the municipality's staircase: every step is written as a new version (or
    created); steps beyond the new last one are refused while measures still use them."""
    config = StaircaseConfig(tuple(steps), dict(kind_steps))
    problems = config.problems()
    if problems:
        raise ValidationError([_("Staircase: %(problem)s") % {"problem": p} for p in problems])
    mid = actor_municipality(actor)
    highest = max(s.number for s in steps)
    if cm.Measure.objects.filter(step__gt=highest).exists():
        raise ValidationError(_("Measures are recorded on steps above %(n)d; keep those steps.") % {"n": highest})
    existing = {s.number: s for s in pm.StaircaseStep.objects.all()}
    out = []
    for body in config_to_records(config):
        row = existing.pop(body["number"], None)
        fields = {k: body[k] for k in ("name", "name_en", "placement", "measure_kinds")}
        if row is None:
            out.append(record_create(actor=actor, model=pm.StaircaseStep, municipality_id=mid,
                                     log_action="progression.staircase.configured", number=body["number"], **fields))
        else:
            out.append(record_correct(actor=actor, obj=row, reason="staircase configured",
                                      log_action="progression.staircase.configured", **fields))
    for row in existing.values():  # no measure is on these steps (checked above); the history keeps them
        log_change(actor=actor, action="progression.staircase.configured", obj=row,
                   payload={"removed_step": row.number})
        row._history_user = actor
        row.delete()
    return out


@transaction.atomic
def progression_settings_save(*, actor: User, rules: dp.FlagRules, gas_rho: float) -> pm.ProgressionSettings:
    if not 0 <= gas_rho < 1:
        raise ValidationError({"gas_rho": _("rho is at least 0 and less than 1.")})
    row = pm.ProgressionSettings.objects.first()
    values = {"flag_rules": rules.to_json(), "gas_rho": Decimal(str(gas_rho))}
    if row is None:
        return record_create(actor=actor, model=pm.ProgressionSettings, log_action="progression.settings.changed",
                             municipality_id=actor_municipality(actor), **values)
    return record_correct(actor=actor, obj=row, reason="settings changed", log_action="progression.settings.changed",
                          **values)
