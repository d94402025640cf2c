# SPDX-License-Identifier: MPL-2.0
"""Interchange records as columnar frames (polars), built once and shared by every indicator.

Only the columns the catalogue needs are kept; timestamps become UTC
datetimes (microseconds), dates become dates. Three ways in:

* `frames_from_records(records)`: plain dicts (from a file, from the
  database through `forebyg.cases.selectors.records.interchange_records`,
  or from the synthetic generator);
* `frames_from_jsonl(path)`: a JSON Lines file read by polars directly,
  chunk by chunk (no Python dict per record; the fast path for big files);
* `frames_from_parquet(directory)` / `Frames.write_parquet(directory)`: a
  columnar copy for repeated runs.

Ids and references (record ids, child, case, notification, measure,
caseworker, offer, goal, a notification's children) are replaced by integer
codes when the frames are built: joins, group-bys and sorts on integers are
what makes the whole country fast. Each type's codes follow its ids' sort
order, so ties broken "by id" come out as in the oracle. `Frames.ids` maps
children's codes back to their ids (team and district ids stay strings: they
are the units of the output).

`Frames.at(as_of)` gives the data as it was at a moment, with the deadline
engine's rule: a record whose main timestamp (`PRIMARY`) is later did not
exist yet, and a later optional timestamp (ended, completed, closed, ...)
had not happened yet.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import polars as pl

from ..calendar import local_date
from ..deadlines.index import PRIMARY as DEADLINE_PRIMARY

S, I64, F64, B = pl.String, pl.Int64, pl.Float64, pl.Boolean
TS = pl.Datetime("us", "UTC")
D = pl.Date

COLUMNS: dict[str, dict[str, Any]] = {
    "team": {"id": S, "municipality": I64, "name": S},
    "district": {"id": S, "municipality": I64, "name": S},
    "staff": {"id": S, "municipality": I64, "role": S, "team": S},
    "offer": {"id": S, "municipality": I64, "price_per_month": F64},
    "child": {"id": S, "municipality": I64, "district": S, "birth_date": D},
    "case": {"id": S, "municipality": I64, "child": S, "opened_at": TS, "closed_at": TS, "caseworker": S, "team": S},
    "counselling": {"id": S, "municipality": I64, "child": S, "started_at": TS, "ended_at": TS, "caseworker": S},
    "notification": {"id": S, "municipality": I64, "received_at": TS, "notifier_kind": S,
                     "notifier_professional": B, "children": pl.List(S), "team": S},
    "acute_assessment": {"id": S, "municipality": I64, "notification": S, "assessed_at": TS},
    "acknowledgement": {"id": S, "municipality": I64, "notification": S, "sent_at": TS},
    "decision": {"id": S, "municipality": I64, "notification": S, "child": S, "decided_at": TS, "outcome": S},
    "notifier_feedback": {"id": S, "municipality": I64, "notification": S, "given_at": TS, "content": S},
    "investigation": {"id": S, "municipality": I64, "case": S, "child": S, "aware_at": TS, "started_at": TS,
                      "completed_at": TS},
    "child_conversation": {"id": S, "municipality": I64, "child": S, "held_at": TS},
    "measure": {"id": S, "municipality": I64, "case": S, "child": S, "kind": S, "step": I64, "decided_at": TS,
                "started_at": TS, "ended_at": TS, "offer": S},
    "followup": {"id": S, "municipality": I64, "case": S, "child": S, "measure": S, "held_at": TS, "next_due": D},
    "scaling_round": {"id": S, "municipality": I64, "child": S, "goal": S, "held_at": TS,
                      "entries": pl.List(pl.Struct({"respondent": S, "score": I64, "name": S}))},
}
TYPES: tuple[str, ...] = tuple(COLUMNS)
# Child records are not masked: they only give the child's district.
PRIMARY: dict[str, str] = {t: c for t, c in {**DEADLINE_PRIMARY, "scaling_round": "held_at"}.items()
                           if t in COLUMNS and c in COLUMNS[t]}
_RAW = {t: {c: (S if dt in (TS, D) else dt) for c, dt in cols.items()} for t, cols in COLUMNS.items()}
# One schema for every line of a file: the union of the columns above (all as read from JSON).
_UNION: dict[str, Any] = {"type": S}
for _cols in _RAW.values():
    for _c, _dt in _cols.items():
        _UNION.setdefault(_c, _dt)
_UNION["kind"] = S  # measure kind; institutions and meetings also have a kind (ignored)


UNIT_TABLES = ("team", "district")  # their ids are the output's units: kept as strings
CODE = pl.Int64
IDS = "_ids"  # the table of codes and the ids they stand for


@dataclass
class Frames:
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    ids: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema={"code": CODE, "id": pl.String}))

    def decode(self, codes: list[int | None]) -> list[str | None]:
        """The interchange ids of codes."""
        look = pl.DataFrame({"code": codes}, schema={"code": CODE}).join(self.ids, on="code", how="left",
                                                                           maintain_order="left")
        return look["id"].to_list()

    def encode(self, ids: list[str]) -> list[int | None]:
        look = pl.DataFrame({"id": ids}, schema={"id": pl.String}).join(self.ids, on="id", how="left",
                                                                          maintain_order="left")
        return look["code"].to_list()

    def __getitem__(self, rtype: str) -> pl.DataFrame:
        return self.tables[rtype]

    def __contains__(self, rtype: str) -> bool:
        return rtype in self.tables

    def height(self) -> int:
        return sum(df.height for df in self.tables.values())

    def municipalities(self) -> list[int]:
        codes: set[int] = set()
        for df in self.tables.values():
            if df.height:
                codes.update(c for c in df["municipality"].unique().to_list() if c is not None)
        return sorted(codes)

    def only(self, municipalities: Iterable[int]) -> Frames:
        codes = list(municipalities)
        return Frames({t: df.filter(pl.col("municipality").is_in(codes)) for t, df in self.tables.items()}, self.ids)

    def at(self, as_of: datetime) -> Frames:
        """The data as it was at `as_of` (see the module docstring)."""
        return Frames({t: self.lazy_at(t, as_of).collect() for t in self.tables}, self.ids)

    def lazy_at(self, rtype: str, as_of: datetime) -> pl.LazyFrame:
        """One record type as it was at `as_of`, as a lazy frame (part of a larger query)."""
        moment = as_of.astimezone(UTC)
        df = self.tables[rtype]
        lf = df.lazy()
        # Only the columns with a later moment need the rule (usually none: as_of after the data),
        # so the table is otherwise read as it is, without a filtered copy (issue #20).
        later = {c for c, dt in COLUMNS[rtype].items() if dt == TS and _after(df[c], moment)}
        primary = PRIMARY.get(rtype)
        if primary and (primary in later or df[primary].null_count()):  # the filter also drops nulls
            lf = lf.filter(pl.col(primary) <= moment)
        optional = [c for c, dt in COLUMNS[rtype].items() if dt == TS and c != primary and c in later]
        if optional:
            lf = lf.with_columns(pl.when(pl.col(c) <= moment).then(pl.col(c)).otherwise(None).alias(c)
                                 for c in optional)
        return lf

    def first_day(self) -> date | None:
        """The Copenhagen date of the earliest notification (else measure, counselling course or
        investigation): where the data's own history starts. Records kept from before then (cases
        still open when the data starts) do not make earlier, incomplete periods."""
        for rtype, col in (("notification", "received_at"), ("measure", "decided_at"), ("counselling", "started_at"),
                           ("investigation", "started_at")):
            df = self.tables.get(rtype)
            if df is not None and df.height:
                first = df[col].min()
                if isinstance(first, datetime):
                    return local_date(first.astimezone(UTC))
        return None

    def write_parquet(self, directory: str | Path) -> None:
        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        for rtype, df in self.tables.items():
            df.write_parquet(path / f"{rtype}.parquet")
        self.ids.write_parquet(path / f"{IDS}.parquet")


def _after(col: pl.Series, moment: datetime) -> bool:
    """Whether some value of a timestamp column is later than `moment`."""
    last = col.max()
    return isinstance(last, datetime) and last > moment


def _empty(rtype: str) -> pl.DataFrame:
    return pl.DataFrame(schema=COLUMNS[rtype])


# Reference columns and the record type whose ids they hold (types not loaded here, like goals, are
# coded within the referring table).
REFERS = {"child": "child", "children": "child", "case": "case", "notification": "notification",
          "measure": "measure", "caseworker": "staff", "offer": "offer", "goal": None}


def _encode(tables: dict[str, pl.DataFrame]) -> Frames:
    """Replace ids and references by integer codes and keep the children's dictionary.

    Each type's ids are numbered in their sort order (so ties broken by id come out as in the
    oracle); a reference takes the code of the record it names (null when it names none: validated
    files and the database have no such references)."""
    codes: dict[str, pl.DataFrame] = {}
    out: dict[str, pl.DataFrame] = {}
    for rtype, df in tables.items():
        if rtype in UNIT_TABLES:
            out[rtype] = df
            continue
        coded = df.with_columns(_code=pl.col("id").rank("ordinal").cast(CODE))
        codes[rtype] = coded.select("id", pl.col("_code").alias("code"))
        out[rtype] = coded.with_columns(pl.col("_code").alias("id")).drop("_code")
    # A referenced type that is not loaded (e.g. only some types were read for a drill-down): its
    # codes come from all the references to it, so that they agree across tables.
    for missing in {t for t in REFERS.values() if t} - {t for t, c in codes.items() if c.height}:
        values = [df.get_column(c).explode() if c == "children" else df.get_column(c)
                  for df in tables.values() for c, t in REFERS.items() if t == missing and c in df.columns]
        if values:
            ids = pl.concat(values).drop_nulls().unique().sort()
            codes[missing] = pl.DataFrame({"id": ids, "code": pl.int_range(1, len(ids) + 1, eager=True)},
                                         schema={"id": pl.String, "code": CODE})
    for rtype, df in out.items():
        if rtype in UNIT_TABLES:
            continue
        for col, target in REFERS.items():
            if col not in df.columns:
                continue
            if col == "children":
                look = codes["child"].rename({"id": "_ref", "code": "_c"})
                kids = (df.select("id", "children").with_row_index("_row").explode("children")
                        .join(look, left_on="children", right_on="_ref", how="left", maintain_order="left")
                        .group_by("_row", maintain_order=True).agg(pl.col("_c").drop_nulls().alias("_children")))
                df = (df.with_row_index("_row").join(kids, on="_row", how="left", maintain_order="left")
                      .with_columns(pl.col("_children").fill_null(pl.lit([], dtype=pl.List(CODE))).alias("children"))
                      .drop("_row", "_children"))
            elif target is None or target not in codes:
                df = df.with_columns(pl.col(col).rank("dense").cast(CODE))
            else:
                look = codes[target].rename({"id": "_ref", "code": "_c"})
                df = (df.join(look, left_on=col, right_on="_ref", how="left", maintain_order="left")
                      .with_columns(pl.col("_c").alias(col)).drop("_c"))
        out[rtype] = df.select(list(COLUMNS[rtype]))
    child = codes.get("child", pl.DataFrame(schema={"id": pl.String, "code": CODE}))
    return Frames(out, child.select("code", "id"))


_TS_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def _timestamps(col: pl.Series) -> pl.Series:
    """ISO timestamps with offset to UTC datetimes: the common form fast, anything else inferred."""
    fast = col.str.to_datetime(_TS_FORMAT, time_zone="UTC", time_unit="us", strict=False)
    if fast.null_count() == col.null_count():
        return fast
    return col.str.to_datetime(time_zone="UTC", time_unit="us")


def _finish(rtype: str, df: pl.DataFrame) -> pl.DataFrame:
    """From the raw (JSON) column types to the frame's types: parse timestamps and dates."""
    cols = COLUMNS[rtype]
    df = df.select(list(cols))
    changes = []
    for c, dt in cols.items():
        if dt == TS:
            changes.append(_timestamps(df[c]).alias(c))
        elif dt == D:
            changes.append(df[c].str.to_date("%Y-%m-%d").alias(c))
        elif rtype == "notification" and c == "children":
            changes.append(df[c].list.unique(maintain_order=True).alias(c))
    return df.with_columns(changes) if changes else df


def frames_from_records(records: Iterable[Mapping[str, Any]]) -> Frames:
    """Frames from interchange records (dicts); record types the catalogue does not use are skipped."""
    by_type: dict[str, list[Mapping[str, Any]]] = {t: [] for t in COLUMNS}
    for rec in records:
        bucket = by_type.get(rec.get("type"))  # type: ignore[arg-type]
        if bucket is not None:
            bucket.append(rec)
    tables = {}
    for rtype, recs in by_type.items():
        if not recs:
            tables[rtype] = _empty(rtype)
            continue
        tables[rtype] = _finish(rtype, _from_dicts(recs, _RAW[rtype]))
    return _encode(tables)


def _from_dicts(recs: list[Mapping[str, Any]], schema: dict[str, Any]) -> pl.DataFrame:
    """`pl.from_dicts`, with list columns (a notification's children, a scaling round's entries)
    built from one flat list of their items: polars converts nested Python values one by one, which
    made a municipality's scaling rounds most of the time it took to build its frames."""
    nested = [c for c, dt in schema.items() if isinstance(dt, pl.List)]
    df = pl.from_dicts(recs, schema={c: dt for c, dt in schema.items() if c not in nested}, strict=False)
    for col in nested:
        rows: list[int] = []
        items: list[Any] = []
        present: list[bool] = []
        for i, rec in enumerate(recs):
            value = rec.get(col)
            present.append(value is not None)
            for item in value or ():
                rows.append(i)
                items.append(item)
        inner = schema[col].inner
        if isinstance(inner, pl.Struct):
            flat = pl.from_dicts(items, schema={f.name: f.dtype for f in inner.fields}, strict=False)
            flat = flat.select(pl.struct(flat.columns).alias(col))
        else:
            flat = pl.DataFrame({col: items}, schema={col: inner}, strict=False)
        lists = (flat.with_columns(_row=pl.Series(rows, dtype=pl.UInt32))
                 .group_by("_row").agg(pl.col(col)))  # a group keeps its rows' order
        df = (df.with_row_index("_row").join(lists, on="_row", how="left").sort("_row").drop("_row")
              .with_columns(pl.when(pl.Series(present, dtype=pl.Boolean))
                            .then(pl.col(col).fill_null(pl.lit([], dtype=schema[col])))
                            .otherwise(None).alias(col)))
    return df.select(list(schema))


def frames_from_jsonl(path: str | Path, *, chunk_bytes: int = 96 << 20) -> Frames:
    """Frames straight from a JSON Lines interchange file, read by polars in chunks.

    The file is not validated here: validate it first (`forebyg import` or
    `interchange.read_file`) when it comes from outside.
    """
    parts: dict[str, list[pl.DataFrame]] = {t: [] for t in COLUMNS}
    with open(path, "rb") as fh:
        rest = b""
        while True:
            block = fh.read(chunk_bytes)
            if not block:
                break
            block = rest + block
            cut = block.rfind(b"\n") + 1
            rest = block[cut:]
            _read_block(block[:cut], parts)
        if rest.strip():
            _read_block(rest + b"\n", parts)
    tables = {}
    for rtype, dfs in parts.items():
        tables[rtype] = _finish(rtype, pl.concat(dfs, how="vertical_relaxed")) if dfs else _empty(rtype)
    return _encode(tables)


def _read_block(data: bytes, parts: dict[str, list[pl.DataFrame]]) -> None:
    if not data.strip():
        return
    df = pl.read_ndjson(io.BytesIO(data), schema=_UNION)
    types = [t for t in df.get_column("type").unique().to_list() if t in parts]
    for rtype in types:  # a canonical file holds each type in one stretch: mostly one type per block
        sub = df if len(types) == 1 and df.get_column("type").n_unique() == 1 else df.filter(pl.col("type") == rtype)
        parts[rtype].append(sub.select(list(_RAW[rtype])))


def frames_from_parquet(directory: str | Path) -> Frames:
    path = Path(directory)
    tables = {}
    for rtype in COLUMNS:
        f = path / f"{rtype}.parquet"
        tables[rtype] = pl.read_parquet(f) if f.exists() else _encode({rtype: _empty(rtype)}).tables[rtype]
    ids = path / f"{IDS}.parquet"
    return Frames(tables, pl.read_parquet(ids) if ids.exists() else pl.DataFrame(schema={"code": CODE, "id": pl.String}))
