# SPDX-License-Identifier: MPL-2.0
"""Who may see a protected address (navne- og adressebeskyttelse): the caseworkers and team leaders,
who work the child's case; not the receiving unit, managers, analysts or administrators. On a child's
page, only on the basis `own` or `team` as well (forebyg.people.policy)."""

import rules

from forebyg.accounts.rules import has_case_role, is_caseworker

rules.add_perm("people.view_protected_address", has_case_role & is_caseworker)
