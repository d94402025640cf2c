# SPDX-License-Identifier: MPL-2.0
"""The language a page or API answer is in: "da" or "en" (Danish first: anything else is Danish)."""

from django.utils.translation import get_language


def page_language() -> str:
    return "en" if (get_language() or "da").startswith("en") else "da"
