# SPDX-License-Identifier: MPL-2.0
"""What other apps do right after a record is written through the case pages, and the sections they
add to the notification page and "My work" — read from the registries in forebyg.core.extension
(``register_record_prompt``, ``register_page_section``), so the case core does not import them.
A prompt runs inside the same transaction as the record, so what it writes (a letter drafted by the
letters app, issue #18) exists exactly when the record does, and it may return the page to go to next."""

from __future__ import annotations

from forebyg.core import extension


def prompt_after(event: str, *, actor, record) -> str | None:
    """Run the prompts of `event`; the first page one of them asks for (or None)."""
    next_url = None
    for prompt in extension.record_prompts(event):
        url = prompt.run(actor=actor, record=record)
        next_url = next_url or url
    return next_url


def sections(page: str, *args) -> list[str]:
    """The HTML other apps add to `page` ("notification": args (request, notification); "my_work": (request,))."""
    return [section.render(*args) for section in extension.page_sections(page)]
