# SPDX-License-Identifier: MPL-2.0
"""Breaking the glass, reviewing it, revealing a CPR number, and changing the security policy."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forebyg.audit.services import log_access, log_change, scrub
from forebyg.core import clock

from .access import GLASS, grant_expiry, may_break_glass
from .models import GlassGrant, GlassReason, SecurityPolicy

if TYPE_CHECKING:
    from django.http import HttpRequest

    from forebyg.accounts.models import User
    from forebyg.cases.models import Child


def _reason(kind: str, text: str) -> tuple[str, str]:
    text = scrub(" ".join((text or "").split()))
    if kind not in GlassReason.values:
        raise ValidationError({"reason_kind": _("Choose a reason.")})
    if len(text) < 10:
        raise ValidationError({"reason_text": _("Explain the reason in a sentence (at least 10 characters).")})
    return kind, text[:300]


@transaction.atomic
def glass_open(*, user: User, children: list, reason_kind: str, reason_text: str, request: HttpRequest | None = None) -> list[GlassGrant]:
    """Open children outside the user's caseload for a limited time, with a stated reason."""
    if not may_break_glass(user):
        raise ValidationError(_("Your role does not give access to children's cases."))
    kind, text = _reason(reason_kind, reason_text)
    grants = []
    for child in children:
        if child.municipality_id != user.municipality_id:
            raise ValidationError(_("Unknown child."))
        grant = GlassGrant.objects.create(
            municipality_id=child.municipality_id, user=user, child_id=child.pk, reason_kind=kind, reason_text=text,
            granted_at=clock.now(), expires_at=grant_expiry(child.municipality_id))
        log_access(user=user, child=child, view="break_glass", request=request, reason=grant.reason, basis=GLASS)
        log_change(actor=user, action="security.glass.opened", obj=grant, child_id=child.pk,
                   payload={"reason_kind": kind, "expires_at": grant.expires_at.isoformat()}, reason=grant.reason)
        grants.append(grant)
    return grants


@transaction.atomic
def glass_review(*, reviewer: User, grant: GlassGrant, outcome: str) -> GlassGrant:
    if grant.user_id == reviewer.pk:
        raise ValidationError(_("Someone else reviews your own access."))
    if outcome not in GlassGrant.Outcome.values:
        raise ValidationError(_("Choose an outcome."))
    grant.reviewed_by = reviewer
    grant.reviewed_at = clock.now()
    grant.outcome = outcome
    grant.save(update_fields=["reviewed_by", "reviewed_at", "outcome"])
    log_change(actor=reviewer, action="security.glass.reviewed", obj=grant, child_id=grant.child_id,
               payload={"outcome": outcome, "user": grant.user.username})
    return grant


def cpr_reveal(*, user: User, child: Child, reason_kind: str, reason_text: str, request: HttpRequest | None = None) -> str:
    """The full CPR number, for a stated reason that is written to the access log."""
    kind, text = _reason(reason_kind, reason_text)
    label = GlassReason(kind).label
    log_access(user=user, child=child, view="child.cpr_reveal", request=request, reason=f"{label}: {text}")
    return child.cpr or ""


@transaction.atomic
def policy_update(*, actor: User, municipality_id: int, **fields: Any) -> SecurityPolicy:
    policy = SecurityPolicy.for_municipality(municipality_id)
    changed = {k: v for k, v in fields.items() if getattr(policy, k) != v}
    for key, value in changed.items():
        setattr(policy, key, value)
    policy.full_clean()
    policy.save()
    if changed:
        log_change(actor=actor, action="security.policy.changed", obj=policy, payload=changed)
    return policy
