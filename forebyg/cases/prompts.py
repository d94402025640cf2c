# SPDX-License-Identifier: MPL-2.0
"""What other apps do right after a record is written through the case pages (ADR 0005: a registry, so the
case core does not import them). A prompt runs inside the same transaction as the record, so what it
writes (a letter drafted by the letters app, issue #18) exists exactly when the record does, and it may
return the page to go to next.

Events: "notification_registered" (record: the Notification), "decision_recorded" (the Decision),
"measure_decided" (the Measure). NOTIFICATION_SECTIONS: functions (request, notification) -> HTML to
show on the notification's page. WORK_SECTIONS: functions (request) -> HTML at the top of "My work"
(e.g. letters that could not be sent: a task for the caseworker)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PROMPTS: dict[str, list[Callable[..., str | None]]] = {}
NOTIFICATION_SECTIONS: list[Callable[[Any, Any], str]] = []
WORK_SECTIONS: list[Callable[[Any], str]] = []


def register_prompt(event: str, function: Callable[..., str | None]) -> None:
    if function not in PROMPTS.setdefault(event, []):
        PROMPTS[event].append(function)


def prompt_after(event: str, *, actor, record) -> str | None:
    """Run the prompts of `event`; the first page one of them asks for (or None)."""
    next_url = None
    for function in PROMPTS.get(event, []):
        url = function(actor=actor, record=record)
        next_url = next_url or url
    return next_url
