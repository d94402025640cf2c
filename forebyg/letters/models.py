# SPDX-License-Identifier: MPL-2.0
"""Letters (issue #18): the municipality's letterhead and templates, and each letter with its recipient,
its text, its PDF and where it is in the outbox."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forebyg.cases.models import Child, Decision, Measure, Notification
from forebyg.core.models import Record
from forebyg.domain.letters import KINDS
from forebyg.security.crypto import EncryptedCprField

KIND_CHOICES = [(k.code, _(k.label)) for k in KINDS.values()]  # noqa: INT001 (msgids declared in locale)


class Letterhead(Record):
    """The sender printed at the top of every letter of the municipality (one current version; earlier
    versions stay in the history)."""

    sender = models.CharField(max_length=200, verbose_name=_("sending unit"))
    address = models.TextField(verbose_name=_("address"))
    phone = models.CharField(max_length=40, blank=True, verbose_name=_("phone"))
    email = models.EmailField(blank=True, verbose_name=_("e-mail"))
    website = models.CharField(max_length=200, blank=True, verbose_name=_("website"))
    authority_id = models.CharField(max_length=40, blank=True, verbose_name=_("Digital Post sender id (CVR)"))


class LetterTemplate(Record):
    """One version of the text of a kind of letter. Saving a change makes a new version; letters keep
    the version they were written from."""

    kind = models.CharField(max_length=40, choices=KIND_CHOICES, verbose_name=_("kind of letter"))
    version = models.PositiveIntegerField(verbose_name=_("version"))
    title = models.CharField(max_length=200, verbose_name=_("title"))
    body = models.TextField(verbose_name=_("text"))

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["municipality", "kind", "version"],
                                               name="letters_template_version_unique")]


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class Transport(models.TextChoices):
    DIGITAL_POST = "digital_post", _("Digital Post")
    EMAIL = "email", _("E-mail")
    PRINT = "print", _("Printed (handed over or posted by hand)")


class Letter(Record):
    kind = models.CharField(max_length=40, choices=KIND_CHOICES, verbose_name=_("kind of letter"))
    # What the letter is about (one of them, besides the child).
    notification = models.ForeignKey(Notification, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="letters")
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="letters")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="letters")
    child = models.ForeignKey(Child, null=True, blank=True, on_delete=models.PROTECT, related_name="letters")
    template = models.ForeignKey(LetterTemplate, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The recipient, on the letter itself (prefilled from what the case knows).
    recipient_name = models.CharField(max_length=200, verbose_name=_("recipient"))
    recipient_cpr = EncryptedCprField(null=True, blank=True, verbose_name=_("recipient's CPR number"))
    recipient_cvr = models.CharField(max_length=8, blank=True, verbose_name=_("recipient's CVR number"))
    recipient_email = models.EmailField(blank=True, verbose_name=_("recipient's e-mail"))
    recipient_address = models.TextField(blank=True, verbose_name=_("recipient's postal address"))
    # Name and address protection of the recipient (from the person registry when it is wired in).
    recipient_protected = models.BooleanField(default=False, verbose_name=_("recipient has address protection"))
    transport = models.CharField(max_length=20, choices=Transport.choices, default=Transport.DIGITAL_POST,
                                 verbose_name=_("send by"))
    inputs = models.JSONField(default=dict, blank=True)  # what the caseworker typed for the kind's inputs
    title = models.CharField(max_length=200, verbose_name=_("title"))
    body = models.TextField(verbose_name=_("text"))
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    # The outbox.
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True,
                              verbose_name=_("status"))
    message_uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    queued_at = models.DateTimeField(null=True, blank=True, verbose_name=_("queued"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent"))
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("delivered"))
    channel = models.CharField(max_length=40, blank=True)  # how it actually went: "digital_post", "fjernprint", ...
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, to_field="ext_id", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    # The document of the case this letter was kept as (forebyg.documents), when that app is installed.
    document_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
