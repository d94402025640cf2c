# SPDX-License-Identifier: MPL-2.0
"""A document of a child's case and its versions. Field names follow the interchange format
(docs/interchange.md: `document` and `document_version`) one to one.

A version is never changed: a new file is a new version with the next number, and the document's
current version is the one with the highest number. The content itself is stored by its SHA-256
(forebyg.documents.storage), not in the database."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from forebyg.cases.models import Case, Child, staff_fk
from forebyg.core.models import Record

from .kinds import GENERATED, UPLOADED


class Document(Record):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="documents")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=40, verbose_name=_("kind"))
    title = models.CharField(max_length=200, verbose_name=_("title"))
    source = models.CharField(max_length=20, choices=[(UPLOADED, _("Uploaded")), (GENERATED, _("Made by Forebyg"))],
                              verbose_name=_("source"))
    added_at = models.DateTimeField(verbose_name=_("added"))
    by = staff_fk()

    class Meta:
        ordering = ["-added_at", "id"]
        indexes = [models.Index(fields=["child", "added_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def current_version(self) -> "DocumentVersion | None":
        """The version with the highest number (uses prefetched versions when there are any)."""
        versions = list(self.versions.all())
        return max(versions, key=lambda v: v.number) if versions else None


class DocumentVersion(Record):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(verbose_name=_("version"))
    filename = models.CharField(max_length=255, verbose_name=_("file name"))
    media_type = models.CharField(max_length=100, verbose_name=_("file type"))
    size = models.PositiveBigIntegerField(verbose_name=_("size"))
    sha256 = models.CharField(max_length=64, db_index=True, verbose_name="SHA-256")
    added_at = models.DateTimeField(verbose_name=_("added"))
    by = staff_fk()

    class Meta:
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="one_document_version_per_number")]

    def __str__(self) -> str:
        return f"{self.filename} ({self.number})"
