# SPDX-License-Identifier: MPL-2.0
"""Every page shows the user's municipality (base.html); it is read with the user, not by a query of
its own on each request (issue #20)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role,path", [("caseworker", "/mit-arbejde/"), ("team_leader", "/frister/team/"),
                                       ("administrator", "/sikkerhed/politik/")])
def test_a_page_shows_the_municipality_without_reading_it_apart(client, users, municipality, role, path):
    client.force_login(users[role])
    with CaptureQueriesContext(connection) as reads:
        page = client.get(path).content.decode()
    assert f" · {municipality.name}" in page.split('class="who"', 1)[1].split("</div>", 1)[0]
    assert [q["sql"] for q in reads.captured_queries if q["sql"].startswith('SELECT "core_municipality"')] == []
