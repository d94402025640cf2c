# SPDX-License-Identifier: MPL-2.0
"""Changing a retention rule takes two administrators (four eyes, #13).

One administrator proposes a change; the rule in force stays until another administrator of the
same municipality confirms it (then it is in force) or rejects it. The proposer can withdraw it but
never confirm it. A new proposal for the same kind of record replaces a pending one. Every step is
written to the change log; the rule's earlier values are in the confirmed changes' history here.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_scopes import scope

from forebyg.audit.services import log_change
from forebyg.core import clock

from .models import RetentionRuleChange, RuleChangeState
from .retention import FourEyesError, check_rule, rule_store, rules_for


def _administrator(actor, municipality_id: int) -> None:
    if actor is None or not actor.is_active or actor.municipality_id != municipality_id \
            or not actor.has_perm("security.configure"):
        raise FourEyesError(_("Only an administrator of the municipality changes retention rules."))


def pending(municipality_id: int) -> dict[str, RetentionRuleChange]:
    """The pending change of each kind of record, if any."""
    with scope(municipality=[municipality_id]):
        return {c.kind: c for c in RetentionRuleChange.objects.filter(
            municipality_id=municipality_id, state=RuleChangeState.PENDING).select_related("proposed_by")}


@transaction.atomic
def rule_propose(*, actor, municipality_id: int, kind: str, years: int, action: str,
                 enabled: bool) -> RetentionRuleChange:
    _administrator(actor, municipality_id)
    check_rule(kind, years, action)
    with scope(municipality=[municipality_id]):
        current = rules_for(municipality_id)[kind]
    if (current.years, current.action, current.enabled) == (years, action, enabled):
        raise FourEyesError(_("That is the rule already in force."))
    now = clock.now()
    with scope(municipality=[municipality_id]):
        for old in RetentionRuleChange.objects.select_for_update().filter(
                municipality_id=municipality_id, kind=kind, state=RuleChangeState.PENDING):
            old.state, old.decided_by, old.decided_at = RuleChangeState.SUPERSEDED, actor, now
            old.save(update_fields=["state", "decided_by", "decided_at"])
            log_change(actor=actor, action="security.retention.rule_rejected", obj=old,
                       payload={"kind": kind, "state": old.state})
        change = RetentionRuleChange.objects.create(
            municipality_id=municipality_id, kind=kind, years=years, action=action, enabled=enabled,
            proposed_by=actor, proposed_at=now)
    log_change(actor=actor, action="security.retention.rule_proposed", obj=change,
               payload={"kind": kind, "years": years, "retention": action, "enabled": enabled,
                        "in_force": {"years": current.years, "retention": current.action,
                                     "enabled": current.enabled}})
    return change


def _locked(change: RetentionRuleChange) -> RetentionRuleChange:
    with scope(municipality=[change.municipality_id]):
        change = RetentionRuleChange.objects.select_for_update().get(pk=change.pk)
    if change.state != RuleChangeState.PENDING:
        raise FourEyesError(_("This change has already been decided."))
    return change


@transaction.atomic
def rule_confirm(*, actor, change: RetentionRuleChange) -> RetentionRuleChange:
    """A second administrator puts the proposed rule in force."""
    change = _locked(change)
    _administrator(actor, change.municipality_id)
    if actor.pk == change.proposed_by_id:
        raise FourEyesError(_("You proposed this change: another administrator must confirm it."))
    rule = rule_store(municipality_id=change.municipality_id, kind=change.kind, years=change.years,
                      action=change.action, enabled=change.enabled, actor=actor)
    change.state, change.decided_by, change.decided_at = RuleChangeState.CONFIRMED, actor, clock.now()
    change.save(update_fields=["state", "decided_by", "decided_at"])
    log_change(actor=actor, action="security.retention.rule_changed", obj=rule,
               payload={"kind": change.kind, "years": change.years, "retention": change.action,
                        "enabled": change.enabled, "proposed_by": change.proposed_by_id, "change": change.pk})
    return change


@transaction.atomic
def rule_reject(*, actor, change: RetentionRuleChange) -> RetentionRuleChange:
    """Another administrator rejects the change, or its proposer withdraws it; the rule stays."""
    change = _locked(change)
    _administrator(actor, change.municipality_id)
    state = RuleChangeState.WITHDRAWN if actor.pk == change.proposed_by_id else RuleChangeState.REJECTED
    change.state, change.decided_by, change.decided_at = state, actor, clock.now()
    change.save(update_fields=["state", "decided_by", "decided_at"])
    log_change(actor=actor, action="security.retention.rule_rejected", obj=change,
               payload={"kind": change.kind, "state": state})
    return change
