# SPDX-License-Identifier: MPL-2.0
"""Forebyg: case practice, deadlines, progression and key figures for children and family services."""

__version__ = "0.1.0"
