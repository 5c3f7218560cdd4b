"""Peak memory of the cleaner on hostile inputs, each in a fresh child process.

    .venv/bin/python benchmarks/scrub_bounds.py

Goals (issue 12 item 6): peak RSS under 300 MB for any single input, under 150 MB for container
edits (JPEG, PNG, WebP), whatever the batch size. Each child runs one `inspect_file` or
`clean_file` and reports its own peak (ru_maxrss); an address-space cap of 2 GB keeps a regression
from taking the machine down (it would show as a MemoryError, not a figure).
"""

from __future__ import annotations

import io
import random
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "desktop")]
from scrub_child import measure  # noqa: E402
from tests.scrubber.hostile import gif_bomb, png_bomb, tiff_bomb  # noqa: E402

from socially_aware.scrubber import limits  # noqa: E402


def _big_jpeg(path: Path, size: int) -> Path:
    """A JPEG whose picture data is `size` bytes of noise (never decoded: this measures the
    container edit at the file-size limit)."""
    from PIL import Image

    head = io.BytesIO()
    Image.new("RGB", (8000, 6000)).resize((8, 6)).save(head, "JPEG")
    data = head.getvalue()
    scan = data.index(b"\xff\xda")
    length = int.from_bytes(data[scan + 2 : scan + 4], "big")
    noise = random.Random(1).randbytes(size).replace(b"\xff", b"\xfe")
    payload = b"Exif\x00\x00II*\x00\x08\x00\x00\x00\x00\x00"
    exif = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
    path.write_bytes(data[:2] + exif + data[2 : scan + 2 + length] + noise + b"\xff\xd9")
    return path


NEAR_LIMIT = limits.MAX_FILE_BYTES - 2**20


def _inputs(folder: Path) -> None:
    gif_bomb(folder / "canvas.gif")
    tiff_bomb(folder / "240mp.tif")
    png_bomb(folder / "240mp.png", text=b"Shot at the airport")
    tiff_bomb(folder / "19mp.tif", 5000, 3800)
    gif_bomb(folder / "9f.gif", 2000, 9)
    _big_jpeg(folder / "big.jpg", NEAR_LIMIT)


def _labels(folder: Path) -> list[tuple[str, str, Path]]:
    return [
        ("interpreter + cleaner imports", "imports", folder / "none"),
        ("GIF 959 B, 15000² canvas × 40 frames: clean", "clean", folder / "canvas.gif"),
        ("GIF 959 B, 15000² canvas × 40 frames: inspect", "inspect", folder / "canvas.gif"),
        ("TIFF 240 MP (deflated zeros): clean", "clean", folder / "240mp.tif"),
        ("PNG 240 MP: inspect", "inspect", folder / "240mp.png"),
        ("PNG 240 MP: clean (container edit)", "clean", folder / "240mp.png"),
        ("TIFF 19 MP, just within the budget: clean", "clean", folder / "19mp.tif"),
        ("GIF 2000² × 9 frames, within the budget: clean", "clean", folder / "9f.gif"),
        (f"JPEG {NEAR_LIMIT / 2**20:.0f} MB, at the file limit: clean (container edit)", "clean", folder / "big.jpg"),
    ]


def main() -> int:
    if sys.argv[1:2] == ["--generate"]:
        _inputs(Path(sys.argv[2]))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # Made in a child: Linux carries a process's peak memory over into the children it starts,
        # so this process must stay small for the children's figures to be their own.
        subprocess.run([sys.executable, __file__, "--generate", tmp], check=True)
        print(
            f"budget: {limits.megabytes(limits.MAX_DECODE_BYTES)} to re-encode, files up to "
            f"{limits.megabytes(limits.MAX_FILE_BYTES)}; goals: < 300 MB any input, < 150 MB container edits"
        )
        for label, action, path in _labels(folder):
            figures = measure(action, path, folder / ("out" + path.suffix))
            if isinstance(figures, str):
                print(f"{label:60} child failed: {figures}")
                continue
            print(
                f"{label:60} peak {figures['peak_mb']:6.0f} MB  {figures['seconds']:5.2f} s  {figures['outcome'][:90]}"
            )
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, not counted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
