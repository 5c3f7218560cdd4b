"""Peak memory and time of inspecting and cleaning ISOBMFF files made of floods of tiny things.

    nice .venv/bin/python benchmarks/isobmff_flood.py

Goal (issue 21 item 4): a file under the size limit made of millions of empty boxes, or of tables
at their count limit, costs < 300 MB and < 10 s to inspect or clean. Each case runs in a fresh
child process (see scrub_bounds.py for why) that reports its own peak RSS (ru_maxrss) and time.
The budgets are in `scrubber/limits.py`; a case over a budget ends in a plain refusal.
"""

from __future__ import annotations

import json
import resource
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "desktop")]
from scrub_child import child_env, measure  # noqa: E402
from tests.scrubber import heifs, videos  # noqa: E402

from socially_aware.scrubber import limits  # noqa: E402

SIZE = limits.MAX_FILE_BYTES - 2**20
FREE = struct.pack(">I4s", 8, b"free")


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _full(kind: bytes, payload: bytes, version: int = 0, flags: int = 0) -> bytes:
    return _box(kind, struct.pack(">I", (version << 24) | flags) + payload)


def _heic(folder: Path) -> bytes:
    return heifs.made_heic(folder, "base.heic").read_bytes()


def _video(samples: int = 2) -> bytes:
    return videos.build_video([videos.video_track([bytes(300)] * samples)])


def _with_chunks(count: int) -> bytes:
    """A video whose one track has `count` chunks of one 8-byte sample each."""
    track = videos.video_track([bytes(8)] * count)
    data = videos.build_video([track])
    # one sample per chunk instead of all in one chunk: stsc (1, 1, 1) and an stco entry per sample
    stsc_at = data.index(b"stsc") - 4
    data = data[:stsc_at] + _full(b"stsc", struct.pack(">IIII", 1, 1, 1, 1)) + data[stsc_at + 28 :]
    stco_at = data.index(b"stco") - 4
    (first,) = struct.unpack_from(">I", data, stco_at + 16)
    delta = 4 * count - 4
    table = _full(
        b"stco", struct.pack(">I", count) + b"".join(struct.pack(">I", first + delta + 8 * i) for i in range(count))
    )
    data = data[:stco_at] + table + data[stco_at + 20 :]
    return _grow_parents(data, stco_at, delta)


def _grow_parents(data: bytes, at: int, delta: int) -> bytes:
    """The sizes of moov > trak > mdia > minf > stbl (the boxes around the table) grown by `delta`."""
    blob = bytearray(data)
    pos, end = 0, len(blob)
    for kind in (b"moov", b"trak", b"mdia", b"minf", b"stbl"):
        while pos < end:
            size, found = struct.unpack_from(">I4s", blob, pos)
            if found == kind:
                struct.pack_into(">I", blob, pos, size + delta)
                end = pos + size + delta
                pos += 8
                break
            pos += size
    return bytes(blob)


def _with_units(count: int) -> bytes:
    """A video of one frame made of `count` one-byte SEI units, each to be neutralised."""
    entry = videos.video_track([]).entry
    return videos.build_video([videos.Track(b"vide", entry, [b"\x00\x00\x00\x01\x06" * count])])


def _inputs(folder: Path) -> list[tuple[str, str, bytes]]:
    heic = _heic(folder)
    video = _video()
    moov_at = video.index(b"moov") - 4
    (moov_size,) = struct.unpack_from(">I", video, moov_at)
    udta = _box(b"udta", FREE * 260_000)
    moov_flood = (
        video[:moov_at]
        + struct.pack(">I", moov_size + len(udta))
        + video[moov_at + 4 : moov_at + moov_size]
        + udta
        + video[moov_at + moov_size :]
    )
    # the flooded moov moves mdat: rebuild the chunk offset
    stco = moov_flood.index(b"stco") - 4
    (offset,) = struct.unpack_from(">I", moov_flood, stco + 16)
    moov_flood = moov_flood[: stco + 16] + struct.pack(">I", offset + len(udta)) + moov_flood[stco + 20 :]
    frag = videos.build_video([videos.video_track([bytes(16)])], fragmented=True)
    moof_at = frag.index(b"moof") - 4
    one = frag[moof_at:]  # moof + mdat, self-contained (offsets count from the moof)
    many_fragments = frag[:moof_at] + one * 30_000  # 7 boxes each with its mdat: within the box budget
    return [
        ("HEIC + 6 million empty top-level boxes", ".heic", heic + FREE * ((SIZE - len(heic)) // 8)),
        ("MP4 + 6 million empty top-level boxes", ".mp4", video + FREE * ((SIZE - len(video)) // 8)),
        ("MP4 with 260,000 empty boxes in moov/udta", ".mp4", moov_flood),
        (f"MP4 with {limits.MAX_CHUNKS:,} chunks (the limit)", ".mp4", _with_chunks(limits.MAX_CHUNKS)),
        (f"MP4 with {limits.MAX_CHUNKS + 1:,} chunks (over)", ".mp4", _with_chunks(limits.MAX_CHUNKS + 1)),
        (f"fragmented MP4, {len(many_fragments) // len(one):,} fragments", ".mp4", many_fragments),
        (
            f"MP4, one frame of {limits.MAX_VIDEO_UNITS:,} SEI units (the limit)",
            ".mp4",
            _with_units(limits.MAX_VIDEO_UNITS),
        ),
        (
            f"MP4, one frame of {limits.MAX_VIDEO_UNITS + 1:,} SEI units (over)",
            ".mp4",
            _with_units(limits.MAX_VIDEO_UNITS + 1),
        ),
    ]


def main() -> int:
    if sys.argv[1:2] == ["--generate"]:
        folder = Path(sys.argv[2])
        labels = []
        for n, (label, suffix, data) in enumerate(_inputs(folder)):
            path = folder / f"case{n}{suffix}"
            path.write_bytes(data)
            labels.append((label, str(path)))
        (folder / "cases.json").write_text(json.dumps(labels))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # Made in a child: Linux carries a process's peak memory over into the children it starts,
        # so this process must stay small for the children's figures to be their own.
        subprocess.run([sys.executable, __file__, "--generate", tmp], check=True, env=child_env())
        cases = [(label, Path(path)) for label, path in json.loads((folder / "cases.json").read_text())]
        print(
            f"budgets: {limits.MAX_BOXES:,} boxes, {limits.MAX_CHUNKS:,} chunks, {limits.MAX_SAMPLES:,} samples,"
            f" {limits.MAX_VIDEO_UNITS:,} coded units;"
            " goal < 300 MB, < 10 s"
        )
        for label, path in cases:
            for action in ("inspect", "clean"):
                figures = measure(action, path, folder / ("out" + path.suffix))
                name = f"{label} ({path.stat().st_size / 2**20:.0f} MB): {action}"
                if isinstance(figures, str):
                    print(f"{name:72} child failed: {figures}")
                    continue
                print(
                    f"{name:72} peak {figures['peak_mb']:5.0f} MB {figures['seconds']:6.2f} s  {figures['outcome'][:70]}"
                )
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, not counted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
