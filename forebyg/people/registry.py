# SPDX-License-Identifier: MPL-2.0
"""The `PersonRegistry` interface and the choice of register by settings.

A register answers one question: who is the person with this CPR number (forebyg.domain.people.Person),
or None when the register knows no such person. Anything else that goes wrong (no answer in time, a
SOAP fault, a refused certificate, an answer that cannot be read) is a `RegistryError` with a message
fit for the page; the caller then saves nothing from the register.

Implementations: `forebyg.people.sf1520.Sf1520Registry` (Serviceplatformen's CPR replica) and
`forebyg.people.synthetic.SyntheticRegistry` (the demo and the tests). A Datafordeler CPR client
(the CPR services municipalities are moving to) is a third class with the same `lookup` method,
registered in `REGISTERS` below; see docs/people.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from forebyg.domain.people import Person


class RegistryError(Exception):
    """The register could not answer. `message` is shown to the user (translated); `detail` is for the
    operator's log and never holds the CPR number."""

    def __init__(self, message, detail: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.detail = detail


class PersonRegistry(Protocol):
    name: str  # "sf1520", "synthetic", ... (written to the lookup log)

    def lookup(self, cpr: str) -> Person | None:
        """The person with this CPR number (10 digits), None when the register has no such person.
        Raises RegistryError when the register cannot answer."""
        ...


NOT_CONFIGURED = _("No CPR register is set up in this installation. Enter the details by hand.")


def _sf1520() -> PersonRegistry:
    from .sf1520 import Sf1520Registry

    return Sf1520Registry.from_settings()


def _synthetic() -> PersonRegistry:
    from .synthetic import SyntheticRegistry

    return SyntheticRegistry(settings.FOREBYG_PEOPLE_SYNTHETIC_FILE)


REGISTERS: dict[str, Callable[[], PersonRegistry]] = {"sf1520": _sf1520, "synthetic": _synthetic}


def configured() -> bool:
    return settings.FOREBYG_PEOPLE_REGISTER in REGISTERS


def get_registry() -> PersonRegistry:
    """The register chosen by FOREBYG_PEOPLE_REGISTER; RegistryError when none is set up."""
    factory = REGISTERS.get(settings.FOREBYG_PEOPLE_REGISTER or "")
    if factory is None:
        raise RegistryError(NOT_CONFIGURED, detail=f"FOREBYG_PEOPLE_REGISTER={settings.FOREBYG_PEOPLE_REGISTER!r}")
    return factory()
