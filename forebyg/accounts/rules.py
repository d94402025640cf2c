# SPDX-License-Identifier: MPL-2.0
"""Who may do what (django-rules). Objects are always checked against the user's municipality."""

import rules

from .models import CASE_ROLES, Role


@rules.predicate
def has_case_role(user):
    return bool(user.is_authenticated and user.is_active and user.municipality_id and user.role in CASE_ROLES)


@rules.predicate
def same_municipality(user, obj):
    return obj is not None and getattr(obj, "municipality_id", None) == user.municipality_id


def _role(*roles):
    @rules.predicate(name=f"role_in_{'_'.join(roles)}")
    def check(user):
        return bool(user.is_authenticated and user.role in roles)

    return check


is_receiving = _role(Role.RECEIVING_UNIT, Role.TEAM_LEADER)
is_leader = _role(Role.TEAM_LEADER)
is_caseworker = _role(Role.CASEWORKER, Role.TEAM_LEADER)

rules.add_perm("cases.view_child", has_case_role & same_municipality)
rules.add_perm("cases.view_worklists", has_case_role)
rules.add_perm("cases.register_notification", has_case_role & is_receiving)
rules.add_perm("cases.assign", has_case_role & is_leader)
rules.add_perm("cases.casework", has_case_role & is_caseworker)
rules.add_perm("cases.register_child", has_case_role & (is_receiving | is_caseworker))

# --- Issue #4: supervision, access review, data-subject requests, configuration ----------------
is_manager = _role(Role.MANAGER)
is_administrator = _role(Role.ADMINISTRATOR)


@rules.predicate
def in_municipality(user):
    return bool(user.is_authenticated and user.is_active and user.municipality_id)


# Team leaders supervise their team, managers the whole municipality (forebyg.security.supervision).
rules.add_perm("audit.supervise", in_municipality & (is_leader | is_manager))
rules.add_perm("security.review_glass", in_municipality & (is_leader | is_manager))
rules.add_perm("security.dsar", has_case_role & (is_leader | is_manager))
# Administrators: users and configuration, no case content.
rules.add_perm("accounts.manage_users", in_municipality & is_administrator)
rules.add_perm("security.configure", in_municipality & is_administrator)
rules.add_perm("security.retention", in_municipality & (is_administrator | is_manager))

# Correcting a notification's registration (issue #15): the receiving unit that registered it, and
# the caseworker or team leader who finds a wrong notifier, time or child while working on it.
rules.add_perm("cases.correct_notification", has_case_role & (is_receiving | is_caseworker))
