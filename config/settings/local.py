# SPDX-License-Identifier: MPL-2.0
"""The embedded demo: served on 127.0.0.1, SQLite unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403

DEBUG = False

# The demo writes e-mails (network invitations, links, reminders) as files instead of sending them.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"  # noqa: F405

# Development-only keys for CPR numbers at rest: the demo's CPR numbers are synthetic. Production
# settings refuse to start without real keys from the environment (docs/security.md).
FOREBYG_CPR_KEY = FOREBYG_CPR_KEY or "Zm9yZWJ5Zy1kZXYtb25seS1jcHIta2V5LTMyYnl0ZXM="  # noqa: F405
FOREBYG_CPR_HASH_KEY = FOREBYG_CPR_HASH_KEY or "forebyg-dev-only-cpr-hash-key"  # noqa: F405

# The demo logs in with a password only, so that anyone can try it without an authenticator app.
# Set FOREBYG_DEMO_SKIP_2FA=0 to try two-factor enrolment in the demo. Production always requires it.
FOREBYG_DEMO_SKIP_2FA = os.environ.get("FOREBYG_DEMO_SKIP_2FA", "1") == "1"  # noqa: F405

# The demo's synthetic CPR register (made with the demo data; forebyg.synth.people).
FOREBYG_PEOPLE_REGISTER = os.environ.get("FOREBYG_PEOPLE_REGISTER", "synthetic")  # noqa: F405
# The local SAML test identity provider ("Log ind via lokal test-IdP", docs/identity.md), serving
# Herning (657) unless FOREBYG_SAML_MUNICIPALITIES says otherwise. Set FOREBYG_SAML_TEST_IDP=0 to hide it.
FOREBYG_SAML_TEST_IDP = os.environ.get("FOREBYG_SAML_TEST_IDP", "1") == "1" and not FOREBYG_SAML_IDP_METADATA  # noqa: F405
FOREBYG_SAML_MUNICIPALITIES = FOREBYG_SAML_MUNICIPALITIES or {"29189854": 657}  # noqa: F405
