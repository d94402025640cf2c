# SPDX-License-Identifier: MPL-2.0
"""The catalogue is complete, documented and consistent; docs/keyfigures.md is generated from it;
population CSVs (Forebyg's form and DST FOLK1A) are read; periods parse."""

import json
from datetime import date
from pathlib import Path

import pytest

from forebyg.domain.keyfigures import catalogue
from forebyg.domain.keyfigures.docs import catalogue_markdown, current_block, missing_texts
from forebyg.domain.keyfigures.engine import BINDINGS
from forebyg.domain.keyfigures.model import CATEGORIES, Indicator
from forebyg.domain.keyfigures.periods import Period, parse_period
from forebyg.domain.keyfigures.population import PopulationError, from_year_end_counts, parse_csv, to_csv

DOCS = Path(__file__).resolve().parents[2] / "docs" / "keyfigures.md"


def test_at_least_25_indicators_covering_every_area_of_the_issue():
    assert len(catalogue.INDICATORS) >= 25
    assert {i.category for i in catalogue.INDICATORS} == set(CATEGORIES)


@pytest.mark.parametrize("ind", catalogue.INDICATORS, ids=lambda i: i.id)
def test_every_indicator_is_documented_computed_and_in_the_docs(ind):
    assert missing_texts(ind) == [], f"{ind.id} lacks documentation"
    assert ind.id in BINDINGS, f"{ind.id} has no computation"
    assert f"#### `{ind.id}` (version {ind.version})" in DOCS.read_text(encoding="utf-8")


def test_docs_are_generated_from_the_catalogue():
    text = DOCS.read_text(encoding="utf-8")
    assert current_block(text) == catalogue_markdown(), (
        "docs/keyfigures.md is stale: python -m forebyg.domain.keyfigures.docs docs/keyfigures.md")


def test_a_missing_text_is_noticed():
    bare = Indicator(id="x.y", version=1, category="economy", kind="rate", name_da="X", name_en="X", what="",
                     why="w", numerator="n", denominator="d", unit="u", period="p", better="higher", legal="l")
    assert missing_texts(bare) == ["what"]


def test_relations_name_known_indicators_and_the_catalogue_is_json():
    for rel in catalogue.RELATIONS:
        for ind, q in (rel.total, *rel.parts):
            assert ind in catalogue.BY_ID and q in ("numerator", "denominator")
    data = json.loads(json.dumps(catalogue.catalogue_dict()))
    assert data["version"] == catalogue.CATALOGUE_VERSION in catalogue.KNOWN_VERSIONS


def test_periods():
    assert parse_period("2024-Q1") == Period("quarter", 2024 * 4)
    assert parse_period("2024-03").first_day == date(2024, 3, 1)
    assert parse_period("2024-02").last_day == date(2024, 2, 29)
    assert parse_period("2024").label == "2024"
    assert parse_period("2024-11").parent("quarter").label == "2024-Q4"
    assert parse_period("2024-Q2").same_part_in(2019).label == "2019-Q2"
    with pytest.raises(ValueError):
        parse_period("2024-13")


def test_population_in_forebygs_own_form():
    pop = parse_csv("municipality,year,children,district\n657,2024,18000,\n657,2024,4000,d-1\n657,2022,17500,\n")
    assert pop.municipality(657, 2024) == 18000
    assert pop.municipality(657, 2023) == 17500  # the nearest earlier year
    assert pop.municipality(657, 2020) == 17500  # none earlier: the nearest later year
    assert pop.district(657, "d-1", 2024) == 4000
    assert parse_csv(to_csv(pop)).municipal == pop.municipal


def test_population_from_a_dst_folk1a_download():
    text = ("\ufeffOMRÅDE;KØN;ALDER;CIVILSTAND;TID;INDHOLD\n"
            + "".join(f"Herning;I alt;{a} år;I alt;2024K1;{1000 + a}\n" for a in range(0, 18))
            + "Herning;I alt;18 år;I alt;2024K1;999\n"
            + "Herning;I alt;Alder i alt;I alt;2024K1;88000\n"
            + "Herning;Mænd;3 år;I alt;2024K1;500\n"
            + "Herning;I alt;3 år;I alt;2024K2;5555\n"
            + "Region Midtjylland;I alt;3 år;I alt;2024K1;50000\n"
            + "".join(f"657;TOT;{a};TOT;2023K1;900\n" for a in range(0, 18)))
    pop = parse_csv(text, names={"Herning": 657})
    assert pop.municipal[(657, 2024)] == sum(1000 + a for a in range(18))
    assert pop.municipal[(657, 2023)] == 18 * 900
    assert "FOLK1A" in pop.source


def test_population_errors_are_clear():
    with pytest.raises(PopulationError, match="municipality, year and children"):
        parse_csv("kommune,aar,boern\n657,2024,1\n")
    with pytest.raises(PopulationError, match="line 2"):
        parse_csv("municipality,year,children\n657,2024,many\n")


def test_synthetic_year_end_counts_are_the_next_years_denominators():
    pop = from_year_end_counts(657, {2023: 20000, 2024: 20100})
    assert pop.municipality(657, 2024) == 20000 and pop.municipality(657, 2025) == 20100


def test_counting_synthetic_child_records_gives_the_generators_population():
    from forebyg.domain.keyfigures.population import count_children
    from forebyg.synth import generate, population_by_year

    kw = dict(municipality=657, children=800, start_year=2022, end_year=2024, seed=11)
    births = ((r["municipality"], r.get("district"), date.fromisoformat(r["birth_date"]))
              for r in generate(name="x", **kw) if r["type"] == "child")
    counted = count_children(births, range(2023, 2026))
    assert counted.municipal == from_year_end_counts(657, population_by_year(**kw)).municipal
    assert sum(n for (c, d, y), n in counted.districts.items() if y == 2024) == counted.municipal[(657, 2024)]


def test_children_without_a_birth_date_are_left_out_of_the_population_and_counted():
    """A child known by name only (#15) has no age: not in the 0-17 denominator, but counted as unknown,
    so the page can say how many were left out."""
    from forebyg.domain.keyfigures.population import count_children

    births = [(657, "d1", date(2015, 1, 1)), (657, "d1", None), (657, None, None)]
    counted = count_children(births, [2024])
    assert counted.municipal == {(657, 2024): 1} and counted.districts == {(657, "d1", 2024): 1}
    assert counted.unknown_birth == {657: 2}
