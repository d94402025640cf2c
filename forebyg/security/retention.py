# SPDX-License-Identifier: MPL-2.0
"""Retention: what has passed its retention period, and (after approval) anonymising or deleting it.

A daily job (`manage.py retention`, or the `forebyg` CLI) lists what is past retention per
municipality as a `RetentionRun`; nothing changes until someone approves that list (the page
/sikkerhed/sletning/ or `--apply`). Approval re-checks every item, then anonymises or deletes it
and writes one change-log entry per item (ids and counts only, never content).

Four eyes (#13): a rule changes only when a second administrator confirms the change
(forebyg.security.retention_rules); a list is approved by an administrator or manager of the
municipality who did not make it; a list of more than FOREBYG_RETENTION_CONFIRM_ABOVE items (default
100) needs its number of items typed in. The page and the command line go through the same checks
here, in `retention_apply`.

The record kinds, their retention clocks and default periods are below. The default periods are
placeholders (UNCONFIRMED against the archives' rules on preservation and disposal, "bevaring og
kassation"): each municipality sets its own in RetentionRule (docs/security.md).

* Anonymising blanks every personal field (the names in forebyg.audit.services.REDACTED_FIELDS, plus
  the child's CPR number and name) in the record, in every record about the child, and in all their
  earlier versions; what remains (dates, kinds, steps, legal bases) still counts in key figures.
* Deleting removes the records and all their versions. The audit logs keep their rows (ids only).
* Either way, what cannot be anonymised goes whole: a child's documents and their files
  (forebyg.core.extension.register_retention_hooks, e.g. the documents app).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _
from django_scopes import scope, scopes_disabled

from forebyg.audit.services import REDACTED_FIELDS, log_change
from forebyg.core import clock, extension
from forebyg.core.models import Municipality
from forebyg.domain.calendar import CPH, add_months

from .models import RetentionAction, RetentionRule, RetentionRun

ANONYMISED_NAME = "[anonymiseret]"
# What cannot be anonymised goes whole with the child's data, whether the child is anonymised or deleted
# (e.g. the documents of the case and their files, forebyg.documents). Apps add a function taking the
# child's id and returning {model name: rows removed}; it runs inside the retention transaction.
# Other apps' records that count as activity about a child (e.g. a document added): functions
# returning (model, the field naming the child, the field with the time).


@dataclass(frozen=True)
class Kind:
    label: Any
    clock: Any
    years: int
    action: str


KINDS: dict[str, Kind] = {
    "notification_no_action": Kind(_("Notification that led to no further action"),
                                   _("from receipt, when every child named has a 'no further action' decision "
                                     "and none of them has an open case"), 5, RetentionAction.ANONYMISE),
    "counselling_without_case": Kind(_("Early counselling that never became a case"),
                                     _("from the end of the counselling, when the child has no case"),
                                     5, RetentionAction.ANONYMISE),
    "child_inactive": Kind(_("Child with no open case, counselling or notification"),
                           _("from the child's last recorded activity"), 10, RetentionAction.ANONYMISE),
}


@dataclass(frozen=True)
class Rule:
    kind: str
    years: int
    action: str
    enabled: bool


def rules_for(municipality_id: int) -> dict[str, Rule]:
    stored = {r.kind: r for r in RetentionRule.objects.filter(municipality_id=municipality_id)}
    out = {}
    for kind, spec in KINDS.items():
        r = stored.get(kind)
        out[kind] = Rule(kind, r.years, r.action, r.enabled) if r else Rule(kind, spec.years, spec.action, True)
    return out


class FourEyesError(ValueError):
    """A retention step that needs a second person, or a typed confirmation (message for the user)."""


def check_rule(kind: str, years: int, action: str) -> None:
    if kind not in KINDS or action not in RetentionAction.values or years < 1:
        raise ValueError("unknown retention kind or action, or less than a year")


def rule_store(*, municipality_id: int, kind: str, years: int, action: str, enabled: bool, actor) -> RetentionRule:
    """Put a rule in force. Only forebyg.security.retention_rules.rule_confirm calls this, after the
    second administrator's confirmation, and logs it."""
    check_rule(kind, years, action)
    with scope(municipality=[municipality_id]):
        rule, _created = RetentionRule.objects.update_or_create(
            municipality_id=municipality_id, kind=kind,
            defaults={"years": years, "action": action, "enabled": enabled, "updated_by": actor})
    return rule


def _cutoff(as_of: date, years: int) -> datetime:
    return datetime.combine(add_months(as_of, -12 * years), time(0), tzinfo=CPH)


# --- Candidates --------------------------------------------------------------------------------

def _m():
    from forebyg.cases import models as m
    from forebyg.cases.selectors.worklists import open_notifications

    return m, open_notifications


def _notifications_no_action(cutoff: datetime) -> list[str]:
    m, open_notifications = _m()
    through = m.Notification.children.through
    other_outcome = m.Decision.objects.filter(notification=OuterRef("pk")).exclude(outcome="no_action")
    open_case = m.Case.objects.filter(child__in=through.objects.filter(notification_id=OuterRef(OuterRef("pk")))
                                      .values("child_id"), closed_at__isnull=True)
    qs = (m.Notification.objects.filter(received_at__lt=cutoff)
          .exclude(pk__in=open_notifications().values("pk"))
          .exclude(Exists(other_outcome)).exclude(Exists(open_case))
          .exclude(concern=""))
    return list(qs.order_by("received_at").values_list("pk", flat=True))


def _counsellings_without_case(cutoff: datetime) -> list[str]:
    m, _ = _m()
    qs = (m.Counselling.objects.filter(ended_at__lt=cutoff)
          .exclude(Exists(m.Case.objects.filter(child=OuterRef("child"))))
          .exclude(consent_by=""))
    return list(qs.order_by("ended_at").values_list("pk", flat=True))


def _last_activity():
    """The latest dated event about a child, as a query expression (one subquery per source)."""
    m, _ = _m()
    sources = [
        (m.Notification.children.through, "child", "notification__received_at"), (m.Case, "child", "opened_at"),
        (m.Case, "child", "closed_at"), (m.Counselling, "child", "started_at"), (m.Counselling, "child", "ended_at"),
        (m.Measure, "child", "decided_at"), (m.Measure, "child", "ended_at"), (m.FollowUp, "child", "held_at"),
        (m.ChildConversation, "child", "held_at"), (m.NetworkMeeting, "child", "held_at"),
        (m.Investigation, "child", "started_at"), (m.Investigation, "child", "completed_at"),
        (m.Plan, "child", "made_at"), (m.JournalNote, "child", "written_at"),
        *(h.activity() for h in extension.RETENTION_HOOKS.values() if h.activity),
    ]
    parts = []
    for model, link, col in sources:
        latest = model.objects.filter(**{link: OuterRef("pk")}).order_by().values(link).annotate(x=Max(col)).values("x")
        parts.append(Coalesce(Subquery(latest, output_field=models.DateTimeField()), F("registered_at")))
    return Greatest(F("registered_at"), *parts)


def _children_inactive(cutoff: datetime) -> list[str]:
    m, open_notifications = _m()
    busy = (Q(Exists(m.Case.objects.filter(child=OuterRef("pk"), closed_at__isnull=True)))
            | Q(Exists(m.Counselling.objects.filter(child=OuterRef("pk"), ended_at__isnull=True)))
            | Q(pk__in=open_notifications().values("children")))
    ids = (m.Child.objects.exclude(busy).exclude(name=ANONYMISED_NAME)
           .annotate(last=_last_activity()).filter(last__lt=cutoff)
           .order_by("last").values_list("pk", flat=True))
    return list(ids)


CANDIDATES: dict[str, tuple[str, Callable[[datetime], list[str]]]] = {
    "notification_no_action": ("notification", _notifications_no_action),
    "counselling_without_case": ("counselling", _counsellings_without_case),
    "child_inactive": ("child", _children_inactive),
}


def candidates(*, municipality_id: int, as_of: date) -> list[dict[str, str]]:
    """What is past retention in one municipality (call inside its scope)."""
    items = []
    for kind, rule in rules_for(municipality_id).items():
        if not rule.enabled:
            continue
        model, find = CANDIDATES[kind]
        items += [{"kind": kind, "model": model, "id": pk, "retention": rule.action}
                  for pk in find(_cutoff(as_of, rule.years))]
    return items


# --- Anonymising and deleting ------------------------------------------------------------------

def _blank(field) -> Any:
    if isinstance(field, models.JSONField):
        return field.default() if callable(field.default) else {}
    return None if field.null else ""


def _personal(model) -> dict[str, Any]:
    return {f.name: _blank(f) for f in model._meta.concrete_fields if f.name in REDACTED_FIELDS or f.name in ("cpr", "cpr_hash")}


def _scrub(model, pks: list[str], extra: dict[str, Any] | None = None) -> int:
    values = {**_personal(model), **(extra or {})}
    if not pks or not values:
        return 0
    n = model._base_manager.filter(pk__in=pks).update(**values)
    if hasattr(model, "history"):
        model.history.filter(id__in=pks).update(**values)
    return n


def _dependants(model):
    """Reverse foreign keys to `model` from record models (not from their version history)."""
    for rel in model._meta.get_fields(include_hidden=True):
        if rel.one_to_many and rel.auto_created and not rel.related_model.__name__.startswith("Historical"):
            yield rel.related_model, rel.field.name


def _about_children(pks: list[str]):
    """Every (model, pks) hanging on these children, transitively, except notifications."""
    m, _ = _m()
    seen: dict[type, set[str]] = {}
    todo = [(m.Child, list(pks))]
    while todo:
        model, ids = todo.pop()
        for related, field in _dependants(model):
            found = set(related._base_manager.filter(**{f"{field}__in": ids}).values_list("pk", flat=True))
            new = found - seen.setdefault(related, set())
            if new:
                seen[related] |= new
                todo.append((related, list(new)))
    return seen


def _notification_scrub(pks: list[str]) -> int:
    m, _ = _m()
    _scrub(m.AcuteAssessment, list(m.AcuteAssessment._base_manager.filter(notification_id__in=pks)
                                    .values_list("pk", flat=True)))
    _scrub(m.Decision, list(m.Decision._base_manager.filter(notification_id__in=pks).values_list("pk", flat=True)))
    return _scrub(m.Notification, pks)


def _affected_children(model_name: str, pk: str) -> set[str]:
    """The children whose records an anonymisation or deletion changes, siblings named in the same
    notifications included: they get a new revision (forebyg.cases.revisions), so that no page
    goes on using what it read about them before."""
    from forebyg.cases import revisions

    m, _ = _m()
    through = m.Notification.children.through
    if model_name == "notification":
        return revisions.children_of_notifications([pk])
    if model_name == "counselling":
        return set(m.Counselling._base_manager.filter(pk=pk).values_list("child_id", flat=True))
    notifications = through.objects.filter(child_id=pk).values_list("notification_id", flat=True)
    return {pk} | revisions.children_of_notifications(notifications)


def anonymise(model_name: str, pk: str) -> int:
    from forebyg.cases.revisions import touch
    from forebyg.deadlines.records import forget

    affected = _affected_children(model_name, pk)
    n = _anonymise(model_name, pk)
    touch(affected)
    forget(affected)
    return n


def _anonymise(model_name: str, pk: str) -> int:
    m, _ = _m()
    if model_name == "notification":
        return _notification_scrub([pk])
    if model_name == "counselling":
        return _scrub(m.Counselling, [pk])
    child = m.Child._base_manager.get(pk=pk)
    n = sum(sum(remover(pk).values()) for remover in _removers())
    for model, ids in _about_children([pk]).items():
        n += _scrub(model, list(ids))
    # A notification is anonymised once none of the children it names keeps personal data.
    through = m.Notification.children.through
    mine = set(through.objects.filter(child_id=pk).values_list("notification_id", flat=True))
    others = set(through.objects.filter(notification_id__in=mine).exclude(child_id=pk)
                 .exclude(child__name=ANONYMISED_NAME).values_list("notification_id", flat=True))
    n += _notification_scrub(list(mine - others))
    born = date(child.birth_date.year, 7, 1) if child.birth_date else None  # unknown stays unknown (#15)
    n += _scrub(m.Child, [pk], {"name": ANONYMISED_NAME, "birth_date": born})
    return n


def _purge(model, pks: list[str], counts: dict[str, int]) -> None:
    m, _ = _m()
    if not pks:
        return
    through = m.Notification.children.through
    touched = set(through.objects.filter(child_id__in=pks).values_list("notification_id", flat=True)) \
        if model is m.Child else set()
    for related, field in _dependants(model):
        ids = list(related._base_manager.filter(**{f"{field}__in": pks}).values_list("pk", flat=True))
        _purge(related, ids, counts)
    if model is m.Child:
        through.objects.filter(child_id__in=pks).delete()
        orphans = touched - set(through.objects.filter(notification_id__in=touched)
                                .values_list("notification_id", flat=True))
        _purge(m.Notification, list(orphans), counts)
    if model is m.Notification:
        m.Notification.children.through.objects.filter(notification_id__in=pks).delete()
    deleted, _ = model._base_manager.filter(pk__in=pks).delete()
    if hasattr(model, "history"):  # after the delete: the version history records a deletion as a version
        model.history.filter(id__in=pks).delete()
    counts[model.__name__] = counts.get(model.__name__, 0) + deleted


def delete(model_name: str, pk: str) -> dict[str, int]:
    from forebyg.cases.revisions import touch
    from forebyg.deadlines.records import forget

    m, _ = _m()
    model = {"notification": m.Notification, "counselling": m.Counselling, "child": m.Child}[model_name]
    counts: dict[str, int] = {}
    affected = _affected_children(model_name, pk)
    if model is m.Child:
        for remover in _removers():
            for name, n in remover(pk).items():
                counts[name] = counts.get(name, 0) + n
    _purge(model, [pk], counts)
    touch(affected)
    forget(affected)  # the deadline pages' stored copies of their records (forebyg.deadlines.records)
    return counts


# --- Runs ---------------------------------------------------------------------------------------

def retention_list(*, municipality_id: int, as_of: date, actor=None) -> RetentionRun:
    with scope(municipality=[municipality_id]):
        items = candidates(municipality_id=municipality_id, as_of=as_of)
        run = RetentionRun.objects.create(municipality_id=municipality_id, as_of=as_of, listed_at=clock.now(),
                                          items=items, listed_by=actor)
        log_change(actor=actor, action="security.retention.listed", obj=run, payload={"items": len(items)})
    return run


def confirm_above() -> int:
    return int(getattr(settings, "FOREBYG_RETENTION_CONFIRM_ABOVE", 100))


def needs_typed_confirmation(run: RetentionRun) -> bool:
    return len(run.items) > confirm_above()


def check_approval(*, run: RetentionRun, actor, confirmation: str | None) -> None:
    """Four eyes: a named administrator or manager of the list's municipality, not the one who made
    the list; above the threshold, the number of items typed in. Raises FourEyesError."""
    if actor is None or not actor.is_active or actor.municipality_id != run.municipality_id \
            or not actor.has_perm("security.retention"):
        raise FourEyesError(_("A list is approved by a named administrator or manager of the municipality."))
    if run.listed_by_id is not None and run.listed_by_id == actor.pk:
        raise FourEyesError(_("You made this list: another administrator or manager must approve it."))
    if needs_typed_confirmation(run) and (confirmation or "").strip() != str(len(run.items)):
        raise FourEyesError(_("This list has %(n)s items: type the number of items to confirm.")
                            % {"n": len(run.items)})


@transaction.atomic
def retention_apply(*, run: RetentionRun, actor, approved_via: str = "page",
                    confirmation: str | None = None) -> RetentionRun:
    """Apply an approved list: each item is checked again first (something may have happened to the
    child since the list was made), then anonymised or deleted, and logged."""
    with scope(municipality=[run.municipality_id]):  # one approval at a time (PostgreSQL: row lock)
        run = RetentionRun.objects.select_for_update().get(pk=run.pk)
    if run.approved_at is not None:
        raise ValueError("this list has been applied already")
    check_approval(run=run, actor=actor, confirmation=confirmation)
    with scope(municipality=[run.municipality_id]):
        log_change(actor=actor, action="security.retention.approved", obj=run,
                   payload={"items": len(run.items), "listed_by": run.listed_by_id, "via": approved_via,
                            "typed_confirmation": needs_typed_confirmation(run)})
        still = {(i["kind"], i["id"]) for i in candidates(municipality_id=run.municipality_id, as_of=run.as_of)}
        done, skipped = 0, 0
        for item in run.items:
            if (item["kind"], item["id"]) not in still:
                skipped += 1
                continue
            if item["retention"] == RetentionAction.DELETE:
                counts = delete(item["model"], item["id"])
                records = sum(counts.values())
            else:
                records = anonymise(item["model"], item["id"])
            log_change(actor=actor, action="security.retention.applied", obj=run,
                       child_id=item["id"] if item["model"] == "child" else None,
                       payload={"kind": item["kind"], "model": item["model"], "id": item["id"],
                                "retention": item["retention"], "records": records})
            done += 1
        run.approved_by = actor
        run.approved_at = clock.now()
        run.result = {"applied": done, "skipped": skipped, "approved_via": approved_via}
        run.save()
    return run


def retention_run(*, as_of: date, municipality: int | None = None, actor=None) -> list[RetentionRun]:
    """The daily job: list what is past retention in each municipality (or one). Nothing is applied
    here: someone other than the list's maker approves each list (retention_apply)."""
    with scopes_disabled():
        if municipality is not None:
            codes = [municipality]
        else:
            from forebyg.cases.models import Child

            codes = sorted(set(Child.objects.values_list("municipality_id", flat=True).distinct()))
        codes = [c for c in codes if Municipality.objects.filter(code=c).exists()]
    return [retention_list(municipality_id=c, as_of=as_of, actor=actor) for c in codes]


def _removers():
    """What other apps remove with a child's data (forebyg.core.extension.register_retention_hooks)."""
    return [h.remove_for_child for h in extension.RETENTION_HOOKS.values() if h.remove_for_child]
