# SPDX-License-Identifier: MPL-2.0
"""Every registered extension has its docs, schema, audit type and API (docs/extending.md), the way
Datasette's test_docs.py checks its plugin hooks (issue #14)."""

import json
import re
from pathlib import Path

from django.urls import reverse
from django.utils import translation

from forebyg.core import extension as x

ROOT = Path(__file__).resolve().parents[1]
EXTENDING = (ROOT / "docs" / "extending.md").read_text()


def test_every_registry_has_its_section_in_docs_extending():
    registries = set(re.findall(r"^``(register_[a-z_]+)\(", x.__doc__ or "", re.M))
    registries |= set(re.findall(r"``(register_[a-z_]+)\(", x.__doc__ or ""))
    documented = set(re.findall(r"^### `(register_[a-z_]+)`", EXTENDING, re.M))
    assert len(registries) >= 9
    assert registries - documented == set(), "give these a section in docs/extending.md"


def test_every_record_type_has_docs_schema_audit_type_and_api():
    interchange = (ROOT / "docs" / "interchange.md").read_text()
    schema = json.loads((ROOT / "docs" / "interchange.schema.json").read_text())["$defs"]
    from forebyg.api.api import api

    paths = set(api.get_openapi_schema()["paths"])
    without_api = re.search(r"## Record types without an API\n(.*?)\n## ", EXTENDING, re.S).group(1)
    problems = []
    for name, rt in x.RECORD_TYPES.items():
        if f"### `{name}`" not in interchange:
            problems.append(f"{name}: no section in docs/interchange.md")
        if name not in schema:
            problems.append(f"{name}: not in docs/interchange.schema.json")
        if not rt.audit or any(a not in x.AUDIT_ACTIONS for a in rt.audit):
            problems.append(f"{name}: audit action types {rt.audit} not registered")
        if rt.api is None and f"`{name}`" not in without_api:
            problems.append(f"{name}: no API path and not listed under 'Record types without an API'")
        if rt.api is not None and rt.api not in paths:
            problems.append(f"{name}: {rt.api} is not in the OpenAPI document")
        if rt.api is not None and f"`{name}`" in without_api:
            problems.append(f"{name}: has an API but is listed as without one")
    assert problems == []


def test_every_audit_action_menu_entry_and_child_action_reads_in_danish():
    labels = {**{f"audit {k}": v for k, v in x.AUDIT_ACTIONS.items()},
              **{f"menu {i.url_name}": i.label for i in x.NAV_ITEMS},
              **{f"action {k}": a.title for k, a in x.CHILD_ACTIONS.items()}}
    from django.utils.translation import trans_real

    with translation.override("en"):
        english = {k: str(v) for k, v in labels.items()}
    catalog = trans_real.translation("da")._catalog  # a msgid may read the same in Danish ("Team")
    untranslated = [k for k, v in english.items() if v not in catalog]
    assert untranslated == [], "add Danish translations to the owning app's .po"


def test_every_menu_entry_and_child_action_has_a_page():
    for item in x.NAV_ITEMS:
        reverse(item.url_name)
    for key, action in x.CHILD_ACTIONS.items():
        if action.on_record:
            reverse("child_object_action", args=("657-child-0000001", key, "1"))
        else:
            reverse("child_action", args=("657-child-0000001", key))


def test_every_indicator_is_documented():
    from forebyg.domain.keyfigures.aggregations import BINDINGS

    docs = (ROOT / "docs" / "keyfigures.md").read_text()
    assert [i for i in BINDINGS if f"`{i}`" not in docs] == []
