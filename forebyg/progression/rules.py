# SPDX-License-Identifier: MPL-2.0
"""Who may see the progression team view, the instruments, and change the configuration.
A child's progression itself is read under `cases.view_child` and written under `cases.casework`."""

import rules

from forebyg.accounts.models import CASE_ROLES, Role


@rules.predicate
def team_view(user):
    return bool(user.is_authenticated and user.municipality_id
                and user.role in (Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER))


@rules.predicate
def in_case_role(user):
    return bool(user.is_authenticated and user.municipality_id and user.role in CASE_ROLES | {Role.ADMINISTRATOR})


@rules.predicate
def configures(user):
    return bool(user.is_authenticated and user.municipality_id and user.role in (Role.ADMINISTRATOR, Role.MANAGER))


rules.add_perm("progression.view_team", team_view)
rules.add_perm("progression.view_instruments", in_case_role)
rules.add_perm("progression.configure", configures)
