# SPDX-License-Identifier: MPL-2.0
"""Whether a notifier is a professional no longer hangs on an easily missed checkbox (issue #15):
school, daycare, health visitor, PPR, police and hospital are professionals unless the receiving
unit says otherwise; family and anonymous callers are not; the page says which."""

import pytest
from django_scopes import scopes_disabled

from forebyg.cases import models as m

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind,choice,expected", [
    ("school", "", True), ("hospital", "", True), ("family", "", False), ("anonymous", "", False),
    ("school", "no", False), ("other", "yes", True), ("other", "", False),
])
def test_professional_by_kind_unless_chosen(client, users, child, kind, choice, expected):
    client.force_login(users["receiving_unit"])
    r = client.post("/underretninger/ny/", {
        "received_at": "2026-03-03T09:00", "channel": "phone", "notifier_kind": kind,
        "notifier_professional": choice, "concern": "Bekymring (syntetisk)", "children": child.pk})
    assert r.status_code == 302, r.content.decode()[-1500:]
    with scopes_disabled():
        n = m.Notification.objects.get()
    assert n.notifier_professional is expected
    page = client.get(r["Location"]).content.decode()
    assert ("(fagperson)" if expected else "(ikke fagperson)") in page


def test_the_inbox_says_which_too(client, users, child):
    """The inbox row reads "Familie (ikke fagperson)" as the notification page does (#15)."""
    import re

    client.force_login(users["receiving_unit"])
    for kind in ("family", "school"):
        r = client.post("/underretninger/ny/", {
            "received_at": "2026-03-03T09:00", "channel": "phone", "notifier_kind": kind,
            "concern": "Bekymring (syntetisk)", "children": child.pk})
        assert r.status_code == 302
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/underretninger/").content.decode()))
    assert "Familie (ikke fagperson)" in text and "Skole (fagperson)" in text
