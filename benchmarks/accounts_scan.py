"""A 5,000-entry password export and a 20,000-message mbox, analysed; time and peak memory.

    .venv/bin/python benchmarks/accounts_scan.py

Goal (issue 7): each under 5 s with flat memory. Then the hostile files of issue 10 (a device,
a FIFO, JSON nested 100,000 deep, a sparse file over the cap, a 50 MB export near the top of
what real ones reach): each must be refused or read in seconds, and never take the batch down.
Then (issue 18) every format added by signature at 5,000 entries, one with every note in a
non-Latin script (the normaliser's slow path), and a zip bomb (200 MB of one byte in a small zip).
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.accounts.exports import NEW_FORMATS, Row, bitwarden_csv, mbox

from socially_aware.accounts import scan_paths

DOMAINS = ("border.gov.au", "mbc.gov.au", "mara.gov.au")


def measure(label: str, paths: list[Path]) -> None:
    started = time.perf_counter()
    report = scan_paths(paths, DOMAINS, r"^[A-Za-z][0-9]{5,6}$")
    elapsed = time.perf_counter() - started
    tracemalloc.start()  # a second pass for memory: tracing slows Python down several times
    scan_paths(paths, DOMAINS, r"^[A-Za-z][0-9]{5,6}$")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = sum(p.stat().st_size if p.is_file() else 0 for p in paths) / 2**20
    print(
        f"{label}: {elapsed:.2f} s, {size:.1f} MB file(s), peak Python memory {peak / 2**20:.1f} MB, "
        f"{len(report.rows)} services (goal < 5 s)"
    )


def hostile(base: Path) -> None:
    from socially_aware.accounts.limits import MAX_EXPORT_BYTES

    fifo = base / "pipe.csv"
    os.mkfifo(fifo)
    deep = base / "deep.json"
    deep.write_text('{"items":' + "[" * 100_000 + "]" * 100_000 + "}")
    sparse = base / "sparse.csv"
    with sparse.open("wb") as stream:
        stream.truncate(MAX_EXPORT_BYTES + 1)
    big = base / "big.csv"
    with big.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["name", "url", "username", "password", "note"])
        n = 0
        while stream.tell() < 50 * 2**20:
            writer.writerow(
                [
                    f"site {n}",
                    f"https://user:pw{n}@login.site{n % 5000}.com/a/b?c=d",
                    "alex.officer@border.gov.au" if n % 5 == 0 else f"a{n}@gmail.com",
                    f"pw-{n}",
                    "x" * 40,
                ]
            )
            n += 1
    for label, path in (
        ("/dev/zero", Path("/dev/zero")),
        ("a FIFO", fifo),
        ("JSON 100,000 deep", deep),
        ("a sparse file 1 byte over the cap", sparse),
        (f"a 50 MB export ({n:,} rows)", big),
    ):
        measure(label, [path])


def _rows() -> list[Row]:
    """5,000 logins on 900 sites, one in seven on an official address."""
    return [
        (
            f"https://login.site{n % 900}.com/path",
            f"alex.officer{n % 3}@border.gov.au" if n % 7 == 0 else f"alex{n}@gmail.com",
            f"pw-{n}-secret",
        )
        for n in range(5000)
    ]


def new_formats(base: Path) -> None:
    import zipfile

    from socially_aware.accounts.limits import MAX_EXPORT_BYTES

    rows = _rows()
    for name, (suffix, write) in sorted(NEW_FORMATS.items()):
        measure(f"5,000-entry {name}", [write(base / f"new-{len(name)}-{suffix.strip('.')}{suffix}", rows=rows)])
    notes = base / "notes.csv"
    with notes.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["name", "url", "username", "password", "note"])
        for n, (url, _login, password) in enumerate(rows):
            # A long note in Cyrillic and Chinese with a disguised official address in one row of seven.
            note = "Заметка 注释 " * 40 + (f"alex＠bor\u200bder.gov.au {n}" if n % 7 == 0 else "")
            writer.writerow([f"site {n}", url, "", password, note])
    measure("5,000-entry Chrome CSV, every note non-Latin (the normaliser's slow path)", [notes])
    bomb = base / "bomb.1pux"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export.data", b"[" * (MAX_EXPORT_BYTES + 10))
    measure(
        f"a zip bomb ({bomb.stat().st_size / 2**20:.1f} MB holding {MAX_EXPORT_BYTES / 2**20:.0f} MB + 10 bytes)",
        [bomb],
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        measure("5,000-entry Bitwarden CSV", [bitwarden_csv(base / "bitwarden.csv", rows=_rows())])
        measure("20,000-message mbox", [mbox(base / "takeout.mbox", extra_messages=20000 - 5)])
        hostile(base)
        new_formats(base)
    return 0


if __name__ == "__main__":
    sys.exit(main())
