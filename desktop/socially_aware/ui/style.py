"""Look and feel: Fusion with the system's light or dark palette, and a few calm accents."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#1f6f78"


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    p = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#1e2124", QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#16181a", QPalette.ColorRole.AlternateBase: "#24282c",
        QPalette.ColorRole.ToolTipBase: "#2b3035", QPalette.ColorRole.ToolTipText: "#e8eaed",
        QPalette.ColorRole.Text: "#e8eaed", QPalette.ColorRole.Button: "#2b3035",
        QPalette.ColorRole.ButtonText: "#e8eaed", QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#3aa3ad", QPalette.ColorRole.HighlightedText: "#0b1a1c",
        QPalette.ColorRole.Link: "#7cc7cf", QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.Mid: "#3c4146", QPalette.ColorRole.Dark: "#111315", QPalette.ColorRole.Light: "#3c4146",
    }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7075"))
    return p


def light_palette() -> QPalette:
    p = QApplication.style().standardPalette()
    p.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Window, QColor("#f4f6f5"))
    p.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    return p


def apply_style(app: QApplication, dark: bool | None = None) -> bool:
    """Apply Fusion and a palette; returns whether dark mode is on."""
    app.setStyle("Fusion")
    use_dark = system_prefers_dark() if dark is None else dark
    app.setPalette(dark_palette() if use_dark else light_palette())
    # Only sizes and shapes here: every colour comes from the palette, so dark mode just works.
    app.setStyleSheet(
        """
        QLabel[role="h1"] { font-size: 20pt; font-weight: 600; }
        QLabel[role="h2"] { font-size: 14pt; font-weight: 600; }
        QLabel[role="muted"] { color: palette(placeholder-text); }
        QLabel[role="badge"] { border: 1px solid palette(highlight); border-radius: 8px; padding: 2px 8px; }
        QFrame[role="card"] { background: palette(base); border: 1px solid palette(mid); border-radius: 10px; }
        QFrame[role="banner"] { background: palette(alternate-base); border: 1px solid palette(highlight); border-radius: 6px; }
        QPushButton { padding: 6px 14px; }
        QPushButton[role="primary"] { background: palette(highlight); color: palette(highlighted-text); font-weight: 600; border-radius: 6px; padding: 8px 18px; }
        QPushButton[role="primary"]:disabled { background: palette(mid); color: palette(window); }
        QPushButton:focus, QCheckBox:focus, QListWidget:focus, QLineEdit:focus, QComboBox:focus { outline: 2px solid palette(highlight); }
        QListWidget#navigation { font-size: 11pt; border: none; background: palette(alternate-base); }
        QListWidget#navigation::item { padding: 10px 14px; }
        QProgressBar { border: 1px solid palette(mid); border-radius: 5px; text-align: center; min-height: 16px; }
        QProgressBar::chunk { background: palette(highlight); border-radius: 4px; }
        """
    )
    return use_dark
