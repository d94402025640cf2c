# SPDX-License-Identifier: MPL-2.0
"""Key figures: dashboard, drill-down, exports, population data, signed aggregates and the network hub.
The definitions and computations live in forebyg.domain.keyfigures (docs/keyfigures.md)."""
