"""The packages import only downwards: corpus <- index <- qa <- ui, eval <- cli.

Read from the source with `ast`, so an import inside a function counts too.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# What each package may import from the project, itself included.
ALLOWED = {
    "corpus": {"corpus"},
    "index": {"corpus", "index"},
    "qa": {"corpus", "index", "qa"},
    "ui": {"corpus", "index", "qa", "ui"},
    "eval": {"corpus", "index", "qa", "eval"},
    "cli": {"corpus", "index", "qa", "ui", "eval", "cli"},
}


PROJECT = {*ALLOWED, "bench", "tests"}
# A string that is a dotted module path of ours, e.g. an `import_module` table entry.
MODULE_PATH = re.compile(rf"^({'|'.join(sorted(PROJECT))})(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def project_imports(path: Path) -> set[tuple[str, int]]:
    """(top-level project package, line) for every import in a file, at any depth:
    import statements, `import_module(...)`, `__import__(...)`, and dotted module paths
    written as strings (lookup tables for lazy imports)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [node.value] if MODULE_PATH.match(node.value) else []
        else:
            continue
        found |= {(n.split(".")[0], node.lineno) for n in names if n.split(".")[0] in PROJECT}
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_nothing_above_it(package):
    wrong = [
        f"{path.relative_to(REPO)}:{line} imports {target}"
        for path in sorted((REPO / package).rglob("*.py"))
        for target, line in sorted(project_imports(path))
        if target not in ALLOWED[package]
    ]
    assert wrong == []


def test_the_layer_check_sees_an_import_inside_a_function(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from cli.app import app\n    import ui.render\n")
    assert project_imports(sample) == {("cli", 2), ("ui", 3)}


def test_the_layer_check_sees_imports_by_name(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import importlib\n"
        "importlib.import_module('cli.app')\n"
        "__import__('eval')\n"
        "LAZY = {'App': 'ui.app'}\n"
        "TEXT = 'see the qa.assistant module'\n"
        "from bench.load import stop_server\n"
    )
    assert project_imports(sample) == {("cli", 2), ("eval", 3), ("ui", 4), ("bench", 6)}


def test_every_package_is_placed_in_a_layer():
    packages = {p.parent.name for p in REPO.glob("*/__init__.py")} - {"tests", "bench"}
    assert packages == set(ALLOWED)
