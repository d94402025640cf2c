# SPDX-License-Identifier: MPL-2.0
"""The case core's part of the synthetic demo municipality: its code, whether it exists, the synthetic
CPR register from its children, and one login per role. The demo as a whole (every app's demo data)
is assembled by forebyg.demo, above the apps."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q
from django_scopes import scopes_disabled

from forebyg.accounts.models import Role, User
from forebyg.cases import models as m
from forebyg.people.demo import register_write

DEMO_MUNICIPALITY = 657  # Herning: the municipality whose practice seed 004 describes
DEMO_PASSWORD = "demo"
DEMO_USERNAMES = {
    Role.RECEIVING_UNIT: "modtagelse",
    Role.CASEWORKER: "raadgiver",
    Role.TEAM_LEADER: "teamleder",
    Role.MANAGER: "leder",
    Role.ANALYST: "analytiker",
    Role.NETWORK_SECRETARIAT: "sekretariat",
    Role.ADMINISTRATOR: "admin",
}


def demo_exists() -> bool:
    with scopes_disabled():
        return m.Child.objects.filter(municipality_id=DEMO_MUNICIPALITY).exists()


def register_from_database(*, municipality: int, seed: int) -> int:
    """The synthetic CPR register from the children already registered (a demo without its register file)."""
    with scopes_disabled():
        rows = [{"type": "child", "name": c.name, "birth_date": c.birth_date.isoformat(), "cpr": c.cpr,
                 "custody_holders": c.custody_holders}
                for c in m.Child.objects.filter(municipality_id=municipality, cpr__isnull=False).order_by("id")
                # a CPR number gives the birth date (cases.services.practice): a child without one is no person
                if c.birth_date is not None]
    return register_write(rows, municipality=municipality, seed=seed)


@transaction.atomic
def demo_logins() -> list[tuple[str, str]]:
    """One login per role in the demo municipality (password `demo`), as (username, role)."""
    logins = []
    with scopes_disabled():
        for role, username in DEMO_USERNAMES.items():
            user = User.objects.filter(username=username).first()
            if user is None:
                candidates = User.objects.filter(municipality_id=DEMO_MUNICIPALITY, role=role)
                if role == Role.CASEWORKER:
                    candidates = candidates.annotate(
                        n=Count("cases", filter=Q(cases__closed_at__isnull=True))).order_by("-n", "ext_id")
                elif role == Role.TEAM_LEADER:
                    candidates = candidates.annotate(
                        n=Count("team__notifications")).order_by("-n", "ext_id")
                else:
                    candidates = candidates.order_by("ext_id")
                user = candidates.first()
                if user is None:
                    user = User(ext_id=f"{DEMO_MUNICIPALITY}-demo-{role}", municipality_id=DEMO_MUNICIPALITY,
                                role=role, full_name=str(Role(role).label))
                user.username = username
            user.set_password(DEMO_PASSWORD)
            user.save()
            logins.append((username, str(Role(role).label)))
    return logins
