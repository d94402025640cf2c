# SPDX-License-Identifier: MPL-2.0
"""Login through Fælleskommunal Adgangsstyring (SAML, OIOSAML profile) against the local test IdP."""

import pytest

from forebyg.accounts.models import User
from forebyg.audit.models import LogEntry

from .flow import LOA_LOW, login

pytestmark = pytest.mark.django_db


def test_caseworker_logs_in_with_role_and_municipality_from_the_assertion(client, municipality):
    r = login(client)
    assert r.status_code == 302, r.content.decode()[:2000]
    user = User.objects.get(oidc_subject__startswith="saml:")
    assert (user.role, user.municipality_id) == ("caseworker", 657)
    work = client.get("/mit-arbejde/")
    assert work.status_code == 200  # NSIS Substantial: no TOTP step
