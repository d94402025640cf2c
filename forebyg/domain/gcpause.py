# SPDX-License-Identifier: MPL-2.0
"""`gc_paused()`: pause Python's cyclic garbage collector while a computation builds many objects.

The deadline engine and the import allocate hundreds of thousands to millions of small dicts and
tuples that form no reference cycles (reference counting frees them). Each allocation burst makes
CPython's collector re-scan every object already alive: a third of the deadline benchmark's time,
and two fifths of parsing the national import file. The collector's previous state is restored,
also on errors; see docs/adr/0004.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
