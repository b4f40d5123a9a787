"""The packages import only downwards: corpus <- index <- qa <- ui, eval <- cli.

Read from the source with `ast`, so an import inside a function counts too.
"""

from __future__ import annotations

import ast
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


def project_imports(path: Path) -> set[tuple[str, int]]:
    """(top-level project package, line) for every import in a file, at any depth."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "import_module":
            arg = node.args[0] if node.args else None
            literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            names = [arg.value] if literal else []
        else:
            continue
        found |= {(n.split(".")[0], node.lineno) for n in names if n.split(".")[0] in ALLOWED}
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


def test_every_package_is_placed_in_a_layer():
    packages = {p.parent.name for p in REPO.glob("*/__init__.py")} - {"tests", "bench"}
    assert packages == set(ALLOWED)
