# SPDX-License-Identifier: MPL-2.0
"""Changing the municipality's configuration. Every change is a new version and audit-logged."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from forebyg.cases.models import Offer
from forebyg.cases.services.records import actor_municipality, record_correct, record_create
from forebyg.core.models import District, Institution, Team
from forebyg.domain.staircase import KINDS_BY_CODE

if TYPE_CHECKING:
    from forebyg.accounts.models import User

# The organisation's records: each has a name unique in the municipality.
Organisation = Team | District | Institution | Offer
MODELS: dict[str, type[Organisation]] = {"team": Team, "district": District, "institution": Institution, "offer": Offer}


def _check_unique_name(model: type[Organisation], name: str, exclude: Organisation | None = None) -> None:
    qs = model.objects.all() if exclude is None else model.objects.exclude(pk=exclude.pk)
    # compared in Python: SQLite folds the case of ASCII letters only, not Æ, Ø, Å
    if any(other.casefold() == name.strip().casefold() for other in qs.values_list("name", flat=True)):
        raise ValidationError({"name": _("The name is already in use.")})


def _offer_fields(fields: dict) -> dict:
    kind = KINDS_BY_CODE.get(fields.get("measure_kind", ""))
    if kind is None:
        raise ValidationError({"measure_kind": _("Unknown measure kind.")})
    return {**fields, "law": kind.law}


def organisation_create(*, actor: "User", kind: str, **fields: Any) -> Organisation:
    model = MODELS[kind]
    if kind != "offer":
        _check_unique_name(model, fields["name"])
    else:
        fields = _offer_fields(fields)
    return record_create(actor=actor, model=model, log_action=f"core.{kind}.created",
                         municipality_id=actor_municipality(actor), **fields)


def organisation_update(*, actor: "User", obj: Organisation, **fields: Any) -> Organisation:
    kind = next(k for k, m in MODELS.items() if isinstance(obj, m))
    if kind != "offer":
        _check_unique_name(type(obj), fields["name"], exclude=obj)
    else:
        fields = _offer_fields(fields)
    return record_correct(actor=actor, obj=obj, reason="edited", log_action=f"core.{kind}.changed", **fields)
