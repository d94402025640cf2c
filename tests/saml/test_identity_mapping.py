# SPDX-License-Identifier: MPL-2.0
"""The one user mapping behind SAML and OpenID Connect logins (forebyg.accounts.identity), against
the database: team scope from an organisation constraint, deactivated users, subjects kept apart."""

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory

from forebyg.accounts.identity import ExternalIdentity, user_for_identity
from forebyg.accounts.oidc import MunicipalOIDCBackend

pytestmark = pytest.mark.django_db


def saml_identity(**kw):
    base = {"subject": "saml:C=DK,O=29189854,CN=Test,Serial=CVR:29189854-RID:1", "source": "saml",
            "email": "ny.raadgiver@herning.example", "municipality": 657, "role": "caseworker"}
    return ExternalIdentity(**{**base, **kw})


def test_an_organisation_constraint_that_is_a_team_places_the_user_in_it(municipality, team):
    user = user_for_identity(saml_identity(team_ids=("unknown-unit", team.pk)), create=True)
    assert user.team_id == team.pk and user.municipality_id == 657
    # an organisation unit that is no Forebyg team changes nothing
    again = user_for_identity(saml_identity(team_ids=("unknown-unit",)), create=True)
    assert again == user and again.team_id == team.pk


def test_a_team_of_another_municipality_is_never_given(municipality, other_municipality):
    from django_scopes import scopes_disabled

    from forebyg.core.models import Team

    with scopes_disabled():
        foreign = Team.objects.create(id="t-foreign", municipality=other_municipality, name="Fremmed team")
    user = user_for_identity(saml_identity(team_ids=(foreign.pk,)), create=True)
    assert user.team_id is None


def test_without_provisioning_an_unknown_identity_gets_no_user(municipality):
    assert user_for_identity(saml_identity(), create=False) is None


def test_a_deactivated_user_stays_out(municipality, users):
    user = users["caseworker"]
    user.email, user.is_active = "ny.raadgiver@herning.example", False
    user.save()
    assert user_for_identity(saml_identity(), create=True) is None
    user.refresh_from_db()
    assert not user.is_active and user.oidc_subject is None


def test_an_openid_subject_cannot_pose_as_a_saml_subject(settings, municipality):
    settings.FOREBYG_OIDC_ENABLED = True
    backend = MunicipalOIDCBackend()
    backend.request = RequestFactory().get("/oidc/callback/")
    backend.request.session = {}
    backend.get_userinfo = lambda *a: {"sub": "saml:C=DK,O=29189854,CN=Test,Serial=CVR:29189854-RID:1"}
    with pytest.raises(SuspiciousOperation):
        backend.get_or_create_user("t", "i", {"sub": "saml:C=DK,O=29189854,CN=Test,Serial=CVR:29189854-RID:1"})
