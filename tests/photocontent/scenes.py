"""Pictures made in the tests and the benchmark: names on patches, signs and lanyards, decoys, codes.

Everything is drawn here with the fonts the system has (DejaVu, from fonts-dejavu-core, which the
Qt stack already needs), so no picture is stored in the repository.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
FONT_NAMES = ("DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSansCondensed.ttf", "DejaVuSansMono-Bold.ttf")


def font(index: int, size: int) -> ImageFont.FreeTypeFont:
    name = FONT_NAMES[index % len(FONT_NAMES)]
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)


def background(size: tuple[int, int], seed: int = 1) -> Image.Image:
    """A soft, uneven backdrop (a wall, a sky): smooth blobs of colour, then a little grain."""
    rng = random.Random(seed)
    small = Image.new("RGB", (8, 6))
    small.putdata([(rng.randrange(60, 200), rng.randrange(60, 200), rng.randrange(60, 200)) for _ in range(48)])
    image = small.resize(size, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(size, 12).convert("RGB")
    return Image.blend(image, grain, 0.08)


@dataclass(frozen=True)
class Placed:
    text: str
    box: tuple[int, int, int, int]
    """Where the patch landed: x, y, w, h."""


def place_text(
    image: Image.Image,
    text: str,
    at: tuple[int, int],
    *,
    height: int = 40,
    angle: float = 0,
    font_index: int = 0,
    ink: tuple[int, int, int] = (255, 255, 255),
    plate: tuple[int, int, int] = (20, 40, 90),
) -> Placed:
    """A patch or sign: `text` in letters `height` px tall on a plate, turned by `angle` degrees."""
    face = font(font_index, round(height * 1.35))  # cap height is about 0.73 of the font size
    left, top, right, bottom = face.getbbox(text)
    pad = height // 2
    patch = Image.new("RGBA", (right - left + 2 * pad, bottom - top + 2 * pad), (*plate, 255))
    ImageDraw.Draw(patch).text((pad - left, pad - top), text, font=face, fill=ink)
    patch = patch.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    # Kept whole inside the picture: a name cut off by the frame is not what the set measures.
    at = (max(0, min(at[0], image.width - patch.width)), max(0, min(at[1], image.height - patch.height)))
    image.paste(patch, at, patch)
    return Placed(text, (at[0], at[1], patch.width, patch.height))


def place_code(image: Image.Image, content: str, at: tuple[int, int], scale: int = 5) -> Placed:
    """A QR code like the one on a staff pass."""
    import zxingcpp

    code = zxingcpp.create_barcode(content, zxingcpp.BarcodeFormat.QRCode).to_image(scale=scale)
    picture = Image.fromarray(__import__("numpy").asarray(code)).convert("RGB")
    framed = Image.new("RGB", (picture.width + 4 * scale, picture.height + 4 * scale), (255, 255, 255))
    framed.paste(picture, (2 * scale, 2 * scale))
    image.paste(framed, at)
    return Placed(content, (at[0], at[1], framed.width, framed.height))


def lanyard(size: tuple[int, int], text: str, seed: int = 3) -> Image.Image:
    """A strap with the name repeated along it, as lanyards carry it."""
    image = background(size, seed)
    place_text(image, f"{text}   {text}", (size[0] // 10, size[1] // 2), height=32, angle=-12, plate=(10, 10, 10))
    return image.filter(ImageFilter.GaussianBlur(0.6))


STAFF_CODE = "STAFF-PASS-0042-CANARY"
"""The content of the test pass's QR code: it must never appear in any output."""


def pass_scene(path: Path, size: tuple[int, int] = (1000, 700)) -> dict[str, Placed]:
    """A desk photo: a sign naming the organisation (turned 20°), a decoy sign and a pass's QR code."""
    image = background(size, seed=7)
    placed = {
        "term": place_text(image, "BORDER FORCE", (60, 60), height=34, angle=20),
        "decoy": place_text(
            image, "Border Collie Club", (80, 450), height=30, font_index=1, plate=(230, 230, 220), ink=(30, 30, 30)
        ),
        "code": place_code(image, STAFF_CODE, (720, 380)),
    }
    image.save(path, quality=92)
    return placed
