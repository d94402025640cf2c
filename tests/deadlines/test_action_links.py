# SPDX-License-Identifier: MPL-2.0
"""The deadline rows' links are made from each URL pattern resolved once (issue #20): they must be
exactly what Django's `reverse` makes, for any argument and behind any script prefix."""

import pytest
from django.urls import clear_script_prefix, set_script_prefix
from django.urls import reverse as django_reverse

from forebyg.deadlines.actions import reverse

CASES = [("child", ["657-c-0000034"]), ("notification", ["657-n-0004114"]),
         ("child_action", ["657-c-0000034", "plan"]), ("notification_action", ["n_1.2", "ack"]),
         ("child_object_action", ["657-c-1", "measure_end", "657-m-9"]),
         ("child", ["æ ø å?#%"]), ("child_action", ["a b", "plan"])]  # not plain: through Django's reverse


@pytest.mark.parametrize("prefix", ["/", "/forebyg/", "/kommune 657/"])
def test_the_links_are_djangos_behind_any_script_prefix(prefix):
    set_script_prefix(prefix)
    try:
        for name, args in CASES:
            assert reverse(name, args) == django_reverse(name, args=args), (prefix, name, args)
    finally:
        clear_script_prefix()
