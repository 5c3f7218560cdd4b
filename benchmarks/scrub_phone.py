"""What phones make, cleaned, against exiftool, in one run: JPEG, HEIC, a 1 GB video, pool startup.

    nice .venv/bin/python benchmarks/scrub_phone.py [--jpegs N] [--heics N] [--video-mb N] [--jobs N]

Prints, each from this one run (medians of 3 rounds in which the commands take turns, page cache
warm, writeback flushed before each command):
- JPEG: our `scrub` (every output verified) / `exiftool -all=` (no verification, loses orientation).
  Goal (issue 12 item 9): at most 1.0.
- HEIC: our `scrub` / `exiftool -all= -tagsfromfile @ -Orientation -ICC_Profile`. Goal: at most 1.0.
  The HEICs are copies of the real phone samples in tests/data/heif (iPhone, Xiaomi, Samsung).
- Video: one MP4 of N MB (default 1024) with Android and Apple location tags: wall time and peak
  RSS of the `scrub` process. Goal: under 2 s and under 100 MB.
- Peak RSS of every command (from /usr/bin/time when there is one, else getrusage of the child).
- Where each file's time goes (read, clean + verify, header check, write, what an fsync would add)
  and where the start-up time goes: the interpreter, importing the CLI and the scrubber, and
  starting the worker processes (forked, as the command line does, and spawned, for comparison).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from scrub_batch import Command, generate, phases, run, startup, take_turns  # noqa: E402  (shared with the batch benchmark)
from video_accounting import make as make_phone_video  # noqa: E402

CACHE = Path(tempfile.gettempdir())


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
    """A phone-shaped MP4 whose media data is about `megabytes` MB: made once, kept in the temp folder.

    Made by video_accounting.make: a video track whose samples fill `mdat` plus a GPMF-style track
    between its chunks, so cleaning zeroes only what a removed track used (a sample table covering the
    first bytes alone would make most of `mdat` unreferenced, and the figure a zero write). Its frames
    are coded slices ("v2"): a copy made before, of random bytes, is refused now."""
    path = CACHE / f"socially-aware-bench-phone-video-v2-{megabytes}.mp4"
    if not path.exists():
        make_phone_video(path, megabytes)
    return path


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
        # Taking turns, round after round, so a neighbour's load on a shared machine falls on all alike.
        # --jobs 1 too: no worker processes at all, for comparison.
        commands: dict[str, Command] = {
            "jpeg": ([*scrub, str(jpegs), "-o", str(work / "j")], work / "j", False),
            "jpeg1": ([*scrub, "--jobs", "1", str(jpegs), "-o", str(work / "j1")], work / "j1", False),
            "heic": ([*scrub, str(heics), "-o", str(work / "h")], work / "h", False),
            "heic1": ([*scrub, "--jobs", "1", str(heics), "-o", str(work / "h1")], work / "h1", False),
        }
        if exiftool:
            keep = [exiftool, "-q", "-q", "-all=", "-tagsfromfile", "@", "-Orientation", "-ICC_Profile"]
            commands["jpeg exiftool"] = (
                [exiftool, "-q", "-q", "-all=", "-o", str(work / "ej") + "/", str(jpegs)],
                work / "ej",
                True,
            )
            commands["heic exiftool"] = ([*keep, "-o", str(work / "eh") + "/", str(heics)], work / "eh", True)
        found = take_turns(commands)
        (jpeg_ours, jpeg_peak, _), (jpeg_one, _, _) = found["jpeg"], found["jpeg1"]
        (heic_ours, heic_peak, _), (heic_one, _, _) = found["heic"], found["heic1"]
        # Interleaved with a plain cp, so both meet the same disk (writeback of other work included).
        ours_times, copy_times, video_peak = [], [], 0.0
        for _ in range(3):
            shutil.rmtree(work / "v", ignore_errors=True)
            (work / "copy.mp4").unlink(missing_ok=True)
            elapsed, peak, _ = run([*scrub, "--jobs", "1", str(video), "-o", str(work / "v")])
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
            elapsed, peak, _ = run([*scrub, "--jobs", "1", "--in-place", "--yes", str(target)])
            in_place_times.append(elapsed)
            in_place_peak = max(in_place_peak, peak)
            target.unlink()
        jpeg_mb = sum(p.stat().st_size for p in jpegs.glob("*.jpg")) / 2**20
        heic_mb = sum(p.stat().st_size for p in heics.glob("*.heic")) / 2**20
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(
            f"JPEG: {args.jpegs} photos, {jpeg_mb:.0f} MB; HEIC: {args.heics} photos, {heic_mb:.0f} MB; "
            f"video: {video.stat().st_size / 2**20:,.0f} MB; jobs={args.jobs}"
        )
        print(f"scrub JPEG:  {jpeg_ours:6.2f} s, peak {jpeg_peak:5.0f} MB; with --jobs 1: {jpeg_one:6.2f} s")
        print(f"scrub HEIC:  {heic_ours:6.2f} s, peak {heic_peak:5.0f} MB; with --jobs 1: {heic_one:6.2f} s")
        print(
            f"scrub video to a new file: {video_ours:6.2f} s, peak {video_peak:5.0f} MB "
            f"(a plain cp of it: {copy_time:.2f} s: the copy is the disk's time, not ours)"
        )
        print(
            f"scrub video in place: {statistics.median(in_place_times):6.2f} s, peak {in_place_peak:5.0f} MB "
            "(goal: < 2 s, < 100 MB)"
        )
        if exiftool:
            plain, plain_peak, plain_cpu = found["jpeg exiftool"]
            heic_exif, heic_exif_peak, heic_exif_cpu = found["heic exiftool"]
            print(
                f"exiftool -all= on the JPEGs: {plain:6.2f} s, peak {plain_peak:4.0f} MB -> ours/exiftool = "
                f"{jpeg_ours / plain:.2f} (--jobs 1: {jpeg_one / plain:.2f}; goal <= 1.0)"
            )
            # On a shared machine the wall time depends on the neighbours; CPU time says what the work costs.
            print(
                f"  CPU: ours {found['jpeg'][2]:.2f} s (--jobs 1: {found['jpeg1'][2]:.2f} s), exiftool {plain_cpu:.2f} s "
                f"-> {found['jpeg'][2] / plain_cpu:.2f} (--jobs 1: {found['jpeg1'][2] / plain_cpu:.2f})"
            )
            print(
                f"exiftool keeping orientation+ICC on the HEICs: {heic_exif:6.2f} s, peak {heic_exif_peak:4.0f} MB -> "
                f"ours/exiftool = {heic_ours / heic_exif:.2f} (--jobs 1: {heic_one / heic_exif:.2f}; goal <= 1.0)"
            )
            print(
                f"  CPU: ours {found['heic'][2]:.2f} s (--jobs 1: {found['heic1'][2]:.2f} s), "
                f"exiftool {heic_exif_cpu:.2f} s -> {found['heic'][2] / heic_exif_cpu:.2f} "
                f"(--jobs 1: {found['heic1'][2] / heic_exif_cpu:.2f})"
            )
        else:
            print("exiftool is not installed (Debian: libimage-exiftool-perl); comparisons skipped")
    phases(jpegs)
    phases(heics, "*.heic")
    startup(args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
