# SPDX-License-Identifier: MPL-2.0
"""Fixtures for the operations tests (issue #17)."""

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def english(settings):
    """Assertions use the English source strings (the pages are Danish by default)."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def login():
    def make(user):
        c = Client()
        c.force_login(user)
        return c

    return make
