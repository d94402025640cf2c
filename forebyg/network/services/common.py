# SPDX-License-Identifier: MPL-2.0
"""Helpers shared by the network services: audit entries, e-mail, personal links, files, settings."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from forebyg.audit.services import log_change
from forebyg.core import clock

from .. import ics
from .. import models as m
from ..tokens import hash_token, new_token

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.db.models import Model

    from forebyg.accounts.models import User

logger = logging.getLogger("forebyg.network")

LINK_DAYS = 180
MAX_FILE_BYTES = 25 * 1024 * 1024
FILE_EXTENSIONS = {".pdf", ".docx", ".doc", ".pptx", ".ppt", ".xlsx", ".xls", ".odt", ".odp", ".ods", ".txt",
                   ".csv", ".png", ".jpg", ".jpeg", ".zip"}


def audit(*, actor: User | None, action: str, obj: Model, **payload: Any) -> None:
    log_change(actor=actor, action=action, obj=obj, payload=payload)


def via(actor: User | None) -> str:
    return "secretariat" if actor is not None else "personal_link"


# --- personal links -------------------------------------------------------------------------


def link_days() -> int:
    return int(getattr(settings, "FOREBYG_NETWORK_LINK_DAYS", LINK_DAYS))


def link_issue(*, participant: m.Participant, actor: User | None = None, valid_days: int | None = None) -> str:
    """A new personal link for the participant. Returns the token; only its hash is stored."""
    if participant.withdrawn_at is not None:
        raise ValidationError(_("The participant has withdrawn from the network."))
    token = new_token()
    now = clock.now()
    link = m.AccessLink.objects.create(participant=participant, token_hash=hash_token(token), created_at=now,
                                       expires_at=now + timedelta(days=valid_days or link_days()))
    audit(actor=actor, action="network.link.issued", obj=participant, link=link.pk,
          expires_at=link.expires_at.isoformat())
    return token


def base_url() -> str:
    """FOREBYG_SITE_URL (forebyg.core.site); FOREBYG_BASE_URL, the older name, still wins when set."""
    from forebyg.core.site import site_url

    return str(getattr(settings, "FOREBYG_BASE_URL", None) or site_url()).rstrip("/")


def link_url(token: str) -> str:
    return base_url() + reverse("network_participant", args=[token])


# --- e-mail ---------------------------------------------------------------------------------


def from_email() -> str:
    return getattr(settings, "FOREBYG_NETWORK_FROM_EMAIL", None) or settings.DEFAULT_FROM_EMAIL


def mail_message(*, template: str, to: str, context: dict, attachments: Iterable[tuple[str, bytes, str]] = ()
                 ) -> EmailMessage:
    """Render network/email/<template>_subject.txt and <template>.txt in the site language."""
    ctx = {"base_url": base_url(), **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"network/email/{template}_subject.txt", ctx).split())
        body = render_to_string(f"network/email/{template}.txt", ctx)
    msg = EmailMessage(subject=subject, body=body, from_email=from_email(), to=[to])
    for name, content, mimetype in attachments:
        msg.attach(name, content, mimetype)
    return msg


def _send(messages: list[EmailMessage]) -> None:
    for msg in messages:
        try:
            msg.send()
        except Exception:  # a mail server failure must not undo a committed change
            logger.exception("Could not send network e-mail %r to %s", msg.subject, msg.to)


def send_after_commit(messages: list[EmailMessage]) -> None:
    """Send when the surrounding transaction commits; nothing is sent if it rolls back."""
    if messages:
        transaction.on_commit(lambda: _send(messages))


def event_ics_bytes(event: m.Event, *, url: str = "") -> bytes:
    description = event.agenda
    if event.cancelled:
        description = _("Cancelled: %(reason)s") % {"reason": event.cancel_reason} + "\n\n" + description
    return ics.event_ics(
        uid=f"network-event-{event.pk}@forebyg", sequence=event.sequence, starts_at=event.starts_at,
        ends_at=event.ends_at, summary=f"{event.title} ({event.network.name})", dtstamp=clock.now(),
        description=description, location=event.place, url=url, cancelled=event.cancelled)


def ics_attachment(event: m.Event) -> tuple[str, bytes, str]:
    return (f"event-{event.pk}.ics", event_ics_bytes(event), "text/calendar")


# --- files ----------------------------------------------------------------------------------


def check_upload(upload: UploadedFile | None, field: str = "file") -> tuple[UploadedFile, str, int]:
    """The upload, its name and its size, once it is an allowed file."""
    if upload is None or not upload.name:
        raise ValidationError({field: _("Choose a file.")})
    size = upload.size or 0
    if size > MAX_FILE_BYTES:
        raise ValidationError({field: _("The file is too large (at most 25 MB).")})
    if Path(upload.name).suffix.lower() not in FILE_EXTENSIONS:
        raise ValidationError({field: _("This kind of file cannot be uploaded. Allowed: %(kinds)s.")
                               % {"kinds": ", ".join(sorted(FILE_EXTENSIONS))}})
    return upload, upload.name, size


def clean_filename(name: str) -> str:
    return Path(name).name[:200] or "file"
