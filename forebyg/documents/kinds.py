# SPDX-License-Identifier: MPL-2.0
"""What a document is to the case (the kind), and where it came from (the source)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# kind -> label. Other apps may add their own kinds with `register_kind` (e.g. the letters).
KINDS: dict[str, object] = {
    "letter": pgettext_lazy("document kind", "Letter"),
    "decision": pgettext_lazy("document kind", "Decision"),
    "notification": pgettext_lazy("document kind", "Notification"),
    "statement": pgettext_lazy("document kind", "Statement"),
    "minutes": pgettext_lazy("document kind", "Minutes"),
    "plan": pgettext_lazy("document kind", "Plan"),
    "correspondence": pgettext_lazy("document kind", "Correspondence"),
    "other": pgettext_lazy("document kind", "Other"),
}

UPLOADED = "uploaded"
GENERATED = "generated"
SOURCES = {UPLOADED: _("Uploaded"), GENERATED: _("Made by Forebyg")}


def register_kind(kind: str, label) -> None:
    """Add a kind of document (a lower-case key of at most 40 letters, digits and underscores)."""
    assert kind.replace("_", "").isalnum() and kind.islower() and len(kind) <= 40, kind
    KINDS.setdefault(kind, label)
