# SPDX-License-Identifier: MPL-2.0
"""A new demo shows key figures at once: population denominators, computed figures and a filled
network hub (a new user should not meet "nothing to count" on the first visit)."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_fresh_demo_has_population_figures_and_a_hub(users, settings):
    from django_scopes import scopes_disabled

    from forebyg.cases.services.demo import DEMO_MUNICIPALITY
    from forebyg.demo import demo_build
    from forebyg.keyfigures import models as km

    logins = demo_build(children=300, hub_children=30)
    assert logins
    with scopes_disabled():
        assert km.Population.objects.filter(municipality_id=DEMO_MUNICIPALITY, district="").count() >= 8
        results = km.Result.objects.filter(municipality_id=DEMO_MUNICIPALITY)
        assert sorted(results.values_list("granularity", flat=True)) == ["month", "quarter", "year"]
        per_1000 = km.Value.objects.filter(result__municipality_id=DEMO_MUNICIPALITY, result__granularity="year",
                                           indicator="notifications.per_1000", unit_kind="municipality")
        assert per_1000.exclude(value=None).exists()
        assert km.Submission.objects.count() >= 10  # the partnership network's other members
