# SPDX-License-Identifier: MPL-2.0
"""Who may do what in the case review (django-rules, autodiscovered).

Team leaders and managers run reviews, read them, override findings and turn
not-met findings into tasks; a caseworker sees and completes only the tasks
assigned to them. Everything is checked against the user's municipality."""

import rules

from forebyg.accounts.models import CASE_ROLES, Role

REVIEWERS = (Role.TEAM_LEADER, Role.MANAGER)


@rules.predicate
def is_reviewer(user):
    return bool(user.is_authenticated and user.is_active and user.municipality_id
                and user.role in REVIEWERS and user.role in CASE_ROLES)


@rules.predicate
def same_municipality(user, obj):
    return obj is not None and getattr(obj, "municipality_id", None) == user.municipality_id


@rules.predicate
def is_assignee(user, task):
    return task is not None and task.assignee_id is not None and task.assignee_id == user.ext_id


@rules.predicate
def has_municipality(user):
    return bool(user.is_authenticated and user.is_active and user.municipality_id)


rules.add_perm("review.run", is_reviewer)
rules.add_perm("review.view", is_reviewer)
rules.add_perm("review.view_review", is_reviewer & same_municipality)
rules.add_perm("review.override", is_reviewer & same_municipality)
rules.add_perm("review.assign_task", is_reviewer & same_municipality)
rules.add_perm("review.my_tasks", has_municipality)
rules.add_perm("review.view_task", same_municipality & (is_assignee | is_reviewer))
rules.add_perm("review.complete_task", same_municipality & (is_assignee | is_reviewer))
