# SPDX-License-Identifier: MPL-2.0
"""Progression records. Like the case records, field names follow the interchange format
(docs/interchange.md) one to one; every record is scoped to its municipality and versioned.

`StaircaseStep`, `GoalScale`, `ScalingRound` and `InstrumentAnswer` are interchange
record types. `Instrument` (a municipality's own, possibly licensed, questionnaire) and
`ProgressionSettings` (the team-view thresholds) are configuration and stay out of the
format: a licensed instrument's wording must not travel in export files.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from forebyg.cases.models import Child, FollowUp, Goal, NetworkMeeting, staff_fk
from forebyg.core.models import Record
from forebyg.domain.progression import RESPONDENTS

RESPONDENT_LABELS = {
    "child": _("The child"), "mother": _("Mother"), "father": _("Father"), "parent": _("Other parent or custody holder"),
    "caseworker": _("Caseworker"), "school": _("School"), "daycare": _("Daycare"), "provider": _("Provider of the measure"),
    "professional": _("Other professional"), "network": _("Someone in the child's network"), "other": _("Other"),
}
RESPONDENT_CHOICES = [(k, RESPONDENT_LABELS[k]) for k in RESPONDENTS]


class StaircaseStep(Record):
    """One step of the municipality's own intervention staircase. Without any, the six default
    steps apply (forebyg.domain.staircase.DEFAULT_STEPS)."""

    number = models.PositiveSmallIntegerField(verbose_name=_("step"))
    name = models.CharField(max_length=200, verbose_name=_("name (Danish)"))
    name_en = models.CharField(max_length=200, null=True, blank=True, verbose_name=_("name (English)"))
    placement = models.BooleanField(default=False, verbose_name=_("placement outside the home"))
    measure_kinds = models.JSONField(default=list, blank=True, verbose_name=_("measure kinds on this step"))

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["municipality", "number"], name="one_staircase_step_per_number")]


class GoalScale(Record):
    """How progress on a goal is measured: the scaling level that counts as reached, and the
    goal's five GAS outcome levels described in advance."""

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="scales")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="goal_scales")
    set_at = models.DateTimeField(verbose_name=_("set"))
    target_score = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("target score (0-10)"))
    gas_weight = models.DecimalField(max_digits=6, decimal_places=2, default=1, verbose_name=_("GAS weight"))
    gas_levels = models.JSONField(null=True, blank=True, verbose_name=_("GAS outcome levels"))
    by = staff_fk()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["goal"], name="one_scale_per_goal")]


class ScalingRound(Record):
    """One goal scaled 0-10 on one occasion by one or more respondents (entries), at a
    follow-up or a network meeting, optionally with the GAS level reached."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="scaling_rounds")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="scaling_rounds", verbose_name=_("goal"))
    held_at = models.DateTimeField(verbose_name=_("held"))
    entries = models.JSONField(default=list, verbose_name=_("scores"))
    followup = models.ForeignKey(FollowUp, null=True, blank=True, on_delete=models.PROTECT, related_name="scaling_rounds",
                                 verbose_name=_("follow-up"))
    network_meeting = models.ForeignKey(NetworkMeeting, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="scaling_rounds", verbose_name=_("network meeting"))
    gas_level = models.SmallIntegerField(null=True, blank=True, verbose_name=_("GAS level reached"))
    note = models.TextField(null=True, blank=True, verbose_name=_("note"))
    by = staff_fk()

    class Meta:
        ordering = ["held_at", "id"]
        indexes = [models.Index(fields=["child", "held_at"])]


class Instrument(Record):
    """A questionnaire definition loaded by the municipality (JSON, docs/progression.md).
    The instruments Forebyg ships are read from the package and are not stored here."""

    code = models.CharField(max_length=64, verbose_name=_("code"))
    version = models.CharField(max_length=20, verbose_name=_("version"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    definition = models.JSONField(verbose_name=_("definition"))
    active = models.BooleanField(default=True, verbose_name=_("in use"))

    class Meta:
        ordering = ["code", "version"]
        constraints = [models.UniqueConstraint(fields=["municipality", "code", "version"],
                                               name="one_instrument_version_per_municipality")]


class InstrumentAnswer(Record):
    """One respondent's answers to one instrument version, with the scores computed when
    recorded (instrument and version are stored as text: the definition may be licensed
    and is not part of the interchange format)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="instrument_answers")
    instrument = models.CharField(max_length=64, verbose_name=_("instrument"))
    instrument_version = models.CharField(max_length=20, verbose_name=_("version"))
    answered_at = models.DateTimeField(verbose_name=_("answered"))
    respondent = models.CharField(max_length=20, choices=RESPONDENT_CHOICES, verbose_name=_("respondent"))
    respondent_name = models.CharField(max_length=200, null=True, blank=True, verbose_name=_("respondent's name"))
    answers = models.JSONField(default=dict, verbose_name=_("answers"))
    scores = models.JSONField(default=dict, blank=True, verbose_name=_("scores"))
    by = staff_fk()

    class Meta:
        ordering = ["answered_at", "id"]


class ProgressionSettings(Record):
    """The team-view flag thresholds of a municipality (forebyg.domain.progression.FlagRules)
    and the GAS correlation rho."""

    flag_rules = models.JSONField(default=dict, blank=True, verbose_name=_("flag rules"))
    gas_rho = models.DecimalField(max_digits=3, decimal_places=2, default=0.3, verbose_name=_("GAS rho"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality"], name="one_progression_settings_per_municipality")]
