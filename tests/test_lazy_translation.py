# SPDX-License-Identifier: MPL-2.0
"""Labels made at import time must be lazy (issue #15): `gettext("Save")` run when a module is
imported translates once, in the language active then (none: the msgid, or Danish), and the text
stays in that language for every later request. Two notification buttons stayed Danish in English.

The scan refuses a call of a non-lazy translation function (`gettext`, `ngettext`, `pgettext`,
`npgettext`, also imported under another name such as `_`) that runs at import time: in a module's
or a class's body, outside any function or lambda. Use `gettext_lazy` there."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "forebyg"
EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}
MODULE = "django.utils.translation"


def _eager_names(tree: ast.Module) -> tuple[set[str], set[str]]:
    """Names bound to an eager translation function, and names bound to the translation module."""
    names, modules = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == MODULE:
            names |= {a.asname or a.name for a in node.names if a.name in EAGER}
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == MODULE}
        elif isinstance(node, ast.ImportFrom) and node.module == "django.utils":
            modules |= {a.asname or a.name for a in node.names if a.name == "translation"}
    return names, modules


def _is_eager(call: ast.Call, names: set[str], modules: set[str]) -> bool:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id in names
    if isinstance(func, ast.Attribute) and func.attr in EAGER:
        base = func.value
        dotted = []
        while isinstance(base, ast.Attribute):
            dotted.append(base.attr)
            base = base.value
        if isinstance(base, ast.Name):
            dotted.append(base.id)
            return ".".join(reversed(dotted)) in modules
    return False


def _import_time_calls(node: ast.AST):
    """Calls executed when the module is imported: not inside a function or lambda body
    (decorators and default values do run at import time)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for expr in [*child.decorator_list, *child.args.defaults, *child.args.kw_defaults]:
                if expr is not None:
                    yield from (n for n in ast.walk(expr) if isinstance(n, ast.Call))
            continue
        if isinstance(child, ast.Lambda):
            continue
        if isinstance(child, ast.Call):
            yield child
        yield from _import_time_calls(child)


def eager_calls(source: str) -> list[int]:
    tree = ast.parse(source)
    names, modules = _eager_names(tree)
    return sorted(c.lineno for c in _import_time_calls(tree) if _is_eager(c, names, modules))


def test_the_scan_finds_what_it_should():
    assert eager_calls("from django.utils.translation import gettext as _\nX = {'a': _('Save')}\n") == [2]
    assert eager_calls("from django.utils.translation import gettext\nclass F:\n    label = gettext('Save')\n") == [3]
    assert eager_calls("from django.utils import translation\nX = translation.gettext('Save')\n") == [2]
    assert eager_calls("from django.utils.translation import gettext as _\n"
                       "def f():\n    return _('Save')\nG = lambda: _('x')\n") == []
    assert eager_calls("from django.utils.translation import gettext_lazy as _\nX = _('Save')\n") == []


def test_no_module_level_label_is_translated_at_import_time():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "/migrations/" in f"/{rel}":
            continue
        found += [f"{rel}:{line}" for line in eager_calls(path.read_text(encoding="utf-8"))]
    assert found == [], "use gettext_lazy for labels made at import time: " + ", ".join(found)


def test_the_notification_buttons_follow_the_language():
    from django.utils import translation

    from forebyg.cases.views.inbox import NOTIFICATION_ACTIONS

    with translation.override("da"):
        danish = [str(a.title) for a in NOTIFICATION_ACTIONS.values()]
    with translation.override("en"):
        english = [str(a.title) for a in NOTIFICATION_ACTIONS.values()]
    assert english[:2] == ["Acute assessment", "Acknowledgement of receipt"]
    assert danish[0] != english[0]
