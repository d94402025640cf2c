# SPDX-License-Identifier: MPL-2.0
"""The deadline engine's records per child, read once and reused while the child is unchanged.

A team's deadline overview computes every obligation of the team's children over their whole
history on each request (the table counts what was met on time years ago as well); reading
those records was most of its time. Each process keeps the records it has read, keyed by
(child, revision) — the revision changes with every change to the child's records (see
`forebyg.cases.revisions`) — so a request reads only the children that changed since, and the
engine still computes everything as of the moment asked for. Bounded by
`FOREBYG_DEADLINE_CACHE_RECORDS` (records per process, least recently used out first; 0 turns
reuse off). Records are shared between requests and never changed (the engine only reads them).

The records leave out the personal data the engine does not read (names, CPR numbers, free text:
`PERSONAL_FIELDS` in the interchange schema), so what is kept between requests — in memory and in
the database — holds ids, codes and times only.

On PostgreSQL the server's processes also share what they have read through the database
(`ChildRecords`, one signed row per child and revision): a process that has not seen a child yet
loads its records in one query instead of reading them from every table, which was most of a
team overview's time in each new process. `FOREBYG_DEADLINE_CACHE_SHARED` turns this on or off
(default: on for PostgreSQL; SQLite serves from one process). The rows are derived data, signed
with a key derived from the secret key (they are unpickled: an unsigned or altered row is read
again from the tables instead), and retention removes them with the child's data (`forget`).
"""

from __future__ import annotations

import pickle
import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils.crypto import constant_time_compare, salted_hmac

from forebyg.cases.revisions import WATCHED_TYPES, revisions
from forebyg.cases.selectors.records import BY_NOTIFICATION, interchange_records
from forebyg.domain.deadlines.engine import RULE_TYPES
from forebyg.domain.interchange import schema as sx

from .models import ChildRecords

# The record types the built-in rules read; a municipality's local standards may add more of
# WATCHED_TYPES (`forebyg.domain.deadlines.input_types`, passed as `types`).
ENGINE_TYPES = list(RULE_TYPES)
assert set(ENGINE_TYPES) <= set(WATCHED_TYPES)
_SHARED = {"notification"} | BY_NOTIFICATION  # about several children (siblings)
_ORDER = {t: i for i, t in enumerate(sx.TYPE_ORDER)}

Record = dict[str, Any]


class _Cache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple[str, Any], tuple[Record, ...]] = OrderedDict()
        self._size = 0

    def get(self, key) -> tuple[Record, ...] | None:
        with self._lock:
            records = self._items.get(key)
            if records is not None:
                self._items.move_to_end(key)
            return records

    def put(self, key, records: tuple[Record, ...], limit: int) -> None:
        if len(records) > limit:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old)
            self._items[key] = records
            self._size += len(records)
            while self._size > limit and self._items:
                _key, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0


_cache = _Cache()


def engine_records(*, municipality_id: int, child_ids: Iterable[str],
                   types: Iterable[str] | None = None) -> list[Record]:
    """Every record the deadline engine needs about these children, each record once: the records
    of `types` (default: those the built-in rules read; `input_types(config)` for a municipality
    whose local standards read more)."""
    ids = list(dict.fromkeys(child_ids))
    return merge(engine_records_by_child(municipality_id=municipality_id, child_ids=ids, types=types).values(),
                 types)


def engine_records_by_child(*, municipality_id: int, child_ids: Iterable[str],
                            types: Iterable[str] | None = None) -> dict[str, tuple[Record, ...]]:
    """`engine_records` by child, in the order of `child_ids` (a record about several children under
    each of them): `merge` of some of them is what `engine_records` gives for those children."""
    ids = list(dict.fromkeys(child_ids))
    wanted = [t for t in sx.TYPE_ORDER if t in set(types or ENGINE_TYPES)]
    unknown = set(wanted) - set(WATCHED_TYPES)
    if unknown:  # their changes would not change the revision: reused records would go stale
        raise ValueError(f"the deadline engine cannot read {sorted(unknown)} per child")
    limit = settings.FOREBYG_DEADLINE_CACHE_RECORDS
    # The tokens first, then the records (see revisions). Records of other types than the default
    # are kept under a token of their own, derived from the revision and the types.
    current = _keyed(revisions(ids), wanted) if limit else {}
    per_child: dict[str, tuple[Record, ...]] = {}
    missing = []
    for child_id in ids:
        rev = current.get(child_id)
        hit = _cache.get((child_id, rev)) if rev is not None else None
        if hit is None:
            missing.append(child_id)
        else:
            per_child[child_id] = hit
    shared = limit and _shared()
    if missing and shared:
        found = shared_get({c: current[c] for c in missing if c in current})
        for child_id, records in found.items():
            per_child[child_id] = records
            _cache.put((child_id, current[child_id]), records, limit)
        missing = [c for c in missing if c not in found]
    if missing:
        read = _read(municipality_id, missing, wanted)
        fresh = {}
        for child_id in missing:
            records = read.get(child_id, ())
            per_child[child_id] = records
            if current.get(child_id) is not None:
                _cache.put((child_id, current[child_id]), records, limit)
                fresh[child_id] = records
        if shared and fresh:
            shared_put({c: (current[c], records) for c, records in fresh.items()})
    return {c: per_child[c] for c in ids}


def _keyed(current: dict[str, uuid.UUID], wanted: list[str]) -> dict[str, uuid.UUID]:
    if wanted == ENGINE_TYPES:
        return current
    types = ",".join(wanted)
    return {c: uuid.uuid5(rev, types) for c, rev in current.items()}


def _shared() -> bool:
    on = settings.FOREBYG_DEADLINE_CACHE_SHARED
    return connection.vendor == "postgresql" if on is None else bool(on)


_SALT = "forebyg.deadlines.records"
_SIG = 32  # bytes of HMAC-SHA256


def _sign(payload: bytes) -> bytes:
    return salted_hmac(_SALT, payload, algorithm="sha256").digest() + payload


def _verified(blob: bytes) -> bytes | None:
    sig, payload = blob[:_SIG], blob[_SIG:]
    return payload if constant_time_compare(sig, salted_hmac(_SALT, payload, algorithm="sha256").digest()) else None


def shared_get(wanted: dict[str, Any]) -> dict[str, tuple[Record, ...]]:
    """The stored records of the children in `wanted` (child -> current revision) whose row is of
    that revision and correctly signed."""
    if not wanted:
        return {}
    out = {}
    rows = ChildRecords.objects.filter(child_id__any_of=list(wanted)).values_list("child_id", "revision", "payload")
    for child_id, revision, blob in rows:
        if revision != wanted[child_id]:
            continue
        payload = _verified(bytes(blob))
        if payload is not None:
            out[child_id] = pickle.loads(payload)  # noqa: S301 - signed by this installation (above)
    return out


def shared_put(items: dict[str, tuple[Any, tuple[Record, ...]]]) -> None:
    """Store records read (child -> (revision, records)) for the other processes. A failure here
    (e.g. two processes writing the same rows) only means the next process reads the tables."""
    rows = [ChildRecords(child_id=c, revision=rev, payload=_sign(pickle.dumps(records, protocol=5)))
            for c, (rev, records) in sorted(items.items())]
    own_transaction = not connection.in_atomic_block
    try:
        with transaction.atomic():
            if own_transaction and connection.vendor == "postgresql":
                # Derived data: a crash may lose it (it is read again then), so the page does not wait
                # for the write-ahead log to reach the disk. Only in a transaction of its own, so
                # that no record or access-log row is ever committed this way.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit = off")
            ChildRecords.objects.bulk_create(rows, batch_size=200, update_conflicts=True,
                                             unique_fields=["child_id"], update_fields=["revision", "payload"])
    except DatabaseError:
        pass


def forget(child_ids: Iterable[str]) -> None:
    """Remove the stored records of these children (retention: their data is being erased)."""
    ChildRecords.objects.filter(child_id__in=list(child_ids)).delete()


def _read(municipality_id: int, child_ids: list[str], types: list[str]) -> dict[str, tuple[Record, ...]]:
    """The records of `child_ids`, by child: a notification (with its assessments,
    acknowledgements and feedback) under each of the requested children it names."""
    wanted = set(child_ids)
    grouped: dict[str, list[Record]] = {c: [] for c in child_ids}
    named: dict[str, list[str]] = {}
    for rec in interchange_records(municipalities=[municipality_id], child_ids=child_ids, types=types,
                                   native_times=True, omit=sx.PERSONAL_FIELDS):
        rtype = rec["type"]
        if rtype == "child":
            owners = [rec["id"]]
        elif rtype == "notification":
            owners = named[rec["id"]] = [c for c in rec["children"] if c in wanted]
        elif rtype in BY_NOTIFICATION:
            owners = named.get(rec["notification"], [])
        else:
            owners = [rec["child"]] if rec.get("child") in wanted else []
        for owner in owners:
            grouped[owner].append(rec)
    return {c: tuple(recs) for c, recs in grouped.items()}


def merge(groups: Iterable[tuple[Record, ...]], types: Iterable[str] | None = None) -> list[Record]:
    """One list in the format's type order, a record shared by siblings only once."""
    named = set(types or ENGINE_TYPES)
    types = [t for t in sx.TYPE_ORDER if t in named]
    seen: set[tuple[str, str]] = set()
    by_type: dict[str, list[Record]] = {t: [] for t in types}
    for records in groups:
        for rec in records:
            rtype = rec["type"]
            if rtype in _SHARED:
                key = (rtype, rec["id"])
                if key in seen:
                    continue
                seen.add(key)
            by_type[rtype].append(rec)
    return [rec for t in sorted(by_type, key=_ORDER.__getitem__) for rec in by_type[t]]


def clear() -> None:
    """Forget every reused record in this process (tests; never needed for correctness)."""
    _cache.clear()
