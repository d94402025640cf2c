# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "progression.scaling.recorded": _("Scaling round recorded"),
    "progression.scaling.corrected": _("Scaling round corrected"),
    "progression.goal_scale.set": _("Goal's target and GAS levels set"),
    "progression.instrument.loaded": _("Instrument definition loaded"),
    "progression.instrument.changed": _("Instrument definition changed"),
    "progression.answer.recorded": _("Instrument answers recorded"),
    "progression.staircase.configured": _("Intervention staircase configured"),
    "progression.settings.changed": _("Progression flag settings changed"),
}


class ProgressionConfig(AppConfig):
    name = "forebyg.progression"
    label = "progression"
    verbose_name = _("Progression")

    def ready(self) -> None:
        from forebyg.accounts.models import Role
        from forebyg.core import extension as x

        from . import models as pm
        from .forms import ScalingRoundForm
        from .selectors import child_page_reads, staircase_for, timeline_events
        from .services import scaling_round_record

        x.register_audit_actions(self.label, ACTIONS)
        # Personal free text in progression records stays out of the change log's payloads.
        x.register_redacted_fields(self.label, {"next_step", "respondent_name", "gas_levels"})
        x.register_record_type(x.RecordType("staircase_step", pm.StaircaseStep, organisation=True,
                                            audit=("progression.staircase.configured",)))
        x.register_record_type(x.RecordType("goal_scale", pm.GoalScale, audit=("progression.goal_scale.set",),
                                            api="/api/v1/goal-scales"))
        x.register_record_type(x.RecordType("scaling_round", pm.ScalingRound, audit=("progression.scaling.recorded",),
                                            api="/api/v1/scaling-rounds"))
        x.register_record_type(x.RecordType("instrument_answer", pm.InstrumentAnswer,
                                            audit=("progression.answer.recorded",)))
        # New measures land on the municipality's own step for their kind; the measure form names the steps.
        x.register_measure_steps(x.MeasureSteps(kind_steps=_kind_steps, staircase=staircase_for))
        # Scaling rounds and questionnaire answers on the child's timeline.
        x.register_timeline_source(x.TimelineSource("progression", timeline_events))
        x.register_child_page_prefetch(x.ChildPagePrefetch("progression", child_page_reads))
        # The main menu: the team view for those who follow children, the settings for administrators.
        x.register_nav(x.NavItem("progression_team", _("Progression"),
                                 roles=(Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER)))
        x.register_nav(x.NavItem("progression_settings", _("Progression settings"), roles=(Role.ADMINISTRATOR,)))
        # "Record scaling round" in the child page's actions, run by the generic child action view.
        x.register_child_action(x.ChildAction(
            "scaling", _("Record scaling round"), ScalingRoundForm,
            lambda c: scaling_round_record(actor=c.actor, child=c.child, **ScalingRoundForm.service_args(c.data)),
            form_kwargs=lambda request, child: {"child": child, "query": request.GET},
            template=ScalingRoundForm.page_template))


def _kind_steps(municipality_code: int) -> dict[str, int]:
    from .selectors import staircase_for

    return dict(staircase_for(municipality_code).kind_steps)
