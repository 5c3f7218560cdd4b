"""The launcher installs once, then starts offline: pip and apt run only when something is missing.

`scripts/bootstrap.sh` runs in a copy of the project with stand-ins on PATH for dpkg-query,
apt-get and sudo, and a stand-in `.venv/bin/python` that records each pip call and fails it when
told to (as pip does with the network cut). Nothing here touches the network or the real venv.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FAKE_PYTHON = """#!/usr/bin/env bash
# Stands in for .venv/bin/python: records pip calls; answers the "all present" check from a file.
if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then
  echo "pip $*" >>"$LOG"
  [ -e "$PIP_FAILS" ] && exit 1
  exit 0
fi
if [ "$1" = "-" ]; then
  cat >/dev/null
  [ -e "$MISSING_DIST" ] && exit 1
  exit 0
fi
echo "unexpected python call: $*" >>"$LOG"
exit 3
"""
FAKE_DPKG_QUERY = """#!/usr/bin/env bash
# Every package is installed except those named in $MISSING_DEBS.
shift 2
for pkg in "$@"; do
  grep -qx -- "$pkg" "$MISSING_DEBS" 2>/dev/null || echo "installed $pkg"
done
"""
FAKE_APT = """#!/usr/bin/env bash
echo "apt-get $*" >>"$LOG"
"""
PASS_THROUGH_SUDO = """#!/usr/bin/env bash
"$@"
"""


class Project:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.log = root / "calls.log"
        self.bin = root / "fake-bin"
        (root / "scripts").mkdir(parents=True)
        shutil.copy(ROOT / "scripts" / "bootstrap.sh", root / "scripts" / "bootstrap.sh")
        shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
        venv_bin = root / ".venv" / "bin"
        venv_bin.mkdir(parents=True)
        self.bin.mkdir()
        for path, text in (
            (venv_bin / "python", FAKE_PYTHON),
            (self.bin / "dpkg-query", FAKE_DPKG_QUERY),
            (self.bin / "apt-get", FAKE_APT),
            (self.bin / "sudo", PASS_THROUGH_SUDO),
        ):
            path.write_text(text)
            path.chmod(0o755)

    def flag(self, name: str, on: bool = True, text: str = "") -> Path:
        path = self.root / name
        if on:
            path.write_text(text)
        else:
            path.unlink(missing_ok=True)
        return path

    def bootstrap(self) -> tuple[subprocess.CompletedProcess[str], list[str]]:
        self.log.write_text("")
        env = {
            **os.environ,
            "PATH": f"{self.bin}{os.pathsep}{os.environ['PATH']}",
            "LOG": str(self.log),
            "PIP_FAILS": str(self.root / "pip-fails"),
            "MISSING_DIST": str(self.root / "missing-dist"),
            "MISSING_DEBS": str(self.root / "missing-debs"),
        }
        result = subprocess.run(
            ["bash", "scripts/bootstrap.sh"], cwd=self.root, env=env, capture_output=True, text=True, timeout=60
        )
        return result, self.log.read_text().splitlines()


@pytest.fixture
def project(tmp_path: Path) -> Project:
    if shutil.which("sha256sum") is None:
        pytest.fail("sha256sum (coreutils) is needed by scripts/bootstrap.sh")
    return Project(tmp_path / "project")


def _pip_calls(calls: list[str]) -> list[str]:
    return [c for c in calls if c.startswith("pip ")]


def test_first_run_installs_then_later_runs_need_no_pip(project: Project) -> None:
    result, calls = project.bootstrap()
    assert result.returncode == 0, result.stderr
    assert any("install -q -e .[test]" in c for c in _pip_calls(calls))
    assert (project.root / ".venv" / ".socially-aware-installed").read_text().strip()

    project.flag("pip-fails")  # the network is cut: any pip call would now fail the launch
    for _ in range(2):
        result, calls = project.bootstrap()
        assert result.returncode == 0, result.stderr
        assert _pip_calls(calls) == []
        assert not [c for c in calls if c.startswith("apt-get")]


def test_a_changed_pyproject_installs_again(project: Project) -> None:
    assert project.bootstrap()[0].returncode == 0
    with (project.root / "pyproject.toml").open("a") as stream:
        stream.write("\n# a new dependency would go here\n")
    result, calls = project.bootstrap()
    assert result.returncode == 0, result.stderr
    assert _pip_calls(calls)
    assert project.bootstrap()[1] == []


def test_a_missing_distribution_installs_again(project: Project) -> None:
    assert project.bootstrap()[0].returncode == 0
    project.flag("missing-dist")
    result, calls = project.bootstrap()
    assert result.returncode == 0, result.stderr
    assert _pip_calls(calls)


def test_a_failed_install_leaves_no_stamp_so_the_next_run_tries_again(project: Project) -> None:
    project.flag("pip-fails")
    result, calls = project.bootstrap()
    assert result.returncode != 0
    assert not (project.root / ".venv" / ".socially-aware-installed").exists()
    project.flag("pip-fails", on=False)
    result, calls = project.bootstrap()
    assert result.returncode == 0 and _pip_calls(calls)


def test_apt_runs_only_for_missing_debian_packages(project: Project) -> None:
    project.flag("missing-debs", text="xvfb\nappstream\n")
    result, calls = project.bootstrap()
    assert result.returncode == 0, result.stderr
    installs = [c for c in calls if c.startswith("apt-get") and " install " in c]
    assert len(installs) == 1 and installs[0].endswith("xvfb appstream")
    project.flag("missing-debs", on=False)
    assert [c for c in project.bootstrap()[1] if c.startswith("apt-get")] == []


def test_the_launchers_still_go_through_bootstrap() -> None:
    for script in ("run-app.sh", "run-tests.sh"):
        assert "bash scripts/bootstrap.sh" in (ROOT / "scripts" / script).read_text()
