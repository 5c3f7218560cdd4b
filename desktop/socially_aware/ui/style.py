"""Look and feel: Fusion with our own light or dark colours, a visible focus ring, readable contrast.

Every colour is declared once per theme in `Colours`; the palette and the stylesheet are both made
from it, and the accessibility test renders the real window to measure what a person sees.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QStyleOptionComplex, QWidget

from socially_aware.progress.model import Appearance

ACCENT = "#1f6f78"


@dataclass(frozen=True)
class Colours:
    window: str
    text: str
    muted: str
    """Secondary text: still at least 4.5:1 on window, base and banner backgrounds."""
    base: str
    alternate: str
    button: str
    button_hover: str
    border: str
    """Edges of buttons, fields and check boxes: 3:1 against the window, so they can be found."""
    accent: str
    on_accent: str
    accent_soft: str
    """Background of a pressed toggle button; text on it is `text`."""
    bar: str
    """A progress bar's fill: `text` on it reads at 4.5:1, and it stands 3:1 against `base`."""
    ring: str
    """The focus ring: 3:1 against the window and the accent (primary buttons)."""
    disabled: str
    link: str


LIGHT = Colours(
    window="#f4f6f5",
    text="#111416",
    muted="#53595e",
    base="#ffffff",
    alternate="#e9eeed",
    button="#fbfcfc",
    button_hover="#e6eeee",
    border="#7d8589",
    accent=ACCENT,
    on_accent="#ffffff",
    accent_soft="#cfe6e8",
    bar="#4c9ca4",
    ring="#000000",
    disabled="#8a9094",
    link="#1a5f67",
)
DARK = Colours(
    window="#1e2124",
    text="#e8eaed",
    muted="#a9afb5",
    base="#16181a",
    alternate="#272b30",
    button="#2b3035",
    button_hover="#353b41",
    border="#80878e",
    accent="#3698a2",
    on_accent="#0b1a1c",
    accent_soft="#1f4d52",
    bar="#1f6f78",
    ring="#ffffff",
    disabled="#6b7075",
    link="#7cc7cf",
)


def colours(dark: bool) -> Colours:
    return DARK if dark else LIGHT


def dark_for(appearance: Appearance) -> bool | None:
    """None means: follow the system."""
    return {Appearance.SYSTEM: None, Appearance.LIGHT: False, Appearance.DARK: True}[appearance]


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def palette_for(c: Colours) -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: c.window,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Base: c.base,
        QPalette.ColorRole.AlternateBase: c.alternate,
        QPalette.ColorRole.ToolTipBase: c.base,
        QPalette.ColorRole.ToolTipText: c.text,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.Button: c.button,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.BrightText: c.ring,
        QPalette.ColorRole.Highlight: c.accent,
        QPalette.ColorRole.HighlightedText: c.on_accent,
        QPalette.ColorRole.Link: c.link,
        QPalette.ColorRole.PlaceholderText: c.muted,
        QPalette.ColorRole.Mid: c.border,
        QPalette.ColorRole.Dark: c.border,
        QPalette.ColorRole.Light: c.base,
        QPalette.ColorRole.Midlight: c.alternate,
        QPalette.ColorRole.Shadow: c.border,
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.disabled))
    return p


def stylesheet(c: Colours) -> str:
    # Buttons and text fields draw their own edges so that focus can be a 2 px ring in `ring`: Fusion's
    # own focus mark vanishes on a filled (primary) button. Padding shrinks by the ring's extra pixel so
    # nothing moves when focus arrives.
    return f"""
        QLabel[role="h1"] {{ font-size: 20pt; font-weight: 600; }}
        QLabel[role="h2"] {{ font-size: 14pt; font-weight: 600; }}
        QLabel[role="muted"] {{ color: {c.muted}; }}
        QLabel[role="badge"] {{ border: 1px solid {c.accent}; border-radius: 8px; padding: 2px 8px; }}
        QFrame[role="card"] {{ background: {c.base}; border: 1px solid {c.border}; border-radius: 10px; }}
        QFrame[role="banner"] {{ background: {c.alternate}; border: 1px solid {c.accent}; border-radius: 6px; }}
        QPushButton {{ background: {c.button}; color: {c.text}; border: 1px solid {c.border}; border-radius: 6px;
                       padding: 6px 14px; }}
        QPushButton:hover {{ background: {c.button_hover}; }}
        QPushButton:checked {{ background: {c.accent_soft}; border-color: {c.accent}; }}
        QPushButton:focus {{ border: 2px solid {c.ring}; padding: 5px 13px; }}
        QPushButton:disabled {{ color: {c.disabled}; border-color: {c.disabled}; }}
        QPushButton[role="primary"] {{ background: {c.accent}; color: {c.on_accent}; font-weight: 600;
                                       border: 1px solid {c.accent}; padding: 8px 18px; }}
        QPushButton[role="primary"]:focus {{ border: 2px solid {c.ring}; padding: 7px 17px; }}
        QPushButton[role="primary"]:disabled {{ background: {c.border}; color: {c.window}; border-color: {c.border}; }}
        QToolButton[role="expander"] {{ border: 2px solid transparent; border-radius: 4px; padding: 3px 6px 3px 2px;
                                        font-weight: 600; }}
        QToolButton[role="expander"]:focus {{ border: 2px solid {c.ring}; }}
        QCheckBox {{ border: 2px solid transparent; border-radius: 4px; padding: 2px 4px; }}
        QCheckBox:focus {{ border: 2px solid {c.ring}; }}
        QLineEdit, QPlainTextEdit {{ background: {c.base}; color: {c.text}; border: 1px solid {c.border};
                                    border-radius: 4px; padding: 4px; }}
        QLineEdit:focus, QPlainTextEdit:focus {{ border: 2px solid {c.ring}; padding: 3px; }}
        QListWidget:focus {{ border: 2px solid {c.ring}; }}
        QScrollArea[role="reading"] {{ border: 2px solid transparent; border-radius: 4px; }}
        QScrollArea[role="reading"]:focus {{ border: 2px solid {c.ring}; }}
        QTreeWidget {{ border: 2px solid {c.border}; }}
        QTreeWidget:focus {{ border: 2px solid {c.ring}; }}
        QTableView {{ border: 2px solid {c.border}; }}
        QTableView:focus {{ border: 2px solid {c.ring}; }}
        QListWidget::item {{ padding: 4px 2px; color: {c.text}; }}
        QListWidget::item:selected {{ background: {c.accent}; color: {c.on_accent}; }}
        QListWidget#navigation {{ font-size: 11pt; border: 2px solid transparent; background: {c.alternate}; }}
        QListWidget#navigation:focus {{ border: 2px solid {c.ring}; }}
        QListWidget#navigation::item {{ padding: 10px 14px; color: {c.text}; }}
        QListWidget#navigation::item:selected {{ background: {c.accent}; color: {c.on_accent}; }}
        QProgressBar {{ border: 1px solid {c.border}; border-radius: 5px; background: {c.base}; color: {c.text};
                        text-align: center; min-height: 12px; }}
        QProgressBar::chunk {{ background: {c.bar}; border-radius: 4px; }}
        QToolTip {{ color: {c.text}; background: {c.base}; border: 1px solid {c.border}; }}
    """


class _VisibleIndicators(QProxyStyle):
    """Fusion outlines a check box in a darker shade of the window, which disappears on a dark window:
    draw the edge again in a colour that can be seen in either theme. A focused drop-down looks like an
    unfocused one in Fusion, and a number box gets a 1 px tint: both get the focus ring the other controls
    have (drawn here, not in the style sheet, which would make Qt draw their arrows and buttons itself)."""

    def __init__(self, edge: str, ring: str) -> None:
        super().__init__("Fusion")
        self._edge = QColor(edge)
        self._ring = QColor(ring)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        if focused and control in (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox):
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self._ring, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(option.rect).adjusted(1, 1, -1, -1), 3, 3)
            painter.restore()

    def drawPrimitive(
        self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorRadioButton):
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self._edge, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            box = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
            if element is QStyle.PrimitiveElement.PE_IndicatorRadioButton:
                painter.drawEllipse(box)
            else:
                painter.drawRoundedRect(box, 2, 2)
            painter.restore()


def apply_style(app: QApplication, dark: bool | None = None) -> bool:
    """Apply Fusion and our colours; `None` follows the system. Returns whether dark mode is on."""
    use_dark = system_prefers_dark() if dark is None else dark
    c = colours(use_dark)
    sheet = stylesheet(c)
    # Restyling every widget again would only cost time. Ours is on when its sheet is: with a sheet set,
    # `app.style()` is Qt's style-sheet style wrapped around ours, so it cannot be asked.
    if app.property("dark") is use_dark and app.styleSheet() == sheet:
        return use_dark
    app.setStyle(_VisibleIndicators(c.border, c.ring))
    app.setPalette(palette_for(c))
    app.setStyleSheet(sheet)
    app.setProperty("dark", use_dark)
    return use_dark
