# SPDX-License-Identifier: MPL-2.0
"""The outbox worker as a scheduled job (forebyg.ops.registry)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forebyg.ops.registry import job


@job("letters-outbox", gettext_lazy("Send the letters waiting in the outbox"), schedule="*:0/5")
def letters_outbox_job() -> str:
    from .outbox import outbox_process

    result = outbox_process()
    return _("%(sent)s letters sent, %(retrying)s to be tried again, %(failed)s could not be sent") % {
        "sent": result.sent, "retrying": result.retrying, "failed": result.failed}
