# SPDX-License-Identifier: MPL-2.0
"""Each role's menu leads to the security pages it may use, and to none it may not."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role,present,absent", [
    ("team_leader", ["/tilsyn/", "/sikkerhed/adgang/gennemgang/"], ["/konto/brugere/", "/sikkerhed/politik/"]),
    ("manager", ["/tilsyn/", "/sikkerhed/adgang/gennemgang/", "/sikkerhed/sletning/"], ["/konto/brugere/"]),
    ("administrator", ["/konto/brugere/", "/sikkerhed/politik/", "/sikkerhed/sletning/"], ["/tilsyn/"]),
    ("caseworker", [], ["/tilsyn/", "/konto/brugere/", "/sikkerhed/"]),
])
def test_menu_by_role(client, users, role, present, absent):
    client.force_login(users[role])
    page = client.get("/sikkerhed/politik/" if role == "administrator" else "/frister/team/"
                      if role in ("team_leader", "manager") else "/mit-arbejde/").content.decode()
    nav = page.split("<nav", 1)[1].split("</nav>", 1)[0]
    for href in present:
        assert f'href="{href}"' in nav, href
    for href in absent:
        assert f'href="{href}' not in nav, href
    for href in present:
        assert client.get(href).status_code == 200, href
