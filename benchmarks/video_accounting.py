"""Cleaning a large phone-shaped video with every byte accounted for: time and peak memory.

    nice .venv/bin/python benchmarks/video_accounting.py [--mb 1024]

The video is shaped like a phone's: a video track whose samples fill `mdat` (one sample per
frame, 30 frames a chunk), a GoPro-style timed metadata track of small samples between the
chunks, Android and Apple place tags. Cleaning removes the metadata track and zeroes its samples,
blanks every tail and name, and checks the rest of `mdat` is the kept track's. Printed: wall time
and peak RSS of `scrub` to a new file and in place, and a plain `cp` for scale.
`benchmarks/scrub_phone.py` times the same shape of video against exiftool.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "desktop")]
from tests.scrubber import videos  # noqa: E402

FRAME = 64 * 1024
PER_CHUNK = 30


def make(path: Path, megabytes: int) -> None:
    """Sample tables first (made with tiny samples), then sizes and offsets set for the real ones."""
    chunks = max(1, megabytes * 2**20 // (FRAME * PER_CHUNK))
    frames = chunks * PER_CHUNK
    video = videos.video_track([b"\x00"] * frames)
    gpmf = videos.Track(b"meta", videos.gpmd_entry(), [b"GPS5" + bytes(60)] * chunks)
    small = videos.build_video([video, gpmf])
    mdat_at = small.rindex(b"mdat") - 4
    moov = bytearray(small[:mdat_at])
    start = mdat_at + 8
    # video: stsz every frame FRAME bytes, stsc PER_CHUNK a chunk, stco one entry a chunk; gpmf
    # samples (64 bytes) one a chunk, right after each video chunk
    first = moov.index(b"stsz") - 4
    struct.pack_into(">II", moov, first + 12, FRAME, frames)  # constant size (the table stays, unread)
    stsc = moov.index(b"stsc") - 4
    struct.pack_into(">III", moov, stsc + 16, 1, PER_CHUNK, 1)
    stco = moov.index(b"stco") - 4
    table = b"".join(struct.pack(">I", start + i * (FRAME * PER_CHUNK + 64)) for i in range(chunks))
    new_stco = struct.pack(">I4sII", 16 + len(table), b"stco", 0, chunks) + table
    moov[stco : stco + 20] = new_stco
    second_stco = moov.index(b"stco", stco + len(new_stco)) - 4
    gtable = b"".join(
        struct.pack(">I", start + i * (FRAME * PER_CHUNK + 64) + FRAME * PER_CHUNK) for i in range(chunks)
    )
    gstsc = moov.index(b"stsc", stco + len(new_stco)) - 4
    struct.pack_into(">III", moov, gstsc + 16, 1, 1, 1)
    moov[second_stco : second_stco + 20] = struct.pack(">I4sII", 16 + len(gtable), b"stco", 0, chunks) + gtable
    grow = len(new_stco) - 20 + len(gtable) + 16 - 20
    _grow(moov, grow, len(new_stco) - 20, stco)
    shift = len(moov) - mdat_at
    for at in (moov.index(b"stco") - 4, moov.index(b"stco", moov.index(b"stco") + 8) - 4):
        (count,) = struct.unpack_from(">I", moov, at + 12)
        for i in range(count):
            (value,) = struct.unpack_from(">I", moov, at + 16 + 4 * i)
            struct.pack_into(">I", moov, at + 16 + 4 * i, value + shift)
    media = chunks * (FRAME * PER_CHUNK + 64)
    block = b"".join(videos.coded_frame(os.urandom(FRAME)) for _ in range(PER_CHUNK))  # one coded slice each
    with path.open("wb") as file:
        file.write(bytes(moov) + struct.pack(">I4s", 8 + media, b"mdat"))
        for _ in range(chunks):
            file.write(block + b"GPS5 +35.6895+139.6917" + bytes(42))


def _grow(moov: bytearray, total: int, first: int, first_at: int) -> None:
    """moov, both traks and their mdia/minf/stbl grown by the longer chunk tables."""
    pos = moov.index(b"moov") - 4
    struct.pack_into(">I", moov, pos, struct.unpack_from(">I", moov, pos)[0] + total)
    trak = pos + 8
    while trak < len(moov):
        size, kind = struct.unpack_from(">I4s", moov, trak)
        if kind == b"trak":
            grow = first if trak < first_at else total - first
            for name in (b"trak", b"mdia", b"minf", b"stbl"):
                at = trak if name == b"trak" else moov.index(name, trak) - 4
                struct.pack_into(">I", moov, at, struct.unpack_from(">I", moov, at)[0] + grow)
            size += grow
        trak += size


def _timed(command: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=False)
    peak = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "?"
    return time.perf_counter() - started, f"{int(peak) / 1024:.0f} MB" if peak.isdigit() else peak


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=1024)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "clip.mp4"
        make(source, args.mb)
        scrub = [sys.executable, "-m", "socially_aware", "scrub"]
        env_path = str(ROOT / "desktop")
        os.environ["PYTHONPATH"] = env_path
        seconds, peak = _timed(["cp", str(source), str(folder / "copy.mp4")])
        print(f"video {source.stat().st_size / 2**20:.0f} MB; cp: {seconds:.2f} s, {peak}")
        out = folder / "out"
        seconds, peak = _timed([*scrub, str(source), "--output", str(out)])
        print(f"scrub to a new file: {seconds:.2f} s, peak {peak}")
        inplace = folder / "inplace.mp4"
        shutil.copy(source, inplace)
        seconds, peak = _timed([*scrub, "--in-place", "--yes", str(inplace)])
        print(f"scrub in place: {seconds:.2f} s, peak {peak}")
        cleaned = inplace.read_bytes()[-200:]
        print("GPS text left in the cleaned file's last chunk:", b"GPS5 +35" in cleaned)
    return 0


if __name__ == "__main__":
    sys.exit(main())
