"""Many photos at once: finding them, planning where each cleaned copy goes, and cleaning."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import multiprocessing
import os
import re
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from socially_aware.scrubber import unhandled
from socially_aware.scrubber.cleaning import TEMP_SUFFIX, clean_file
from socially_aware.scrubber.limits import WORKER_TASKS_IN_FLIGHT
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
from socially_aware.scrubber.registry import SUPPORTED_SUFFIXES, sniff


def _is_photo_name(name: str) -> bool:
    return not name.startswith("._") and os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def _resolves_into(path: Path, resolved_folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(resolved_folder)
    except (OSError, RuntimeError):  # RuntimeError: a loop of links planted under that name
        return False


LeftOut = tuple[Path, str]
"""A chosen path, or a folder, and why something in it was left out (plain words)."""
LINKS_NOT_FOLLOWED = (
    "{count} in it {verb} to a file outside this folder and {were} not followed "
    "(a link could make the cleaner read or write elsewhere; choose the file itself to clean it)"
)


def gather_photos(paths: Iterable[Path]) -> tuple[list[Path], list[LeftOut]]:
    """Photos in the given files and folders (recursively), sorted, each once; and what was
    left out, and why: a named file of a kind the cleaner does not handle, a path that does not
    exist, links inside a folder that lead outside it.

    Links that lead outside a chosen folder are not followed: someone could plant one to make
    the cleaner read or write elsewhere. A link named itself is the person's choice: followed.
    """
    found: dict[Path, None] = {}
    left_out: list[LeftOut] = []
    for path in paths:
        if path.is_dir():
            outside = 0
            for folder, dirs, files in os.walk(path):
                dirs.sort()
                here = Path(folder)
                dirs[:] = [d for d in dirs if not (here / d).is_symlink() or _inside(here / d, path)]
                for name in sorted(files):
                    candidate = here / name
                    if not _is_photo_name(name):
                        continue
                    if candidate.is_symlink() and not _inside(candidate, path):
                        outside += 1
                        continue
                    if candidate.is_file():
                        found[candidate] = None
            if outside:
                many = outside > 1
                words = {"count": f"{outside} link{'s' * many}", "verb": "lead" if many else "leads"}
                left_out.append((path, LINKS_NOT_FOLLOWED.format(**words, were="were" if many else "was")))
        elif path.is_file() and (_is_photo_name(path.name) or _sniffs_as_handled(path)):
            found[path] = None
        elif path.is_file():
            left_out.append((path, unhandled.refusal(path)))
        elif not path.exists():
            left_out.append((path, "does not exist" if not path.is_symlink() else "is a link to nothing"))
        else:
            left_out.append((path, "is not a file or folder (a device, pipe or socket); left alone"))
    return list(found), left_out


def collect_photos(paths: Iterable[Path]) -> list[Path]:
    """Photos in the given files and folders; see gather_photos."""
    return gather_photos(paths)[0]


def left_out(paths: Iterable[Path]) -> list[LeftOut]:
    """What in the given paths the cleaner leaves out, and why; see gather_photos."""
    return gather_photos(paths)[1]


def _sniffs_as_handled(path: Path) -> bool:
    """A named file whose contents are a handled format, whatever its name says (IMG_1.jpg.bak)."""
    try:
        with path.open("rb") as file:
            return sniff(file.read(32)) is not None
    except OSError:
        return False


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

    lines = [  # only what was found: "0 of 1 photo carry …" says nothing and reads wrong
        line(summary[key], plural_verb, singular_verb, rest)
        for key, plural_verb, singular_verb, rest in (
            ("location", "give", "gives", "a location"),
            ("device", "name", "names", "the camera or phone"),
            ("people", "carry", "carries", "a name, caption or copyright"),
            ("thumbnail", "hold", "holds", "a hidden preview image"),
        )
        if summary[key]
    ]
    unreadable = total - len(readable)
    if unreadable:
        lines.append(f"{unreadable} of {total} could not be read")
    if readable and not any(i.risky for i in readable):
        lines.insert(0, "Nothing risky was found")
    return FolderSummary(
        total=total,
        with_location=summary["location"],
        with_device=summary["device"],
        with_people=summary["people"],
        with_thumbnail=summary["thumbnail"],
        unreadable=unreadable,
        lines=tuple(lines),
    )


Task = tuple[Path, Path, CleanOptions]
WORKER_DIED = (
    "the cleaner stopped while working on this file (it ran out of memory or crashed); the file was left untouched"
)


def clean_task(task: Task) -> CleanResult:
    """Clean one planned file, and say so when cleaning in place leaves other names of it behind."""
    source, dest, options = task
    try:
        before = source.stat() if options.in_place else None
    except OSError:
        before = None
    result = clean_file(source, dest, options)
    if options.in_place and dest != source and result.outcome in (Outcome.CLEANED, Outcome.REENCODED):
        followed = f"a link: the file it points to was cleaned ({dest})"
        result = dataclasses.replace(result, message=f"{result.message}; {followed}" if result.message else followed)
    links = before.st_nlink if before else 1
    with contextlib.suppress(OSError):
        if before and source.stat().st_ino == before.st_ino:
            links = 1  # cleaned in the file itself, not replaced: every name sees the cleaned copy
    if links > 1 and result.outcome in (Outcome.CLEANED, Outcome.REENCODED):
        others = links - 1
        warning = (
            f"this photo has {others} other name{'s' if others > 1 else ''} (hard link{'s' if others > 1 else ''}) "
            "that still hold{} the original with its metadata".format("" if others > 1 else "s")
        )
        message = f"{result.message}; {warning}" if result.message else warning
        result = CleanResult(result.source, result.outcome, result.output, result.removed, message)
    return result


def with_other_names(files: Iterable[Path]) -> list[Path]:
    """Files with hard links: cleaning one in place leaves its other names holding the original."""
    linked = []
    for path in files:
        with contextlib.suppress(OSError):
            if path.stat().st_nlink > 1:
                linked.append(path)
    return linked


_TEMP = re.compile(r"^\..+\.(\d+)" + re.escape(TEMP_SUFFIX) + "$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    with contextlib.suppress(OSError):  # a zombie nobody reaped has finished writing for good
        if "\nState:\tZ" in Path(f"/proc/{pid}/status").read_text():
            return False
    return True


def sweep_stale(folders: Iterable[Path]) -> list[Path]:
    """Remove our own half-written copies (`.NAME.PID.cleaning`) whose writer is no longer alive:
    what a killed run leaves behind. Files of a run still going are left alone."""
    removed: list[Path] = []
    for folder in dict.fromkeys(folders):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            found = _TEMP.match(name)
            if not found or not _is_photo_name(name[1 : -len(found.group(1)) - len(TEMP_SUFFIX) - 1]):
                continue
            if int(found.group(1)) == os.getpid() or _alive(int(found.group(1))):
                continue
            path = folder / name
            with contextlib.suppress(OSError):
                if path.is_file() and not path.is_symlink():
                    path.unlink()
                    removed.append(path)
    return removed


PR_SET_PDEATHSIG = 1


def watch_parent(parent: int) -> None:
    """Run in each worker process as it starts: end it when the process that started it dies,
    so no worker outlives a killed batch (they did, for 40 s and more, finishing their queue)."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    if not sys.platform.startswith("linux"):
        threading.Thread(target=_poll_parent, args=(parent,), daemon=True).start()


def _poll_parent(parent: int) -> None:
    stop = threading.Event()
    while not stop.wait(1.0):
        if os.getppid() != parent:
            os._exit(1)


def threads_running() -> int:
    """Threads of this process, native ones included where the system can count them."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def start_method() -> str:
    """How worker processes start: forked from this process when that is safe, else spawned.

    Spawning costs a new interpreter that imports the scrubber again: ~0.3 s before a batch of
    JPEGs (a few milliseconds each) can start, longer than cleaning 50 of them. Forking is a few
    milliseconds a worker, and the child has the scrubber already. But a child forked while another
    thread holds a lock (the allocator's, logging's, a queue's) finds it held forever, so fork only
    where it is the platform's own model (Linux) and this process has one thread, native ones
    included: the command line. Anything with threads (the window, a test runner) spawns."""
    if sys.platform.startswith("linux") and threads_running() == 1:
        return "fork"
    return "spawn"


M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters
KEPT_BLOCK_BYTES = 32 * 2**20
"""Blocks up to this size come from the worker's heap, not fresh mappings (the ceiling of glibc's own adjustment)."""
KEPT_FREE_BYTES = 64 * 2**20
"""Freed memory a worker keeps for its next file before handing any back to the system."""


def keep_freed_memory() -> None:
    """Make a worker reuse the memory one photo freed for the next one.

    By default glibc maps each block of a photo's size (the original, the cleaned copy) afresh and
    unmaps it when freed, so every file pays for thousands of page faults and zeroing megabytes:
    measured on 500 JPEGs, a third to half of the batch's time. Kept instead, a worker's memory
    stays at its largest file's peak (the peak itself does not grow), well inside the 150 MB
    container-edit budget of `limits`. Only in worker processes: the window keeps its own habits."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None)
        libc.mallopt(M_MMAP_THRESHOLD, KEPT_BLOCK_BYTES)
        libc.mallopt(M_TRIM_THRESHOLD, KEPT_FREE_BYTES)


def prepare_to_fork() -> None:
    """Do once in this process what each forked worker would otherwise do again.

    ctypes (which `start_worker` needs) is imported here, so the workers inherit it instead of each
    loading it (~5-10 ms of CPU a worker). And everything alive now is moved out of the garbage
    collector's sight (`gc.freeze`): a worker's collections would otherwise walk every object it
    inherited, writing to each, which makes the system copy those pages into every worker."""
    if sys.platform.startswith("linux"):
        import ctypes  # noqa: F401  # loaded once, inherited by every worker

    gc.freeze()


def start_worker(parent: int) -> None:
    """Run in each worker process as it starts."""
    watch_parent(parent)
    keep_freed_memory()


class BatchCleaner:
    def __init__(
        self,
        options: CleanOptions,
        jobs: int = 1,
        processes: bool = False,
        task: Callable[[Task], CleanResult] = clean_task,
    ) -> None:
        """`jobs` files at once; in separate processes when `processes` (the command line, where
        the work is CPU-bound and the GIL would serialise it), else in threads (the window).
        `task` cleans one file; it must be a module-level function, as processes import it."""
        self.options = options
        self.jobs = max(1, jobs)
        self.processes = processes
        self.task = task

    def plan(self, files: Sequence[Path], roots: Sequence[Path]) -> list[tuple[Path, Path]]:
        """Each source with its destination, keeping sub-folders, never outside the output folder."""
        if self.options.in_place:
            # A link named itself is followed (one rule for every format): the file it points to is
            # cleaned and the link stays. Replacing the link with a cleaned copy would leave the
            # original, metadata and all, where the link pointed, while saying "cleaned".
            return [(f, f.resolve() if f.is_symlink() else f) for f in files]
        out_dir = (self.options.output_dir or default_output_dir(roots or files)).resolve()
        taken: set[Path] = set()
        plan: list[tuple[Path, Path]] = []
        # Resolved once, not once a file: resolving walks every component (a 500-photo plan took 50 ms).
        folders = [r.resolve() for r in roots if r.is_dir()]
        for number, source in enumerate(files, start=1):
            real = source.resolve()
            root = next((r for r in folders if real.is_relative_to(r)), None)
            relative = real.relative_to(root) if root else Path(source.name)
            if self.options.neutral_names:
                relative = relative.with_name(f"photo-{number:04d}{source.suffix.lower()}")
            dest = out_dir / relative
            stem, suffix, n = dest.stem, dest.suffix, 2
            while dest in taken or (self.options.keep_both and dest.exists()):
                dest = dest.with_name(f"{stem} ({n}){suffix}")
                n += 1
            if not _resolves_into(dest, out_dir):
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
        sweep_stale(dest.parent for _, dest in plan)
        total = len(plan)
        results: list[CleanResult | None] = [None] * total
        done = 0

        def one(index: int) -> None:
            nonlocal done
            source, dest = plan[index]
            if cancelled and cancelled():
                result = CleanResult(source, Outcome.CANCELLED, message="cancelled before it was cleaned")
            else:
                result = self.task((source, dest, self.options))
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
        """A worker that dies (out of memory, a crash in a native decoder) breaks the whole pool:
        the files it had in flight are retried one at a time in a fresh pool, so only the file
        that kills a worker on its own is reported failed, and the batch goes on.

        A worker stopped with its pool may have finished its file (renamed into place) but not
        reported it: a retried file overwrites an output that was not there when the batch began,
        rather than failing as "already exists". What a stopped worker had half written is swept."""
        total = len(plan)
        there_before = set()
        if not (self.options.in_place or self.options.overwrite):
            there_before = {index for index, (_, dest) in enumerate(plan) if dest.exists()}
        retry_options = dataclasses.replace(self.options, overwrite=True)

        def retry(index: int) -> Future[CleanResult]:
            options = self.options if index in there_before else retry_options
            return pool.submit(self.task, (*plan[index], options))

        queue = deque(range(total))
        suspects: deque[int] = deque()
        pending: dict[Future[CleanResult], int] = {}
        alone: int | None = None  # a suspect running with nothing else in flight
        done = 0

        def record(index: int, result: CleanResult) -> None:
            nonlocal done
            results[index] = result
            done += 1
            if on_result:
                on_result(done, total, result)

        pool = self._pool(total)
        try:
            while queue or suspects or pending:
                if cancelled and cancelled():
                    for index in [*suspects, *queue]:
                        record(
                            index,
                            CleanResult(plan[index][0], Outcome.CANCELLED, message="cancelled before it was cleaned"),
                        )
                    suspects.clear()
                    queue.clear()
                if suspects and not pending:
                    alone = suspects.popleft()
                    pending[retry(alone)] = alone
                while not suspects and alone is None and queue and len(pending) < self.jobs * WORKER_TASKS_IN_FLIGHT:
                    index = queue.popleft()
                    pending[pool.submit(self.task, (*plan[index], self.options))] = index
                if not pending:
                    continue
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                broken = False
                for future in finished:
                    index = pending.pop(future)
                    try:
                        record(index, future.result())
                    except BrokenProcessPool:
                        broken = True
                        if index == alone:
                            record(index, CleanResult(plan[index][0], Outcome.FAILED, message=WORKER_DIED))
                        else:
                            suspects.append(index)
                    if index == alone:
                        alone = None
                if broken:
                    suspects.extend(pending.values())
                    pending.clear()
                    pool.shutdown(wait=True, cancel_futures=True)
                    sweep_stale(plan[index][1].parent for index in suspects)
                    pool = self._pool(len(queue) + len(suspects))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _pool(self, files: int) -> ProcessPoolExecutor:
        method = start_method()
        if method == "fork":
            prepare_to_fork()
        context = multiprocessing.get_context(method)
        return ProcessPoolExecutor(
            max_workers=max(1, min(self.jobs, files)),
            mp_context=context,
            initializer=start_worker,
            initargs=(os.getpid(),),
        )
