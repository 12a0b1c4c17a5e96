"""The import layering docs/architecture.md declares holds: a package never imports one above it.

The layers are read from the ```layers block of docs/architecture.md, so the document and this test
cannot drift apart: moving a package, or adding one, means changing the document.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "nianbao"
DOC = ROOT / "docs" / "architecture.md"


def declared_layers() -> dict[str, int]:
    """Package → layer number (0 at the bottom), from the document's ```layers block (top layer first)."""
    text = DOC.read_text(encoding="utf-8")
    block = text.split("```layers\n", 1)[1].split("```", 1)[0]
    rows = [line.split() for line in block.splitlines() if line.strip()]
    return {
        package: len(rows) - 1 - depth for depth, (_, *packages) in enumerate(rows) for package in packages
    }


def package_of(path: Path) -> str:
    """`readers` for src/nianbao/readers/pdf.py, `cli` for src/nianbao/cli.py."""
    relative = path.relative_to(SOURCE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def imported_packages(path: Path) -> set[str]:
    """The nianbao packages a module imports, absolute or relative, at any place in the module."""
    module = list(path.relative_to(SOURCE).with_suffix("").parts)
    here = ["nianbao", *module[:-1]]  # the package a relative import starts from
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name.split(".") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = (node.module or "").split(".") if node.module else []
            if node.level:
                base = here[: len(here) - (node.level - 1)] + base
            # `from . import api` or `from .. import rules` names packages as the imported names.
            names = [[*base, alias.name] for alias in node.names] if len(base) == 1 else [base]
        else:
            continue
        found |= {parts[1] for parts in names if parts[0] == "nianbao" and len(parts) > 1}
    return found


def test_every_package_is_placed_in_a_layer() -> None:
    layers = declared_layers()
    packages = {package_of(p) for p in SOURCE.rglob("*.py")}
    assert packages - layers.keys() == set(), "add these to the ```layers block of docs/architecture.md"


def test_no_package_imports_one_above_it() -> None:
    layers = declared_layers()
    upward = sorted(
        f"{path.relative_to(SOURCE)} imports {target}"
        for path in SOURCE.rglob("*.py")
        for target in imported_packages(path)
        if target in layers and layers[target] > layers[package_of(path)]
    )
    assert upward == []


def test_the_checker_sees_relative_and_absolute_imports() -> None:
    # The check above can only fail if imports are found: a module known to import rules and model.
    found = imported_packages(SOURCE / "render" / "__init__.py")
    assert {"rules", "model", "render"} <= found
    assert "extract" in imported_packages(SOURCE / "api.py")
