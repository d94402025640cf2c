# SPDX-License-Identifier: MPL-2.0
"""The inbox asks "which notifications are open" from the links' side (issue #20):
`open_notifications_scan()` must give exactly the rows of `open_notifications()` — a notification
is open while one child it names has no decision on it, and one naming a child of another
municipality is left out whole."""

from __future__ import annotations

from datetime import datetime

from django_scopes import scopes_disabled

from forebyg.cases import models as m
from forebyg.cases.selectors.worklists import inbox, open_notifications, open_notifications_scan
from forebyg.domain.calendar import CPH

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=CPH)


def _child(municipality, pk: str) -> m.Child:
    return m.Child.objects.create(id=pk, municipality=municipality, name=f"Barn {pk}", registered_at=T0)


def _notification(municipality, pk: str, *children) -> m.Notification:
    n = m.Notification.objects.create(id=pk, municipality=municipality, received_at=T0, channel="email",
                                      notifier_kind="school", notifier_professional=True, concern="x")
    n.children.add(*children)
    return n


def _decide(municipality, n, child) -> None:
    m.Decision.objects.create(id=f"d-{n.pk}-{child.pk}", municipality=municipality, notification=n, child=child,
                              decided_at=T0, outcome="no_action")


def test_the_scan_finds_the_same_open_notifications(municipality, other_municipality):
    with scopes_disabled():
        a, b, c, foreign = (_child(municipality, "sc-a"), _child(municipality, "sc-b"), _child(municipality, "sc-c"),
                            _child(other_municipality, "sc-x"))
        undecided = _notification(municipality, "sc-open", a)
        decided = _notification(municipality, "sc-decided", a)
        _decide(municipality, decided, a)
        half = _notification(municipality, "sc-half", b, c)  # one of two children decided: still open
        _decide(municipality, half, b)
        _notification(municipality, "sc-none")  # names no child: nothing to decide
        both = _notification(municipality, "sc-both", b, c)
        _decide(municipality, both, b)
        _decide(municipality, both, c)
        _notification(municipality, "sc-foreign", a, foreign)  # open, but names another municipality's child
        other_decision = _notification(municipality, "sc-other", c)  # c decided on another notification only
        expected = {undecided.pk, half.pk, other_decision.pk}
        assert set(open_notifications().values_list("pk", flat=True)) == expected
        assert set(open_notifications_scan().values_list("pk", flat=True)) == expected
        assert {row.notification.pk for row in inbox()} == expected
        _decide(municipality, half, c)
        expected -= {half.pk}
        assert set(open_notifications_scan().values_list("pk", flat=True)) == expected
        assert set(open_notifications().values_list("pk", flat=True)) == expected
