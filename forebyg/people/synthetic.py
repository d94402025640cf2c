# SPDX-License-Identifier: MPL-2.0
"""The synthetic register: a JSON file made from the demo's families (forebyg.synth.people), read
as a `PersonRegistry`. For the demo and the tests only; it holds recognisably fake CPR numbers."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from forebyg.domain.people import Address, MoveOut, Person, Relative

from .registry import RegistryError

MISSING = _("The demo's CPR register has not been made yet (it is made with the demo data). "
            "Enter the details by hand.")


def _address(data: dict | None) -> Address | None:
    if not data:
        return None
    return Address(street=data["street"], postcode=data["postcode"], city=data["city"],
                   municipality_code=data.get("municipality_code"), co_name=data.get("co_name"))


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


class SyntheticRegistry:
    name = "synthetic"

    def __init__(self, path) -> None:
        self.path = Path(path)
        self._persons: dict[str, dict] | None = None
        self._mtime: float | None = None

    def _load(self) -> dict[str, dict]:
        try:
            mtime = self.path.stat().st_mtime
        except FileNotFoundError as exc:
            raise RegistryError(MISSING, detail=f"{self.path} missing") from exc
        if self._persons is None or mtime != self._mtime:
            with self.path.open(encoding="utf-8") as fh:
                self._persons = json.load(fh)["persons"]
            self._mtime = mtime
        return self._persons

    def _relative(self, number: str, relation: str) -> Relative:
        found = self._load().get(number)
        if found is None:
            return Relative(cpr=number, relation=relation)
        return Relative(cpr=number, relation=relation, name=found["name"], address=_address(found.get("address")),
                        protected=bool(found.get("protected")))

    def lookup(self, cpr: str) -> Person | None:
        persons = self._load()
        p = persons.get(cpr.replace("-", ""))
        if p is None:
            return None
        kind = {n: persons.get(n, {}).get("kind", "custody_holder") for n in
                [*p.get("parents", []), *p.get("custody_holders", [])]}
        moved = p.get("moved_out")
        return Person(
            cpr=p["cpr"], name=p["name"], birth_date=date.fromisoformat(p["birth_date"]),
            address=_address(p.get("address")), protected=bool(p.get("protected")), died_on=_date(p.get("died_on")),
            moved_out=MoveOut(moved_on=date.fromisoformat(moved["moved_on"]),
                              municipality_code=moved.get("municipality_code")) if moved else None,
            custody_holders=tuple(self._relative(n, kind[n]) for n in p.get("custody_holders", [])),
            parents=tuple(self._relative(n, kind[n]) for n in p.get("parents", [])),
            siblings=tuple(self._relative(n, "sibling") for n in p.get("siblings", [])))


def write_register(path, register: dict) -> Path:
    """Write the register file whole (a temporary file renamed into place): a reader never sees half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(register, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return path
