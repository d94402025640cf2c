# SPDX-License-Identifier: MPL-2.0
"""Per-municipality security policy, break-the-glass grants and retention rules and runs."""

from __future__ import annotations

from typing import ClassVar, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from forebyg.core.pointread import PointRead

USER = settings.AUTH_USER_MODEL


class SecurityPolicy(models.Model):
    """What a municipality has decided about access and supervision. One row per municipality;
    a municipality without a row gets the defaults below (see docs/security.md)."""

    municipality = models.OneToOneField("core.Municipality", on_delete=models.PROTECT, related_name="+",
                                        primary_key=True)
    caseworker_sees_team = models.BooleanField(
        default=True, verbose_name=_("caseworkers see their team's children"),
        help_text=_("Otherwise a caseworker sees only their own children and must state a reason for any other."))
    manager_sees_all = models.BooleanField(
        default=True, verbose_name=_("managers see every child of the municipality"),
        help_text=_("Otherwise a manager states a reason for each child, like everyone else outside their caseload."))
    glass_hours = models.PositiveSmallIntegerField(
        default=8, verbose_name=_("hours a stated reason gives access"))
    bulk_reads = models.PositiveSmallIntegerField(
        default=25, verbose_name=_("supervision: many records means at least this many children"))
    bulk_minutes = models.PositiveSmallIntegerField(
        default=60, verbose_name=_("supervision: ... within this many minutes"))
    odd_hours_from = models.PositiveSmallIntegerField(default=22, verbose_name=_("supervision: odd hours start (hour)"))
    odd_hours_to = models.PositiveSmallIntegerField(default=6, verbose_name=_("supervision: odd hours end (hour)"))
    flag_weekends = models.BooleanField(default=True, verbose_name=_("supervision: weekends and public holidays are odd hours"))
    updated_at = models.DateTimeField(auto_now=True)

    @classmethod
    def for_municipality(cls, municipality_id: int | None) -> SecurityPolicy:
        """The municipality's policy, or the defaults. Read on every opening of a child (the access
        check): by its key with the SQL compiled once (forebyg.core.pointread; issue #20), the same
        row as `filter(municipality_id=…).first()`; nothing is kept between reads."""
        if municipality_id is None:
            return cls()
        found = _policy_by_municipality.get(municipality_id)
        return found if isinstance(found, SecurityPolicy) else cls(municipality_id=municipality_id)


_policy_by_municipality = PointRead(lambda: SecurityPolicy.objects.all(), "pk")


class GlassReason(models.TextChoices):
    DUTY = "duty", _("Duty service or acute situation")
    COVER = "cover", _("Covering for an absent colleague")
    NEW = "new_enquiry", _("New notification or enquiry about the child")
    TRANSFER = "transfer", _("Case transfer or professional consultation")
    LEGAL = "legal", _("Complaint, appeal or legal review")
    OTHER = "other", _("Other")


class GlassGrant(models.Model):
    """Access to one child outside the user's caseload, for a limited time, with a stated reason."""

    class Outcome(models.TextChoices):
        JUSTIFIED = "justified", _("Justified")
        FOLLOW_UP = "follow_up", _("Needs follow-up")

    municipality = models.ForeignKey("core.Municipality", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="glass_grants")
    child_id = models.CharField(max_length=64, db_index=True)
    reason_kind = models.CharField(max_length=20, choices=GlassReason.choices)
    reason_text = models.CharField(max_length=300)
    granted_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)

    objects: ClassVar[models.Manager[Self]] = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "child_id", "expires_at"])]

    @property
    def reason(self) -> str:
        return f"{self.get_reason_kind_display()}: {self.reason_text}"


class RetentionAction(models.TextChoices):
    ANONYMISE = "anonymise", _("Anonymise")
    DELETE = "delete", _("Delete")


class RetentionRule(models.Model):
    """How long one kind of record is kept after its retention clock starts, and what then happens."""

    municipality = models.ForeignKey("core.Municipality", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=40)
    years = models.PositiveSmallIntegerField(verbose_name=_("years"))
    action = models.CharField(max_length=20, choices=RetentionAction.choices, verbose_name=_("action"))
    enabled = models.BooleanField(default=True, verbose_name=_("in use"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    objects: ClassVar[models.Manager[Self]] = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["kind"]
        constraints = [models.UniqueConstraint(fields=["municipality", "kind"], name="retention_rule_unique_kind")]


class RetentionRun(models.Model):
    """One listing of what has passed its retention, and (after approval) what was done with it."""

    municipality = models.ForeignKey("core.Municipality", on_delete=models.PROTECT, related_name="+")
    as_of = models.DateField()
    listed_at = models.DateTimeField()
    # Who made the list (None: the daily job). Four eyes (#13): the maker cannot approve it.
    listed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    items = models.JSONField(default=list)  # [{"kind", "model", "id", "action", "clock"}]: ids only, no content
    approved_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)

    objects: ClassVar[models.Manager[Self]] = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-listed_at", "-id"]


class RuleChangeState(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUPERSEDED = "superseded", _("Replaced by a newer proposal")


class RetentionRuleChange(models.Model):
    """A proposed change of a retention rule (four eyes, #13): the rule in force stays until another
    administrator of the municipality confirms the change; the proposer cannot confirm it."""

    municipality = models.ForeignKey("core.Municipality", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=40)
    years = models.PositiveSmallIntegerField()
    action = models.CharField(max_length=20, choices=RetentionAction.choices)
    enabled = models.BooleanField()
    proposed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    state = models.CharField(max_length=20, choices=RuleChangeState.choices, default=RuleChangeState.PENDING)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[models.Manager[Self]] = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-proposed_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["municipality", "kind"], condition=models.Q(state="pending"),
                                               name="retention_rule_one_pending_change")]
