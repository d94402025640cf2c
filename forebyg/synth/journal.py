# SPDX-License-Identifier: MPL-2.0
"""Journal notes in the synthetic data (issue #15): a few phone calls, e-mails, meetings and home
visits written down during each case. They come from their own random stream, so adding them changed
no other generated record."""

from __future__ import annotations

from random import Random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .casework import Process

KINDS = (("phone", 0.4), ("email", 0.25), ("meeting", 0.15), ("home_visit", 0.15), ("other", 0.05))
TEXTS = {
    "phone": ("Telefonsamtale med mor. Hun fortæller, at morgenerne er blevet lettere.",
              "Skolen ringede: fraværet er faldet den seneste måned.",
              "Far ringede og spurgte til næste møde. Aftalt at sende en indkaldelse."),
    "email": ("Mail fra klasselæreren om trivslen i klassen. Sendt videre til familiebehandleren.",
              "Mail til forældrene med referat af netværksmødet."),
    "meeting": ("Møde med sundhedsplejersken. Aftalt at følge op om fire uger.",
                "Møde på skolen med lærer og forældre om barnets hverdag."),
    "home_visit": ("Hjemmebesøg. Barnet viste sit værelse og fortalte om fodbold.",
                   "Anmeldt hjemmebesøg. Hjemmet fremstod roligt; mor var træt men imødekommende."),
    "other": ("Sagen drøftet på teammødet. Ingen ændringer i planen.",),
}
P_NOTES = 0.7  # the share of cases with journal notes


def add_journal_notes(proc: Process, until: int) -> None:
    """Append 1-4 journal notes between the case's opening and `until` (its close or the data's end)."""
    sim, child = proc.sim, proc.child
    rng = Random(f"forebyg-synth/journal/{sim.code}/{proc.case_id}/{child.name}/{child.birth}")
    rnd = rng.random
    if until <= proc.opened or rnd() >= P_NOTES:
        return
    clock = sim.clock
    first, last = clock.day(proc.opened) + 1, clock.day(until)
    for _ in range(1 + int(rnd() * 4)):
        day = clock.working_on_or_after(first + int(rnd() * max(1, last - first)))
        written = clock.at(day, 480 + int(rnd() * 450))
        if not proc.opened < written <= until:
            continue
        x, kind = rnd(), "other"
        for name, p in KINDS:
            if x < p:
                kind = name
                break
            x -= p
        options = TEXTS[kind]
        author = next((cw for since, cw, _team in reversed(child.cw) if since <= written), proc.cw)
        rec = proc.base("journal_note")
        rec.update(child=child.id, case=proc.case_id, written_at=sim.ts(written), author=author, kind=kind,
                   text=options[int(rnd() * len(options))])
        proc.add("journal_note", rec, written)
