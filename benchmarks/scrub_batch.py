"""Clean a folder of camera-like photos against exiftool and `cp -r`, in one run, and say where the time goes.

    nice .venv/bin/python benchmarks/scrub_batch.py [count] [--jobs N] [--rounds N]

Photos (mixed sizes up to 12 MP, full Exif with GPS and serial number, a thumbnail, an ICC profile)
are generated once into a cache folder under the system temp dir. The commands take turns, round
after round (medians of the rounds; page cache warm; writeback flushed before each command), so a
neighbour's load on a shared machine falls on all of them alike. Goals (issues 3 and 12):
- ours (every output verified) at most the time of `exiftool -all=` (no verification, loses orientation);
- at least 3x faster than `exiftool -all= -tagsfromfile @ -Orientation -ICC_Profile`;
- at most 2x a plain `cp -r`; peak RSS under 150 MB (from /usr/bin/time: the largest process).
Then, measured in this process: where one file's time goes (read, clean + verify, header check,
write, and what an fsync would add), and what starting the cleaner and its worker processes costs.
"""

from __future__ import annotations

import compileall
import io
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageCms

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))
from tests.scrubber.photos import exif_tiff  # noqa: E402

SIZES = [(4000, 3000), (3264, 2448), (2592, 1944), (1920, 1080), (4032, 3024), (1280, 960)]
TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None
# The children run this checkout's code, whatever is installed in the environment.
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "desktop"), os.environ.get("PYTHONPATH")]))}


def _photo(path: Path, size: tuple[int, int], rng: random.Random) -> None:
    base = Image.linear_gradient("L").resize(size).convert("RGB")
    noise = Image.effect_noise(size, 24).convert("RGB")
    image = Image.blend(base, noise, 0.35)
    thumb = io.BytesIO()
    image.resize((160, 120)).save(thumb, "JPEG", quality=70)
    exif = b"Exif\x00\x00" + exif_tiff(rng.choice([1, 3, 6, 8]), thumb.getvalue())
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(path, "JPEG", quality=88, exif=exif, icc_profile=icc)


def generate(count: int) -> Path:
    folder = Path(tempfile.gettempdir()) / f"socially-aware-bench-{count}"
    done = folder / ".complete"
    if done.exists():
        return folder
    folder.mkdir(exist_ok=True)
    rng = random.Random(count)
    started = time.perf_counter()
    for n in range(count):
        _photo(folder / f"IMG_{20240101 + n:08d}_{n:04d}.jpg", SIZES[n % len(SIZES)], rng)
    done.touch()
    print(f"generated {count} photos in {time.perf_counter() - started:.0f} s")
    return folder


def run(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS in MB (of the largest process) and CPU seconds (user + system, its
    worker processes included) of one run of `command`. CPU time says what the work costs even
    when neighbours on a shared machine stretch the wall time."""
    subprocess.run(["sync"], check=True)
    if TIME:
        started = time.perf_counter()
        done = subprocess.run(
            [TIME, "-f", "%M %U %S", *command],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        elapsed = time.perf_counter() - started
        peak, user, system = done.stderr.strip().splitlines()[-1].split()
        return elapsed, int(peak) / 1024, float(user) + float(system)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return time.perf_counter() - started, after.ru_maxrss / 1024, cpu


Command = tuple[list[str], Path, bool]
"""The command, the output it creates (removed before each run), whether that folder must exist first."""


def compile_checkout() -> None:
    """Compile this checkout's modules to bytecode before timing anything, as the shipped app is
    (PyInstaller bundles compiled modules). Where PYTHONDONTWRITEBYTECODE is set (this project's
    shared machine sets it) nothing else writes them, and each run of ours compiled some thirty
    modules from source: ~40 ms of CPU a run, a seventh of cleaning 50 photos, counted against us."""
    compileall.compile_dir(ROOT / "desktop" / "socially_aware", quiet=1)


def take_turns(commands: dict[str, Command], rounds: int = 3) -> dict[str, tuple[float, float, float]]:
    """Each command once a round, in turn: its median seconds, largest peak RSS in MB, median CPU seconds."""
    compile_checkout()
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    for _ in range(rounds):
        for name, (command, output, make_dir) in commands.items():
            shutil.rmtree(output, ignore_errors=True)
            if make_dir:
                output.mkdir(parents=True)
            elapsed, peak, cpu = run(command)
            times[name].append(elapsed)
            cpus[name].append(cpu)
            peaks[name] = max(peaks[name], peak)
    for _, output, _ in commands.values():
        shutil.rmtree(output, ignore_errors=True)
    return {name: (statistics.median(times[name]), peaks[name], statistics.median(cpus[name])) for name in commands}


def phases(folder: Path, suffix: str = "*.jpg") -> None:
    """Where one file's time goes in a worker, measured here on the same files (page cache warm)."""
    from socially_aware.scrubber import cleaning, reencode
    from socially_aware.scrubber.batch import keep_freed_memory
    from socially_aware.scrubber.model import CleanOptions
    from socially_aware.scrubber.registry import sniff

    keep_freed_memory()  # as a worker does
    files = sorted(folder.glob(suffix))
    totals = dict.fromkeys(
        ("read", "clean + verify", "header check (if any)", "write (temp + rename)", "fsync, if it were done"), 0.0
    )
    with tempfile.TemporaryDirectory(dir=folder.parent) as tmp:
        options = CleanOptions(output_dir=Path(tmp))
        subprocess.run(["sync"], check=True)
        for path in files:
            marks = [time.perf_counter()]
            data = path.read_bytes()
            marks.append(time.perf_counter())
            kind = sniff(data[:32])
            assert kind is not None
            cleaned, _ = kind.clean_and_verify(data, options)
            marks.append(time.perf_counter())
            if kind.lossless and not kind.video and not kind.verified_whole:  # as cleaning.clean_bytes does
                reencode.open_image(cleaned).close()
            marks.append(time.perf_counter())
            dest = Path(tmp) / path.name
            cleaning.write_output(path, dest, cleaned, options)
            marks.append(time.perf_counter())
            fd = os.open(dest, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            marks.append(time.perf_counter())
            for name, start, end in zip(totals, marks, marks[1:], strict=False):
                totals[name] += end - start
    count = max(1, len(files))
    print(f"per file, in one process ({len(files)} files, ms each):")
    for name, total in totals.items():
        print(f"  {name:<26} {1000 * total / count:6.2f}")


STARTUP = """
import sys, time
started = time.perf_counter()
import socially_aware.cli, socially_aware.scrubber.batch as batch
from concurrent.futures import ProcessPoolExecutor
import multiprocessing
imported = time.perf_counter()
method_here = batch.start_method()
costs = {}
for method in ("fork", "spawn"):
    begun = time.perf_counter()
    with ProcessPoolExecutor(int(sys.argv[1]), mp_context=multiprocessing.get_context(method),
                             initializer=batch.watch_parent, initargs=(__import__("os").getpid(),)) as pool:
        list(pool.map(abs, range(int(sys.argv[1]))))  # leaving the block waits for every worker
    costs[method] = time.perf_counter() - begun
print(imported - started, costs["fork"], costs["spawn"], method_here)
"""


def startup(jobs: int) -> None:
    """What a batch pays before its first file: the interpreter, imports, and its worker processes."""
    bare = statistics.median(run([sys.executable, "-c", "pass"])[0] for _ in range(3))
    found = subprocess.run(
        [sys.executable, "-c", STARTUP, str(jobs)], check=True, capture_output=True, text=True, env=ENV
    ).stdout.split()
    imports, fork, spawn = (float(x) for x in found[:3])
    print("start-up, before the first file:")
    print(f"  python itself                            {bare:6.3f} s")
    print(f"  importing the CLI and the scrubber       {imports:6.3f} s")
    print(f"  {jobs} workers forked (what the CLI does)     {fork:6.3f} s")
    print(
        f"  {jobs} workers spawned (with other threads) {spawn:6.3f} s  (each starts python and imports the scrubber)"
    )
    print(f"  the command line starts its workers by: {found[3]}")


def main() -> int:
    if "--generate" in sys.argv:
        generate(int(sys.argv[sys.argv.index("--generate") + 1]))
        return 0
    flags = {"--jobs": 2, "--rounds": 3}
    for flag in flags:
        if flag in sys.argv:
            flags[flag] = int(sys.argv[sys.argv.index(flag) + 1])
    args = [a for i, a in enumerate(sys.argv[1:], 1) if not a.startswith("--") and sys.argv[i - 1] not in flags]
    count = int(args[0]) if args else 500
    jobs, rounds = flags["--jobs"], flags["--rounds"]
    # Generate in a child: its memory must not be counted as anyone's peak below.
    subprocess.run([sys.executable, __file__, "--generate", str(count)], check=True)
    source = generate(count)
    total_mb = sum(p.stat().st_size for p in source.glob("*.jpg")) / 2**20
    exiftool = shutil.which("exiftool")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        commands: dict[str, Command] = {
            "ours": (
                [
                    sys.executable,
                    "-m",
                    "socially_aware",
                    "scrub",
                    str(source),
                    "-o",
                    str(work / "ours"),
                    "--jobs",
                    str(jobs),
                ],
                work / "ours",
                False,
            ),
            "cp": (["cp", "-r", str(source), str(work / "copy")], work / "copy", False),
        }
        if exiftool:
            commands["plain"] = (
                [exiftool, "-q", "-q", "-all=", "-o", str(work / "plain") + "/", str(source)],
                work / "plain",
                True,
            )
            commands["keep"] = (
                [
                    exiftool,
                    "-q",
                    "-q",
                    "-all=",
                    "-tagsfromfile",
                    "@",
                    "-Orientation",
                    "-ICC_Profile",
                    "-o",
                    str(work / "keep") + "/",
                    str(source),
                ],
                work / "keep",
                True,
            )
        found = take_turns(commands, rounds)
    ours, peak, ours_cpu = found["ours"]
    copy = found["cp"][0]
    load = os.getloadavg()[0]
    print(
        f"{count} photos, {total_mb:.0f} MB; jobs={jobs}; medians of {rounds} rounds, commands taking turns; "
        f"load average {load:.1f} on {os.cpu_count()} cores"
    )
    print(
        f"socially-aware scrub:               {ours:7.2f} s ({ours_cpu:5.2f} s CPU), peak {peak:4.0f} MB "
        "(goal < 150 MB), every output verified"
    )
    print(f"cp -r:                              {copy:7.2f} s  -> ours = {ours / copy:.2f}x cp (goal <= 2x)")
    if exiftool:
        plain, plain_peak, plain_cpu = found["plain"]
        keep, keep_peak, _ = found["keep"]
        print(
            f"exiftool -all= (loses orientation): {plain:7.2f} s ({plain_cpu:5.2f} s CPU), peak {plain_peak:4.0f} MB "
            f"-> ours/exiftool = {ours / plain:.2f} (goal <= 1.0; in CPU time {ours_cpu / plain_cpu:.2f})"
        )
        print(
            f"exiftool keeping orientation+ICC:   {keep:7.2f} s, peak {keep_peak:4.0f} MB -> ours is "
            f"{keep / ours:.1f}x faster (goal >= 3x)"
        )
    else:
        print("exiftool is not installed (Debian: libimage-exiftool-perl); comparison skipped")
    if "--no-detail" not in sys.argv:
        phases(source)
        startup(jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
