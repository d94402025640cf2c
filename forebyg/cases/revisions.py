# SPDX-License-Identifier: MPL-2.0
"""Each child's revision: a token that changes whenever a record about the child changes.

Pages that reuse what they have read about a child (the deadline engine's records, see
`forebyg.deadlines.records`) key it by (child, revision), so a change shows on the next page
without anyone having to remember to clear a cache. The token changes:

* on every save and delete of a record the deadline engine reads (signals, so the admin, services
  and tests are all covered), for every child the record is about — a notification and its
  assessments, acknowledgements and feedback are about all the children it names;
* when children are added to or removed from a notification;
* for every child an import touches (`touch` from the import, which bypasses the signals), and
  for every child an anonymisation or deletion changes (forebyg.security.retention, which
  updates and deletes in bulk).

A write changes the token after the record (in the same transaction where there is one), so a
reader that reads the token first and the records after can at worst file newer records under
an older token, never older records under a newer one. A child without a token (never touched)
is simply never reused.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import connection
from django.db.models import CharField
from django.db.models.functions import Cast
from django.db.models.signals import m2m_changed, post_save, pre_delete

from forebyg.core import extension
from forebyg.domain.deadlines.local import CHILD_RECORD_TYPES

from . import models as m

# Every record type the deadline engine may read: the built-in rules' and any a local standard may
# name (a municipality can add one at any time, so all of them are watched; issue #14).
WATCHED_TYPES: tuple[str, ...] = CHILD_RECORD_TYPES


def touch(child_ids: Iterable[str]) -> None:
    """Give these children a new revision: one prepared upsert run for all of them (an import
    touches every child in it; building a model instance per child took 2 s for 160,000)."""
    ids = sorted(set(child_ids))
    if not ids:
        return
    field = m.ChildRevision._meta.get_field("revision")
    token = field.get_db_prep_value(uuid.uuid4(), connection)
    table = connection.ops.quote_name(m.ChildRevision._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (child_id, revision) VALUES (%s, %s) "  # noqa: S608 - names from the model
            "ON CONFLICT (child_id) DO UPDATE SET revision = excluded.revision",
            [(c, token) for c in ids])


def revisions(child_ids: Iterable[str]) -> dict[str, uuid.UUID]:
    """The current revision of each child that has one."""
    ids = list(child_ids)
    if not ids:
        return {}
    return dict(m.ChildRevision.objects.filter(child_id__any_of=ids).values_list("child_id", "revision"))


def revision_tokens(child_ids: Iterable[str]) -> dict[str, str]:
    """`revisions`, each as the database's text of it (a key for what is reused: equal exactly when
    the revisions are), without making a UUID of each (1,200 of them for a team, issue #20)."""
    ids = list(child_ids)
    if not ids:
        return {}
    return dict(m.ChildRevision.objects.filter(child_id__any_of=ids)
                .values_list("child_id", Cast("revision", output_field=CharField())))


def children_of_notifications(notification_ids: Iterable[str]) -> set[str]:
    through = m.Notification.children.through
    return set(through.objects.filter(notification_id__in=list(notification_ids))
               .values_list("child_id", flat=True))


def _children_of(instance) -> set[str]:
    if isinstance(instance, m.Child):
        return {instance.pk}
    if isinstance(instance, m.Notification):
        return children_of_notifications([instance.pk])
    child_id = getattr(instance, "child_id", None)
    if child_id is not None:
        return {child_id}
    notification_id = getattr(instance, "notification_id", None)
    if notification_id is not None:  # an assessment also covering other notifications: theirs too
        return children_of_notifications([notification_id, *(getattr(instance, "covers", None) or ())])
    return set()


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        touch(_children_of(instance))


def _on_delete(sender, instance, **kwargs):
    # Before the delete, while the notification's links still exist; Django deletes inside a
    # transaction, so the new token and the delete are committed together.
    touch(_children_of(instance))


def _on_links(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if reverse:  # child.notifications.add(...): the instance is the child
        touch([instance.pk])
    elif action == "pre_clear":
        touch(children_of_notifications([instance.pk]))
    else:
        touch(pk_set or ())


def watch(rtype: str) -> None:
    """Change the children's revision when a record of `rtype` is saved or deleted (every watched
    type that has a model; other apps' types as they register, forebyg.core.extension)."""
    model = m.TYPE_MODELS.get(rtype)
    if rtype in WATCHED_TYPES and model is not None:
        post_save.connect(_on_save, sender=model, dispatch_uid=f"revision-save-{rtype}")
        pre_delete.connect(_on_delete, sender=model, dispatch_uid=f"revision-delete-{rtype}")


def _watch_registered(rt: extension.RecordType) -> None:
    watch(rt.name)


def connect() -> None:
    """Called from CasesConfig.ready()."""
    extension.on_record_type(_watch_registered)
    m2m_changed.connect(_on_links, sender=m.Notification.children.through, dispatch_uid="revision-links")
