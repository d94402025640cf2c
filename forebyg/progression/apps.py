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
        from forebyg.audit.registry import ACTIONS as AUDIT_ACTIONS
        from forebyg.audit.services import REDACTED_FIELDS
        from forebyg.cases.models import register_type_model
        from forebyg.cases.views.child import CHILD_ACTIONS

        from . import models as pm

        for name, label in ACTIONS.items():
            AUDIT_ACTIONS.setdefault(name, label)
        # Personal free text in progression records stays out of the change log's payloads.
        REDACTED_FIELDS.update({"next_step", "respondent_name", "gas_levels"})
        register_type_model("staircase_step", pm.StaircaseStep, organisation=True)
        register_type_model("goal_scale", pm.GoalScale)
        register_type_model("scaling_round", pm.ScalingRound)
        register_type_model("instrument_answer", pm.InstrumentAnswer)
        # New measures land on the municipality's own step for their kind.
        from forebyg.cases.services import practice

        from .selectors import staircase_for

        practice.municipality_steps = lambda code: dict(staircase_for(code).kind_steps)
        from forebyg.cases import forms as case_forms

        case_forms.staircase_config_for = staircase_for  # step names in the measure form's choices
        # Scaling rounds and questionnaire answers on the child's timeline.
        from forebyg.cases.selectors.child import CHILD_PAGE_PREFETCH, TIMELINE_SOURCES

        from .selectors import child_page_reads, timeline_events

        if timeline_events not in TIMELINE_SOURCES:
            TIMELINE_SOURCES.append(timeline_events)
            CHILD_PAGE_PREFETCH.append(child_page_reads)
        # The main menu: the team view for those who follow children, the settings for administrators.
        from forebyg.accounts.context import NAV
        from forebyg.accounts.models import Role

        for role in (Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER):
            if not any(name == "progression_team" for name, _label in NAV.get(role, [])):
                NAV[role] = [*NAV.get(role, []), ("progression_team", _("Progression"))]
        if not any(name == "progression_settings" for name, _label in NAV.get(Role.ADMINISTRATOR, [])):
            NAV[Role.ADMINISTRATOR] = [*NAV.get(Role.ADMINISTRATOR, []),
                                       ("progression_settings", _("Progression settings"))]
        # "Record scaling round" in the child page's actions, run by the generic child action view.
        from .forms import ScalingRoundForm
        from .services import scaling_round_record

        CHILD_ACTIONS.setdefault("scaling", (
            ScalingRoundForm,
            lambda u, c, d, o: scaling_round_record(actor=u, child=c, **ScalingRoundForm.service_args(d)),
            _("Record scaling round"), None))
