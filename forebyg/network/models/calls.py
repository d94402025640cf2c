# SPDX-License-Identifier: MPL-2.0
"""Calls for applications and the municipalities' applications."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .structure import Membership, Network

USER = settings.AUTH_USER_MODEL


class Call(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="calls")
    title = models.CharField(max_length=300, verbose_name=_("title"))
    text = models.TextField(verbose_name=_("text of the call"))
    deadline = models.DateTimeField(verbose_name=_("application deadline"))
    announce_to = models.TextField(blank=True, verbose_name=_("announce to"),
                                   help_text=_("E-mail addresses, one per line. They get the call and a reminder "
                                               "before the deadline."))
    published_at = models.DateTimeField(null=True, blank=True)
    deadline_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-deadline"]
        verbose_name = _("call for applications")

    def __str__(self) -> str:
        return self.title

    def announce_addresses(self) -> list[str]:
        return [a.strip() for a in self.announce_to.split() if a.strip()]

    def open_on(self, moment) -> bool:
        return self.published_at is not None and self.published_at <= moment < self.deadline


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Application(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="applications")
    municipality = models.ForeignKey("core.Municipality", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("municipality"))
    contact_name = models.CharField(max_length=200, verbose_name=_("contact person"))
    contact_email = models.EmailField(verbose_name=_("contact e-mail"))
    motivation = models.TextField(verbose_name=_("motivation"))
    # Leaders and key persons the municipality wants to take part: [{"name", "title", "email"}].
    persons = models.JSONField(default=list, verbose_name=_("leaders and key persons"))
    submitted_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision_reason = models.TextField(blank=True, verbose_name=_("reason"))
    membership = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["submitted_at"]
        verbose_name = _("application")

    def __str__(self) -> str:
        return f"{self.municipality.name}: {self.call.title}"
