"""Many photos at once: finding them, planning where each cleaned copy goes, and cleaning."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from pathlib import Path

from socially_aware.scrubber.cleaning import clean_file
from socially_aware.scrubber.model import (
    CancelCheck,
    CleanOptions,
    CleanResult,
    FolderSummary,
    Group,
    Inspection,
    Outcome,
    ProgressCallback,
)
from socially_aware.scrubber.registry import SUPPORTED_SUFFIXES


def _is_photo_name(name: str) -> bool:
    return not name.startswith("._") and os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def collect_photos(paths: Iterable[Path]) -> list[Path]:
    """Photos in the given files and folders (recursively), sorted, each once.

    Links that lead outside a chosen folder are not followed: someone could plant one to make
    the cleaner read or write elsewhere.
    """
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs.sort()
                here = Path(folder)
                dirs[:] = [d for d in dirs if not (here / d).is_symlink() or _inside(here / d, path)]
                for name in sorted(files):
                    candidate = here / name
                    if not _is_photo_name(name):
                        continue
                    if candidate.is_symlink() and not _inside(candidate, path):
                        continue
                    if candidate.is_file():
                        found[candidate] = None
        elif path.is_file() and _is_photo_name(path.name):
            found[path] = None
    return list(found)


def default_output_dir(paths: Sequence[Path]) -> Path:
    """A sibling of the first chosen folder (or of the folder holding the first chosen file)."""
    first = paths[0]
    folder = first if first.is_dir() else first.parent
    folder = folder.resolve()
    return folder.parent / f"{folder.name} (cleaned)"


def summarise(inspections: Sequence[Inspection]) -> FolderSummary:
    readable = [i for i in inspections if i.error is None]

    def count(group: Group, risky_only: bool = True) -> int:
        return sum(any(e.group is group and (e.risky or not risky_only) for e in i.entries) for i in readable)

    total = len(inspections)
    location = sum(i.gps is not None or any(e.group is Group.LOCATION for e in i.entries) for i in readable)
    summary = {
        "location": location,
        "device": count(Group.DEVICE),
        "people": count(Group.PEOPLE),
        "thumbnail": sum(i.thumbnail is not None for i in readable),
    }
    noun = "photo" if total == 1 else "photos"

    def line(count: int, plural_verb: str, singular_verb: str, rest: str) -> str:
        return f"{count} of {total} {noun} {singular_verb if count == 1 else plural_verb} {rest}"

    lines = [
        line(summary["location"], "give", "gives", "a location"),
        line(summary["device"], "name", "names", "the camera or phone"),
        line(summary["people"], "carry", "carries", "a name, caption or copyright"),
        line(summary["thumbnail"], "hold", "holds", "a hidden preview image"),
    ]
    unreadable = total - len(readable)
    if unreadable:
        lines.append(f"{unreadable} of {total} could not be read")
    if readable and not any(i.risky for i in readable):
        lines.insert(0, "Nothing risky was found")
    return FolderSummary(
        total=total, with_location=summary["location"], with_device=summary["device"],
        with_people=summary["people"], with_thumbnail=summary["thumbnail"], unreadable=unreadable,
        lines=tuple(lines),
    )


def _clean_one(task: tuple[Path, Path, CleanOptions]) -> CleanResult:
    return clean_file(*task)


class BatchCleaner:
    def __init__(self, options: CleanOptions, jobs: int = 1, processes: bool = False) -> None:
        """`jobs` files at once; in separate processes when `processes` (the command line, where
        the work is CPU-bound and the GIL would serialise it), else in threads (the window)."""
        self.options = options
        self.jobs = max(1, jobs)
        self.processes = processes

    def plan(self, files: Sequence[Path], roots: Sequence[Path]) -> list[tuple[Path, Path]]:
        """Each source with its destination, keeping sub-folders, never outside the output folder."""
        if self.options.in_place:
            return [(f, f) for f in files]
        out_dir = (self.options.output_dir or default_output_dir(roots or files)).resolve()
        taken: set[Path] = set()
        plan: list[tuple[Path, Path]] = []
        for number, source in enumerate(files, start=1):
            root = next((r for r in roots if r.is_dir() and _inside(source, r)), None)
            relative = source.resolve().relative_to(root.resolve()) if root else Path(source.name)
            if self.options.neutral_names:
                relative = relative.with_name(f"photo-{number:04d}{source.suffix.lower()}")
            dest = out_dir / relative
            stem, suffix, n = dest.stem, dest.suffix, 2
            while dest in taken:
                dest = dest.with_name(f"{stem} ({n}){suffix}")
                n += 1
            if not _inside(dest, out_dir):
                dest = out_dir / f"photo-{number:04d}{source.suffix.lower()}"
            taken.add(dest)
            plan.append((source, dest))
        return plan

    def run(
        self,
        files: Sequence[Path],
        roots: Sequence[Path],
        on_result: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> list[CleanResult]:
        plan = self.plan(files, roots)
        total = len(plan)
        results: list[CleanResult | None] = [None] * total
        done = 0

        def one(index: int) -> None:
            nonlocal done
            source, dest = plan[index]
            if cancelled and cancelled():
                result = CleanResult(source, Outcome.CANCELLED, message="cancelled before it was cleaned")
            else:
                result = clean_file(source, dest, self.options)
            results[index] = result
            done += 1
            if on_result:
                on_result(done, total, result)

        if self.jobs == 1:
            for index in range(total):
                one(index)
        elif self.processes:
            self._run_in_processes(plan, results, on_result, cancelled)
        else:
            with ThreadPoolExecutor(max_workers=self.jobs) as pool:
                list(pool.map(one, range(total)))
        return [r for r in results if r is not None]

    def _run_in_processes(
        self,
        plan: list[tuple[Path, Path]],
        results: list[CleanResult | None],
        on_result: ProgressCallback | None,
        cancelled: CancelCheck | None,
    ) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a process that may hold threads
        total = len(plan)
        with ProcessPoolExecutor(max_workers=self.jobs, mp_context=context) as pool:
            pending: dict[Future[CleanResult], int] = {}
            next_index = done = 0
            while next_index < total or pending:
                # Keep a few files in flight per worker; stop feeding work once cancelled.
                while next_index < total and len(pending) < self.jobs * 4:
                    source, dest = plan[next_index]
                    if cancelled and cancelled():
                        results[next_index] = CleanResult(source, Outcome.CANCELLED, message="cancelled before it was cleaned")
                        done += 1
                        if on_result:
                            on_result(done, total, results[next_index])  # type: ignore[arg-type]
                    else:
                        pending[pool.submit(_clean_one, (source, dest, self.options))] = next_index
                    next_index += 1
                if not pending:
                    continue
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    index = pending.pop(future)
                    results[index] = future.result()
                    done += 1
                    if on_result:
                        on_result(done, total, results[index])  # type: ignore[arg-type]
