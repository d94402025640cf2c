# SPDX-License-Identifier: MPL-2.0
"""A stored review: what was chosen and how (criteria, seed, rule set), the cases, each
point's machine finding with its evidence, reviewers' overrides (kept beside the machine
finding, never replacing it) and the follow-up tasks for caseworkers."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from forebyg.cases.models import Child, staff_fk
from forebyg.core.models import Record, Team
from forebyg.domain.review import Outcome

OUTCOME_CHOICES = [
    (Outcome.MET, _("Met")),
    (Outcome.NOT_MET, _("Not met")),
    (Outcome.NOT_APPLICABLE, _("Not applicable")),
]


class Review(Record):
    title = models.CharField(max_length=200, verbose_name=_("title"))
    ruleset_id = models.CharField(max_length=64)
    ruleset_version = models.PositiveIntegerField(verbose_name=_("rule set version"))
    ruleset = models.JSONField(help_text="The whole rule set used, as the domain core's JSON.")
    criteria = models.JSONField(default=dict)
    sample = models.JSONField(default=dict, help_text="Sample size, seed and strata.")
    seed = models.BigIntegerField(null=True, blank=True, verbose_name=_("seed"))
    as_of = models.DateTimeField(verbose_name=_("assessed as of"))
    thresholds = models.JSONField(default=dict)
    deadline_settings = models.JSONField(default=dict, help_text="Calendar and deadline rule configuration used.")
    population_size = models.PositiveIntegerField(default=0)
    case_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class ReviewCase(Record):
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="cases")
    position = models.PositiveIntegerField(verbose_name=_("case number"))
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="+")
    caseworker = staff_fk("+", _("caseworker"))
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    stratum = models.CharField(max_length=200, blank=True)
    summary = models.JSONField(default=dict)
    counts: dict[str, int]  # findings by effective outcome: set by selectors.review_cases (not a field)

    class Meta:
        ordering = ["review", "position"]
        constraints = [models.UniqueConstraint(fields=["review", "position"], name="one_position_per_review")]


class Finding(Record):
    """The machine's answer for one point and case. It is never changed: see FindingOverride."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="findings")
    review_case = models.ForeignKey(ReviewCase, on_delete=models.PROTECT, related_name="findings")
    point_id = models.CharField(max_length=64, db_index=True)
    point_version = models.PositiveIntegerField()
    theme = models.CharField(max_length=32)
    outcome = models.CharField(max_length=20, choices=OUTCOME_CHOICES, verbose_name=_("machine finding"))
    reason = models.CharField(max_length=64)
    items = models.JSONField(default=list, help_text="Per subject: outcome, reason, evidence (record ids, dates).")

    class Meta:
        ordering = ["review_case", "id"]

    def latest_override(self):
        overrides = getattr(self, "_overrides", None)
        if overrides is None:
            overrides = list(self.overrides.order_by("created_at", "id"))
        return overrides[-1] if overrides else None

    @property
    def effective_outcome(self) -> str:
        o = self.latest_override()
        return o.outcome if o else self.outcome


class FindingOverride(Record):
    """A reviewer's assessment replacing the machine finding in the counts, with a written reason.
    Several may follow each other; the latest counts, all stay readable."""

    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="overrides")
    outcome = models.CharField(max_length=20, choices=OUTCOME_CHOICES, verbose_name=_("reviewer's finding"))
    reason = models.TextField(verbose_name=_("reason"))

    class Meta:
        ordering = ["created_at", "id"]


class ReviewTask(Record):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="tasks")
    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="tasks")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="+")
    assignee = staff_fk("review_tasks", _("caseworker"))
    description = models.TextField(verbose_name=_("what to do"))
    due_date = models.DateField(null=True, blank=True, verbose_name=_("due date"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, verbose_name=_("status"))
    done_at = models.DateTimeField(null=True, blank=True, verbose_name=_("done"))
    done_note = models.TextField(null=True, blank=True, verbose_name=_("what was done"))

    class Meta:
        ordering = ["status", "due_date", "created_at"]
