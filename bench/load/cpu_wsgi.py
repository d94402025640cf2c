# SPDX-License-Identifier: MPL-2.0
"""The served application with each request's CPU written down (bench/load/run.py --per-request-cpu).

Wraps config.wsgi's application: for every request, the worker's CPU (`time.process_time`, user and
system) from the moment gunicorn hands the request over until the response is written and closed,
the CPU the worker spent since its previous request ended (gunicorn's accepting, parsing and
writing, anything between requests), the garbage collector's CPU within the request, and the
number of queries. One tab-separated line per request in FOREBYG_LOAD_CPU_LOG/<pid>.tsv (path,
status, CPU ms, CPU ms since the previous request, gc ms, queries, wall ms). Not part of the
application: the load test serves it only when asked to, to find where a request's CPU goes."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

from django.db import connection

from config.wsgi import application as _application

_DIR = Path(os.environ["FOREBYG_LOAD_CPU_LOG"])
_DIR.mkdir(parents=True, exist_ok=True)
_state = {"file": None, "pid": None, "last_end": None, "gc": 0.0, "gc_start": 0.0}


def _gc_clock(phase: str, info: dict) -> None:
    if phase == "start":
        _state["gc_start"] = time.process_time()
    else:
        _state["gc"] += time.process_time() - _state["gc_start"]


gc.callbacks.append(_gc_clock)


class _Queries:
    """Counts the queries of one request (an execute wrapper: no debug cursor, no SQL kept)."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        return execute(sql, params, many, context)


def _log() -> object:
    if _state["pid"] != os.getpid():  # after gunicorn forked this worker
        _state["pid"] = os.getpid()
        _state["file"] = open(_DIR / f"{os.getpid()}.tsv", "a", encoding="utf-8", buffering=1)  # noqa: SIM115
        _state["last_end"] = None
    return _state["file"]


def application(environ, start_response):
    log = _log()
    t0, w0 = time.process_time(), time.perf_counter()
    between = (t0 - _state["last_end"]) * 1000 if _state["last_end"] is not None else -1.0
    _state["gc"] = 0.0
    counter = _Queries()
    status = ["?"]

    def start(st, headers, exc_info=None):
        status[0] = st.split(" ", 1)[0]
        return start_response(st, headers, exc_info)

    with connection.execute_wrapper(counter):
        body = _application(environ, start)
        try:
            chunks = list(body)
        finally:
            close = getattr(body, "close", None)
            if close:
                close()
    t1 = time.process_time()
    _state["last_end"] = t1
    log.write(f"{environ.get('PATH_INFO', '')}\t{status[0]}\t{(t1 - t0) * 1000:.2f}\t{between:.2f}\t"
              f"{_state['gc'] * 1000:.2f}\t{counter.n}\t{(time.perf_counter() - w0) * 1000:.1f}\n")
    return chunks
