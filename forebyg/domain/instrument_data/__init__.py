# SPDX-License-Identifier: MPL-2.0
"""Instrument definitions shipped with Forebyg (see forebyg.domain.instruments.SHIPPED_FILES)."""
