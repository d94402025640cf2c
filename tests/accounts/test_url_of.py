# SPDX-License-Identifier: MPL-2.0
"""The menu's and base.html's links are worked out once per URL configuration and script prefix
(forebyg.accounts.context.url_of, issue #20); a changed configuration or prefix gives the new links."""

import pytest
from django.test import override_settings
from django.urls import reverse, set_script_prefix

from forebyg.accounts.context import url_of

pytestmark = pytest.mark.django_db


def test_url_of_is_reverse():
    for name in ("home", "logout", "set_language", "password_change", "child_search", "my_work"):
        assert url_of(name) == reverse(name)
        assert url_of(name) == reverse(name)  # the second time from the memo


def test_a_changed_url_configuration_gives_the_new_link():
    before = url_of("home")
    with override_settings(ROOT_URLCONF="tests.accounts.urls_moved"):  # Django clears its URL caches
        assert url_of("home") == "/anderswo/"
    assert url_of("home") == before


def test_the_script_prefix_is_part_of_the_link():
    plain = url_of("home")
    set_script_prefix("/forebyg/")
    try:
        assert url_of("home") == "/forebyg" + plain
    finally:
        set_script_prefix("/")
    assert url_of("home") == plain


def test_the_page_links_are_the_same(client, users):
    client.force_login(users["caseworker"])
    page = client.get("/mit-arbejde/").content.decode()
    header = page.split('<header class="top">', 1)[1].split("</header>", 1)[0]
    for name in ("home", "my_work", "my_deadlines", "inbox", "child_search", "password_change", "logout",
                 "set_language"):
        assert f'"{reverse(name)}"' in header, name
