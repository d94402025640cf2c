# SPDX-License-Identifier: MPL-2.0
"""Access rights from Fælleskommunal Adgangsstyring: the OIO-BPP privilege attribute, read and mapped.

KOMBIT's Context Handler states a user's rights as *brugersystemroller* in the attribute
`dk:gov:saml:attribute:Privileges_intermediate` (OIOSAML 3: `https://data.gov.dk/model/core/eid/
privilegesIntermediate`): base64 of an XML document after the OIO Basic Privilege Profile
(OIO-BPP 1.2, Digitaliseringsstyrelsen, "OIOSAML Basic Privilege Profile", model 3)::

    <bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile">
      <PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:29189854">
        <Privilege>http://forebyg.dk/roles/usersystemrole/raadgiver/1</Privilege>
        <Constraint Name="http://sts.kombit.dk/constraints/orgenhed/1">uuid-of-an-organisation-unit</Constraint>
      </PrivilegeGroup>
    </bpp:PrivilegeList>

Each group is scoped to one organisation (its CVR number) and carries privileges (the entity ids
of the brugersystemroller) and constraints (dataafgrænsninger: organisation unit, KLE, ...) that
limit all privileges of the group. The older namespace `http://itst.dk/oiosaml/basic_privilege_profile`
is read too. Parsing is pure and safe: no DTDs, no entities, no network (defusedxml).

`grant` turns the privileges into one Forebyg role, one municipality and perhaps a team scope, or
a refusal with the reason; `needs_local_second_factor` is the second-factor rule shared by SAML and
OpenID Connect logins.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from defusedxml import ElementTree as SafeET

NAMESPACES = ("http://digst.dk/oiosaml/basic_privilege_profile", "http://itst.dk/oiosaml/basic_privilege_profile")
CVR_SCOPE = "urn:dk:gov:saml:cvrNumberIdentifier:"
ROLE_PREFIX = "http://forebyg.dk/roles/usersystemrole/"
# The dataafgrænsning that limits a role to organisation units (KOMBIT's "Organisation" constraint).
ORG_UNIT_CONSTRAINT = "http://sts.kombit.dk/constraints/orgenhed/1"
KLE_CONSTRAINT = "http://sts.kombit.dk/constraints/kle/1"
MAX_BYTES = 256 * 1024  # a privilege list is a few kilobytes; anything larger is refused unread

# The brugersystemroller a municipality registers for Forebyg in Fælleskommunal Adgangsstyring
# (docs/identity.md), and the Forebyg role each one gives.
USER_SYSTEM_ROLES: dict[str, str] = {
    ROLE_PREFIX + "modtagelse/1": "receiving_unit",
    ROLE_PREFIX + "raadgiver/1": "caseworker",
    ROLE_PREFIX + "teamleder/1": "team_leader",
    ROLE_PREFIX + "leder/1": "manager",
    ROLE_PREFIX + "analytiker/1": "analyst",
    ROLE_PREFIX + "netvaerkssekretariat/1": "network_secretariat",
    ROLE_PREFIX + "administrator/1": "administrator",
}
# A Forebyg user has one role. When the assertion carries several, the first of this list wins:
# the case roles from the widest down, then the roles that see no child's case.
ROLE_PRECEDENCE = ("manager", "team_leader", "caseworker", "receiving_unit", "network_secretariat", "analyst",
                   "administrator")

# NSIS assurance levels (https://data.gov.dk/concept/core/nsis/loa): Substantial and High are
# multi-factor logins at the identity provider.
LOA_SUBSTANTIAL = "https://data.gov.dk/concept/core/nsis/loa/Substantial"
LOA_HIGH = "https://data.gov.dk/concept/core/nsis/loa/High"
STRONG_LOA = frozenset({LOA_SUBSTANTIAL, LOA_HIGH, "Substantial", "High"})


class PrivilegeError(ValueError):
    """The privilege attribute is not an OIO-BPP privilege list."""


@dataclass(frozen=True)
class PrivilegeGroup:
    scope: str
    privileges: tuple[str, ...]
    constraints: tuple[tuple[str, str], ...] = ()

    @property
    def cvr(self) -> str | None:
        if self.scope.startswith(CVR_SCOPE):
            value = self.scope[len(CVR_SCOPE):].strip()
            return value if len(value) == 8 and value.isdigit() else None
        return None

    def constraint_values(self, name: str) -> tuple[str, ...]:
        return tuple(v for n, v in self.constraints if n == name)


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return "", tag


def parse_privileges(encoded: str | bytes) -> list[PrivilegeGroup]:
    """The privilege groups of a base64-encoded OIO-BPP privilege list. Raises PrivilegeError."""
    if isinstance(encoded, str):
        encoded = encoded.encode("ascii", "replace")
    if len(encoded) > MAX_BYTES * 4 // 3 + 4:
        raise PrivilegeError("the privilege list is too large")
    try:
        xml = base64.b64decode(b"".join(encoded.split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise PrivilegeError("the privilege attribute is not base64") from exc
    return parse_privilege_xml(xml)


def parse_privilege_xml(xml: bytes) -> list[PrivilegeGroup]:
    if len(xml) > MAX_BYTES:
        raise PrivilegeError("the privilege list is too large")
    try:
        root = SafeET.fromstring(xml, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except Exception as exc:  # defusedxml's refusals and every parse error alike
        raise PrivilegeError(f"the privilege list is not well-formed XML: {type(exc).__name__}") from exc
    ns, name = _local(root.tag)
    if name != "PrivilegeList" or ns not in NAMESPACES:
        raise PrivilegeError("the document is not an OIO-BPP PrivilegeList")
    groups = []
    for el in root:
        if _local(el.tag)[1] != "PrivilegeGroup":
            continue
        scope = (el.get("Scope") or "").strip()
        privileges, constraints = [], []
        for child in el:
            kind = _local(child.tag)[1]
            text = (child.text or "").strip()
            if kind == "Privilege" and text:
                privileges.append(text)
            elif kind == "Constraint":
                constraint = (child.get("Name") or "").strip()
                if not constraint:
                    raise PrivilegeError("a constraint has no name")
                constraints.append((constraint, text))
        groups.append(PrivilegeGroup(scope=scope, privileges=tuple(privileges), constraints=tuple(constraints)))
    return groups


def privilege_xml(groups: list[PrivilegeGroup], namespace: str = NAMESPACES[0]) -> bytes:
    """An OIO-BPP privilege list (the test identity provider issues these)."""
    from xml.etree import ElementTree as ET

    root = ET.Element(f"{{{namespace}}}PrivilegeList")
    for g in groups:
        el = ET.SubElement(root, "PrivilegeGroup", {"Scope": g.scope})
        for p in g.privileges:
            ET.SubElement(el, "Privilege").text = p
        for name, value in g.constraints:
            ET.SubElement(el, "Constraint", {"Name": name}).text = value
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml


def encode_privileges(groups: list[PrivilegeGroup]) -> str:
    return base64.b64encode(privilege_xml(groups)).decode("ascii")


# --- From privileges to a Forebyg role and municipality ------------------------------------------

@dataclass(frozen=True)
class Grant:
    municipality: int
    role: str
    org_units: tuple[str, ...] = ()  # organisation-unit constraints: the user's team, when one of them is a team
    kle: tuple[str, ...] = ()  # KLE constraints, kept for the audit log (Forebyg has no KLE scoping yet)


@dataclass(frozen=True)
class Refusal:
    reason: str  # no_role | other_municipality | several_municipalities | bad_privileges
    detail: dict[str, Any] = field(default_factory=dict)


def grant(groups: list[PrivilegeGroup], *, municipalities: Mapping[str, int],
          roles: Mapping[str, str] = USER_SYSTEM_ROLES) -> Grant | Refusal:
    """The Forebyg rights of a privilege list.

    `municipalities` maps the CVR numbers of the municipalities this installation serves to their
    municipality codes. Only privileges that are known Forebyg brugersystemroller count; groups for
    other organisations or other systems are ignored. A user with Forebyg roles in more than one
    served municipality is refused (a Forebyg user belongs to one municipality)."""
    known = [(g, roles[p]) for g in groups for p in g.privileges if p in roles]
    if not known:
        return Refusal("no_role")
    served = [(g, role) for g, role in known if g.cvr is not None and g.cvr in municipalities]
    if not served:
        cvrs = sorted({g.cvr or g.scope for g, _ in known})
        return Refusal("other_municipality", {"cvr": cvrs})
    codes = sorted({municipalities[g.cvr] for g, _ in served if g.cvr is not None})
    if len(codes) > 1:
        return Refusal("several_municipalities", {"municipalities": codes})
    chosen = min({role for _, role in served}, key=ROLE_PRECEDENCE.index)
    groups_of_role = [g for g, role in served if role == chosen]
    org_units = tuple(dict.fromkeys(v for g in groups_of_role for v in g.constraint_values(ORG_UNIT_CONSTRAINT) if v))
    kle = tuple(dict.fromkeys(v for g in groups_of_role for v in g.constraint_values(KLE_CONSTRAINT) if v))
    return Grant(municipality=codes[0], role=chosen, org_units=org_units, kle=kle)


def needs_local_second_factor(*, loa: str | None = None, amr: list[str] | tuple[str, ...] = (),
                              strong_acr: frozenset[str] | set[str] = STRONG_LOA) -> bool:
    """The one second-factor rule for every external login (SAML and OpenID Connect).

    A login the identity provider made at NSIS assurance level Substantial or High (the SAML
    attribute https://data.gov.dk/concept/core/nsis/loa, or the OIDC `acr`), or one whose `amr`
    says "mfa" (RFC 8176), was already multi-factor: Forebyg asks for no TOTP code. Anything lower
    (Low, none, unknown) still needs Forebyg's own TOTP code."""
    if "mfa" in amr:
        return False
    return not (loa and loa.strip() in strong_acr)
