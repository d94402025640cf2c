# SPDX-License-Identifier: MPL-2.0
"""Who may see key figures, see the children behind them, recompute, export, and run the hub."""

import rules

from forebyg.accounts.models import CASE_ROLES, Role

VIEWERS = {Role.MANAGER, Role.ANALYST, Role.TEAM_LEADER}


@rules.predicate
def sees_figures(user):
    return bool(user.is_authenticated and user.is_active and user.municipality_id and user.role in VIEWERS)


@rules.predicate
def sees_children(user):
    """Drill-down to children: roles with access to children's cases (not analysts)."""
    return bool(user.is_authenticated and user.is_active and user.municipality_id and user.role in CASE_ROLES
                and user.role in VIEWERS)


@rules.predicate
def manages(user):
    return bool(user.is_authenticated and user.is_active and user.municipality_id
                and user.role in (Role.MANAGER, Role.ANALYST))


@rules.predicate
def runs_hub(user):
    return bool(user.is_authenticated and user.is_active
                and user.role in (Role.NETWORK_SECRETARIAT, Role.ADMINISTRATOR))


rules.add_perm("keyfigures.view", sees_figures)
rules.add_perm("keyfigures.drilldown", sees_children)
rules.add_perm("keyfigures.recompute", manages)
rules.add_perm("keyfigures.export_aggregates", manages)
rules.add_perm("keyfigures.hub", runs_hub)
# The network comparison, read-only: the hub's users, and the managers and analysts of a municipality,
# for the networks it is a member of (checked per network: forebyg.keyfigures.views_hub). Aggregates only.
rules.add_perm("keyfigures.benchmark", runs_hub | manages)
