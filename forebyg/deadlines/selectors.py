# SPDX-License-Identifier: MPL-2.0
"""Obligations for pages: a child's, a caseworker's, a team's, as of any moment."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy

from forebyg.cases import models as m
from forebyg.core.scoping import municipality_scope
from forebyg.domain.calendar import WorkingCalendar, default_calendar
from forebyg.domain.deadlines import (
    Obligation,
    RuleConfig,
    Status,
    by_urgency,
    compute_obligations,
    rule_by_id,
    worklist,
)
from forebyg.domain.deadlines.settings_file import calendar_from
from forebyg.web.permissions import holds

from .actions import action_for, record_url
from .models import DeadlineSettings
from .reuse import computed_for_children


@dataclass(frozen=True)
class Settings:
    calendar: WorkingCalendar
    config: RuleConfig
    token: str = ""  # a digest of the stored settings: part of reused obligations' key (reuse.py)


def settings_for(municipality_id: int) -> Settings:
    with municipality_scope(municipality_id):
        row = (DeadlineSettings.objects.filter(municipality_id=municipality_id)
               .values_list("calendar", "rules").first())
    if row is None:
        return Settings(default_calendar(), RuleConfig())
    calendar, rules = row[0] or {}, row[1] or {}
    token = hashlib.blake2b(json.dumps([calendar, rules], sort_keys=True).encode(), digest_size=16).hexdigest()
    cached = _settings.get(municipality_id)
    if cached is not None and cached.token == token:
        return cached
    # The same reading as the file modes' settings file (forebyg.domain.deadlines.settings_file):
    # a calendar's tables (1990-2100) are built once per distinct municipal calendar.
    _settings[municipality_id] = s = Settings(calendar_from(calendar), RuleConfig.from_dict(rules), token)
    return s


_settings: dict[int, Settings] = {}  # the last settings read per municipality, reused while unchanged


def stored_settings(municipalities: Iterable[int] | None = None) -> dict[int, tuple[dict, dict]]:
    """{municipality code: (calendar, rules)} as saved on the deadline settings page, for the
    settings file (`forebyg deadlines settings-export`)."""
    with municipality_scope(municipalities):
        rows = DeadlineSettings.objects.all()
        if municipalities:
            rows = rows.filter(municipality_id__in=list(municipalities))
        return {row.municipality_id: (row.calendar or {}, row.rules or {}) for row in rows}


@dataclass
class Row:
    """An obligation with what a page shows beside it."""

    ob: Obligation
    title: str
    source: str  # the hjemmel in the page's language (Danish: `Rule.hjemmel("da")`)
    child: m.Child | None
    unconfirmed: bool = False  # the reference or the deadline is not verified: a small mark
    action: tuple[str, str] | None = None  # (label, url) of what to do about it, where (actions.py)
    record_url: str | None = None  # the record the deadline is about
    kind: str = ""  # the rule's kind (the same under both laws): the work queue's filter

    @property
    def status_label(self) -> str:
        """The status in the page's language (one lookup per row, not a loop over the labels)."""
        return str(STATUS_LABELS[self.ob.status])

    @property
    def late(self) -> bool:
        return self.ob.status in (Status.OVERDUE, Status.MET_LATE)

    @property
    def age_unknown(self) -> bool:
        """Would end at 18, but the child's birth date is unknown: marked "alder ukendt" (issue #15)."""
        from forebyg.domain.deadlines.age import age_unknown

        return self.child is not None and self.ob.met_at is None and not self.ob.closed and age_unknown(
            self.ob, birth_date=self.child.birth_date)


def obligations_for_children(*, municipality_id: int, child_ids: Iterable[str], as_of: datetime) -> list[Obligation]:
    """The obligations of these children as of `as_of` (reused between requests while they cannot
    have changed: reuse.py)."""
    return computed_for_children(municipality_id=municipality_id, child_ids=child_ids, as_of=as_of).obligations


def obligations_from_records(*, settings: Settings, records: list[dict], as_of: datetime) -> list[Obligation]:
    """Obligations from records a page has read already (the child page, see cases.selectors.child)."""
    return compute_obligations(records, as_of=as_of, calendar=settings.calendar, config=settings.config)


def rows(obligations: list[Obligation], *, municipality_id: int, language: str = "da",
         config: RuleConfig | None = None, user=None, known: dict | None = None) -> list[Row]:
    """`known`: children the page has read already (by pk), not read again (the child page)."""
    config = config if config is not None else settings_for(municipality_id).config
    children = dict(known or {})
    ids = {o.child_id for o in obligations if o.child_id and o.child_id not in children}
    if ids:
        children.update((c.pk, c) for c in m.Child.objects.filter(pk__in=ids).only("id", "name", "birth_date"))
    titles: dict[str, tuple[str, str, bool, str]] = {}
    perms: dict[str, bool] = {}

    def may(perm: str) -> bool:  # the user's permissions, asked once per list, not per row
        if perm not in perms:
            perms[perm] = holds(user, perm)  # not user.has_perm: no model permissions read (#20)
        return perms[perm]

    out = []
    for ob in by_urgency(obligations):
        if ob.rule_id not in titles:
            rule = rule_by_id(ob.rule_id, config)
            titles[ob.rule_id] = (rule.title_da if language == "da" else rule.title_en, rule.hjemmel(language),
                                  shown_unconfirmed(rule), rule.kind)
        title, source, unconfirmed, kind = titles[ob.rule_id]
        out.append(Row(ob, title, source, children.get(ob.child_id), unconfirmed,
                       action=action_for(ob, kind, user, may=may), record_url=record_url(ob), kind=kind))
    return out


def shown_unconfirmed(rule) -> bool:
    """Whether a page marks the rule "ikke bekræftet": its legal reference or its deadline is not
    verified (unverified settings are listed in docs/rules.md and on the settings page)."""
    return bool(rule.reference_unconfirmed or rule.duration_unconfirmed)


def caseworker_children(user) -> list[str]:
    """Children of the caseworker's open cases and of open notifications assigned to them."""
    from forebyg.cases.selectors.worklists import open_notifications

    cases = m.Case.objects.filter(caseworker=user, closed_at__isnull=True).order_by().values_list("child_id", flat=True)
    notified = m.Notification.children.through.objects.filter(
        notification__in=open_notifications().filter(assigned_to=user)).values_list("child_id", flat=True)
    return sorted(set(cases) | set(notified))


ACTIONABLE_DAYS = 365


def actionable(obligations: list[Obligation], as_of: datetime) -> list[Obligation]:
    """What a caseworker can still act on: unmet, not closed, and not overdue for more than
    a year (older misses belong in the case review, not on today's list)."""
    horizon = as_of - timedelta(days=ACTIONABLE_DAYS)
    return [o for o in worklist(obligations) if o.due is None or o.due >= horizon]


QUEUE_DAYS = 14


def queue(obligations: list[Obligation], as_of: datetime, *, days: int = QUEUE_DAYS) -> list[Obligation]:
    """The caseworker's work queue (Mine frister by default, issue #15): what can still be acted on
    that is overdue (for less than a year) or due within `days`, and open duties without a deadline."""
    horizon = as_of + timedelta(days=days)
    return [o for o in actionable(obligations, as_of) if o.due is None or o.due <= horizon]


@dataclass
class ChildGroup:
    child: m.Child | None
    rows: list[Row]

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.rows if r.ob.status == Status.OVERDUE)


def kinds(obligations: list[Obligation], *, config: RuleConfig, language: str = "da") -> dict[str, tuple[str, str]]:
    """{rule id: (its kind, its title in the page's language)} for the rules of these obligations:
    the work queue's kind filter, from the rules alone (no row is built for it)."""
    out: dict[str, tuple[str, str]] = {}
    for rule_id in {o.rule_id for o in obligations}:
        rule = rule_by_id(rule_id, config)
        out[rule_id] = (rule.kind, rule.title_da if language == "da" else rule.title_en)
    return out


def child_groups(obligations: list[Obligation]) -> list[list[Obligation]]:
    """The obligations grouped by child (those without a child in one group), the child with the
    most urgent obligation first, each group in order of urgency: what `by_child(rows(...))`
    shows, before any row is built, so that a page of groups builds only its own rows."""
    groups: dict[str | None, list[Obligation]] = {}
    for ob in by_urgency(obligations):
        groups.setdefault(ob.child_id or None, []).append(ob)
    return list(groups.values())


def by_child(rows: list[Row]) -> list[ChildGroup]:
    """Rows grouped by child, the child with the most urgent deadline first (rows keep their
    order of urgency within each group)."""
    groups: dict[str | None, ChildGroup] = {}
    for row in rows:
        key = row.child.pk if row.child else None
        if key not in groups:
            groups[key] = ChildGroup(row.child, [])
        groups[key].rows.append(row)
    return list(groups.values())


def team_children(*, team, municipality_id: int) -> list[str]:
    """Children of the team's open cases and open notifications (the whole municipality without a team)."""
    from forebyg.cases.selectors.worklists import open_notifications

    q = Q(closed_at__isnull=True)
    if team is not None:
        q &= Q(team=team) | Q(caseworker__team=team)
    cases = m.Case.objects.filter(q).order_by().values_list("child_id", flat=True)  # a set: no sorting
    notifications = open_notifications()
    if team is not None:
        notifications = notifications.filter(team=team)
    notified = m.Notification.children.through.objects.filter(
        notification__in=notifications).values_list("child_id", flat=True)
    return sorted(set(cases) | set(notified))


def rule_table(by_rule: dict[tuple[str, str], int], *, config: RuleConfig, language: str = "da") -> list[dict]:
    """The team overview's table: per rule (by id) its title, source, "ikke bekræftet" mark and a
    count per status (`STATUS_ORDER`), from counts by (rule id, status)."""
    table = []
    for rule_id in sorted({r for r, _s in by_rule}):
        rule = rule_by_id(rule_id, config)
        table.append({"rule_id": rule_id, "title": rule.title_da if language == "da" else rule.title_en,
                      "source": rule.hjemmel(language), "unconfirmed": shown_unconfirmed(rule),
                      "cells": [(status, by_rule.get((rule_id, status), 0)) for status in STATUS_ORDER]})
    return table


def status_counts(obligations: list[Obligation]) -> dict[str, int]:
    counts = {s: 0 for s in STATUS_ORDER}
    for ob in obligations:
        counts[ob.status] += 1
    return counts


STATUS_LABELS = {
    Status.OVERDUE: gettext_lazy("Overdue"),
    Status.DUE_SOON: gettext_lazy("Due soon"),
    Status.OPEN: gettext_lazy("Open"),
    Status.MET_LATE: gettext_lazy("Met late"),
    Status.MET_ON_TIME: gettext_lazy("Met on time"),
    Status.NOT_APPLICABLE: gettext_lazy("Not applicable"),
}
STATUS_ORDER = [Status.OVERDUE, Status.DUE_SOON, Status.OPEN, Status.MET_LATE, Status.MET_ON_TIME,
                Status.NOT_APPLICABLE]
