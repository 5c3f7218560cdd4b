"""The layering and no-network rules, executed rather than remembered."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "desktop" / "socially_aware"

# Qt modules that can talk to a network; import-linter only sees top-level external packages,
# so these are checked here by reading every module's imports.
FORBIDDEN_QT = ("QtNetwork", "QtWebEngineCore", "QtWebEngineWidgets", "QtWebSockets", "QtWebChannel")


def test_import_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], capture_output=True, text=True, cwd=PACKAGE.parents[1])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


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
