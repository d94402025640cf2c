# SPDX-License-Identifier: MPL-2.0
"""Personal API tokens: each belongs to one user in one municipality and expires.

Only a SHA-256 digest of the token is stored. A token is 256 random bits, so a fast hash is
enough (as for GitHub's and PyPI's tokens) and lets a request find its token with one indexed
lookup; the token itself is shown once, when it is created."""

from __future__ import annotations

from typing import ClassVar, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

USER = settings.AUTH_USER_MODEL


class ApiToken(models.Model):
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="api_tokens", verbose_name=_("user"))
    municipality = models.ForeignKey("core.Municipality", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100, verbose_name=_("what the token is for"))
    prefix = models.CharField(max_length=16, verbose_name=_("token begins with"))
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(verbose_name=_("created"))
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    expires_at = models.DateTimeField(verbose_name=_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked"))
    revoked_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    last_used_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last used"))

    objects: ClassVar[models.Manager[Self]] = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def active_at(self, moment) -> bool:
        return self.revoked_at is None and self.expires_at > moment
