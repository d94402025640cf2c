# SPDX-License-Identifier: MPL-2.0
"""Small-number protection for figures that leave the municipality.

Primary suppression: a figure is hidden when one of its protected counts
(the kind's `protected` quantities: the numerator of a rate, numerator and
denominator of a share, the number of values behind a median or an amount)
is 1-4. Zero is shown: "nobody" discloses nobody.

Secondary suppression: published figures must not let anyone recompute a
hidden one. The exact relations between figures of one unit are:

* over time, for quantities the catalogue marks `additive`: a year is the
  sum of its quarters and of its months, a quarter the sum of its months
  (a period without a figure counts as a known 0);
* between indicators (`catalogue.RELATIONS`), e.g. the placed children of
  `measures.family_based_share` are the children on steps 4, 5 and 6.

First every relation with exactly one hidden quantity gets a second one
hidden (the published part with the smallest positive value, else the
total). Then an exact check solves all relations at once (Gaussian
elimination over fractions, the attacker's best linear effort) and hides
more until no primarily suppressed count can be determined.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction

from .catalogue import BY_ID, RELATIONS
from .model import Row
from .periods import Period, parse_period

MIN_COUNT = 5
Cell = tuple[str, str, str]  # (indicator, period label, quantity)


def _quantity(row: Row, name: str) -> float | None:
    return row.count if name == "count" else getattr(row, name)


def is_small(value: float | None, min_count: int = MIN_COUNT) -> bool:
    return value is not None and 0 < value < min_count


def primary(row: Row, min_count: int = MIN_COUNT) -> bool:
    return any(is_small(_quantity(row, q), min_count) for q in BY_ID[row.indicator].protected)


def relations_for(rows: Sequence[Row], periods: Iterable[str] | None = None) -> list[tuple[Cell, list[Cell]]]:
    """Every exact relation total = sum(parts) among the figures of one unit."""
    labels = {r.period for r in rows} | set(periods or ())
    parsed = {label: parse_period(label) for label in labels}
    indicators = {r.indicator for r in rows}
    out: list[tuple[Cell, list[Cell]]] = []
    children: dict[tuple[str, str], list[str]] = defaultdict(list)  # (parent label, child granularity) -> labels
    for label, p in parsed.items():
        for coarser in ("year", "quarter"):
            if _finer(p.granularity, coarser):
                parent = p.parent(coarser).label
                if parent in parsed:
                    children[(parent, p.granularity)].append(label)
    for ind in sorted(indicators):
        for q in BY_ID[ind].additive:
            for (parent, _g), kids in sorted(children.items()):
                out.append(((ind, parent, q), [(ind, k, q) for k in sorted(kids)]))
    for rel in RELATIONS:
        if rel.total[0] not in indicators and not any(p[0] in indicators for p in rel.parts):
            continue
        for label in sorted(labels):
            out.append(((rel.total[0], label, rel.total[1]), [(i, label, q) for i, q in rel.parts]))
    return out


def _finer(g: str, than: str) -> bool:
    order = {"year": 0, "quarter": 1, "month": 2}
    return order[g] > order[than]


def suppress(rows: Sequence[Row], *, min_count: int = MIN_COUNT, periods: Iterable[str] | None = None,
             secondary: bool = True) -> dict[tuple[str, str], str]:
    """{(indicator, period): "primary" | "secondary"} for the figures to hide (one unit's rows).

    `periods` lists every period the export covers (figures missing there are known zeros)."""
    by_key = {(r.indicator, r.period): r for r in rows}
    hidden: dict[tuple[str, str], str] = {k: "primary" for k, r in by_key.items() if primary(r, min_count)}
    if not secondary or not hidden:
        return hidden
    relations = relations_for(rows, periods)
    targets = _targets(by_key, hidden)
    while True:
        _greedy(relations, by_key, hidden, targets)
        leaks = [c for c in solvable(relations, lambda c: (c[0], c[1]) in hidden, lambda c: _value(c, by_key))
                 if c in targets]
        if not leaks or not any([_hide_partner(c, relations, by_key, hidden) for c in leaks]):
            return hidden


def _value(cell: Cell, by_key: dict[tuple[str, str], Row]) -> float:
    row = by_key.get((cell[0], cell[1]))
    return 0.0 if row is None else float(_quantity(row, cell[2]) or 0.0)


def _targets(by_key: dict[tuple[str, str], Row], hidden: dict[tuple[str, str], str]) -> set[Cell]:
    """What must stay hidden: the small protected counts of primarily suppressed figures, and the
    amounts (DKK) of figures hidden because few children are behind them."""
    out: set[Cell] = set()
    for (ind, per), why in hidden.items():
        if why != "primary":
            continue
        kind = BY_ID[ind].kind
        for q in ("numerator", "denominator"):
            if kind in ("per_child", "money_share") or (q in BY_ID[ind].protected
                                                         and is_small(_value((ind, per, q), by_key))):
                out.add((ind, per, q))
    return out


def _greedy(relations: Sequence[tuple[Cell, Sequence[Cell]]], by_key: dict[tuple[str, str], Row],
            hidden: dict[tuple[str, str], str], targets: set[Cell]) -> None:
    changed = True
    while changed:
        changed = False
        for total, parts in relations:
            cells = [total, *parts]
            unknown = [c for c in cells if (c[0], c[1]) in hidden]
            if len(unknown) != 1 or unknown[0] not in targets:
                continue
            candidates = [c for c in parts if (c[0], c[1]) not in hidden and (c[0], c[1]) in by_key
                          and _value(c, by_key) > 0]
            if candidates:
                pick = min(candidates, key=lambda c: (_value(c, by_key), c))
            elif (total[0], total[1]) not in hidden and (total[0], total[1]) in by_key:
                pick = total
            else:
                continue  # the only other cells are known zeros: nothing to hide behind
            hidden[(pick[0], pick[1])] = "secondary"
            changed = True


def _hide_partner(cell: Cell, relations: Sequence[tuple[Cell, Sequence[Cell]]], by_key: dict[tuple[str, str], Row],
                  hidden: dict[tuple[str, str], str]) -> bool:
    """Hide one more published figure in the relations connected to `cell` through hidden cells."""
    seen_cells, frontier, best = {cell}, [cell], None
    while frontier:
        current = frontier.pop()
        for total, parts in relations:
            cells = [total, *parts]
            if current not in cells:
                continue
            for c in cells:
                key = (c[0], c[1])
                if key in hidden:
                    if c not in seen_cells:
                        seen_cells.add(c)
                        frontier.append(c)
                elif key in by_key:
                    score = (_value(c, by_key) <= 0, _value(c, by_key), c)
                    if best is None or score < best[0]:
                        best = (score, key)
    if best is None:
        return False
    hidden[best[1]] = "secondary"
    return True


def solvable(relations: Sequence[tuple[Cell, Sequence[Cell]]], is_unknown: Callable[[Cell], bool],
             value: Callable[[Cell], float]) -> set[Cell]:
    """The unknown cells whose value follows exactly from the relations and the known cells."""
    equations: list[dict[Cell, Fraction]] = []
    for total, parts in relations:
        eq: dict[Cell, Fraction] = defaultdict(Fraction)
        for cell, coef in [(total, Fraction(1))] + [(p, Fraction(-1)) for p in parts]:
            if is_unknown(cell):
                eq[cell] += coef
        eq = {k: v for k, v in eq.items() if v != 0}
        if eq:
            equations.append(eq)
    return _rref_determined(equations)


def _rref_determined(equations: list[dict[Cell, Fraction]]) -> set[Cell]:
    """Gaussian elimination on sparse rows; a variable is determined when a reduced row has it alone."""
    rows = [dict(e) for e in equations]
    pivots: list[tuple[Cell, dict[Cell, Fraction]]] = []
    for row in rows:
        for var, prow in pivots:
            if var in row:
                f = row[var]
                for k, v in prow.items():
                    row[k] = row.get(k, Fraction(0)) - f * v
                row = {k: v for k, v in row.items() if v != 0}
        if not row:
            continue
        var = min(row)
        f = row[var]
        row = {k: v / f for k, v in row.items()}
        for i, (pv, prow) in enumerate(pivots):
            if var in prow:
                g = prow[var]
                new = dict(prow)
                for k, v in row.items():
                    new[k] = new.get(k, Fraction(0)) - g * v
                pivots[i] = (pv, {k: v for k, v in new.items() if v != 0})
        pivots.append((var, row))
    return {var for var, row in pivots if len(row) == 1}


def period_of(label: str) -> Period:
    return parse_period(label)
