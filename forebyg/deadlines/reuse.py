# SPDX-License-Identifier: MPL-2.0
"""Obligations reused between requests until some status can next change (issue #20).

The team's deadline overview, Mine frister, the inbox, the team page and "Mit arbejde" each ran
the deadline engine over their children's whole history on every request (the team overview:
20,000 obligations for a team of 1,200 children, a quarter of a second). The result depends only
on

* the children's records — each child's revision (`forebyg.cases.revisions`) changes with every
  save or delete of a record the engine reads, every change of a notification's children, every
  import and every retention run, for every child concerned;
* which children are asked for (a case opened, closed or moved changes the team's children);
* the municipality's deadline settings (calendar and rules);
* the moment asked for — and between `as_of` and the computation's horizon
  (`forebyg.domain.deadlines.compute_with_horizon`, proved in domain/deadlines/horizon.py from the
  engine's comparisons with `as_of`: due, "due soon", the 18th birthday, a record's time) the
  result is exactly the same.

So each computation is kept under a key made of the municipality, the record types read, a digest
of the settings and a digest of the (child, revision) pairs it covers, with the interval
[as_of, horizon) in which it holds. A request whose key and moment match reuses it; anything
else computes afresh. Nothing has to be cleared: a change to any record of any of the children,
to the set of children or to the settings gives a different key (the old entry ages out), and the
clock passing the horizon makes the entry not hold (`Computed.holds_at`). A child without a
revision yet (never written since the revisions exist) is never reused.

Per group of children: under the load mix caseworkers record a follow-up or two a second, so a
team's or a municipality's set nearly always has one child changed since the last request, and
computing the whole set again cost a team page 125-240 ms and the manager's overview 650 ms. So
the set's children are split into the groups the engine computes apart (`groups`: children named
by one notification, or linked by an assessment covering another child's notification; every
other record the engine reads is about one child), each group's obligations are kept under its
own key with its own horizon, and a request whose whole-set key misses assembles the set from
the groups' entries, computing only the groups whose key changed or whose horizon passed. The
assembled obligations are those of the whole set computed at once (an obligation's subject is
one group's record), in group order (every caller orders them itself: `by_urgency`, counts); the
assembled entry holds from the latest of its groups' `since` until the earliest of their
horizons, and is kept under the whole set's key too, so an unchanged set is one lookup and what
pages derive from it (`derived`) is computed once per assembled entry. The price: computing
every group apart (a new process, changed settings) costs about twice one run over the whole set
(the engine's fixed cost per run, some 0.25 ms a group on the demo), once.

Kept in each process's memory, least recently used out first, bounded by
`FOREBYG_DEADLINE_CACHE_OBLIGATIONS` (obligations per process; 0 turns reuse off). Not in
Django's cache framework: the key is derived from what is in the database, so processes need not
tell each other anything (each computes a team's obligations once per change or horizon), and an
in-process entry is used without unpickling 20,000 tuples. An entry holds ids, rule ids, times and
statuses — no names, CPR numbers or free text (pages read those from the database).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings

from forebyg.cases.revisions import revision_tokens
from forebyg.domain.deadlines import Obligation, compute_with_horizon, input_types


@dataclass
class Computed:
    """Obligations as of `since`, the same for every moment before `until` (None: for ever), and
    what pages derive from them (`derived`, e.g. the team overview's counts: same lifetime)."""

    obligations: list[Obligation]
    since: datetime
    until: datetime | None
    derived: dict[str, Any] = field(default_factory=dict)

    def holds_at(self, as_of: datetime) -> bool:
        return self.since <= as_of and (self.until is None or as_of < self.until)

    def derive(self, name: str, make):
        """`make(obligations)`, once per entry."""
        if name not in self.derived:
            self.derived[name] = make(self.obligations)
        return self.derived[name]


class _Memo:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: OrderedDict[str, Computed] = OrderedDict()
        self._size = 0
        self.hits = self.misses = 0

    def get(self, key: str, as_of: datetime) -> Computed | None:
        with self._lock:
            entry = self._items.get(key)
            if entry is None or not entry.holds_at(as_of):
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: str, entry: Computed, limit: int, replaces: str | None = None) -> None:
        """Keep `entry` under `key`; drop the entry under `replaces` (the same set of children's
        previous key: never asked for again)."""
        n = len(entry.obligations) + 1
        with self._lock:
            if replaces is not None and replaces != key:
                stale = self._items.pop(replaces, None)
                if stale is not None:
                    self._size -= len(stale.obligations) + 1
            if n > limit:
                return
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old.obligations) + 1
            self._items[key] = entry
            self._size += n
            while self._size > limit and self._items:
                _key, dropped = self._items.popitem(last=False)
                self._size -= len(dropped.obligations) + 1

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0
            self.hits = self.misses = 0


memo = _Memo()


def computed_for_children(*, municipality_id: int, child_ids: Iterable[str], as_of: datetime,
                          settings_=None) -> Computed:
    """The obligations of these children as of `as_of`, reused while they cannot have changed: the
    whole set's under its own key, else assembled from each group's (`groups`), computing only the
    groups whose key changed or whose horizon passed."""
    from .records import engine_records, engine_records_by_child, merge
    from .selectors import settings_for

    ids = sorted(set(child_ids))
    if not ids:
        return Computed([], as_of, None)
    s = settings_ if settings_ is not None else settings_for(municipality_id)
    types = input_types(s.config)
    limit = settings.FOREBYG_DEADLINE_CACHE_OBLIGATIONS
    if not limit:
        records = engine_records(municipality_id=municipality_id, child_ids=ids, types=types)
        obligations, horizon = compute_with_horizon(records, as_of=as_of, calendar=s.calendar, config=s.config)
        return Computed(obligations, as_of, horizon)
    # The revisions first, then the records (engine_records): a write in between files newer
    # obligations under the older key, never older ones under the newer key (see revisions).
    current = revision_tokens(ids)
    head = f"{municipality_id}|{','.join(types)}|{s.token}|"
    whole = _key(head, ((c, current[c]) for c in ids)) if len(current) == len(ids) else None
    if whole is not None:
        hit = memo.get(whole, as_of)
        if hit is not None:
            return hit
    parts: list[Computed | None] = []
    keys: list[str | None] = []
    todo: list[int] = []
    chosen = groups(ids, municipality_id=municipality_id) if len(ids) > 1 else [ids]
    for i, group in enumerate(chosen):
        key = _key(head, ((c, current[c]) for c in group)) if all(c in current for c in group) else None
        entry = memo.get(key, as_of) if key is not None else None
        parts.append(entry)
        keys.append(key)
        if entry is None:
            todo.append(i)
    if todo:
        by_child = engine_records_by_child(municipality_id=municipality_id,
                                           child_ids=[c for i in todo for c in chosen[i]], types=types)
        for i in todo:
            records = merge((by_child[c] for c in chosen[i]), types)
            obligations, horizon = compute_with_horizon(records, as_of=as_of, calendar=s.calendar, config=s.config)
            parts[i] = entry = Computed(obligations, as_of, horizon)
            key = keys[i]
            if key is not None:
                memo.put(key, entry, limit)
    done = [p for p in parts if p is not None]
    if len(done) == 1:
        assembled = Computed(done[0].obligations, done[0].since, done[0].until)
    else:
        untils = [p.until for p in done if p.until is not None]
        assembled = Computed([ob for p in done for ob in p.obligations], max(p.since for p in done),
                             min(untils) if untils else None)
    if whole is not None:
        # The set's previous assembled entry is stale now (one of its children changed): dropped,
        # so that a team changing twice a second does not fill the memory with copies of its set.
        ident = _key(head, ((c, "") for c in ids))
        with _latest_lock:
            previous = _latest.pop(ident, None)
            _latest[ident] = whole
            while len(_latest) > 10_000:
                _latest.pop(next(iter(_latest)))
        memo.put(whole, assembled, limit, replaces=previous)
    return assembled


# The latest whole-set key per set of children (digest of the municipality, settings and children,
# no revisions), to drop the set's previous assembled entry when it is replaced.
_latest: dict[str, str] = {}
_latest_lock = threading.Lock()


def groups(child_ids: list[str], *, municipality_id: int) -> list[list[str]]:
    """These children in groups the engine computes apart: two children are in one group when a
    notification names both, or when a notification of one is covered by the acute assessment of a
    notification of the other (the engine reads a notification, and what is recorded about it, for
    every child it names: `evaluators`, `index.Index._acute`). Every other record the engine reads
    is about one child. The obligations of the children, computed together, are those of their
    groups computed apart (tests/deadlines/test_reuse_per_child.py). Each group sorted, the groups
    by their first child."""
    from forebyg.cases import models as cm
    from forebyg.core.scoping import municipality_scope

    wanted = set(child_ids)
    parent: dict[str, str] = {c: c for c in child_ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    through = cm.Notification.children.through
    links = list(through.objects.filter(child_id__any_of=list(child_ids)).values_list("notification_id", "child_id"))
    by_notification: dict[str, list[str]] = {}
    for notification_id, child_id in links:
        if child_id in wanted:
            by_notification.setdefault(notification_id, []).append(child_id)
    for named in by_notification.values():
        for c in named[1:]:
            join(named[0], c)
    with municipality_scope(municipality_id):
        covering = list(cm.AcuteAssessment.objects.filter(
            municipality_id=municipality_id, notification_id__any_of=list(by_notification), covers__isnull=False,
        ).values_list("notification_id", "covers"))
    for notification_id, covers in covering:
        for other in covers or ():
            if other in by_notification:
                join(by_notification[notification_id][0], by_notification[other][0])
    out: dict[str, list[str]] = {}
    for c in child_ids:
        out.setdefault(find(c), []).append(c)
    return sorted((sorted(g) for g in out.values()), key=lambda g: g[0])


def _key(head: str, pairs) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(head.encode())
    digest.update("\n".join(f"{c}:{rev}" for c, rev in pairs).encode())
    return digest.hexdigest()


def clear() -> None:
    """Forget every reused computation in this process (tests; never needed for correctness)."""
    memo.clear()
    with _latest_lock:
        _latest.clear()
