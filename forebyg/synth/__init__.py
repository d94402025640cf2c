# SPDX-License-Identifier: MPL-2.0
"""Deterministic synthetic data for demos, tests and benchmarks (no Django, no database).

`generate` makes one municipality, `generate_national` all 98; both stream
records of the interchange format (docs/interchange.md) in an order where
every record comes after those it refers to. `write_jsonl` writes them as a
canonical file. `population_by_year` gives the matching population
denominators.
"""

from .generator import generate, population_by_year
from .national import Municipality, generate_national, municipalities, notification_rate
from .writer import write_jsonl

__all__ = [
    "Municipality",
    "generate",
    "generate_national",
    "municipalities",
    "notification_rate",
    "population_by_year",
    "write_jsonl",
]
