"""Which way imports run (docs/architecture.md), checked on the source rather than trusted.

The import-linter contracts live in pyproject.toml ([tool.importlinter]); each runs on its
own so that one broken contract does not hide the state of the others.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
PACKAGES = ["campaign", "events", "stories", "toolkit"]
# The one allowed reason for an import inside a function, on the import's line or in the
# comment lines right above it.
CYCLE_MARKER = re.compile(r"#\s*import cycle with app loading:\s*\S")


def contract_ids() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return [contract["id"] for contract in config["tool"]["importlinter"]["contracts"]]


@pytest.mark.parametrize("contract", contract_ids())
def test_import_contract_is_kept(contract):
    result = subprocess.run(
        [str(LINT_IMPORTS), "--contract", contract, "--no-cache", "--no-logo", "pyproject.toml"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def is_marked(lines: list[str], lineno: int) -> bool:
    """Whether the import on ``lineno`` (1-based) carries the marker, on its own line or in
    the comment lines right above it or above the run of imports it belongs to."""
    if CYCLE_MARKER.search(lines[lineno - 1]):
        return True
    index = lineno - 2
    while index >= 0 and lines[index].strip().startswith(("#", "import ", "from ")):
        if CYCLE_MARKER.search(lines[index]):
            return True
        index -= 1
    return False


def imports_inside_functions(path: Path, root: Path = ROOT) -> list[str]:
    """Each import statement in a function body that lacks the app-loading marker."""
    source = path.read_text()
    lines = source.splitlines()
    found = []
    for function in ast.walk(ast.parse(source, filename=str(path))):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import | ast.ImportFrom) and not is_marked(lines, node.lineno):
                found.append(f"{path.relative_to(root)}:{node.lineno}: {ast.unparse(node)}")
    return sorted(set(found))


@pytest.mark.parametrize("package", PACKAGES)
def test_no_imports_inside_functions(package):
    modules = [path for path in sorted((ROOT / package).rglob("*.py")) if "migrations" not in path.parts]
    assert modules
    found = [line for path in modules for line in imports_inside_functions(path)]
    assert not found, (
        "Imports inside functions (mark a real app-loading cycle with "
        "'# import cycle with app loading: <reason>'):\n" + "\n".join(found)
    )


def test_the_function_import_check_finds_unmarked_imports(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "import os\n\n"
        "def plain():\n    import json\n\n"
        "class Thing:\n    def method(self):\n        from os import path\n\n"
        "def marked():\n    from django.apps import apps  # import cycle with app loading: models not ready\n\n"
        "def no_reason():\n    import re  # import cycle with app loading:\n\n"
        "def marked_above():\n    # import cycle with app loading: the signals import the\n"
        "    # models, not importable before the registry is ready.\n    from . import signals\n\n"
        "def comment_then_code():\n    # import cycle with app loading: stale\n    x = 1\n    import csv\n\n"
        "def marked_run():\n    # import cycle with app loading: both need the registry\n"
        "    from . import a\n    from . import b\n"
    )
    assert imports_inside_functions(module, tmp_path) == [
        "module.py:14: import re",
        "module.py:24: import csv",
        "module.py:4: import json",
        "module.py:8: from os import path",
    ]
