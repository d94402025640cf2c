# SPDX-License-Identifier: MPL-2.0
"""The pysaml2 configuration of Forebyg's service provider (OIOSAML profile), built from settings.

OIOSAML (Digitaliseringsstyrelsen's profile, as KOMBIT's Context Handler uses it): signed
AuthnRequests and logout messages, signed assertions required, SHA-256 signatures, HTTP-Redirect
for requests and HTTP-POST for the response, single logout, no unsolicited responses, and a
bounded clock skew (FOREBYG_SAML_CLOCK_SKEW seconds, pysaml2's accepted_time_diff).

With FOREBYG_SAML_TEST_IDP on (the demo and the tests only) the identity provider is Forebyg's own
test IdP (forebyg.saml.testidp) and both sides use TEST-ONLY keys generated into the var directory.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import saml2
from django.conf import settings
from django.urls import reverse
from saml2.config import IdPConfig, SPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT, NAMEID_FORMAT_UNSPECIFIED
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from .keys import test_keypair

_LOCK = threading.Lock()


def enabled() -> bool:
    return bool(settings.FOREBYG_SAML_IDP_METADATA or settings.FOREBYG_SAML_TEST_IDP)


def base_url(request=None) -> str:
    """The installation's public address: the setting, or (demo and tests) the request's own."""
    if settings.FOREBYG_SAML_BASE_URL:
        return settings.FOREBYG_SAML_BASE_URL.rstrip("/")
    if request is None:
        raise RuntimeError("FOREBYG_SAML_BASE_URL is not set")
    return request.build_absolute_uri("/").rstrip("/")


def _test_dir() -> Path:
    return Path(settings.VAR_DIR) / "saml"


def sp_keys() -> tuple[str, str]:
    if settings.FOREBYG_SAML_KEY_FILE and settings.FOREBYG_SAML_CERT_FILE:
        return settings.FOREBYG_SAML_KEY_FILE, settings.FOREBYG_SAML_CERT_FILE
    if not settings.FOREBYG_SAML_TEST_IDP:
        raise RuntimeError("FOREBYG_SAML_KEY_FILE and FOREBYG_SAML_CERT_FILE must be set for SAML login")
    with _LOCK:
        return test_keypair(_test_dir(), "sp")


def idp_keys() -> tuple[str, str]:
    with _LOCK:
        return test_keypair(_test_dir(), "idp")


def sp_entity_id(request=None) -> str:
    return settings.FOREBYG_SAML_ENTITY_ID or base_url(request) + reverse("saml2_metadata")


def _sp_dict(request=None, *, with_idp: bool = True) -> dict:
    base = base_url(request)
    key_file, cert_file = sp_keys()
    conf = {
        "entityid": sp_entity_id(request),
        "xmlsec_binary": settings.FOREBYG_SAML_XMLSEC,
        "key_file": key_file,
        "cert_file": cert_file,
        "encryption_keypairs": [{"key_file": key_file, "cert_file": cert_file}],  # encrypted assertions
        "allow_unknown_attributes": True,
        "accepted_time_diff": settings.FOREBYG_SAML_CLOCK_SKEW,
        "http_client_timeout": 10,
        "service": {"sp": {
            "name": "Forebyg",
            "endpoints": {
                "assertion_consumer_service": [(base + reverse("saml2_acs"), saml2.BINDING_HTTP_POST)],
                "single_logout_service": [(base + reverse("saml2_ls"), saml2.BINDING_HTTP_REDIRECT),
                                          (base + reverse("saml2_ls_post"), saml2.BINDING_HTTP_POST)],
            },
            "allow_unsolicited": False,  # only answers to our own AuthnRequests (replay and injection)
            "authn_requests_signed": True,
            "logout_requests_signed": True,
            "logout_responses_signed": True,
            "want_assertions_signed": True,
            "want_response_signed": False,
            "signing_algorithm": SIG_RSA_SHA256,
            "digest_algorithm": DIGEST_SHA256,
            "name_id_format": [NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_UNSPECIFIED, NAMEID_FORMAT_TRANSIENT],
            "name_id_format_allow_create": False,
        }},
        "organization": {"name": [("Forebyg", "da")], "display_name": [("Forebyg", "da")],
                         "url": [(base + "/", "da")]},
        "contact_person": [{"contact_type": "technical", "email_address": settings.FOREBYG_SAML_CONTACT_EMAIL,
                            "given_name": "Forebyg"}] if settings.FOREBYG_SAML_CONTACT_EMAIL else [],
    }
    if with_idp:
        conf["metadata"] = _idp_metadata(request)
    return conf


def _idp_metadata(request=None) -> dict:
    source = settings.FOREBYG_SAML_IDP_METADATA
    if source.startswith("https://"):
        remote = {"url": source}
        if settings.FOREBYG_SAML_IDP_METADATA_CERT:
            remote["cert"] = settings.FOREBYG_SAML_IDP_METADATA_CERT  # the metadata's own signature is checked
        return {"remote": [remote]}
    if source:
        return {"local": [source]}
    return {"inline": [test_idp_metadata(request)]}


CACHE_SECONDS = 3600  # the IdP's metadata is read (or fetched) at most hourly, not at every login
_CACHE: dict[tuple, tuple[float, SPConfig]] = {}


def _settings_key(request) -> tuple:
    names = ("FOREBYG_SAML_IDP_METADATA", "FOREBYG_SAML_IDP_METADATA_CERT", "FOREBYG_SAML_BASE_URL",
             "FOREBYG_SAML_ENTITY_ID", "FOREBYG_SAML_KEY_FILE", "FOREBYG_SAML_CERT_FILE", "FOREBYG_SAML_CLOCK_SKEW",
             "FOREBYG_SAML_TEST_IDP", "FOREBYG_SAML_CONTACT_EMAIL", "VAR_DIR")
    return (base_url(request), *(str(getattr(settings, n, "")) for n in names))


def sp_config(request=None) -> SPConfig:
    """djangosaml2's SAML_CONFIG_LOADER: built once an hour per configuration (pysaml2 only reads it)."""
    key, now = _settings_key(request), time.monotonic()
    cached = _CACHE.get(key)
    if cached is not None and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    conf = SPConfig()
    conf.load(_sp_dict(request))
    _CACHE[key] = (now, conf)
    return conf


def sp_metadata_xml(request=None) -> str:
    conf = SPConfig()
    conf.load(_sp_dict(request, with_idp=False))
    return str(entity_descriptor(conf))


# --- The test identity provider (demo and tests only) ---------------------------------------------

def test_idp_entity_id(request=None) -> str:
    return base_url(request) + reverse("saml_test_idp_metadata")


def test_idp_config(request=None) -> IdPConfig:
    base = base_url(request)
    key_file, cert_file = idp_keys()
    conf = IdPConfig()
    conf.load({
        "entityid": test_idp_entity_id(request),
        "xmlsec_binary": settings.FOREBYG_SAML_XMLSEC,
        "key_file": key_file,
        "cert_file": cert_file,
        "accepted_time_diff": settings.FOREBYG_SAML_CLOCK_SKEW,
        "service": {"idp": {
            "name": "Forebyg test-IdP",
            "endpoints": {
                "single_sign_on_service": [(base + reverse("saml_test_idp_sso"), saml2.BINDING_HTTP_REDIRECT)],
                "single_logout_service": [(base + reverse("saml_test_idp_slo"), saml2.BINDING_HTTP_REDIRECT)],
            },
            "want_authn_requests_signed": True,
            "sign_assertion": True,
            "sign_response": False,
            "signing_algorithm": SIG_RSA_SHA256,
            "digest_algorithm": DIGEST_SHA256,
            "name_id_format": [NAMEID_FORMAT_PERSISTENT],
            "policy": {"default": {"lifetime": {"minutes": 5}, "attribute_restrictions": None,
                                   "name_form": "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"}},
        }},
        "metadata": {"inline": [sp_metadata_xml(request)]},
    })
    return conf


def test_idp_metadata(request=None) -> str:
    base = base_url(request)
    _key, cert_file = idp_keys()
    conf = IdPConfig()
    conf.load({
        "entityid": test_idp_entity_id(request),
        "xmlsec_binary": settings.FOREBYG_SAML_XMLSEC,
        "cert_file": cert_file,
        "service": {"idp": {"endpoints": {
            "single_sign_on_service": [(base + reverse("saml_test_idp_sso"), saml2.BINDING_HTTP_REDIRECT)],
            "single_logout_service": [(base + reverse("saml_test_idp_slo"), saml2.BINDING_HTTP_REDIRECT)],
        }, "want_authn_requests_signed": True}},
    })
    return str(entity_descriptor(conf))
