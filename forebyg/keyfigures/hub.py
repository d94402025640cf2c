# SPDX-License-Identifier: MPL-2.0
"""The network hub's reads: members and their groups, the latest imported figures, and the
comparison side by side, by group, against each municipality's own baseline and the network average."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean

from django.db.models import Q
from django.utils.translation import gettext as _

from forebyg.core import clock
from forebyg.core.models import RegionMembership
from forebyg.domain.keyfigures.periods import parse_period
from forebyg.network.models import Membership, MembershipRole, Network

from .models import HubKey, Submission, SubmittedValue


@dataclass
class Member:
    code: int
    name: str
    role: str
    role_label: str
    group_id: int | None
    group: str
    region_code: int | None
    region: str
    key: HubKey | None = None
    submission: Submission | None = None
    values: dict[str, dict[str, SubmittedValue]] = field(default_factory=dict)  # indicator -> period -> value

    @property
    def partnership(self) -> bool:
        return self.role == MembershipRole.PARTNERSHIP


def members(network: Network, on: date | None = None) -> list[Member]:
    on = on or clock.today()
    rows = (Membership.objects.filter(network=network).select_related("municipality", "group")
            .order_by("municipality__name", "-valid_from"))
    regions = {rm.municipality_id: rm.region for rm in RegionMembership.objects.filter(valid_from__lte=on)
               .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on)).select_related("region")}
    keys = {k.municipality_id: k for k in HubKey.objects.filter(network=network)}
    out: dict[int, Member] = {}
    for ms in rows:
        if ms.municipality_id in out:
            continue  # the latest membership of each municipality
        region = regions.get(ms.municipality_id)
        out[ms.municipality_id] = Member(
            ms.municipality_id, ms.municipality.name, ms.role, str(ms.get_role_display()), ms.group_id,
            ms.group.name if ms.group else "", region.code if region else None, region.name if region else "",
            key=keys.get(ms.municipality_id))
    return sorted(out.values(), key=lambda m: (m.group, m.name))


def with_figures(network: Network, members_: list[Member], indicator: str) -> list[Member]:
    latest: dict[int, Submission] = {}
    for sub in Submission.objects.filter(network=network).order_by("municipality_id", "-imported_at", "-id"):
        latest.setdefault(sub.municipality_id, sub)
    values = SubmittedValue.objects.filter(submission__in=list(latest.values()), indicator=indicator)
    by_sub: dict[int, dict[str, dict[str, SubmittedValue]]] = defaultdict(lambda: defaultdict(dict))
    for v in values:
        by_sub[v.submission_id][v.indicator][v.period] = v
    for m in members_:
        m.submission = latest.get(m.code)
        m.values = by_sub.get(m.submission.pk, {}) if m.submission else {}
    return members_


@dataclass(frozen=True)
class GroupChoice:
    key: str
    label: str


def group_choices(members_: list[Member]) -> list[GroupChoice]:
    out = [GroupChoice("all", _("All members"))]
    groups = sorted({(m.group_id, m.group) for m in members_ if m.group_id})
    out += [GroupChoice(f"group:{gid}", name) for gid, name in groups]
    if any(m.partnership for m in members_):
        out += [GroupChoice("role:partnership", _("Partnership municipalities")),
                GroupChoice("role:reference", _("Reference municipalities"))]
    regions = sorted({(m.region_code, m.region) for m in members_ if m.region_code})
    out += [GroupChoice(f"region:{code}", name) for code, name in regions]
    return out


def in_group(m: Member, key: str) -> bool:
    if key == "all":
        return True
    kind, _sep, value = key.partition(":")
    if kind == "group":
        return str(m.group_id) == value
    if kind == "role":
        return m.partnership if value == "partnership" else not m.partnership
    if kind == "region":
        return str(m.region_code) == value
    return False


def periods(members_: list[Member], indicator: str, granularity: str) -> list[str]:
    labels = {p for m in members_ for p in m.values.get(indicator, {})}
    return sorted((p for p in labels if parse_period(p).granularity == granularity), key=lambda p: parse_period(p))


def value(m: Member, indicator: str, period: str) -> float | None:
    v = m.values.get(indicator, {}).get(period)
    return None if v is None or v.suppressed else v.value


def average(members_: list[Member], indicator: str, period: str) -> tuple[float | None, int]:
    """The mean of the published values (unweighted: every municipality counts once), and how many."""
    vals = [x for m in members_ if (x := value(m, indicator, period)) is not None]
    return (fmean(vals) if vals else None), len(vals)
