# SPDX-License-Identifier: MPL-2.0
"""Key-figure tables: population denominators (reference data), computed figures (a cache that
`forebyg keyfigures refresh` rebuilds), chart images, and the network hub's registered keys and
imported aggregate files. None of them holds personal data: figures are aggregates, and the
drill-down reads the children from the case tables when asked."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class Population(models.Model):
    """Children aged 0-17 on 1 January (FOLK1A), per municipality or school district, per year."""

    municipality = models.ForeignKey("core.Municipality", on_delete=models.PROTECT, related_name="+")
    district = models.CharField(max_length=64, blank=True, default="", help_text=_("Empty: the whole municipality."))
    year = models.PositiveSmallIntegerField()
    children = models.PositiveIntegerField()
    source = models.CharField(max_length=200, blank=True)
    loaded_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "district", "year"],
                                               name="keyfigures_population_unique")]
        ordering = ["municipality", "district", "year"]


class Result(models.Model):
    """One computation of the catalogue for a municipality and granularity (all units)."""

    municipality = models.ForeignKey("core.Municipality", on_delete=models.CASCADE, related_name="+")
    granularity = models.CharField(max_length=10)
    catalogue_version = models.PositiveIntegerField()
    as_of = models.DateTimeField()
    computed_at = models.DateTimeField()
    seconds = models.FloatField(default=0.0)
    first_period = models.CharField(max_length=10)
    last_period = models.CharField(max_length=10)

    class Meta:
        indexes = [models.Index(fields=["municipality", "granularity", "-computed_at"])]


class Value(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="values")
    indicator = models.CharField(max_length=80)
    unit_kind = models.CharField(max_length=20)
    unit = models.CharField(max_length=64)
    period = models.CharField(max_length=10)
    p = models.IntegerField()  # period index, for ordering
    numerator = models.FloatField(null=True)
    denominator = models.FloatField(null=True)
    value = models.FloatField(null=True)
    count = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["result", "unit_kind", "unit"])]


class Chart(models.Model):
    """A rendered SVG chart of one indicator for one unit (rendered once per computation)."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="charts")
    key = models.CharField(max_length=200)
    svg = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["result", "key"], name="keyfigures_chart_unique")]


class HubKey(models.Model):
    """A member municipality's public signing key, registered by the network secretariat."""

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey("core.Municipality", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("municipality"))
    public_key = models.CharField(max_length=100, verbose_name=_("public key"))
    fingerprint = models.CharField(max_length=16)
    registered_at = models.DateTimeField()
    registered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["network", "municipality"], name="keyfigures_hubkey_unique")]


class Submission(models.Model):
    """An imported aggregate file. The latest per municipality is the one shown."""

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey("core.Municipality", on_delete=models.PROTECT, related_name="+")
    catalogue_version = models.PositiveIntegerField()
    as_of = models.DateTimeField()
    created_at = models.DateTimeField()
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    sha256 = models.CharField(max_length=64)
    key_fingerprint = models.CharField(max_length=16)

    class Meta:
        ordering = ["-imported_at", "-id"]


class SubmittedValue(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.CharField(max_length=80)
    period = models.CharField(max_length=10)
    value = models.FloatField(null=True)
    numerator = models.FloatField(null=True)
    denominator = models.FloatField(null=True)
    count = models.IntegerField(null=True)
    suppressed = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["submission", "indicator"])]


class HubKeyChange(models.Model):
    """Every setting of a member's key at a network hub, and every proposal for one (#13).

    Only the member itself (its managers and analysts) sets its key; the network secretariat (or an
    administrator) may propose one, which counts only once the member confirms it. The server's
    operator may register a key from the command line. Nothing is ever deleted: this is the history."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("awaiting the municipality's confirmation")
        CONFIRMED = "confirmed", _("proposed by the hub, confirmed by the municipality")
        REJECTED = "rejected", _("proposed by the hub, rejected by the municipality")
        SET_BY_MEMBER = "set_by_member", _("set by the municipality")
        OPERATOR = "operator", _("registered by the server's operator")

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey("core.Municipality", on_delete=models.PROTECT, related_name="+")
    public_key = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=16)
    previous_fingerprint = models.CharField(max_length=16, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-requested_at", "-id"]
