# SPDX-License-Identifier: MPL-2.0
"""A local SAML identity provider for the demo and the tests (pysaml2's IdP), standing in for
KOMBIT's Context Handler: it checks Forebyg's signed AuthnRequest, lets the tester choose a person
(a set of brugersystemroller) and an NSIS level, and answers with a signed assertion carrying an
OIO-BPP privilege list. Its keys are TEST-ONLY keys generated into the var directory.

It exists only with FOREBYG_SAML_TEST_IDP on (demo settings, tests); a system check refuses it in
production, and every view answers 404 without it."""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass

import saml2
from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from djangosaml2.utils import get_location
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.xmldsig import SIG_RSA_SHA256

from forebyg.domain.access_rights import (
    CVR_SCOPE,
    LOA_HIGH,
    LOA_SUBSTANTIAL,
    ORG_UNIT_CONSTRAINT,
    ROLE_PREFIX,
    PrivilegeGroup,
    encode_privileges,
)

from . import config

log = logging.getLogger(__name__)
LOA_LOW = "https://data.gov.dk/concept/core/nsis/loa/Low"
OTHER_SYSTEM_ROLE = "http://andet-system.example/roles/usersystemrole/sagsbehandler/1"


@dataclass(frozen=True)
class Persona:
    key: str
    label: str
    privileges: tuple[PrivilegeGroup, ...]


def _cvr_of(code: int) -> str:
    for cvr, municipality in settings.FOREBYG_SAML_MUNICIPALITIES.items():
        if municipality == code:
            return cvr
    return "00000000"


def personas() -> list[Persona]:
    """The people the test IdP can log in as: one per Forebyg role in the first served
    municipality, one with no Forebyg role, one from a municipality this installation does not serve."""
    served = sorted(settings.FOREBYG_SAML_MUNICIPALITIES.items(), key=lambda kv: kv[1])
    cvr, code = served[0] if served else ("00000000", 0)
    # The case roles are limited to the municipality's first team (the dataafgrænsning "Organisation"),
    # so that a demo login lands in a team with cases.
    team = _first_team(code)
    scoped = ((ORG_UNIT_CONSTRAINT, team),) if team else ()
    roles = [("raadgiver", "Rådgiver"), ("modtagelse", "Modtagelse"), ("teamleder", "Teamleder"),
             ("leder", "Leder"), ("netvaerkssekretariat", "Netværkssekretariat"), ("analytiker", "Analytiker"),
             ("administrator", "Administrator")]
    out = [Persona(slug, f"{label} i kommune {code}",
                   (PrivilegeGroup(CVR_SCOPE + cvr, (f"{ROLE_PREFIX}{slug}/1",),
                                   scoped if slug in ("raadgiver", "modtagelse", "teamleder") else ()),))
           for slug, label in roles]
    out.append(Persona("ingen-rolle", "Medarbejder uden en Forebyg-rolle",
                       (PrivilegeGroup(CVR_SCOPE + cvr, (OTHER_SYSTEM_ROLE,)),)))
    out.append(Persona("anden-kommune", "Rådgiver i en kommune, som denne installation ikke betjener",
                       (PrivilegeGroup(CVR_SCOPE + settings.FOREBYG_SAML_TEST_FOREIGN_CVR,
                                       (ROLE_PREFIX + "raadgiver/1",)),)))
    return out


def _first_team(code: int) -> str | None:
    from django_scopes import scopes_disabled

    from forebyg.core.models import Team

    with scopes_disabled():
        return Team.objects.filter(municipality_id=code).order_by("id").values_list("id", flat=True).first()


LEVELS = [(LOA_SUBSTANTIAL, "Betydelig (NSIS Substantial)"), (LOA_HIGH, "Høj (NSIS High)"),
          (LOA_LOW, "Lav (NSIS Low)")]


def _enabled():
    if not settings.FOREBYG_SAML_TEST_IDP:
        raise Http404


def idp_metadata(request):
    _enabled()
    return HttpResponse(config.test_idp_metadata(request), content_type="application/samlmetadata+xml")


def _server(request) -> Server:
    return Server(config=config.test_idp_config(request))


@csrf_exempt
def sso(request):
    """GET: Forebyg's AuthnRequest (HTTP-Redirect, signed); POST: the tester's choice."""
    _enabled()
    data = request.GET if request.method == "GET" else request.POST
    saml_request = data.get("SAMLRequest")
    if not saml_request:
        return HttpResponseBadRequest("SAMLRequest mangler")
    server = _server(request)
    try:
        parsed = server.parse_authn_request(saml_request, saml2.BINDING_HTTP_REDIRECT,
                                            relay_state=data.get("RelayState"), sigalg=data.get("SigAlg"),
                                            signature=data.get("Signature"))
    except Exception as exc:  # a forged or unsigned request: the real Context Handler refuses it too
        log.warning("test IdP refused the AuthnRequest: %s", exc)
        return HttpResponseBadRequest("Ugyldig eller usigneret AuthnRequest")
    if parsed is None:
        return HttpResponseBadRequest("Ugyldig AuthnRequest")
    if request.method == "GET":
        return render(request, "saml/test_idp.html", {
            "personas": personas(), "levels": LEVELS, "params": {k: data.get(k) or "" for k in
                                                                 ("SAMLRequest", "RelayState", "SigAlg", "Signature")}})
    chosen = {p.key: p for p in personas()}.get(request.POST.get("persona", ""))
    level = request.POST.get("loa", LOA_SUBSTANTIAL)
    if chosen is None or level not in dict(LEVELS):
        return HttpResponseBadRequest("Vælg en person og et sikringsniveau")
    xml, destination = issue(server, parsed.message, chosen, level)
    return render(request, "saml/test_idp_post.html", {
        "destination": destination, "response": base64.b64encode(xml.encode()).decode(),
        "relay_state": data.get("RelayState") or "", "persona": chosen})


def issue(server: Server, authn_request, persona: Persona, level: str, *, sign_assertion: bool = True) -> tuple[str, str]:
    """A signed Response with one assertion for the persona: (XML, the SP's ACS address)."""
    args = server.response_args(authn_request, [saml2.BINDING_HTTP_POST])
    args.pop("binding", None)
    cvr = persona.privileges[0].cvr or "00000000"
    identity = {
        "dk:gov:saml:attribute:Privileges_intermediate": [encode_privileges(list(persona.privileges))],
        "https://data.gov.dk/concept/core/nsis/loa": [level],
        "https://data.gov.dk/model/core/eid/email": [f"{persona.key}.test@kommune-{cvr}.example"],
        "https://data.gov.dk/model/core/eid/fullName": [f"Test {persona.label}"],
        "dk:gov:saml:attribute:CvrNumberIdentifier": [cvr],
    }
    name_id = NameID(format=NAMEID_FORMAT_PERSISTENT,
                     text=f"C=DK,O={cvr},CN=Test {persona.key},Serial=CVR:{cvr}-RID:TEST-{persona.key}")
    response = server.create_authn_response(
        identity, userid=persona.key, name_id=name_id, sign_assertion=sign_assertion, sign_response=False,
        authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:X509", "authn_auth": server.config.entityid},
        sign_alg=SIG_RSA_SHA256, **args)
    return str(response), args["destination"]


@csrf_exempt
def slo(request):
    """Forebyg's LogoutRequest (HTTP-Redirect, signed): answered with a signed LogoutResponse."""
    _enabled()
    saml_request = request.GET.get("SAMLRequest")
    if not saml_request:
        return HttpResponseBadRequest("SAMLRequest mangler")
    server = _server(request)
    try:
        parsed = server.parse_logout_request(saml_request, saml2.BINDING_HTTP_REDIRECT,
                                             relay_state=request.GET.get("RelayState"),
                                             sigalg=request.GET.get("SigAlg"), signature=request.GET.get("Signature"))
    except Exception as exc:
        log.warning("test IdP refused the LogoutRequest: %s", exc)
        return HttpResponseBadRequest("Ugyldig LogoutRequest")
    response = server.create_logout_response(parsed.message, [saml2.BINDING_HTTP_REDIRECT])
    args = server.response_args(parsed.message, [saml2.BINDING_HTTP_REDIRECT], descr_type="spsso")
    http = server.apply_binding(saml2.BINDING_HTTP_REDIRECT, str(response), args["destination"],
                                request.GET.get("RelayState", ""), response=True, sign=True, sigalg=SIG_RSA_SHA256)
    return redirect(get_location(http))
