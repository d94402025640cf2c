# SPDX-License-Identifier: MPL-2.0
"""Events (kick-off, theme seminar, network meeting, conference), their materials and registrations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .storage import network_storage, upload_path
from .structure import Group, Network, Participant

USER = settings.AUTH_USER_MODEL


class EventKind(models.TextChoices):
    KICKOFF = "kickoff", _("Kick-off")
    THEME_SEMINAR = "theme_seminar", _("Theme seminar")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    CONFERENCE = "conference", _("Conference")
    OTHER = "other", _("Other event")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CANCELLED = "cancelled", _("Cancelled")


class Event(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="events")
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.PROTECT, related_name="events",
                              verbose_name=_("group"), help_text=_("Empty: the whole network."))
    kind = models.CharField(max_length=20, choices=EventKind.choices, verbose_name=_("kind"))
    title = models.CharField(max_length=300, verbose_name=_("title"))
    starts_at = models.DateTimeField(verbose_name=_("starts"))
    ends_at = models.DateTimeField(verbose_name=_("ends"))
    place = models.CharField(max_length=300, blank=True, verbose_name=_("place"))
    capacity = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("capacity"),
                                           help_text=_("Empty: no limit."))
    agenda = models.TextField(blank=True, verbose_name=_("agenda"))
    status = models.CharField(max_length=20, choices=EventStatus.choices, default=EventStatus.PLANNED)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    original_starts_at = models.DateTimeField(null=True, blank=True)
    moved_reason = models.TextField(blank=True)
    # iCalendar SEQUENCE: raised on every move or cancellation so calendars replace the old entry.
    sequence = models.PositiveIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True, verbose_name=_("note"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")

    def __str__(self) -> str:
        return self.title

    @property
    def cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED


class MaterialPhase(models.TextChoices):
    BEFORE = "before", _("Before the event")
    AFTER = "after", _("After the event")


class Material(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=300, verbose_name=_("title"))
    phase = models.CharField(max_length=10, choices=MaterialPhase.choices, default=MaterialPhase.BEFORE,
                             verbose_name=_("when"))
    file = models.FileField(storage=network_storage, upload_to=upload_path, max_length=200, verbose_name=_("file"))
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["phase", "uploaded_at"]

    def __str__(self) -> str:
        return self.title


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled (afbud)")


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(max_length=20, choices=RegistrationStatus.choices)
    # The place in the waiting list: first come, first served (set again on re-registration).
    requested_at = models.DateTimeField()
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "participant"], name="network_registration_once")]
