# SPDX-License-Identifier: MPL-2.0
"""Looking a person up in the CPR register: one function, and every call is logged with its purpose.

The lookup log row is written whatever the outcome (found, not found, the register failed). When the
number belongs to a child already registered in Forebyg and a user looked it up, the read is also
written to the child's access log (forebyg.audit), where supervision and data-subject requests see it.
Call this outside the transaction that saves the result, so the log stays even when the save is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from forebyg.audit.context import client_ip, current_ip
from forebyg.audit.services import log_access, scrub
from forebyg.core import clock
from forebyg.domain import cpr as cprlib
from forebyg.domain.people import Person
from forebyg.security.crypto import cpr_hash

from .models import RegisterLookup
from .registry import PersonRegistry, RegistryError, get_registry

if TYPE_CHECKING:
    from django.http import HttpRequest

    from forebyg.accounts.models import User
    from forebyg.cases.models import Child

VIEW = "people.lookup"


def person_lookup(*, actor: User | None, cpr: str, purpose: str, child: Child | None = None, basis: str = "", request: HttpRequest | None = None,
                  registry: PersonRegistry | None = None) -> Person | None:
    """The person with this CPR number in the configured register (or `registry`), None if the register
    knows no such person. Bad number: ValidationError (field `cpr`); register failure: RegistryError."""
    try:
        number = cprlib.normalise(cpr)
    except cprlib.CprError as exc:
        raise ValidationError({"cpr": _("The CPR number is not valid: %(reason)s") % {"reason": _(str(exc))}}) \
            from exc
    number_hash = cpr_hash(number)
    assert number_hash is not None, "a normalised CPR number has ten digits"
    outcome, detail = RegisterLookup.ERROR, ""
    name = getattr(registry, "name", "")
    try:
        registry = registry or get_registry()
        name = registry.name
        person = registry.lookup(number)
        outcome = RegisterLookup.FOUND if person is not None else RegisterLookup.NOT_FOUND
        return person
    except RegistryError as exc:
        detail = exc.detail
        raise
    finally:
        RegisterLookup.objects.create(
            at=clock.now(), user=actor, municipality_id=getattr(actor, "municipality_id", None), register=name,
            purpose=scrub(purpose)[:200], cpr_hash=number_hash, child_id=getattr(child, "pk", None),
            outcome=outcome, detail=scrub(detail)[:300], ip=client_ip(request) if request is not None else current_ip())
        if child is not None and actor is not None:
            log_access(user=actor, child=child, view=VIEW, request=request, reason=purpose, basis=basis)
