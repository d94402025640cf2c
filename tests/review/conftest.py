# SPDX-License-Identifier: MPL-2.0
"""The hand-built known set of 16 cases (forebyg.domain.review.examples), imported into the database."""

from datetime import datetime

import pytest

from forebyg.domain.interchange import dump_lines
from forebyg.domain.review.builder import at
from forebyg.domain.review.examples import AS_OF, known_set


def known_lines():
    return list(dump_lines(list(known_set()), exported_at="2024-06-01T12:00:00+02:00", municipalities=[657]))


@pytest.fixture
def known_db(municipality):
    from forebyg.cases.services.interchange import interchange_import

    interchange_import(lines=known_lines())
    return municipality


@pytest.fixture
def as_of():
    return datetime.fromisoformat(at(AS_OF))
