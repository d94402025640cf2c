# SPDX-License-Identifier: MPL-2.0
"""The municipality's organisation pages: teams, school districts, institutions and the range of
offers. Their changes are versioned and logged like the case records (through the case core's
record services), so the pages sit above the case core; the models and their audit action types
(`core.team.created`, ...) stay with forebyg.core."""

from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "forebyg.organisation"
    label = "organisation"
    verbose_name = "Forebyg organisation"
