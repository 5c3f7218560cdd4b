"""CPU seconds (user + system) of a test run, summed over every process it starts.

    .venv/bin/python benchmarks/suite_cpu.py                   # the whole suite, as scripts/run-tests.sh runs it
    .venv/bin/python benchmarks/suite_cpu.py --each            # each folder of tests/ in its own run
    .venv/bin/python benchmarks/suite_cpu.py -- -m "not gui"   # anything after -- goes to pytest

Goal (issue 20): the whole suite at 140 CPU seconds or less on the development machine (2 cores),
with the same tests, assertions and hypothesis example counts. CPU time, unlike wall-clock time,
hardly moves when other work shares the machine, so the figure can be compared between runs on a
busy machine; compare like with like (the same tests, the same bytecode state).

The run is what `scripts/run-tests.sh` does after its install step: offscreen Qt, a throwaway
gnome-keyring on a private D-Bus session, and pytest with `-q -p no:cacheprovider`. The figure is
this process's children's resource usage once they have all ended: pytest and everything it
starts (the CLI, the app, worker processes, mypy, ruff), the D-Bus session and the keyring.

Python's bytecode matters: with PYTHONDONTWRITEBYTECODE set, every process compiles the project's
modules from source (a few CPU seconds over the suite). `--bytecode DIR` keeps the compiled modules
in DIR (PYTHONPYCACHEPREFIX) instead; the first such run fills it.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_SECONDS = 140.0


def measure(pytest_args: list[str], env: dict[str, str]) -> tuple[float, float, float, str, int]:
    """(user, system, wall seconds, pytest's last line, exit status) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [
        "dbus-run-session",
        "--",
        "bash",
        "scripts/with-test-keyring.sh",
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        *pytest_args,
    ]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines = [line for line in run.stdout.splitlines() if line.strip()]
    return (
        after.ru_utime - before.ru_utime,
        after.ru_stime - before.ru_stime,
        wall,
        lines[-1] if lines else "",
        run.returncode,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--each", action="store_true", help="each folder of tests/ (and its top-level files) apart")
    parser.add_argument("--bytecode", metavar="DIR", help="keep compiled modules in DIR (PYTHONPYCACHEPREFIX)")
    parser.add_argument("pytest_args", nargs="*", help="after --: passed to pytest (default: tests)")
    args = parser.parse_args()

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SOCIALLY_AWARE_REQUIRE_KEYRING": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "desktop"), env.get("PYTHONPATH")]))
    if args.bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(args.bytecode).resolve())
    print(
        f"bytecode: {'cached in ' + args.bytecode if args.bytecode else 'not written' if env.get('PYTHONDONTWRITEBYTECODE') else 'written beside the sources'}"
    )
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    if args.each:
        folders = sorted(p.relative_to(ROOT) for p in (ROOT / "tests").iterdir() if (p / "__init__.py").is_file())
        top = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_*.py"))
        runs = [(str(folder), [str(folder), *args.pytest_args]) for folder in folders]
        runs.append(("tests/test_*.py", [*top, *args.pytest_args]))
    else:
        chosen = args.pytest_args or ["tests"]
        runs = [(" ".join(chosen), chosen)]

    total = 0.0
    status = 0
    for name, pytest_args in runs:
        user, system, wall, summary, code = measure(pytest_args, env)
        total += user + system
        status = status or code
        print(
            f"{name:<22} {user + system:7.1f} CPU s ({user:.1f} user + {system:.1f} sys), {wall:6.1f} s wall   {summary}"
        )
    if len(runs) > 1:
        print(f"{'sum':<22} {total:7.1f} CPU s")
    if not args.pytest_args:
        print(
            f"the whole suite: {total:.1f} CPU s against a goal of {GOAL_SECONDS:.0f} ({total / GOAL_SECONDS:.2f} of it)"
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
