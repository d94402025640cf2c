# SPDX-License-Identifier: MPL-2.0
"""Small-number suppression, tested by an attacker who sees only the exported file and tries to
recompute the hidden counts from the published ones (totals over time, related indicators)."""

from collections import defaultdict
from datetime import UTC, datetime
from fractions import Fraction

import pytest

from forebyg.domain.keyfigures.aggregates import build_document
from forebyg.domain.keyfigures.catalogue import BY_ID, RELATIONS
from forebyg.domain.keyfigures.model import Row
from forebyg.domain.keyfigures.periods import parse_period
from forebyg.domain.keyfigures.suppression import primary, suppress

NOW = datetime(2025, 1, 1, tzinfo=UTC)


def row(ind, period, num=None, den=None, value=None, count=0):
    return Row(ind, "municipality", "657", 657, period, num, den, value, count)


def rate(ind, period, n, pop=10_000):
    return row(ind, period, float(n), float(pop), n / pop * 1000, int(n))


def share(ind, period, num, den):
    return row(ind, period, float(num), float(den), num / den * 100 if den else None, int(den))


# -- the attacker -------------------------------------------------------------------------


def attack(doc):
    """Everything an outsider can work out exactly from the file: {(indicator, period, quantity): value}.

    Known: published numbers, zeros for periods without a row, and the exact relations (a year is the
    sum of its quarters and months for additive quantities; the catalogue's cross-indicator relations).
    Solved by Gaussian elimination over fractions, independently of the exporter's own check."""
    periods = doc["periods"]
    rows = {(r["indicator"], r["period"]): r for r in doc["rows"]}
    indicators = {r["indicator"] for r in doc["rows"]}

    def cell(ind, per, q):
        r = rows.get((ind, per))
        if r is None:
            return Fraction(0)  # no figure: nothing to count
        return None if r["suppressed"] else Fraction(str(r[q]))

    equations = []
    parsed = {p: parse_period(p) for p in periods}
    for ind in indicators:
        for q in BY_ID[ind].additive:
            for label, p in parsed.items():
                for finer in ("quarter", "month"):
                    kids = [k for k, kp in parsed.items() if kp.granularity == finer and
                            p.granularity in ("year", "quarter") and kp.granularity != p.granularity and
                            {"year": 0, "quarter": 1, "month": 2}[kp.granularity] > {"year": 0, "quarter": 1}[p.granularity]
                            and kp.parent(p.granularity).label == label]
                    if kids:
                        equations.append([((ind, label, q), 1)] + [((ind, k, q), -1) for k in kids])
    for rel in RELATIONS:
        for label in periods:
            equations.append([((rel.total[0], label, rel.total[1]), 1)] + [((i, label, q), -1) for i, q in rel.parts])
    # Substitute knowns; eliminate.
    system = []
    for eq in equations:
        coefs, const = defaultdict(Fraction), Fraction(0)
        for c, k in eq:
            v = cell(*c)
            if v is None:
                coefs[c] += k
            else:
                const -= k * v
        coefs = {c: k for c, k in coefs.items() if k}
        if coefs:
            system.append((coefs, const))
    solved = {}
    pivots = []
    for coefs, const in system:
        coefs = dict(coefs)
        for var, (pc, pk) in pivots:
            if var in coefs:
                f = coefs[var]
                for c, k in pc.items():
                    coefs[c] = coefs.get(c, 0) - f * k
                const -= f * pk
                coefs = {c: k for c, k in coefs.items() if k}
        if not coefs:
            continue
        var = min(coefs)
        f = coefs[var]
        coefs, const = {c: k / f for c, k in coefs.items()}, const / f
        for i, (pv, (pc, pk)) in enumerate(pivots):
            if var in pc:
                g = pc[var]
                new = dict(pc)
                for c, k in coefs.items():
                    new[c] = new.get(c, 0) - g * k
                pivots[i] = (pv, ({c: k for c, k in new.items() if k}, pk - g * const))
        pivots.append((var, (coefs, const)))
    for var, (pc, pk) in pivots:
        if len(pc) == 1:
            solved[var] = pk
    return solved


def hidden_small_counts(rows):
    """The counts the protection is for: protected quantities of 1-4."""
    out = {}
    for r in rows:
        for q in BY_ID[r.indicator].protected:
            v = r.count if q == "count" else getattr(r, q)
            if q != "count" and v is not None and 0 < v < 5:
                out[(r.indicator, r.period, q)] = v
    return out


def export(rows, periods, **kw):
    return build_document(rows, municipality=657, municipality_name="Herning", as_of=NOW, created_at=NOW,
                          periods=periods, **kw)


def _year_quarters_months(year=2024):
    return [str(year)] + [f"{year}-Q{q}" for q in range(1, 5)] + [f"{year}-{m:02d}" for m in range(1, 13)]


def notification_rows(monthly):
    ind = "notifications.per_1000"
    rows = [rate(ind, f"2024-{m:02d}", n) for m, n in enumerate(monthly, start=1)]
    rows += [rate(ind, f"2024-Q{q}", sum(monthly[3 * q - 3:3 * q])) for q in range(1, 5)]
    rows.append(rate(ind, "2024", sum(monthly)))
    return rows


# -- tests ----------------------------------------------------------------------------------


def test_counts_1_to_4_are_hidden_and_zero_is_shown():
    assert primary(rate("notifications.per_1000", "2024", 3))
    assert not primary(rate("notifications.per_1000", "2024", 0))
    assert not primary(rate("notifications.per_1000", "2024", 5))
    assert primary(share("notifications.acute_24h", "2024", 40, 4 + 40 - 40))  # denominator 4
    assert primary(share("notifications.acute_24h", "2024", 2, 90))  # numerator 2
    assert primary(row("investigations.median_days", "2024", value=80.0, count=3))


def test_a_hidden_month_cannot_be_recomputed_from_the_year_and_the_other_months():
    rows = notification_rows([30, 28, 3, 25, 31, 29, 27, 26, 33, 30, 28, 32])  # March: 3
    periods = _year_quarters_months()
    assert ("notifications.per_1000", "2024-03", "numerator") not in attack(export(rows, periods))
    # With primary suppression only, the attack works: that is what secondary suppression is for.
    hidden = suppress(rows, periods=periods, secondary=False)
    exposed = {"periods": periods, "rows": [
        {"indicator": r.indicator, "period": r.period, "suppressed": (r.indicator, r.period) in hidden,
         "numerator": r.numerator, "denominator": r.denominator} for r in rows]}
    assert attack(exposed)[("notifications.per_1000", "2024-03", "numerator")] == 3


@pytest.mark.parametrize("monthly", [
    [30, 28, 3, 25, 31, 29, 27, 26, 33, 30, 28, 32],  # one small month
    [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40],  # a small month in a quarter of zeros
    [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4],  # every month small, quarters and year not
    [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],  # the year itself is small
])
def test_no_hidden_count_can_be_recomputed(monthly):
    rows = notification_rows(monthly)
    doc = export(rows, _year_quarters_months())
    solved = attack(doc)
    secrets = hidden_small_counts(rows)
    assert secrets, "the case must hide something"
    assert not set(solved) & set(secrets), {k: solved[k] for k in set(solved) & set(secrets)}
    published = {(r["indicator"], r["period"]) for r in doc["rows"] if not r["suppressed"]}
    assert all((k[0], k[1]) not in published for k in secrets)


def test_a_hidden_step_count_cannot_be_recomputed_from_the_family_based_share():
    """family_based_share: placed children on steps 4-6 (denominator) and on 4-5 (numerator);
    step 6 with 3 children would otherwise be denominator - numerator."""
    steps = {1: 40, 2: 35, 3: 50, 4: 12, 5: 30, 6: 3}
    rows = [rate(f"staircase.children_step_{n}", "2024", k) for n, k in steps.items()]
    rows.append(share("measures.family_based_share", "2024", 42, 45))
    doc = export(rows, ["2024"])
    assert not set(attack(doc)) & set(hidden_small_counts(rows))
    hidden = {r["indicator"] for r in doc["rows"] if r["suppressed"]}
    assert "staircase.children_step_6" in hidden and len(hidden) >= 2


def test_money_hidden_with_few_children_stays_hidden_across_quarters():
    ind = "economy.spending_per_child"
    quarters = [(900_000.0, 40), (30_000.0, 2), (880_000.0, 38), (910_000.0, 41)]
    rows = [row(ind, f"2024-Q{q}", m, 10_000.0, m / 10_000, n) for q, (m, n) in enumerate(quarters, start=1)]
    rows.append(row(ind, "2024", sum(m for m, _ in quarters), 10_000.0, 0.0, 50))
    share_ind = "economy.share_steps_1_3"  # its denominator is the same amount
    rows += [row(share_ind, r.period, r.numerator * 0.4, r.numerator, 40.0, r.count) for r in list(rows)]
    doc = export(rows, ["2024"] + [f"2024-Q{q}" for q in range(1, 5)])
    solved = attack(doc)
    for q in ("numerator", "denominator"):
        assert (share_ind, "2024-Q2", q) not in solved
    assert (ind, "2024-Q2", "numerator") not in solved
    assert sum(r["suppressed"] for r in doc["rows"]) >= 4


def test_real_figures_from_the_small_file_exported_by_year_quarter_and_month():
    from pathlib import Path

    from forebyg.domain.interchange import read_file
    from forebyg.domain.keyfigures.engine import compute
    from forebyg.domain.keyfigures.frames import frames_from_records
    from forebyg.domain.keyfigures.periods import Periods
    from forebyg.domain.keyfigures.population import Population

    records = read_file(Path(__file__).resolve().parents[1] / "keyfigures" / "data" / "small.jsonl")
    frames = frames_from_records(records)
    as_of = datetime.fromisoformat("2024-12-31T23:59:59+01:00")
    pop = Population({(657, 2023): 1000, (657, 2024): 1000})
    rows, labels = [], []
    for g, first, last in (("year", 2023, 2024), ("quarter", 2023 * 4, 2024 * 4 + 3), ("month", 2023 * 12, 2024 * 12 + 11)):
        df = compute(frames, periods=Periods(g, first, last, as_of), population=pop)
        rows += [Row(**r) for r in df.iter_rows(named=True)]
        labels += [p.label for p in Periods(g, first, last, as_of)]
    doc = export(rows, labels)
    secrets = hidden_small_counts(rows)
    assert len(secrets) > 50
    assert not set(attack(doc)) & set(secrets)
    assert all(r["value"] is None and r["numerator"] is None and r["count"] is None
               for r in doc["rows"] if r["suppressed"])
