# SPDX-License-Identifier: MPL-2.0
"""The synthetic demo municipality: generated data imported through the interchange
path (so the demo also exercises import), plus one login per role."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django_scopes import scopes_disabled

from forebyg.accounts.models import Role, User
from forebyg.cases import models as m
from forebyg.core import clock, extension
from forebyg.people.demo import register_write

from .interchange import interchange_import

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


def demo_build(*, children: int = 20000, seed: int = 2024, reset: bool = False, hub_children: int = 3000,
               log: Callable[[str], None] = lambda s: None) -> list[tuple[str, str]]:
    from forebyg.synth import generate

    now = clock.to_local(clock.now())
    fresh = not demo_exists()
    if not fresh and not reset:
        log("The demo data exists already (use --reset to rebuild).")
    else:
        if demo_exists():
            raise SystemExit("--reset needs an empty database: delete var/forebyg.sqlite3 first.")
        log(f"Generating a synthetic municipality with {children} children (seed {seed})...")
        records = generate(municipality=DEMO_MUNICIPALITY, name="Herning (syntetisk)", children=children,
                           start_year=now.year - 7, end_year=now.year, end=now, seed=seed)
        kids: list[dict] = []  # the children, for the synthetic CPR register (issue #19)

        def tee(rs: Iterable[dict]) -> Iterator[dict]:
            for r in rs:
                if r.get("type") == "child":
                    kids.append(r)
                yield r

        lines = (json.dumps(r, ensure_ascii=False) for r in tee(records))
        result = interchange_import(lines=lines)
        log(f"Imported {result.total} records.")
        log(f"Wrote the synthetic CPR register: {register_write(kids, municipality=DEMO_MUNICIPALITY, seed=seed)} "
            "persons.")
    if not settings.FOREBYG_PEOPLE_SYNTHETIC_FILE.exists():
        log(f"Wrote the synthetic CPR register: {register_from_database(municipality=DEMO_MUNICIPALITY, seed=seed)} "
            "persons.")
    from forebyg.network.services.demo import network_demo_load

    networks = network_demo_load(log=log)
    if networks.sample_link:
        log(f"A participant's personal link in the networks: {networks.sample_link}")
    if fresh:  # key figures ready on the first visit: population, the figures, the network hub
        from forebyg.keyfigures.demo import hub_demo_load
        from forebyg.keyfigures.services import keyfigures_demo_load

        log("Computing the key figures...")
        keyfigures_demo_load(municipality_id=DEMO_MUNICIPALITY, children=children, seed=seed,
                             start_year=now.year - 7, end_year=now.year, end=now, log=lambda s: log("  " + s))
        log("Filling the demo network hub with synthetic members' key figures...")
        hub_demo_load(children=hub_children)
    logins = _demo_logins()
    for loader in extension.DEMO_LOADERS.values():  # other apps' demo content needing the demo users (#18)
        loader.load(log=log)
    return logins



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
def _demo_logins() -> list[tuple[str, str]]:
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
