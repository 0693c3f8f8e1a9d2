"""The folders show the layers: every module of studysite sits in one layer, and imports only run down.

Layers, lowest first. A module may import its own layer and the layers below it, never one above; the hooks
and scripts sit above them all. The test reads the imports from the source (ast), so it needs no build.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from support import REPO

PACKAGE = REPO / "hooks" / "studysite"
LAYERS = ("core", "model", "rules", "render", "search", "office", "importer", "build")
LINE_LIMIT = 500


def imported_layers(path: Path, package: Path = PACKAGE) -> set[str]:
    """The studysite layers a module imports, absolute or relative."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = path.relative_to(package).parts[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(here[: len(here) - node.level + 1]) if node.level <= len(here) + 1 else []
                module = ".".join(["studysite", *base, *([node.module] if node.module else [])])
                names = [module] + ([f"{module}.{alias.name}" for alias in node.names] if not node.module else [])
            elif node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "studysite" and len(parts) > 1 and parts[1] in LAYERS:
                found.add(parts[1])
    return found


def layer_problems(package: Path = PACKAGE) -> list[str]:
    problems = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).parts
        if len(parts) == 1:
            if path.name != "__init__.py":
                problems.append(f"{path.name}: not in a layer")
            continue
        layer = parts[0]
        if layer not in LAYERS:
            problems.append(f"{'/'.join(parts)}: unknown layer {layer}")
            continue
        for used in sorted(imported_layers(path, package)):
            if LAYERS.index(used) > LAYERS.index(layer):
                problems.append(f"{'/'.join(parts)}: {layer} imports {used}, a higher layer")
    return problems


def test_every_module_sits_in_a_layer_and_imports_only_downwards():
    assert layer_problems() == []


def test_the_rule_sees_an_upward_import(tmp_path):
    # The rule must be able to fail: a core module that imports the model, absolutely and relatively.
    for layer in ("core", "model"):
        (tmp_path / layer).mkdir()
        (tmp_path / layer / "__init__.py").write_text("")
    (tmp_path / "model" / "site.py").write_text("X = 1\n")
    (tmp_path / "core" / "a.py").write_text("from studysite.model.site import X\n")
    (tmp_path / "core" / "b.py").write_text("from ..model import site\n")
    (tmp_path / "core" / "c.py").write_text("from . import d\n")
    (tmp_path / "flat.py").write_text("")
    assert layer_problems(tmp_path) == [
        "core/a.py: core imports model, a higher layer",
        "core/b.py: core imports model, a higher layer",
        "flat.py: not in a layer",
    ]


# Where the line limit holds, and for which files: our Python, and our scripts and stylesheets (the site ships
# no vendored ones: Material's come from its package, not from docs/ or overrides/).
SOURCES = {
    "hooks": ("*.py",),
    "scripts": ("*.py",),
    "tests": ("*.py",),
    "docs/assets": ("*.js", "*.css"),
    "overrides/assets": ("*.js", "*.css"),
}


def long_files(root: Path, folder: str) -> dict[str, int]:
    """The files of folder (under root) over the limit, with their line counts."""
    return {
        path.relative_to(root).as_posix(): lines
        for pattern in SOURCES[folder]
        for path in sorted((root / folder).rglob(pattern))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > LINE_LIMIT
    }


@pytest.mark.parametrize("folder", SOURCES)
def test_no_module_over_the_line_limit(folder):
    assert long_files(REPO, folder) == {}


def test_the_line_limit_sees_a_long_script_or_stylesheet(tmp_path):
    # The rule must be able to fail: a script and a stylesheet a line over, one at the limit, other files ignored.
    assets = tmp_path / "docs/assets"
    (assets / "search").mkdir(parents=True)
    (assets / "search/long.js").write_text("x;\n" * (LINE_LIMIT + 1))
    (assets / "long.css").write_text("a{}\n" * (LINE_LIMIT + 1))
    (assets / "full.js").write_text("x;\n" * LINE_LIMIT)
    (assets / "notes.txt").write_text("x\n" * (LINE_LIMIT + 1))
    assert long_files(tmp_path, "docs/assets") == {
        "docs/assets/search/long.js": LINE_LIMIT + 1,
        "docs/assets/long.css": LINE_LIMIT + 1,
    }
