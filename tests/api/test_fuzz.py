# SPDX-License-Identifier: MPL-2.0
"""Schemathesis against the OpenAPI document: for every operation, generated requests (valid and
invalid) never give a server error, and every response matches the document (status code,
content type, headers, body schema).

It is part of the normal test suite (so CI runs it on SQLite and on PostgreSQL): in-process
against the Django WSGI application, with a team leader's token, a modest number of examples per
operation. Besides random ids, every operation with a path parameter is also fuzzed with the id of
a real record, so the code behind a found record is reached, not only the 404."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis import checks as st_checks

from forebyg.api.api import api

EXAMPLES = 15
PREFIX = "/api/v1"
CHECKS = [st_checks.not_a_server_error, st_checks.status_code_conformance, st_checks.content_type_conformance,
          st_checks.response_headers_conformance, st_checks.response_schema_conformance]
OPERATIONS = sorted((method.upper(), path) for path, item in api.get_openapi_schema(path_prefix=PREFIX)["paths"].items()
                    for method in item)


def test_every_operation_is_fuzzed():
    assert len(OPERATIONS) >= 30


@pytest.fixture
def api_schema(db):
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix=PREFIX))
    loaded.app = get_wsgi_application()
    # As Django's test client does: a request must not close the test's database connection
    # (it would end the test transaction on PostgreSQL).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield loaded
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _real_ids(world) -> dict[str, str]:
    return {"child_id": world.child.pk, "notification_id": world.notification.pk, "case_id": world.case.pk,
            "investigation_id": world.investigation.pk, "measure_id": world.measure.pk, "plan_id": world.plan.pk,
            "goal_id": world.plan.goals.order_by("id").first().pk, "followup_id": world.followup.pk}


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_operation_conforms_to_the_document(method, path, api_schema, world, users, token_for):
    operation = api_schema[path][method]
    headers = {"Authorization": f"Bearer {token_for(users['team_leader'])}"}
    names = [p.name for p in operation.path_parameters]
    real = {k: v for k, v in _real_ids(world).items() if k in names}
    strategies = [operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)]
    if names and len(real) == len(names):
        strategies.append(operation.as_strategy(GenerationMode.POSITIVE, path_parameters=real))

    @given(case=st.one_of(strategies))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def fuzz(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    fuzz()
