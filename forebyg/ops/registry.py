# SPDX-License-Identifier: MPL-2.0
"""The declared scheduled jobs. A job is a name, a description, a suggested schedule (a systemd
OnCalendar expression, used in docs/operations.md and `forebyg jobs list`) and a function that does
the work and returns a one-line summary (no personal data: it is stored and shown to administrators).

An app declares its jobs in a module `<app>/jobs.py` (found in every installed app, like admin.py):

    from forebyg.ops.registry import job

    @job("letters-outbox", "Send the letters waiting in the outbox", schedule="*:0/5")
    def letters_outbox() -> str:
        ...
        return f"{n} letters sent"

`forebyg jobs run NAME` runs one (forebyg.ops.runner), never two at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Job:
    name: str
    description: StrOrPromise  # translated when shown (gettext_lazy)
    function: Callable[[], str]
    schedule: str = "daily"


_JOBS: dict[str, Job] = {}


def job(name: str, description: StrOrPromise, *, schedule: str = "daily") -> Callable[[Callable[[], str]], Callable[[], str]]:
    def register(function: Callable[[], str]) -> Callable[[], str]:
        existing = _JOBS.get(name)
        if existing is not None and existing.function.__qualname__ != function.__qualname__:
            raise ValueError(f"two jobs are called {name!r}")
        _JOBS[name] = Job(name, description, function, schedule)
        return function

    return register


def jobs() -> dict[str, Job]:
    """Every declared job, by name (imports each installed app's jobs module first)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("jobs")
    return dict(sorted(_JOBS.items()))
