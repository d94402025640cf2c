# SPDX-License-Identifier: MPL-2.0
"""The server process's garbage collector (issue #20): set once when the WSGI application loads.

Python's cyclic garbage collector runs a young-generation collection every 700 net allocations of
container objects; a page that builds a few thousand model instances, template nodes and tuples
triggers dozens of them, and each older-generation collection walks every object the process
holds — Django's modules, the URL patterns, compiled templates, and the deadline caches with
their hundreds of thousands of tuples (forebyg.deadlines.records, .reuse). Measured in one
process on the load test's mix (bench/load/request_cost.py), that was 5-8 % of the CPU.

So, once the application is loaded: its URL configuration (and with it every view module) is
imported, the objects that live as long as the process are moved out of the collector's sight
(`gc.freeze()`), and the young generation's threshold is raised (FOREBYG_GC_THRESHOLD, default
50000,20,10: a young collection every 50,000 net allocations instead of 700, the oldest generation
still after every 10 middle ones as in Python's default, so that the reference cycles of the
requests in flight at a middle collection do not pile up for long). Memory is still freed by
reference counting as before; only reference cycles wait a little longer for their collection.
Used by config/wsgi.py only: tests and commands keep Python's defaults."""

from __future__ import annotations

import gc


def tune_garbage_collector() -> tuple[int, ...] | None:
    """Freeze what is loaded and apply settings.FOREBYG_GC_THRESHOLD; returns the thresholds set (or
    None when the setting is empty: Python's defaults are kept)."""
    from django.conf import settings
    from django.urls import get_resolver

    threshold = tuple(getattr(settings, "FOREBYG_GC_THRESHOLD", ()) or ())
    if not threshold:
        return None
    get_resolver().url_patterns  # noqa: B018 - imports the URL configuration and every view now
    gc.collect()
    gc.freeze()
    gc.set_threshold(*threshold)
    return threshold
