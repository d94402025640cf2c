# SPDX-License-Identifier: MPL-2.0
"""The assertion attributes Forebyg reads, under their OIOSAML 3 names and the older ones KOMBIT's
Context Handler and common identity providers send."""

from __future__ import annotations

ATTRIBUTES: dict[str, tuple[str, ...]] = {
    # OIO-BPP privilege list (base64 XML): the brugersystemroller and their dataafgrænsninger
    "privileges": ("dk:gov:saml:attribute:Privileges_intermediate",
                   "https://data.gov.dk/model/core/eid/privilegesIntermediate"),
    # NSIS assurance level of the login: Low, Substantial or High
    "loa": ("https://data.gov.dk/concept/core/nsis/loa",),
    "email": ("https://data.gov.dk/model/core/eid/email", "urn:oid:0.9.2342.19200300.100.1.3", "mail", "email"),
    "name": ("https://data.gov.dk/model/core/eid/fullName", "urn:oid:2.5.4.3", "cn", "displayName"),
}


def first_value(ava: dict, what: str) -> str:
    for name in ATTRIBUTES[what]:
        values = ava.get(name)
        if values:
            value = values[0] if isinstance(values, (list, tuple)) else values
            return str(value).strip()
    return ""
