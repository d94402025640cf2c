# SPDX-License-Identifier: MPL-2.0
"""Key figures (nøgletal): the documented, versioned catalogue and its computation.

* `catalogue`: every indicator as data (`INDICATORS`, `BY_ID`, `CATALOGUE_VERSION`).
* `frames`: interchange records → columnar frames (polars), once.
* `engine.compute`: the production path, all indicators × units × periods, columnar;
  `engine.members`: the children behind one figure.
* `oracle.compute_oracle`: the same definitions, child by child (the test oracle).
* `population`: denominators (FOLK1A CSV or synthetic).
* `suppression`, `aggregates`: small-number protection and signed files for networks.

docs/keyfigures.md documents all of it. Nothing here imports Django.
"""

from .catalogue import BY_ID, CATALOGUE_VERSION, INDICATORS, KNOWN_VERSIONS
from .model import Indicator, Row
from .periods import GRANULARITIES, Period, Periods, parse_period, periods_between
from .population import Population

__all__ = [
    "BY_ID",
    "CATALOGUE_VERSION",
    "GRANULARITIES",
    "INDICATORS",
    "KNOWN_VERSIONS",
    "Indicator",
    "Period",
    "Periods",
    "Population",
    "Row",
    "parse_period",
    "periods_between",
]
