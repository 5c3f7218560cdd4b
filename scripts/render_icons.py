"""Render assets/icons/socially-aware.svg to the PNG sizes desktops expect.

Run after changing the SVG: `QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/render_icons.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONS = Path(__file__).resolve().parents[1] / "assets" / "icons"


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "socially-aware.svg"))
    if not renderer.isValid():
        print("The SVG did not load", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        out = ICONS / f"socially-aware-{size}.png"
        image.save(str(out))
        print(out.name)
    # Windows wants one .ico holding several sizes; Pillow writes that from the largest PNG.
    from PIL import Image

    with Image.open(ICONS / "socially-aware-256.png") as big:
        big.save(ICONS / "socially-aware.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    print("socially-aware.ico")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
