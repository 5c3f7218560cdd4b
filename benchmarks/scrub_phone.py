"""What phones make, cleaned, against exiftool, in one run: JPEG, HEIC, a 1 GB video, pool startup.

    nice .venv/bin/python benchmarks/scrub_phone.py [--jpegs N] [--heics N] [--video-mb N] [--jobs N]

Prints, each from this one run (medians of 3, page cache warm, writeback flushed before each run):
- JPEG: our `scrub` (every output verified) / `exiftool -all=` (no verification, loses orientation).
  Goal (issue 12 item 9): at most 1.0.
- HEIC: our `scrub` / `exiftool -all= -tagsfromfile @ -Orientation -ICC_Profile`. Goal: at most 1.0.
  The HEICs are copies of the real phone samples in tests/data/heif (iPhone, Xiaomi, Samsung).
- Video: one MP4 of N MB (default 1024) with Android and Apple location tags: wall time and peak
  RSS of the `scrub` process. Goal: under 2 s and under 100 MB.
- Peak RSS of every command (from /usr/bin/time when there is one, else getrusage of the child).
- Where the start-up time goes: the interpreter, importing the CLI and the scrubber, and starting
  the process pool (the difference between --jobs 1 and --jobs N on one file).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from scrub_batch import generate  # noqa: E402  (the JPEG set of the batch benchmark, cached)
from tests.scrubber.videos import box, dirty_video  # noqa: E402

CACHE = Path(tempfile.gettempdir())
TIME = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)


# The children run this checkout's code, whatever is installed in the environment.
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "desktop"), os.environ.get("PYTHONPATH")]))}


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one run of `command`."""
    subprocess.run(["sync"], check=True)
    if TIME:
        started = time.perf_counter()
        done = subprocess.run([TIME, "-f", "%M", *command], check=True, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, env=ENV)
        elapsed = time.perf_counter() - started
        return elapsed, int(done.stderr.strip().splitlines()[-1]) / 1024
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def median_run(command: list[str], output: Path, runs: int = 3, make_dir: bool = False) -> tuple[float, float]:
    times, peaks = [], []
    for _ in range(runs):
        shutil.rmtree(output, ignore_errors=True)
        if make_dir:
            output.mkdir(parents=True)
        elapsed, peak = run(command)
        times.append(elapsed)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def heic_folder(count: int) -> Path:
    folder = CACHE / f"socially-aware-bench-heic-{count}"
    samples = sorted((ROOT / "tests" / "data" / "heif").glob("*.heic"))
    if not (folder / ".complete").exists():
        folder.mkdir(exist_ok=True)
        for n in range(count):
            source = samples[n % len(samples)]
            shutil.copy(source, folder / f"IMG_{n:04d}_{source.stem}.heic")
        (folder / ".complete").touch()
    return folder


def big_video(megabytes: int) -> Path:
    """A phone-like MP4 whose media data is `megabytes` MB: made once, kept in the temp folder."""
    path = CACHE / f"socially-aware-bench-video-{megabytes}.mp4"
    if path.exists():
        return path
    with tempfile.TemporaryDirectory() as tmp:
        small = dirty_video(Path(tmp) / "small.mp4", co64=True).read_bytes()
    at = small.index(b"mdat") - 4  # a 64-bit mdat: size 1, "mdat", 8-byte size
    header = small[:at]
    media = megabytes * 2**20
    block = random.Random(1).randbytes(16 * 2**20)
    with path.open("wb") as file:
        file.write(header + struct.pack(">I4sQ", 1, b"mdat", 16 + media))
        written = 0
        while written < media:
            step = min(len(block), media - written)
            file.write(block[:step])
            written += step
        file.write(box(b"free", bytes(64)))
    return path


def startup(python: str, jpeg: Path, jobs: int, work: Path) -> None:
    bare, _ = median_run([python, "-c", "pass"], work / "none")
    imports, _ = median_run([python, "-c", "import socially_aware.cli, socially_aware.scrubber.cleaning, "
                                          "socially_aware.scrubber.batch"], work / "none")
    one, _ = median_run([python, "-m", "socially_aware", "scrub", str(jpeg), "-o", str(work / "s1"), "--jobs", "1"], work / "s1")
    pool, _ = median_run([python, "-m", "socially_aware", "scrub", str(jpeg), "-o", str(work / "sN"), "--jobs", str(jobs)], work / "sN")
    print("start-up, one JPEG:")
    print(f"  python itself                        {bare:6.3f} s")
    print(f"  + importing the CLI and the scrubber {imports - bare:6.3f} s")
    print(f"  scrub --jobs 1 (no pool), in all     {one:6.3f} s")
    print(f"  scrub --jobs {jobs} (spawned pool), in all {pool:6.3f} s  -> the pool costs {pool - one:.3f} s "
          "(each spawned worker starts python and imports the scrubber again)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jpegs", type=int, default=100)
    parser.add_argument("--heics", type=int, default=32)
    parser.add_argument("--video-mb", type=int, default=1024)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    python = sys.executable
    exiftool = shutil.which("exiftool")
    subprocess.run([python, str(ROOT / "benchmarks" / "scrub_batch.py"), "--generate", str(args.jpegs)], check=True)
    jpegs = generate(args.jpegs)
    heics = heic_folder(args.heics)
    video = big_video(args.video_mb)
    scrub = [python, "-m", "socially_aware", "scrub", "--jobs", str(args.jobs)]
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        work = Path(tmp)
        jpeg_ours, jpeg_peak = median_run([*scrub, str(jpegs), "-o", str(work / "j")], work / "j")
        heic_ours, heic_peak = median_run([*scrub, str(heics), "-o", str(work / "h")], work / "h")
        # Without the process pool: container edits take milliseconds a file, the pool half a second.
        jpeg_one, _ = median_run([*scrub, "--jobs", "1", str(jpegs), "-o", str(work / "j1")], work / "j1")
        heic_one, _ = median_run([*scrub, "--jobs", "1", str(heics), "-o", str(work / "h1")], work / "h1")
        # Interleaved with a plain cp, so both meet the same disk (writeback of other work included).
        ours_times, copy_times, video_peak = [], [], 0.0
        for _ in range(3):
            shutil.rmtree(work / "v", ignore_errors=True)
            (work / "copy.mp4").unlink(missing_ok=True)
            elapsed, peak = run([*scrub, "--jobs", "1", str(video), "-o", str(work / "v")])
            ours_times.append(elapsed)
            video_peak = max(video_peak, peak)
            shutil.rmtree(work / "v", ignore_errors=True)
            copy_times.append(run(["cp", "--reflink=never", str(video), str(work / "copy.mp4")])[0])
        video_ours, copy_time = statistics.median(ours_times), statistics.median(copy_times)
        (work / "copy.mp4").unlink(missing_ok=True)
        in_place_times, in_place_peak = [], 0.0
        for _ in range(3):
            target = work / "in-place.mp4"
            shutil.copy(video, target)  # a fresh dirty copy each run, not timed
            elapsed, peak = run([*scrub, "--jobs", "1", "--in-place", "--yes", str(target)])
            in_place_times.append(elapsed)
            in_place_peak = max(in_place_peak, peak)
            target.unlink()
        jpeg_mb = sum(p.stat().st_size for p in jpegs.glob("*.jpg")) / 2**20
        heic_mb = sum(p.stat().st_size for p in heics.glob("*.heic")) / 2**20
        print(f"JPEG: {args.jpegs} photos, {jpeg_mb:.0f} MB; HEIC: {args.heics} photos, {heic_mb:.0f} MB; "
              f"video: {video.stat().st_size / 2**20:,.0f} MB; jobs={args.jobs}")
        print(f"scrub JPEG:  {jpeg_ours:6.2f} s, peak {jpeg_peak:5.0f} MB; with --jobs 1: {jpeg_one:6.2f} s")
        print(f"scrub HEIC:  {heic_ours:6.2f} s, peak {heic_peak:5.0f} MB; with --jobs 1: {heic_one:6.2f} s")
        print(f"scrub video to a new file: {video_ours:6.2f} s, peak {video_peak:5.0f} MB "
              f"(a plain cp of it: {copy_time:.2f} s: the copy is the disk's time, not ours)")
        print(f"scrub video in place: {statistics.median(in_place_times):6.2f} s, peak {in_place_peak:5.0f} MB "
              "(goal: < 2 s, < 100 MB)")
        if exiftool:
            plain, plain_peak = median_run([exiftool, "-q", "-q", "-all=", "-o", str(work / "ej") + "/", str(jpegs)],
                                           work / "ej", make_dir=True)
            keep = [exiftool, "-q", "-q", "-all=", "-tagsfromfile", "@", "-Orientation", "-ICC_Profile"]
            heic_exif, heic_exif_peak = median_run([*keep, "-o", str(work / "eh") + "/", str(heics)], work / "eh", make_dir=True)
            print(f"exiftool -all= on the JPEGs: {plain:6.2f} s, peak {plain_peak:4.0f} MB -> ours/exiftool = "
                  f"{jpeg_ours / plain:.2f} (--jobs 1: {jpeg_one / plain:.2f}; goal <= 1.0)")
            print(f"exiftool keeping orientation+ICC on the HEICs: {heic_exif:6.2f} s, peak {heic_exif_peak:4.0f} MB -> "
                  f"ours/exiftool = {heic_ours / heic_exif:.2f} (--jobs 1: {heic_one / heic_exif:.2f}; goal <= 1.0)")
        else:
            print("exiftool is not installed (Debian: libimage-exiftool-perl); comparisons skipped")
        startup(python, next(iter(sorted(jpegs.glob("*.jpg")))), args.jobs, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
