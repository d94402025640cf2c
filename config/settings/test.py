# SPDX-License-Identifier: MPL-2.0
"""Settings for the test suite: fast hashing, in-memory mail."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]

# Test-only keys for CPR numbers at rest.
FOREBYG_CPR_KEY = "Zm9yZWJ5Zy10ZXN0LW9ubHktY3ByLWtleS0zMmJ5dGU="
FOREBYG_CPR_HASH_KEY = "forebyg-test-only-cpr-hash-key"
# Tests move the application's clock (forebyg.core.clock), so the database cannot check audit-log
# times against its own; tests/security/test_audit_insert.py installs production's check itself.
FOREBYG_AUDIT_CLOCK_TOLERANCE = None
# The test suite runs with two-factor authentication required, as production does.
FOREBYG_DEMO_SKIP_2FA = False

# No CPR register by default (registration by hand, as before issue #19); the people tests choose one.
FOREBYG_PEOPLE_REGISTER = ""
# The local SAML test identity provider (forebyg.saml.testidp), serving Herning (657) by its CVR number.
FOREBYG_SAML_TEST_IDP = True
FOREBYG_SAML_MUNICIPALITIES = {"29189854": 657}
