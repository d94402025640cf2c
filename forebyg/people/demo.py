# SPDX-License-Identifier: MPL-2.0
"""The demo's synthetic CPR register: made from the demo's children when the demo is built, or from the
children in the database when the file is missing (forebyg.cases.services.demo; docs/people.md)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from forebyg.core import clock
from forebyg.synth.people import synthetic_register

from .synthetic import write_register


def register_write(children: Iterable[dict], *, municipality: int, seed: int) -> int:
    register = synthetic_register(children, municipality=municipality, seed=seed,
                                  as_of=clock.today())
    write_register(settings.FOREBYG_PEOPLE_SYNTHETIC_FILE, register)
    return len(register["persons"])
