# SPDX-License-Identifier: MPL-2.0
"""The three networks from the seeds, with their real structure and synthetic participants.

`network_demo_load()` is idempotent: a network whose key exists already is left alone.
What the seeds do not say (people, exact dates, unnamed municipalities) is synthetic and
marked so in the data (see `forebyg.network.data.seed_networks`)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypedDict

from django.db import transaction
from django.db.models import Q

from forebyg.core.models import Municipality, RegionMembership
from forebyg.domain.calendar import CPH

from .. import models as m
from ..data import seed_networks as seed
from .common import audit, link_issue, link_url

RS = m.RegistrationStatus


@dataclass
class DemoNetworks:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    sample_link: str | None = None  # a participant's personal link, issued when the leader network is created


def _dt(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=CPH)


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


class Person(TypedDict):
    """A synthetic participant's fields (also an applicant's listed person)."""

    name: str
    title: str
    email: str


def _slug(name: str) -> str:
    name = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"[^a-z0-9]+", "-", name).strip("-")


class People:
    """Invented names with unique e-mail addresses at <municipality>.kommune.example."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def make(self, mun: Municipality, titles: list[str]) -> Person:
        while True:
            first, last = self.rng.choice(seed.FIRST_NAMES), self.rng.choice(seed.LAST_NAMES)
            base = f"{_slug(first)}.{_slug(last)}"
            n = 1
            email = f"{base}@{_slug(mun.name)}.kommune.example"
            while email in self.used:
                n += 1
                email = f"{base}{n}@{_slug(mun.name)}.kommune.example"
            self.used.add(email)
            return {"name": f"{first} {last}", "title": self.rng.choice(titles), "email": email}


def _participants(network: m.Network, mun: Municipality, n: int, people: People,
                  titles: list[str]) -> list[m.Participant]:
    return [m.Participant.objects.create(network=network, municipality=mun, **people.make(mun, titles))
            for _ in range(n)]


def _event(network: m.Network, spec: seed.EventSpec, group: m.Group | None = None, **extra: Any) -> m.Event:
    return m.Event.objects.create(network=network, group=group, kind=spec.get("kind", "network_meeting"),
                                  title=spec["title"], starts_at=_dt(spec["start"]), ends_at=_dt(spec["end"]),
                                  place=spec.get("place", ""), agenda=spec.get("agenda", ""),
                                  note=spec.get("note", ""), **extra)


def _register_sample(event: m.Event, participants: list[m.Participant], share: float, rng: random.Random,
                     cancel_share: float = 0.05) -> None:
    regs = []
    for p in participants:
        if rng.random() >= share:
            continue
        asked = event.starts_at - timedelta(days=rng.randint(7, 45), minutes=rng.randint(0, 600))
        status: str = RS.REGISTERED
        cancelled: datetime | None = None
        if rng.random() < cancel_share:
            status, cancelled = RS.CANCELLED, event.starts_at - timedelta(days=rng.randint(1, 6))
        regs.append(m.Registration(event=event, participant=p, status=status, requested_at=asked,
                                   cancelled_at=cancelled))
    m.Registration.objects.bulk_create(regs)


def _tasks(network: m.Network, specs: list[seed.TaskSpec], rng: random.Random) -> None:
    for spec in specs:
        due_on = date.fromisoformat(spec["due"])
        task = m.Task.objects.create(network=network, title=spec["title"], description=spec["description"],
                                     due_on=due_on)
        due = datetime.combine(due_on, datetime.min.time(), tzinfo=CPH)
        for mid in sorted(network.memberships.values_list("municipality_id", flat=True).distinct()):
            if rng.random() < spec["handed_in_share"]:
                m.HandIn.objects.create(task=task, municipality_id=mid, submitted_at=due - timedelta(
                    days=rng.randint(-3, 20), hours=rng.randint(0, 8)),
                    text="Kort status på det lokale udviklingsarbejde (syntetisk demo).")


def _network(spec: seed.NetworkSpec, starts_on: date | None, ends_on: date | None, **extra: Any) -> m.Network:
    return m.Network.objects.create(
        key=spec["key"], name=spec["name"], kind=spec["kind"], organisers=spec["organisers"], purpose=spec["purpose"],
        starts_on=starts_on, ends_on=ends_on, source=spec["source"], **extra)


def _load_partnership(mun: dict[str, Municipality]) -> tuple[m.Network, None]:
    spec, rng = seed.PARTNERSHIP_2016, random.Random(2016)
    network = _network(spec, _d(spec["starts_on"]), _d(spec["ends_on"]))
    people, valid_from = People(rng), date.fromisoformat(spec["member_list_date"])
    everyone: list[m.Participant] = []
    for g in spec["groups"]:
        group = m.Group.objects.create(network=network, name=g["name"], chair=mun[g["chair"]])
        for name in g["members"]:
            role = (m.MembershipRole.PARTNERSHIP if name in spec["partnership"]
                    else m.MembershipRole.CHAIR if name == g["chair"] else m.MembershipRole.REFERENCE)
            m.Membership.objects.create(network=network, municipality=mun[name], group=group, role=role,
                                        valid_from=valid_from)
            everyone += _participants(network, mun[name], spec["persons_per_municipality"], people,
                                      seed.TITLES_PRACTICE)
    for i, e in enumerate(spec["events"]):
        event = _event(network, e)
        _register_sample(event, everyone, 0.75 if i == 0 else 0.6, rng)
    _tasks(network, spec["tasks"], rng)
    return network, None


def _load_reference(mun: dict[str, Municipality]) -> tuple[m.Network, None]:
    spec, rng = seed.REFERENCE_2020, random.Random(2020)
    start, end = date.fromisoformat(spec["starts_on"]), date.fromisoformat(spec["ends_on"])
    network = _network(spec, start, end, max_member_municipalities=spec["max_member_municipalities"],
                       max_participants_per_municipality=spec["max_participants_per_municipality"])
    network.source += " " + spec["partnership_note"]
    network.save(update_fields=["source"])
    people, cap = People(rng), spec["max_participants_per_municipality"]
    everyone: list[m.Participant] = []
    for name in spec["partnership"]:
        m.Membership.objects.create(network=network, municipality=mun[name], role=m.MembershipRole.PARTNERSHIP,
                                    valid_from=start, valid_to=end)
        everyone += _participants(network, mun[name], cap, people, seed.TITLES_PRACTICE)
    c = spec["call"]
    published = _dt(c["published"])
    call = m.Call.objects.create(network=network, title=c["title"], text=c["text"], deadline=_dt(c["deadline"]),
                                 published_at=published)
    pool = sorted((x for x in mun.values() if x.name not in spec["partnership"]), key=lambda x: x.code)
    applicants = rng.sample(pool, spec["accepted_applications"] + spec["declined_applications"])
    submitted = sorted(published + timedelta(minutes=rng.randint(60 * 24, 60 * 24 * 34))
                       for _ in applicants)
    decided = _dt("2020-10-15 12:00")
    for i, (applicant, at) in enumerate(zip(applicants, submitted, strict=True)):
        persons = [people.make(applicant, seed.TITLES_PRACTICE) for _ in range(cap)]
        accepted = i < spec["accepted_applications"]
        app = m.Application.objects.create(
            call=call, municipality=applicant, contact_name=persons[0]["name"], contact_email=persons[0]["email"],
            motivation=("Vi ønsker at styrke vores opfølgningspraksis og det systematiske fokus på barnets "
                        "progression, og vi vil gerne bidrage med erfaringer fra en kommune af vores størrelse. "
                        "(Syntetisk ansøgning til demo.)"),
            persons=persons, submitted_at=at, decided_at=decided,
            status=m.ApplicationStatus.ACCEPTED if accepted else m.ApplicationStatus.DECLINED,
            decision_reason="" if accepted else ("Netværket har plads til 15 kommuner, og pladserne er fordelt "
                                                 "efter ansøgningsrækkefølge (syntetisk demo)."))
        if accepted:
            app.membership = m.Membership.objects.create(network=network, municipality=applicant, valid_from=start,
                                                         valid_to=end, role=m.MembershipRole.REFERENCE)
            app.save(update_fields=["membership"])
            everyone += [m.Participant.objects.create(network=network, municipality=applicant, **p) for p in persons]
    for i, e in enumerate(spec["events"]):
        event = _event(network, e)
        _register_sample(event, everyone, 0.9 if i == 0 else 0.75, rng)
    return network, None


def _region_pick(region_code: int, n: int, on: date, rng: random.Random) -> list[Municipality]:
    ids = (RegionMembership.objects.filter(region_id=region_code, valid_from__lte=on)
           .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on)).values_list("municipality_id", flat=True))
    pool = list(Municipality.objects.filter(pk__in=ids).order_by("code"))
    return sorted(rng.sample(pool, min(n, len(pool))), key=lambda x: x.name)


def _weekday_in(prefix: str, offset: int) -> date:
    """A weekday in the second week of the month (prefix 'YYYY-MM-'): Monday plus `offset` days (0-4)."""
    day = date.fromisoformat(prefix + "01")
    while day.weekday() != 0:
        day += timedelta(days=1)
    return day + timedelta(days=offset + 7)


def _load_leader(mun: dict[str, Municipality]) -> tuple[m.Network, m.Participant | None]:
    spec, rng = seed.LEADER_2022, random.Random(2022)
    start, end = date.fromisoformat(spec["starts_on"]), date.fromisoformat(spec["ends_on"])
    network = _network(spec, start, end)
    network.source += " " + spec["member_note"]
    network.save(update_fields=["source"])
    people = People(rng)
    everyone: list[m.Participant] = []
    by_group: dict[m.Group, list[m.Participant]] = {}
    for i, g in enumerate(spec["groups"]):
        group = m.Group.objects.create(network=network, name=g["name"], reported_members=g["members"],
                                       reported_municipalities=g["municipalities"])
        picked = _region_pick(g["region"], g["municipalities"], start, rng)
        base, extra = divmod(g["members"], len(picked))
        members: list[m.Participant] = []
        for j, x in enumerate(picked):
            m.Membership.objects.create(network=network, municipality=x, group=group, role=m.MembershipRole.MEMBER,
                                        valid_from=start, valid_to=end)
            members += _participants(network, x, base + (1 if j < extra else 0), people, seed.TITLES_LEADER)
        by_group[group] = members
        everyone += members
        a = spec["autumn_2022"]
        autumn = _event(network, {"title": f"{a['title']} – {g['name']}", "start": f"{g['autumn_2022']} {a['start']}",
                                  "end": f"{g['autumn_2022']} {a['end']}", "agenda": a["agenda"],
                                  "note": "Dato og tid fra kilden; lokation fulgte aldrig."},
                        group=group, status=m.EventStatus.CANCELLED, cancelled_at=_dt("2022-10-06 12:00"),
                        cancel_reason=seed.ELECTION_REASON, sequence=1)
        _register_sample(autumn, members, 0.6, rng, cancel_share=0)
        for spring, autumn_prefix in spec["regional_meetings"]:
            for n, prefix in enumerate((spring, autumn_prefix)):
                day = _weekday_in(prefix, i).isoformat()
                _event(network, {"title": f"Regionalt netværksmøde {prefix[:4]}{' (forår)' if n == 0 else ' (efterår)'}"
                                          f" – {g['name']}", "start": f"{day} 09:30", "end": f"{day} 16:00",
                                 "note": seed.ILLUSTRATIVE}, group=group)
    k = spec["kickoff"]
    kickoff = _event(network, {"kind": "kickoff", **k})
    _register_sample(kickoff, everyone, 0.8, rng)
    _event(network, {"kind": "conference", **spec["conference"]})
    _tasks(network, spec["tasks"], rng)
    return network, (everyone[0] if everyone else None)


def network_demo_load(*, log: Callable[[str], None] = lambda s: None) -> DemoNetworks:
    """Load the partnership network (2016), the reference network on the child's progression
    (2020-2022) and the leader network (2022-2025). Networks already loaded are skipped."""
    result = DemoNetworks()
    mun = {x.name: x for x in Municipality.objects.all()}
    loaders: list[tuple[seed.NetworkSpec, Callable[[dict[str, Municipality]], tuple[m.Network, m.Participant | None]]]]
    loaders = [(seed.PARTNERSHIP_2016, _load_partnership), (seed.REFERENCE_2020, _load_reference),
               (seed.LEADER_2022, _load_leader)]
    for spec, loader in loaders:
        if m.Network.objects.filter(key=spec["key"]).exists():
            result.existing.append(spec["name"])
            continue
        with transaction.atomic():
            network, sample = loader(mun)
            audit(actor=None, action="network.demo.loaded", obj=network, key=spec["key"],
                  participants=network.participants.count())
            if sample is not None:
                result.sample_link = link_url(link_issue(participant=sample))
        result.created.append(spec["name"])
        log(f"Loaded network: {spec['name']}")
    return result
