# SPDX-License-Identifier: MPL-2.0
"""The synthetic data generator: valid, deterministic, streaming-ordered and realistic."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import pytest

from forebyg.domain import cpr
from forebyg.domain.interchange import dump_lines, parse_lines
from forebyg.domain.interchange.schema import REFERENCES, ROLES, TYPE_ORDER
from forebyg.domain.staircase import KINDS_BY_CODE, MEASURE_KINDS
from forebyg.synth import (
    generate,
    generate_national,
    municipalities,
    population_by_year,
    write_jsonl,
)

CPH = ZoneInfo("Europe/Copenhagen")
END = datetime(2025, 6, 30, 12, 0, tzinfo=CPH)
STAMP = "2025-06-30T12:00:00+02:00"


@lru_cache(maxsize=4)
def records(children: int = 300, seed: int = 11) -> tuple[dict, ...]:
    return tuple(generate(municipality=657, name="Herning", children=children, start_year=2019,
                          end_year=2025, end=END, seed=seed))


def of_type(recs, rtype: str) -> list[dict]:
    return [r for r in recs if r["type"] == rtype]


def ts(value: str) -> datetime:
    return datetime.fromisoformat(value)


def test_output_validates_against_the_format():
    lines = [json.dumps(r, ensure_ascii=False) for r in records()]
    parsed = parse_lines(lines)
    assert len(parsed) == len(lines) > 1000
    canonical = list(dump_lines(records(), exported_at=STAMP, municipalities=[657]))
    assert len(parse_lines(canonical)) == len(lines)


def test_same_seed_same_output_other_seed_other_output():
    again = list(generate(municipality=657, name="Herning", children=300, start_year=2019,
                          end_year=2025, end=END, seed=11))
    assert again == list(records())
    other = list(generate(municipality=657, name="Herning", children=300, start_year=2019,
                          end_year=2025, end=END, seed=12))
    assert other != list(records())


def test_references_come_first_and_ids_ascend_per_type():
    seen: set[str] = set()
    last: dict[str, str] = {}
    for r in records():
        for field, _target in REFERENCES.get(r["type"], {}).items():
            name = field.removesuffix("[]")
            value = r.get(name)
            for ref in (value or []) if field.endswith("[]") else [value]:  # a null list names no one
                assert ref is None or ref in seen, (r["id"], name, ref)
        assert r["id"] > last.get(r["type"], ""), r["id"]
        assert r["id"].startswith("657-")
        last[r["type"]] = r["id"]
        seen.add(r["id"])


def test_write_jsonl_is_the_canonical_form(tmp_path):
    path = tmp_path / "out.jsonl"
    counts = write_jsonl(path, iter(records()), exported_at=STAMP, municipalities=[657])
    expected = "".join(dump_lines(records(), exported_at=STAMP, municipalities=[657]))
    assert path.read_text(encoding="utf-8") == expected
    assert sum(counts.values()) == len(records())
    with pytest.raises(ValueError, match="ascending"):
        write_jsonl(tmp_path / "bad.jsonl", reversed(records()), exported_at=STAMP,
                    municipalities=[657])


def test_timestamps_are_copenhagen_local_time_and_not_after_the_end():
    checked = 0
    for r in records():
        for key, value in r.items():
            if key.endswith("_at"):
                t = ts(value)
                assert t.utcoffset() == t.astimezone(CPH).utcoffset(), value
                assert len(value) == 25 and value.endswith(("+01:00", "+02:00"))
                assert t <= END, (r["id"], key, value)
                checked += 1
    assert checked > 1000


def test_all_cpr_numbers_are_fake_and_children_are_0_to_17_sometime():
    children = of_type(records(), "child")
    numbers = [c["cpr"] for c in children if c.get("cpr")]
    assert len(numbers) > 0.9 * len(children)
    assert all(cpr.is_fake(n) for n in numbers)
    assert all(cpr.birth_date(c["cpr"]).isoformat() == c["birth_date"]
               for c in children if c.get("cpr"))
    young = [c for c in children if c["birth_date"] > "2007-06-30"]
    assert 250 <= len(young) <= 350  # about `children` aged 0-17 at the end
    assert min(c["birth_date"] for c in children) >= "2001-01-01"


def test_organisation_has_every_role_team_and_offer_for_every_kind():
    recs = records()
    roles = Counter(s["role"] for s in of_type(recs, "staff"))
    assert set(roles) == set(ROLES)
    assert {t["name"] for t in of_type(recs, "team")} >= {"Modtagelsen", "Team Anbringelse"}
    offers = of_type(recs, "offer")
    assert {o["measure_kind"] for o in offers} == {k.code for k in MEASURE_KINDS}
    for o in offers:
        assert KINDS_BY_CODE[o["measure_kind"]].law == o["law"]
        assert 3000 <= o["price_per_month"] <= 160000
    kinds = {i["kind"] for i in of_type(recs, "institution")}
    assert kinds >= {"school", "daycare", "health_visitor", "ppr"}


def test_every_staircase_step_occurs_in_both_law_periods_with_the_right_kind():
    measures = of_type(records(2000), "measure")
    seen = {(m["law"], m["step"]) for m in measures}
    assert seen == {(law, step) for law in ("SEL", "BL") for step in range(1, 7)}
    for m in measures:
        kind = KINDS_BY_CODE[m["kind"]]
        assert (kind.law, kind.legal_basis, kind.default_step) == (m["law"], m["legal_basis"], m["step"])
        assert m["law"] == ("BL" if m["decided_at"] >= "2024-01-01" else "SEL")
    reasons = Counter(m.get("end_reason") for m in measures)
    assert reasons["Trappet ned"] > 0 and reasons["Trappet op"] > 0 and reasons["Mål nået"] > 0
    plans = {p["kind"] for p in of_type(records(2000), "plan")}
    assert plans == {"handleplan", "barnets_plan", "ungeplan"}


def test_rates_are_within_broad_bounds():
    recs = records(3000, 5)
    notifications = of_type(recs, "notification")
    per_year: dict[int, Counter] = defaultdict(Counter)
    for n in notifications:
        per_year[ts(n["received_at"]).year].update(n["children"])
    for year in range(2019, 2025):
        notified = len(per_year[year])
        pairs = sum(per_year[year].values())
        assert 0.04 * 3000 <= notified <= 0.08 * 3000, (year, notified)
        assert 1.35 <= pairs / notified <= 2.2, (year, pairs / notified)
    assert any(len(n["children"]) > 1 for n in notifications)

    kinds = Counter(n["notifier_kind"] for n in notifications)
    assert 0.15 <= kinds["school"] / len(notifications) <= 0.32
    assert 0.08 <= kinds["police"] / len(notifications) <= 0.24

    received = {n["id"]: ts(n["received_at"]) for n in notifications}
    assessments = of_type(recs, "acute_assessment")
    on_time = sum(ts(a["assessed_at"]) - received[a["notification"]] <= timedelta(hours=24)
                  for a in assessments)
    assert 0.82 <= on_time / len(notifications) <= 0.97
    assert 0.02 <= sum(a["acute"] for a in assessments) / len(assessments) <= 0.08

    outcomes = Counter(d["outcome"] for d in of_type(recs, "decision"))
    total = sum(outcomes.values())
    assert 0.42 <= outcomes["no_action"] / total <= 0.65
    assert 0.10 <= outcomes["early_support"] / total <= 0.24
    assert 0.14 <= outcomes["investigation"] / total <= 0.30
    assert 0.03 <= outcomes["existing_measure"] / total <= 0.20

    professional = [n for n in notifications if n["notifier_professional"]]
    feedback = {f["notification"] for f in of_type(recs, "notifier_feedback")}
    assert 0.1 <= sum(n["id"] in feedback for n in professional) / len(professional) <= 0.5

    placed_mid_2024 = {
        m["child"] for m in of_type(recs, "measure")
        if m["step"] >= 4 and m.get("started_at") and m["started_at"] < "2024-07-01"
        and (not m.get("ended_at") or m["ended_at"] > "2024-07-01")
    }
    assert 0.004 * 3000 <= len(placed_mid_2024) <= 0.02 * 3000
    for rtype in ("counselling", "investigation", "child_conversation", "network_meeting",
                  "network_person", "plan", "goal", "followup", "case"):
        assert of_type(recs, rtype), rtype
    assert {m["kind"] for m in of_type(recs, "network_meeting")} == {"inclusive", "follow_up"}


def test_investigation_sections_follow_the_law_period():
    for inv in of_type(records(2000), "investigation"):
        if not inv.get("completed_at"):
            continue
        if inv["aware_at"] < "2024-01-01":
            assert set(inv["sections"]) == {"development_behaviour", "family", "school", "health",
                                            "leisure_friendships", "other"}
        else:
            assert set(inv["sections"]) == {"holistic"}


def test_population_by_year_counts_the_generated_children():
    counts = population_by_year(municipality=657, children=300, start_year=2019, end_year=2025,
                                end=END, seed=11)
    children = of_type(records(), "child")
    assert set(counts) == set(range(2019, 2026))
    for year, n in counts.items():
        day = "2025-06-30" if year == 2025 else f"{year}-12-31"
        born_after = f"{year - 18}{day[4:]}"
        assert n == sum(born_after < c["birth_date"] <= day for c in children), year


def test_national_reference_data_and_subsets():
    rows = municipalities()
    assert len(rows) == 98
    assert Counter(m.region_code for m in rows) == {1084: 29, 1085: 17, 1083: 22, 1082: 19, 1081: 11}
    assert 1_100_000 <= sum(m.children for m in rows) <= 1_200_000
    both = list(generate_national(years=[2023, 2024], seed=3, scale=0.002, municipalities=[825, 101]))
    only = list(generate_national(years=[2023, 2024], seed=3, scale=0.002, municipalities=[825]))
    assert [r for r in both if r["municipality"] == 825] == only
    assert [r["municipality"] for r in both] == sorted(r["municipality"] for r in both)
    assert len({r["id"] for r in both}) == len({(r["type"], r["id"]) for r in both})
    assert {r["type"] for r in both} >= set(TYPE_ORDER[:6])
    with pytest.raises(ValueError):
        list(generate_national(years=[2023], seed=3, municipalities=[999]))


def test_interchange_doc_describes_every_type_field_and_kind_and_its_example_is_valid():
    from pathlib import Path

    from forebyg.domain.interchange.schema import RECORDS

    text = (Path(__file__).parents[2] / "docs" / "interchange.md").read_text(encoding="utf-8")
    for rtype, (required, optional) in RECORDS.items():
        heading = f"### `{rtype}`"
        assert heading in text, f"docs/interchange.md: no section for {rtype}"
        section = text.split(heading, 1)[1].split("\n### ", 1)[0]
        for field in {**required, **optional}:
            if field != "municipality":
                assert f"| `{field}` |" in section, f"docs/interchange.md: {rtype}.{field} undocumented"
    for kind in MEASURE_KINDS:
        assert f"| `{kind.code}` |" in text, f"docs/interchange.md: measure kind {kind.code}"
    example = text.split("## Worked example", 1)[1].split("```jsonl\n", 1)[1].split("```", 1)[0]
    lines = example.splitlines(keepends=True)
    records_ = parse_lines(lines)
    assert lines == list(dump_lines(records_, exported_at=json.loads(lines[0])["exported_at"],
                                    municipalities=[657]))
