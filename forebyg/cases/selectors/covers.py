# SPDX-License-Identifier: MPL-2.0
"""The notifications one acute assessment may also cover (issue #16): several notifications about
one child within 24 hours each get their own clock, and one assessment can answer them all."""

from __future__ import annotations

from .. import models as m


def unassessed_siblings(notification: m.Notification):
    """The other notifications naming one of this notification's children that have no acute
    assessment yet, neither their own nor as covered by another's (oldest first)."""
    children = list(notification.children.values_list("id", flat=True))
    others = (m.Notification.objects.filter(children__in=children).exclude(pk=notification.pk)
              .filter(acute_assessments__isnull=True).distinct())
    covered = {nid for covers in m.AcuteAssessment.objects.filter(notification__children__in=children)
               .values_list("covers", flat=True) for nid in (covers or ())}
    return others.exclude(pk__in=covered).order_by("received_at", "id")


def covering_assessments(notification: m.Notification) -> list[m.AcuteAssessment]:
    """Other notifications' acute assessments that name this one in `covers` (oldest first)."""
    children = list(notification.children.values_list("id", flat=True))
    candidates = (m.AcuteAssessment.objects.filter(notification__children__in=children)
                  .exclude(notification=notification).select_related("notification").distinct())
    return sorted((a for a in candidates if notification.pk in (a.covers or ())), key=lambda a: a.assessed_at)
