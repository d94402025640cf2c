# SPDX-License-Identifier: MPL-2.0
"""Networks, their groups (clusters, regions), member municipalities, participants and personal links."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class NetworkKind(models.TextChoices):
    PARTNERSHIP = "partnership", _("Partnership network")
    REFERENCE = "reference", _("Reference network")
    LEADER = "leader", _("Leader network")
    OTHER = "other", _("Other network")


class Network(models.Model):
    # A stable key for data loaded from a known source (the demo loader uses it to stay idempotent).
    key = models.SlugField(max_length=60, unique=True, null=True, blank=True)
    name = models.CharField(max_length=300, verbose_name=_("name"))
    kind = models.CharField(max_length=20, choices=NetworkKind.choices, default=NetworkKind.OTHER,
                            verbose_name=_("kind"))
    purpose = models.TextField(blank=True, verbose_name=_("purpose"))
    organisers = models.CharField(max_length=500, blank=True, verbose_name=_("organisers"))
    starts_on = models.DateField(null=True, blank=True, verbose_name=_("starts"))
    ends_on = models.DateField(null=True, blank=True, verbose_name=_("ends"))
    max_member_municipalities = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("maximum member municipalities"),
        help_text=_("Partnership municipalities are not counted. Empty: no limit."))
    max_participants_per_municipality = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("maximum participants per municipality"),
        help_text=_("Empty: no limit."))
    source = models.CharField(max_length=300, blank=True, verbose_name=_("source"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("network")

    def __str__(self) -> str:
        return self.name


class Group(models.Model):
    """A cluster (klynge) or regional group within a network, with its chair municipality."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=200, verbose_name=_("name"))
    chair = models.ForeignKey("core.Municipality", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("chair municipality"))
    # Counts as published by the organiser (e.g. "116 members in 24 municipalities"), kept beside the live data.
    reported_members = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("reported members"))
    reported_municipalities = models.PositiveIntegerField(null=True, blank=True,
                                                          verbose_name=_("reported municipalities"))

    class Meta:
        ordering = ["network", "name"]
        constraints = [models.UniqueConstraint(fields=["network", "name"], name="network_group_unique_name")]
        verbose_name = _("group")

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    PARTNERSHIP = "partnership", _("Partnership municipality")
    REFERENCE = "reference", _("Reference municipality")
    CHAIR = "chair", _("Chair municipality")
    MEMBER = "member", _("Member municipality")


class Membership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    municipality = models.ForeignKey("core.Municipality", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("municipality"))
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships",
                              verbose_name=_("group"))
    role = models.CharField(max_length=20, choices=MembershipRole.choices, verbose_name=_("role"))
    valid_from = models.DateField(verbose_name=_("valid from"))
    valid_to = models.DateField(null=True, blank=True, verbose_name=_("valid to"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["network", "municipality__name", "valid_from"]
        verbose_name = _("membership")

    def __str__(self) -> str:
        return f"{self.municipality.name} ({self.get_role_display()})"

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Participant(models.Model):
    """A person from a member municipality. Acts without an account, through personal links."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="participants")
    municipality = models.ForeignKey("core.Municipality", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("municipality"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    title = models.CharField(max_length=200, blank=True, verbose_name=_("title"))
    email = models.EmailField(verbose_name=_("e-mail"))
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["network", "municipality__name", "name"]
        verbose_name = _("participant")

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class AccessLink(models.Model):
    """A personal link. Only the SHA-256 of the token is stored; the token itself is in the e-mail only."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
