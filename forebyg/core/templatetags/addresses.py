# SPDX-License-Identifier: MPL-2.0
"""Template filters for addresses the application renders."""

import re
from urllib.parse import unquote_plus

from django import template

register = template.Library()
# A CPR number (DDMMYY-XXXX, DDMMYY XXXX or ten digits): as forebyg.audit.services.CPR_PATTERN.
CPR_PATTERN = re.compile(r"(?<!\d)\d{6}[- ]?\d{4}(?!\d)")


@register.filter
def without_cpr(path: str) -> str:
    """An address to send back to (e.g. the language switch's `next`), without its query string
    when that holds a CPR number: the number must not travel on in another address (#13)."""
    path = str(path)
    base, sep, query = path.partition("?")
    return base if sep and CPR_PATTERN.search(unquote_plus(query)) else path
