# SPDX-License-Identifier: MPL-2.0
"""The SAML login over HTTP with Django's test client, as a browser does it: Forebyg's signed
AuthnRequest to the local test IdP, the tester's choice there, the signed response to /saml2/acs/."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

LOA_SUBSTANTIAL = "https://data.gov.dk/concept/core/nsis/loa/Substantial"
LOA_LOW = "https://data.gov.dk/concept/core/nsis/loa/Low"


def authn_request(client, next_path="/"):
    """The redirect to the IdP: its query (SAMLRequest, RelayState, SigAlg, Signature)."""
    r = client.get(f"/saml2/login/?next={next_path}")
    assert r.status_code == 302, r.content[:500]
    url = urlsplit(r["Location"])
    assert url.path == "/saml2/test-idp/sso/"
    return {k: v[0] for k, v in parse_qs(url.query).items()}


def saml_response(client, persona="raadgiver", loa=LOA_SUBSTANTIAL, next_path="/"):
    """(SAMLResponse, RelayState) the test IdP posts to Forebyg for this person."""
    params = authn_request(client, next_path)
    page = client.get("/saml2/test-idp/sso/", params)
    assert page.status_code == 200, page.content[:500]
    r = client.post("/saml2/test-idp/sso/", {**params, "persona": persona, "loa": loa})
    assert r.status_code == 200, r.content[:500]
    html = r.content.decode()
    value = unescape(re.search(r'name="SAMLResponse" value="([^"]+)"', html).group(1))
    relay = unescape(re.search(r'name="RelayState" value="([^"]*)"', html).group(1))
    return value, relay


def login(client, persona="raadgiver", loa=LOA_SUBSTANTIAL):
    value, relay = saml_response(client, persona, loa)
    return client.post("/saml2/acs/", {"SAMLResponse": value, "RelayState": relay})
