# SPDX-License-Identifier: MPL-2.0
"""Apps extend each other through the typed registries of forebyg.core.extension, never by
reassigning or appending to another module's globals from AppConfig.ready() (issue #14)."""

import ast
from pathlib import Path

import pytest

from forebyg.core import extension as x

ROOT = Path(__file__).resolve().parents[1]
MUTATORS = {"append", "extend", "setdefault", "update", "add", "insert"}


def _ready_bodies():
    for path in sorted((ROOT / "forebyg").glob("*/apps.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and node.name == "ready":
                yield path.relative_to(ROOT), node


def test_no_ready_patches_another_modules_globals():
    found = []
    for path, ready in _ready_bodies():
        for node in ast.walk(ready):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, ast.AugAssign) else []
            found += [f"{path}:{t.lineno} assigns" for t in targets if isinstance(t, ast.Attribute | ast.Subscript)]
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in MUTATORS):
                found.append(f"{path}:{node.lineno} calls .{node.func.attr}()")
    assert found == [], "register through forebyg.core.extension instead"


def test_registries_refuse_a_second_claim_on_a_name():
    action = x.CHILD_ACTIONS["journal"]
    x.register_child_action(action)  # the same declaration again: no-op (ready() may run twice)
    with pytest.raises(x.RegistryError):
        x.register_child_action(x.ChildAction("journal", "Other", action.form, action.run))
    with pytest.raises(x.RegistryError):
        x.register_audit_actions("cases", {"network.event.created": "not the cases app's"})
    with pytest.raises(x.RegistryError):
        x.register_record_type(x.RecordType("not_a_format_type", object))


def test_every_app_registers_its_audit_action_types_under_its_own_label():
    owners = {name.split(".")[0] for name in x.AUDIT_ACTIONS}
    assert {"cases", "audit", "accounts", "security", "progression", "keyfigures", "network"} <= owners
    assert "cases.measure.decided" in x.AUDIT_ACTIONS


def test_the_menu_keeps_its_order_with_other_apps_entries_at_their_place():
    names = [i.url_name for i in x.nav_for("caseworker")]
    assert names == ["my_work", "my_deadlines", "inbox", "progression_team", "api_tokens"]


def test_every_catalogue_indicator_is_computed_by_a_registered_aggregation():
    from forebyg.domain.keyfigures.aggregations import AGGREGATIONS, BINDINGS
    from forebyg.domain.keyfigures.catalogue import ACTIVE_IDS

    assert set(ACTIVE_IDS) <= set(BINDINGS)
    assert {b.agg.name for b in BINDINGS.values()} <= set(AGGREGATIONS)
