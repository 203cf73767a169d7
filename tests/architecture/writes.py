"""Where the code writes model rows: a static scan (ORM create/update/delete/save calls)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import carewatch

PACKAGE = Path(carewatch.__file__).parent
QUERYSET_METHODS = {"filter", "exclude", "all", "select_for_update", "order_by", "using", "select_related"}
ALWAYS_WRITES = {"create", "get_or_create", "update_or_create", "bulk_create", "bulk_update"}


def _chain_has_objects(node: ast.AST) -> bool:
    while isinstance(node, ast.Call | ast.Attribute):
        if isinstance(node, ast.Attribute) and node.attr in ("objects", "_default_manager"):
            return True
        node = node.func if isinstance(node, ast.Call) else node.value
    return False


def is_write(call: ast.Call) -> bool:
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr in ALWAYS_WRITES or func.attr in ("update", "delete"):
        return _chain_has_objects(func.value) or (
            isinstance(func.value, ast.Call) and isinstance(func.value.func, ast.Attribute)
            and func.value.func.attr in QUERYSET_METHODS and func.attr in ("update", "delete"))
    if func.attr in ("save", "delete") and not call.args:
        return True  # instance.save(...) / instance.delete()
    if func.attr == "save":
        return any(k.arg == "update_fields" for k in call.keywords)
    return False


def write_sites() -> Counter[str]:
    """Module name -> number of ORM write calls, for every module except actions, migrations and tests."""
    sites: Counter[str] = Counter()
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if "tests" in parts or "migrations" in parts or parts[-1] == "actions":
            continue
        tree = ast.parse(path.read_text(), str(path))
        count = sum(1 for node in ast.walk(tree) if isinstance(node, ast.Call) and is_write(node))
        if count:
            sites[".".join(parts)] = count
    return sites
