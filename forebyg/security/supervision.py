# SPDX-License-Identifier: MPL-2.0
"""Management supervision (ledelsestilsyn) of who read which child's data.

Every read in the access log is shown; some are flagged for a closer look by these rules, each with
its threshold in the municipality's security policy (forebyg.security.models.SecurityPolicy):

* ``bulk`` - many records in a short time: one user opened at least `bulk_reads` different children
  within `bulk_minutes` minutes (every read in such a window is flagged);
* ``outside_caseload`` - the read was not within the reader's own caseload for their role (the basis
  recorded at the time of the read; see forebyg.security.access.CASELOAD);
* ``glass`` - the reader stated a reason to open a child outside their caseload (the reason is shown);
* ``odd_hours`` - the read was between `odd_hours_from` and `odd_hours_to` o'clock (Danish time), or
  on a Saturday, Sunday or public holiday when `flag_weekends` is on.

A flag is a question, not a verdict: the duty service works nights and weekends by design.
Team leaders see the reads of their team's members; managers those of the whole municipality.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from forebyg.accounts.models import Role, User
from forebyg.audit.models import AccessLog
from forebyg.domain.calendar import CPH, default_calendar, local_date

BULK, OUTSIDE, GLASS, ODD = "bulk", "outside_caseload", "glass", "odd_hours"
FLAGS = {
    BULK: _("Many records in a short time"),
    OUTSIDE: _("Outside own caseload"),
    GLASS: _("Stated reason (break the glass)"),
    ODD: _("Odd hours"),
}


@dataclass
class Read:
    log: AccessLog
    user: User
    flags: list[str] = field(default_factory=list)

    @property
    def local(self) -> datetime:
        return self.log.at.astimezone(CPH)


@dataclass
class UserSummary:
    user: User
    reads: int = 0
    children: set[str] = field(default_factory=set)
    flags: Counter = field(default_factory=Counter)

    @property
    def flag_counts(self) -> list[int]:
        """The number of reads with each flag, in the order of FLAGS (for the table)."""
        return [self.flags.get(k, 0) for k in FLAGS]


def supervised_users(viewer):
    """Whose reads the viewer supervises: a team leader their team (not themselves), a manager everyone."""
    qs = User.objects.filter(municipality_id=viewer.municipality_id)
    if viewer.role == Role.MANAGER:
        return qs
    if viewer.role == Role.TEAM_LEADER and viewer.team_id:
        return qs.filter(team_id=viewer.team_id).exclude(pk=viewer.pk)
    return qs.none()


def _odd(moment: datetime, policy) -> bool:
    local = moment.astimezone(CPH)
    start, end = policy.odd_hours_from, policy.odd_hours_to
    hour = local.hour
    at_night = (hour >= start or hour < end) if start > end else (start <= hour < end)
    return at_night or (policy.flag_weekends and not default_calendar().is_working_day(local_date(moment)))


def flag(reads: list[Read], policy) -> list[Read]:
    """Apply the rules to reads sorted by time (each user's reads are judged on their own)."""
    from forebyg.security.access import CASELOAD
    from forebyg.security.access import GLASS as GLASS_BASIS

    window_seconds = policy.bulk_minutes * 60
    by_user: dict[int, list[Read]] = {}
    for r in reads:
        by_user.setdefault(r.user.pk, []).append(r)
        if r.log.basis == GLASS_BASIS:
            r.flags.append(GLASS)
        elif r.log.basis and r.log.basis not in CASELOAD.get(r.user.role, set()):
            r.flags.append(OUTSIDE)
        if _odd(r.log.at, policy):
            r.flags.append(ODD)
    for user_reads in by_user.values():
        window: deque[Read] = deque()
        children: Counter = Counter()
        for r in user_reads:
            window.append(r)
            children[r.log.child_id] += 1
            while (r.log.at - window[0].log.at).total_seconds() > window_seconds:
                old = window.popleft()
                children[old.log.child_id] -= 1
                if children[old.log.child_id] == 0:
                    del children[old.log.child_id]
            if len(children) >= policy.bulk_reads:
                for w in window:
                    if BULK not in w.flags:
                        w.flags.append(BULK)
    return reads


def reads_for(*, viewer, start: datetime, end: datetime, user_id: int | None = None, limit: int | None = None):
    """The supervised reads between start and end, flagged, oldest first."""
    from forebyg.security.models import SecurityPolicy

    users = {u.pk: u for u in supervised_users(viewer).select_related("team")}
    ids = [user_id] if user_id is not None and user_id in users else list(users)
    qs = (AccessLog.objects.filter(municipality_id=viewer.municipality_id, user_id__in=ids, at__gte=start, at__lt=end)
          .order_by("at", "id"))
    if limit is not None:
        qs = qs[:limit]
    reads = [Read(log, users[log.user_id]) for log in qs.iterator(chunk_size=2000)]
    return flag(reads, SecurityPolicy.for_municipality(viewer.municipality_id)), users


def summarise(reads: list[Read]) -> list[UserSummary]:
    out: dict[int, UserSummary] = {}
    for r in reads:
        s = out.setdefault(r.user.pk, UserSummary(r.user))
        s.reads += 1
        s.children.add(r.log.child_id)
        s.flags.update(r.flags)
    return sorted(out.values(), key=lambda s: (-sum(s.flags.values()), -s.reads, str(s.user)))
