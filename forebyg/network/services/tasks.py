# SPDX-License-Identifier: MPL-2.0
"""Tasks between meetings (local development work) and what each municipality hands in."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forebyg.core import clock
from forebyg.core.models import Municipality

from .. import models as m
from ..selectors import scope
from .common import audit, check_upload, clean_filename, via

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from forebyg.accounts.models import User


@transaction.atomic
def task_create(*, actor: User, network: m.Network, title: str, due_on: date, description: str = "",
                group: m.Group | None = None, event: m.Event | None = None) -> m.Task:
    if group is not None and group.network_id != network.pk:
        raise ValidationError({"group": _("The group belongs to another network.")})
    if event is not None and event.network_id != network.pk:
        raise ValidationError({"event": _("The event belongs to another network.")})
    if event is not None and due_on < clock.local_date(event.starts_at):
        raise ValidationError({"due_on": _("The task cannot be due before the meeting where it is given.")})
    task = m.Task.objects.create(network=network, title=title, description=description, due_on=due_on,
                                 group=group, event=event, created_by=actor)
    audit(actor=actor, action="network.task.created", obj=task, network=network.pk, due_on=due_on.isoformat(),
          group=group.pk if group else None)
    return task


@transaction.atomic
def handin_submit(*, task: m.Task, municipality: Municipality, text: str = "", file: UploadedFile | None = None,
                  participant: m.Participant | None = None, actor: User | None = None, as_of: datetime | None = None) -> m.HandIn:
    """Hand in for a municipality (by a participant's link, or recorded by the secretariat).
    A later hand-in replaces the earlier one. By link a task closes after its due day (issue #15);
    the secretariat may still record a late hand-in, which is shown as late."""
    if not scope.task_in_scope(municipality.pk, task):
        raise ValidationError({"municipality": _("%(name)s is not given this task.") % {"name": municipality.name}})
    if participant is not None and participant.municipality_id != municipality.pk:
        raise ValidationError(_("You can only hand in for your own municipality."))
    if participant is not None and actor is None and clock.local_date(as_of or clock.now()) > task.due_on:
        raise ValidationError(_("The task closed on %(date)s. Contact the network secretariat if you still want to hand in.")
                              % {"date": task.due_on.strftime("%d.%m.%Y")})
    if not text.strip() and file is None:
        raise ValidationError({"text": _("Write something or attach a file.")})
    upload = check_upload(file) if file is not None else None
    handin = m.HandIn.objects.select_for_update().filter(task=task, municipality=municipality).first()
    if handin is None:
        handin = m.HandIn(task=task, municipality=municipality)
    handin.text, handin.submitted_at = text.strip(), as_of or clock.now()
    handin.participant, handin.recorded_by = participant, actor
    if upload is not None:
        uploaded, name, _size = upload
        handin.original_name = clean_filename(name)
        handin.file.save(name, uploaded, save=False)
    handin.save()
    audit(actor=actor, action="network.handin.submitted", obj=handin, task=task.pk, via=via(actor),
          with_file=bool(handin.file))
    return handin
