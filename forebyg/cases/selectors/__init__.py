# SPDX-License-Identifier: MPL-2.0
"""Reads for pages: each selector returns what one page shows, in few queries."""
