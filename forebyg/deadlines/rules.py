# SPDX-License-Identifier: MPL-2.0
"""Who may see team deadlines and change the deadline settings."""

import rules

from forebyg.accounts.models import Role


@rules.predicate
def leads_or_manages(user):
    return bool(user.is_authenticated and user.municipality_id and user.role in (Role.TEAM_LEADER, Role.MANAGER))


@rules.predicate
def configures(user):
    return bool(user.is_authenticated and user.municipality_id
                and user.role in (Role.ADMINISTRATOR, Role.MANAGER, Role.TEAM_LEADER))


rules.add_perm("deadlines.view_team", leads_or_manages)
rules.add_perm("deadlines.configure", configures)
