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
of the settings and a digest of every (child, revision) pair asked for, with the interval
[as_of, horizon) in which it holds. A request whose key and moment match reuses it; anything
else computes afresh. Nothing has to be cleared: a change to any record of any of the children,
to the set of children or to the settings gives a different key (the old entry ages out), and the
clock passing the horizon makes the entry not hold (`Computed.holds_at`). A child without a
revision yet (never written since the revisions exist) is never reused.

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

    def put(self, key: str, entry: Computed, limit: int) -> None:
        n = len(entry.obligations) + 1
        if n > limit:
            return
        with self._lock:
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
    """The obligations of these children as of `as_of`, reused while they cannot have changed."""
    from .records import engine_records
    from .selectors import settings_for

    ids = sorted(set(child_ids))
    s = settings_ if settings_ is not None else settings_for(municipality_id)
    types = input_types(s.config)
    limit = settings.FOREBYG_DEADLINE_CACHE_OBLIGATIONS
    key = None
    if limit and ids:
        # The revisions first, then the records (engine_records): a write in between files newer
        # obligations under the older key, never older ones under the newer key (see revisions).
        current = revision_tokens(ids)
        if len(current) == len(ids):
            key = _key(municipality_id, types, s.token, ((c, current[c]) for c in ids))
            hit = memo.get(key, as_of)
            if hit is not None:
                return hit
    if not ids:
        return Computed([], as_of, None)
    records = engine_records(municipality_id=municipality_id, child_ids=ids, types=types)
    obligations, horizon = compute_with_horizon(records, as_of=as_of, calendar=s.calendar, config=s.config)
    entry = Computed(obligations, as_of, horizon)
    if key is not None:
        memo.put(key, entry, limit)
    return entry


def _key(municipality_id: int, types: tuple[str, ...], settings_token: str, pairs) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{municipality_id}|{','.join(types)}|{settings_token}|".encode())
    digest.update("\n".join(f"{c}:{rev}" for c, rev in pairs).encode())
    return digest.hexdigest()


def clear() -> None:
    """Forget every reused computation in this process (tests; never needed for correctness)."""
    memo.clear()
