"""Make `assets/selftest/gps.heic`, the HEIC photo `--self-test` cleans and decodes in a bundle.

The bundle decodes HEIF with pi-heif, which has no HEVC encoder, so the self-test cannot make its
HEIC at run time as it does its JPEG. Rerun (needs the `test` extra's pillow-heif):
`python scripts/make_selftest_heic.py`. The picture is a flat colour with a camera maker and a GPS
position in its Exif, both made up here.
"""

from __future__ import annotations

from pathlib import Path

import pillow_heif
from PIL import Image

TARGET = Path(__file__).resolve().parents[1] / "assets" / "selftest" / "gps.heic"


def main() -> None:
    exif = Image.Exif()
    exif[0x010F] = "Self-test camera maker"  # Make
    exif.get_ifd(0x8825).update({1: "S", 2: (33.0, 51.0, 54.0), 3: "E", 4: (151.0, 12.0, 36.0)})
    heif = pillow_heif.from_pillow(Image.new("RGB", (64, 48), (30, 120, 90)))
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    heif.save(TARGET, quality=50, exif=exif.tobytes())
    print(f"{TARGET.name}: {TARGET.stat().st_size} bytes")


if __name__ == "__main__":
    main()
