# SPDX-License-Identifier: MPL-2.0
"""May this address be shown, or printed? The one place other code asks (pages, letters, the API).

- `may_see_protected(user, basis=...)`: the user may see protected addresses at all (the permission
  `people.view_protected_address`: caseworkers and team leaders) and, for a child already in
  Forebyg, reads the child's file on the basis `own` or `team` (forebyg.security.access): the child's
  own caseworker and team, not a break-the-glass read or a manager's overview.
- `address_for_page(address, protected=..., user=..., basis=...)`: the address text, or None.
- `address_for_letter(address, protected=..., person_cpr=..., recipient_cpr=...)`: the address text
  for a letter, or None: a protected person's address only in a letter to that same person.
"""

from __future__ import annotations

from forebyg.domain.people import address_in_letter, address_shown

CASE_BASES = frozenset({"own", "team"})


def may_see_protected(user, *, basis: str | None = None) -> bool:
    if not (user is not None and user.has_perm("people.view_protected_address")):
        return False
    return basis is None or basis in CASE_BASES


def address_for_page(address: str | None, *, protected: bool, user, basis: str | None = None) -> str | None:
    if not address:
        return None
    return address if address_shown(protected=protected,
                                    viewer_may_see_protected=may_see_protected(user, basis=basis)) else None


def address_for_letter(address: str | None, *, protected: bool, person_cpr: str | None,
                       recipient_cpr: str | None) -> str | None:
    if not address:
        return None
    return address if address_in_letter(protected=protected, person_cpr=person_cpr,
                                        recipient_cpr=recipient_cpr) else None
