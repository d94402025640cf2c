# SPDX-License-Identifier: MPL-2.0
"""OIO-BPP privilege lists from Fælleskommunal Adgangsstyring: parsing and mapping to Forebyg's
roles, municipality and team scope; the second-factor rule by NSIS assurance level. No database."""

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forebyg.domain.access_rights import (
    CVR_SCOPE,
    KLE_CONSTRAINT,
    LOA_HIGH,
    LOA_SUBSTANTIAL,
    ORG_UNIT_CONSTRAINT,
    ROLE_PREFIX,
    USER_SYSTEM_ROLES,
    Grant,
    PrivilegeError,
    PrivilegeGroup,
    Refusal,
    encode_privileges,
    grant,
    needs_local_second_factor,
    parse_privileges,
)

HERNING = "29189854"
SERVED = {HERNING: 657}
RAADGIVER = ROLE_PREFIX + "raadgiver/1"

# As KOMBIT's Context Handler sends it: prefixed root, unqualified children, constraints.
KOMBIT_SAMPLE = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:{HERNING}">
    <Privilege>{RAADGIVER}</Privilege>
    <Privilege>http://andet-system.example/roles/usersystemrole/laeser/1</Privilege>
    <Constraint Name="{ORG_UNIT_CONSTRAINT}">team-0-6</Constraint>
    <Constraint Name="{KLE_CONSTRAINT}">27.24.*</Constraint>
  </PrivilegeGroup>
  <PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:12345678">
    <Privilege>http://andet-system.example/roles/usersystemrole/laeser/1</Privilege>
  </PrivilegeGroup>
</bpp:PrivilegeList>"""


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_a_context_handler_privilege_list_is_read_with_its_constraints():
    groups = parse_privileges(b64(KOMBIT_SAMPLE))
    assert [g.cvr for g in groups] == [HERNING, "12345678"]
    assert groups[0].privileges[0] == RAADGIVER
    assert groups[0].constraint_values(ORG_UNIT_CONSTRAINT) == ("team-0-6",)
    assert groups[0].constraint_values(KLE_CONSTRAINT) == ("27.24.*",)
    assert grant(groups, municipalities=SERVED) == Grant(657, "caseworker", ("team-0-6",), ("27.24.*",))


def test_the_oiosaml3_namespace_with_qualified_children_is_read_too():
    xml = (f'<PrivilegeList xmlns="http://digst.dk/oiosaml/basic_privilege_profile"><PrivilegeGroup '
           f'Scope="{CVR_SCOPE}{HERNING}"><Privilege>{RAADGIVER}</Privilege></PrivilegeGroup></PrivilegeList>')
    assert grant(parse_privileges(b64(xml)), municipalities=SERVED) == Grant(657, "caseworker")


@pytest.mark.parametrize("raw", [
    "not base64!",
    b64("<PrivilegeList>unclosed"),
    b64("<Other xmlns='http://digst.dk/oiosaml/basic_privilege_profile'/>"),
    b64("<PrivilegeList xmlns='urn:someone-else'/>"),
    # entities and DTDs are refused, not expanded (billion laughs, external entities)
    b64('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">]>'
        '<PrivilegeList xmlns="http://digst.dk/oiosaml/basic_privilege_profile">&a;</PrivilegeList>'),
    b64('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<PrivilegeList xmlns="http://digst.dk/oiosaml/basic_privilege_profile"><PrivilegeGroup Scope="&x;"/>'
        '</PrivilegeList>'),
    b64("<PrivilegeList xmlns='http://digst.dk/oiosaml/basic_privilege_profile'><PrivilegeGroup Scope='x'>"
        "<Constraint>no name</Constraint></PrivilegeGroup></PrivilegeList>"),
])
def test_anything_else_is_refused_as_not_a_privilege_list(raw):
    with pytest.raises(PrivilegeError):
        parse_privileges(raw)


def test_an_oversized_privilege_list_is_refused_unread():
    with pytest.raises(PrivilegeError, match="too large"):
        parse_privileges("A" * 400_000)


def group(cvr=HERNING, *roles, constraints=()):
    return PrivilegeGroup(CVR_SCOPE + cvr, tuple(ROLE_PREFIX + f"{r}/1" for r in roles), tuple(constraints))


def test_no_known_role_other_municipality_and_several_municipalities_are_refusals():
    assert grant([PrivilegeGroup(CVR_SCOPE + HERNING, ("http://x/roles/other/1",))], municipalities=SERVED) \
        == Refusal("no_role")
    assert grant([group("11111111", "raadgiver")], municipalities=SERVED) == \
        Refusal("other_municipality", {"cvr": ["11111111"]})
    two = {HERNING: 657, "22222222": 167}
    assert grant([group(HERNING, "raadgiver"), group("22222222", "leder")], municipalities=two).reason == \
        "several_municipalities"
    # a scope that is not a CVR number never names a served municipality
    assert grant([PrivilegeGroup("urn:dk:gov:saml:productionUnitIdentifier:" + HERNING, (RAADGIVER,))],
                 municipalities=SERVED).reason == "other_municipality"


def test_several_roles_give_the_first_in_precedence_and_its_own_constraints():
    groups = [group(HERNING, "raadgiver", constraints=[(ORG_UNIT_CONSTRAINT, "team-a")]),
              group(HERNING, "teamleder", constraints=[(ORG_UNIT_CONSTRAINT, "team-b")])]
    assert grant(groups, municipalities=SERVED) == Grant(657, "team_leader", ("team-b",))


def test_every_registered_user_system_role_maps_to_a_forebyg_role():
    assert set(USER_SYSTEM_ROLES.values()) == {"receiving_unit", "caseworker", "team_leader", "manager", "analyst",
                                              "network_secretariat", "administrator"}
    assert all(k.startswith("http://forebyg.dk/roles/usersystemrole/") and k.endswith("/1") for k in USER_SYSTEM_ROLES)


roles = st.sampled_from(sorted(USER_SYSTEM_ROLES) + ["http://x/roles/other/1"])
cvrs = st.sampled_from([HERNING, "22222222", "33333333"])
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)
groups_st = st.lists(st.builds(
    lambda cvr, privs, cons: PrivilegeGroup(CVR_SCOPE + cvr, tuple(privs), tuple(cons)),
    cvrs, st.lists(roles, max_size=3),
    st.lists(st.tuples(st.sampled_from([ORG_UNIT_CONSTRAINT, KLE_CONSTRAINT, "urn:x"]), texts), max_size=3)),
    max_size=4)


@given(groups_st)
def test_what_is_encoded_is_read_back_unchanged(groups):
    assert parse_privileges(encode_privileges(groups)) == [
        PrivilegeGroup(g.scope, tuple(p.strip() for p in g.privileges if p.strip()),
                       tuple((n, v.strip()) for n, v in g.constraints)) for g in groups]


@given(groups_st)
def test_a_grant_is_always_for_a_served_municipality_and_a_role_the_assertion_carries(groups):
    result = grant(groups, municipalities=SERVED)
    if isinstance(result, Grant):
        assert result.municipality == 657
        carried = {USER_SYSTEM_ROLES[p] for g in groups if g.cvr == HERNING for p in g.privileges
                   if p in USER_SYSTEM_ROLES}
        assert result.role in carried
    else:
        assert not any(g.cvr == HERNING and set(g.privileges) & set(USER_SYSTEM_ROLES) for g in groups)


@pytest.mark.parametrize(("loa", "amr", "needs"), [
    (LOA_SUBSTANTIAL, (), False), (LOA_HIGH, (), False), ("Substantial", (), False),
    ("https://data.gov.dk/concept/core/nsis/loa/Low", (), True), (None, (), True), ("", (), True),
    ("https://data.gov.dk/concept/core/nsis/loa/Low", ("pwd", "mfa"), False), ("urn:unknown", ("pwd",), True),
])
def test_second_factor_rule_by_assurance_level(loa, amr, needs):
    assert needs_local_second_factor(loa=loa, amr=amr) is needs
