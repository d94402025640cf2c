# SPDX-License-Identifier: MPL-2.0
"""System checks: refuse production-like settings that would weaken security."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def forebyg_security(app_configs, **kwargs):
    errors = []
    if settings.FOREBYG_DEMO_SKIP_2FA:
        errors.append(Error("FOREBYG_DEMO_SKIP_2FA is on: two-factor authentication is off (demo only).",
                            id="forebyg.E001"))
    for name in ("FOREBYG_CPR_KEY", "FOREBYG_CPR_HASH_KEY"):
        value = getattr(settings, name, "")
        if not value or "dev-only" in value or "test-only" in value or value.startswith("Zm9yZWJ5Zy1"):
            errors.append(Error(f"{name} is missing or a development key.", id="forebyg.E002"))
    if not settings.SESSION_COOKIE_SECURE:
        errors.append(Error("SESSION_COOKIE_SECURE must be on in production.", id="forebyg.E003"))
    return errors


@register(Tags.security, deploy=True)
def forebyg_saml(app_configs, **kwargs):
    """SAML login in production: no test identity provider, no generated test keys, a fixed address."""
    errors = []
    if settings.FOREBYG_SAML_TEST_IDP:
        errors.append(Error("FOREBYG_SAML_TEST_IDP is on: the local test identity provider issues logins "
                            "for anyone (demo and tests only).", id="forebyg.E030"))
    if settings.FOREBYG_SAML_IDP_METADATA:
        if not (settings.FOREBYG_SAML_KEY_FILE and settings.FOREBYG_SAML_CERT_FILE):
            errors.append(Error("SAML login needs FOREBYG_SAML_KEY_FILE and FOREBYG_SAML_CERT_FILE.", id="forebyg.E031"))
        elif "test-only" in settings.FOREBYG_SAML_KEY_FILE:
            errors.append(Error("FOREBYG_SAML_KEY_FILE is a generated test key.", id="forebyg.E031"))
        if not settings.FOREBYG_SAML_BASE_URL.startswith("https://"):
            errors.append(Error("SAML login needs FOREBYG_SAML_BASE_URL (https://...).", id="forebyg.E032"))
        if not settings.FOREBYG_SAML_MUNICIPALITIES:
            errors.append(Error("SAML login needs FOREBYG_SAML_MUNICIPALITIES (CVR:code,...).", id="forebyg.E033"))
    return errors
