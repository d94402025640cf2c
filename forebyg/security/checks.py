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
