"""The layering and no-network rules, executed rather than remembered."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "desktop" / "socially_aware"

# Qt modules that can talk to a network; import-linter only sees top-level external packages,
# so these are checked here by reading every module's imports.
FORBIDDEN_QT = ("QtNetwork", "QtWebEngineCore", "QtWebEngineWidgets", "QtWebSockets", "QtWebChannel")


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    lint = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(root / "desktop")}
    return subprocess.run([str(lint), "--no-cache"], capture_output=True, text=True, cwd=root, env=env)


def test_import_contracts_hold() -> None:
    result = _lint_imports(PACKAGE.parents[1])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "upward_import"),
    [
        ("app.py", "from socially_aware import cli"),  # the cycle app.py's __main__ block made
        ("progress/__init__.py", "from socially_aware import photocontent"),  # siblings kept apart
        ("atomic_files.py", "from socially_aware.scrubber import registry"),  # a helper reaching up
    ],
)
def test_the_layers_contract_sees_an_upward_import(tmp_path: Path, module: str, upward_import: str) -> None:
    """The same contracts over a copy of the package with one import that goes up a layer: broken."""
    shutil.copy(PACKAGE.parents[1] / "pyproject.toml", tmp_path / "pyproject.toml")
    copy = tmp_path / "desktop" / "socially_aware"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{upward_import}  # noqa\n", encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0 and "Layers" in result.stdout and "BROKEN" in result.stdout, result.stdout


def _imported_names(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_networking_qt_module_is_imported() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in PACKAGE.rglob("*.py")
        for name in _imported_names(path)
        if name.startswith("PySide6") and any(part in FORBIDDEN_QT for part in name.split("."))
    ]
    assert offenders == []


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("from PySide6.QtNetwork import QTcpSocket\nimport PySide6.QtWebEngineCore\n")
    names = _imported_names(sample)
    assert "PySide6.QtNetwork" in names and "PySide6.QtWebEngineCore" in names


def test_lint_is_clean() -> None:
    ruff = Path(sys.executable).with_name("ruff")
    root = PACKAGE.parents[1]
    result = subprocess.run(
        [str(ruff), "check", "desktop", "tests", "scripts", "benchmarks"], capture_output=True, text=True, cwd=root
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted() -> None:
    ruff = Path(sys.executable).with_name("ruff")
    root = PACKAGE.parents[1]
    folders = [f for f in ("desktop", "tests", "benchmarks", "scripts", "packaging") if (root / f).is_dir()]
    result = subprocess.run([str(ruff), "format", "--check", *folders], capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_types_check() -> None:
    """mypy over the whole package ([tool.mypy] in pyproject.toml): no errors, and a `type: ignore` only
    where it is still needed (warn_unused_ignores), each with its reason beside it."""
    mypy = Path(sys.executable).with_name("mypy")
    root = PACKAGE.parents[1]
    result = subprocess.run([str(mypy)], capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_type_ignore_says_why() -> None:
    bare = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "# type: ignore" in line and "#" not in line.split("# type: ignore", 1)[1]
    ]
    assert bare == [], "a type: ignore without a reason after it (`# type: ignore[code]  # why`)"
