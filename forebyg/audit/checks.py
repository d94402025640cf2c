# SPDX-License-Identifier: MPL-2.0
"""`manage.py check --deploy`: the database checks the time of every audit-log row (#13)."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def forebyg_audit_clock(app_configs, **kwargs):
    tolerance = getattr(settings, "FOREBYG_AUDIT_CLOCK_TOLERANCE", 300)
    if tolerance is None or not 0 < int(tolerance) <= 3600:
        return [Error("FOREBYG_AUDIT_CLOCK_TOLERANCE must be between 1 and 3600 seconds in production: "
                      "otherwise the database accepts backdated audit-log rows.",
                      hint="Leave it unset (300 seconds) and keep the servers' clocks synchronised (NTP); "
                           "run migrate after changing it.", id="forebyg.E012")]
    return []
