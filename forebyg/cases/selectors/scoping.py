# SPDX-License-Identifier: MPL-2.0
"""Join-scoping: a record shows only when the child it is about belongs to its own municipality.

The municipality scope (django-scopes, forebyg.accounts.middleware) filters a record by its *own*
municipality. A list that shows the child through a join (`select_related("child")`, a
notification's children) would still show a child of another municipality if a record pointing
at one slipped into the database by any path — a bad import, a direct database write (issue #13,
finding 1). Every list of cases, notifications and other child records goes through
`own_children`, so such a row shows nothing outside the user's municipality: it is left out whole.
The comparison is with the row's own municipality, so it also holds without an active scope.
"""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, QuerySet

from .. import models as m


def _foreign_children(notification: str):
    """The outer query's notification's links to children of another municipality than the outer
    row's (`notification` names the outer field holding the notification's id)."""
    through = m.Notification.children.through
    return (through.objects.filter(notification_id=OuterRef(notification))
            .exclude(child__municipality_id=OuterRef("municipality_id")))


def own_children(qs: QuerySet) -> QuerySet:
    """`qs` without the records whose child (or notification's child) is of another municipality."""
    model = qs.model
    if model is m.Child:
        return qs  # the scope itself filters children
    if model is m.Notification:
        return qs.filter(~Exists(_foreign_children("pk")))
    names = {f.name for f in model._meta.get_fields()}
    if "child" in names:
        qs = qs.filter(child__municipality_id=F("municipality_id"))
    if "notification" in names:
        qs = qs.filter(notification__municipality_id=F("municipality_id"))
        qs = qs.filter(~Exists(_foreign_children("notification_id")))
    return qs
