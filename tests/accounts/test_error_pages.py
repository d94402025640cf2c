# SPDX-License-Identifier: MPL-2.0
"""403 and 404 are Danish pages with the site's header and a way back; the menu offers "Find barn"
only to the roles that may open it (issue #15)."""

import pytest

pytestmark = pytest.mark.django_db


def _nav(html: str) -> str:
    return html.split("<nav", 1)[1].split("</nav>", 1)[0]


@pytest.mark.parametrize("role", ["analyst", "administrator"])
def test_roles_without_case_data_get_a_danish_403_page_and_no_find_child_link(client, users, role):
    client.force_login(users[role])
    response = client.get("/boern/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Du har ikke adgang til denne side" in html
    assert 'class="top"' in html and "Tilbage til forsiden" in html
    assert "Find barn" not in _nav(html)


def test_danish_404_page_with_the_header(client, users):
    client.force_login(users["caseworker"])
    response = client.get("/boern/findes-ikke-123/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Siden blev ikke fundet" in html and "Tilbage til forsiden" in html
    assert "Find barn" in _nav(html)  # the caseworker may search


def test_500_page_is_danish_and_stands_alone():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Der opstod en fejl" in html and 'lang="da"' in html
