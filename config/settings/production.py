# SPDX-License-Identifier: MPL-2.0
"""Production: secrets and hosts from the environment, HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in the environment (see docs/security.md).")
    return value


GENERATE_SECRET = 'python3 -c "import secrets; print(secrets.token_urlsafe(50))"'
if not os.environ.get("FOREBYG_SECRET_KEY"):
    raise ImproperlyConfigured(f"FOREBYG_SECRET_KEY is not set: generate one with {GENERATE_SECRET} and put it in "
                               "the service's environment (see docs/settings.md).")
SECRET_KEY = os.environ["FOREBYG_SECRET_KEY"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("FOREBYG_SSL_REDIRECT", "1") == "1"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the health check is asked over plain HTTP on the server itself
# Links in e-mails: FOREBYG_SITE_URL, else https:// and the first allowed host name.
FOREBYG_SITE_URL = (os.environ.get("FOREBYG_SITE_URL") or f"https://{ALLOWED_HOSTS[0]}").rstrip("/")  # noqa: F405
SECURE_HSTS_SECONDS = 31536000

# --- Security (issue #4) -------------------------------------------------------------------------
# CPR numbers cannot be stored or read without their keys: refuse to start without them.
FOREBYG_CPR_KEY = _required("FOREBYG_CPR_KEY")
FOREBYG_CPR_HASH_KEY = _required("FOREBYG_CPR_HASH_KEY")
FOREBYG_DEMO_SKIP_2FA = False  # two-factor authentication for everyone, always
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("FOREBYG_HSTS_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = False  # preloading is a one-way decision for the whole domain: the operator's call
# Cookies bound to this exact host over HTTPS (the __Host- prefix forbids Domain and requires Secure).
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("FOREBYG_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
if os.environ.get("FOREBYG_PROXY_SSL_HEADER", "0") == "1":  # behind a TLS-terminating reverse proxy
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = {  # noqa: F405
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True},  # noqa: F405
}

# The synthetic CPR register holds made-up people: never in production (docs/people.md).
if FOREBYG_PEOPLE_REGISTER == "synthetic":  # noqa: F405
    raise ImproperlyConfigured("FOREBYG_PEOPLE_REGISTER=synthetic is for the demo and the tests; "
                               "use sf1520, or leave it empty.")
# --- Login through Fælleskommunal Adgangsstyring (issue #19) --------------------------------------
FOREBYG_SAML_TEST_IDP = False  # never the local test identity provider
SAML_SESSION_COOKIE_SAMESITE = "None"  # the IdP's POST to /saml2/acs/ comes from another site (HTTPS only)
# Letters (issue #18): production sends Digital Post through KOMBIT's SF1601, never to the local double
# (which would quietly keep letters on the server). A municipality without a service agreement yet sets
# FOREBYG_DIGITAL_POST=off: Digital Post letters then fail at once and become the caseworker's task.
FOREBYG_DIGITAL_POST = os.environ.get("FOREBYG_DIGITAL_POST", "kombit")
if FOREBYG_DIGITAL_POST == "double":
    raise ImproperlyConfigured("FOREBYG_DIGITAL_POST=double is for the demo and the tests only (docs/letters.md).")
