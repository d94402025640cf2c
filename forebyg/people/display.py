# SPDX-License-Identifier: MPL-2.0
"""A person from the register, and a child's stored addresses, as a page shows them: every address
through forebyg.people.policy, so a protected one never reaches a page for someone who may not see it
(the template gets None and a note, not the address)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from forebyg.domain.cpr import mask
from forebyg.domain.people import Person, Relative

from .policy import address_for_page

RELATIONS = {"mother": _("Mother"), "father": _("Father"), "custody_holder": _("Custody holder"),
             "sibling": _("Sibling")}


def _municipality(code: int | None) -> str:
    if code is None:
        return ""
    from forebyg.core.models import Municipality

    found = Municipality.objects.filter(code=code).first()
    return found.name if found else str(code)


def _relative(r: Relative, user) -> dict:
    text = r.address.one_line() if r.address else ""
    return {"name": r.name or "", "cpr_masked": mask(r.cpr), "relation": RELATIONS.get(r.relation, r.relation),
            "protected": r.protected, "address": address_for_page(text, protected=r.protected, user=user),
            "hidden": bool(text) and r.protected and address_for_page(text, protected=True, user=user) is None}


def person_view(person: Person, *, user) -> dict:
    """What the caseworker reads before confirming a registration."""
    text = person.address.one_line() if person.address else ""
    shown = address_for_page(text, protected=person.protected, user=user)
    moved = person.moved_out
    return {
        "name": person.name, "birth_date": person.birth_date, "cpr_masked": mask(person.cpr),
        "protected": person.protected, "address": shown, "address_hidden": bool(text) and shown is None,
        "died_on": person.died_on,
        "moved_out": {"on": moved.moved_on, "abroad": moved.abroad,
                      "to": _municipality(moved.municipality_code)} if moved else None,
        "custody_holders": [_relative(r, user) for r in person.custody_holders],
        "parents": [_relative(r, user) for r in person.parents],
        "siblings": [_relative(r, user) for r in person.siblings],
    }


def child_addresses(child, *, user, basis: str | None) -> dict:
    """The child's address and the custody holders' addresses as stored, filtered for this reader."""
    holders = []
    where = {a.get("name"): a for a in child.holder_addresses or []}
    for h in child.custody_holders or []:
        found = where.get(h.get("name"), {})
        text, protected = found.get("address") or "", bool(found.get("protected"))
        shown = address_for_page(text, protected=protected, user=user, basis=basis)
        holders.append({"name": h.get("name", ""), "relation": h.get("relation", ""), "address": shown,
                        "protected": protected, "hidden": bool(text) and shown is None})
    shown = address_for_page(child.address, protected=child.address_protected, user=user, basis=basis)
    return {"address": shown, "address_hidden": bool(child.address) and shown is None,
            "address_protected": child.address_protected, "holders": holders}
