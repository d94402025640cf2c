# SPDX-License-Identifier: MPL-2.0
"""`forebyg cpr lookup CPR [--format json]`: look a person up in the configured CPR register, for operators
checking the connection (docs/cli.md). The lookup is logged with the purpose "operator lookup". A protected
address (navne- og adressebeskyttelse) is not printed: an operator is not among those who may see it."""

from __future__ import annotations

import argparse
import json
import sys

PURPOSE = "operator lookup"
HIDDEN = "(protected address: not shown)"


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("cpr", help="look a person up in the configured CPR register")
    act = p.add_subparsers(dest="cpr_action", required=True)
    lk = act.add_parser("lookup", help="name, address, custody holders, parents, siblings, protection, death, moves")
    lk.add_argument("cpr", help="the CPR number, DDMMYY-XXXX")
    lk.add_argument("--format", choices=["text", "json"], default="text")
    return p


def _address(address, protected: bool) -> str | None:
    if address is None:
        return None
    return HIDDEN if protected else address.one_line()


def _relative(r) -> dict:
    from forebyg.domain.cpr import mask

    return {"name": r.name, "relation": r.relation, "cpr": mask(r.cpr), "protected": r.protected,
            "address": _address(r.address, r.protected)}


def as_dict(person) -> dict:
    from forebyg.domain.cpr import mask

    moved = person.moved_out
    return {"name": person.name, "cpr": mask(person.cpr), "birth_date": person.birth_date.isoformat(),
            "protected": person.protected, "address": _address(person.address, person.protected),
            "died_on": person.died_on.isoformat() if person.died_on else None,
            "moved_out": {"moved_on": moved.moved_on.isoformat() if moved.moved_on else None,
                          "municipality_code": moved.municipality_code, "abroad": moved.abroad} if moved else None,
            "custody_holders": [_relative(r) for r in person.custody_holders],
            "parents": [_relative(r) for r in person.parents],
            "siblings": [_relative(r) for r in person.siblings]}


def _text(d: dict) -> str:
    lines = [f"{d['name']} ({d['cpr']}), born {d['birth_date']}",
             f"  address: {d['address'] or '-'}" + ("  [name and address protection]" if d["protected"] else "")]
    if d["died_on"]:
        lines.append(f"  died: {d['died_on']}")
    if d["moved_out"]:
        m = d["moved_out"]
        where = "abroad" if m["abroad"] else f"municipality {m['municipality_code']}"
        lines.append(f"  moved out: {m['moved_on'] or '?'} to {where}")
    for title, key in (("custody holders", "custody_holders"), ("parents", "parents"), ("siblings", "siblings")):
        lines.append(f"  {title}:" + ("" if d[key] else " -"))
        for r in d[key]:
            lines.append(f"    {r['name'] or r['cpr']} ({r['relation']})" + (f", {r['address']}" if r["address"] else ""))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from django.core.exceptions import ValidationError
    from django.utils import translation
    from django_scopes import scopes_disabled

    from forebyg.cases.models import Child
    from forebyg.security.crypto import cpr_hash

    from .registry import RegistryError
    from .services import person_lookup

    with translation.override("en"), scopes_disabled():
        child = Child.objects.filter(cpr_hash=cpr_hash(args.cpr)).first() if args.cpr.replace("-", "").isdigit() \
            else None
        try:
            person = person_lookup(actor=None, cpr=args.cpr, purpose=PURPOSE, child=child)
        except ValidationError as exc:
            print(" ".join(exc.messages), file=sys.stderr)
            return 2
        except RegistryError as exc:
            print(f"The register did not answer: {exc.message} ({exc.detail})", file=sys.stderr)
            return 1
    if person is None:
        print("The register has no person with this CPR number.", file=sys.stderr)
        return 1
    d = as_dict(person)
    print(json.dumps(d, ensure_ascii=False, indent=2) if args.format == "json" else _text(d))
    return 0
