"""docs/architecture.md stays true: its layers are pyproject's import-linter layers and its app
table names every installed app. Run this file with Python to print the app table's numbers
again (``.venv/bin/python tests/architecture/test_architecture_doc.py``)."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"


def _block(name: str) -> str:
    text = DOC.read_text()
    return text[text.index(f"<!-- {name}:"):text.index(f"<!-- end {name} -->")]


def declared_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers")
    return list(contract["layers"])


def installed_apps() -> set[str]:
    return {p.parent.name for p in (ROOT / "carewatch").glob("*/apps.py")}


def app_numbers(app: str) -> tuple[int, int, int, int, bool]:
    """Modules, lines, models, ``do_`` actions, has tasks.py."""
    package = ROOT / "carewatch" / app
    modules = [p for p in package.rglob("*.py") if "migrations" not in p.parts and "tests" not in p.parts]
    lines = sum(len(p.read_text().splitlines()) for p in modules)
    models = 0
    if (package / "models.py").exists():
        tree = ast.parse((package / "models.py").read_text())
        models = sum(1 for n in tree.body if isinstance(n, ast.ClassDef)
                     and any(isinstance(b, ast.Attribute) and b.attr == "Model" for b in n.bases))
    actions = package / "actions.py"
    count = len(re.findall(r"^def do_", actions.read_text(), re.M)) if actions.exists() else 0
    return len(modules), lines, models, count, (package / "tasks.py").exists()


def test_the_architecture_page_draws_the_layers_that_make_lint_checks() -> None:
    drawn = [line.strip() for line in _block("layers").split("```")[1].strip().splitlines()]
    assert drawn == declared_layers()


def test_the_architecture_page_names_every_app_and_no_other() -> None:
    rows = re.findall(r"^\| (\w+) \|", _block("apps"), re.M)
    assert set(rows) - {"app"} == installed_apps()


def test_every_app_is_in_exactly_one_layer() -> None:
    placed = [name.strip().removeprefix("carewatch.") for layer in declared_layers() for name in layer.split("|")]
    assert len(placed) == len(set(placed))
    assert installed_apps() <= set(placed)


if __name__ == "__main__":
    for app in sorted(installed_apps()):
        print(app, *app_numbers(app))
