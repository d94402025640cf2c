# SPDX-License-Identifier: MPL-2.0
"""Resolving a personal link to its participant. Unknown, expired, revoked or withdrawn: None."""

from __future__ import annotations

from datetime import datetime

from .. import models as m
from ..tokens import hash_token, well_formed


def participant_for_token(token: str, *, as_of: datetime) -> m.Participant | None:
    if not well_formed(token):
        return None
    link = (m.AccessLink.objects.select_related("participant__network", "participant__municipality")
            .filter(token_hash=hash_token(token)).first())
    if link is None or link.revoked_at is not None or link.expires_at <= as_of:
        return None
    if link.participant.withdrawn_at is not None:
        return None
    return link.participant
