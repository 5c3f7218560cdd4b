"""Choose platforms (a searchable grid grouped by category) and the devices you use."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from socially_aware.catalog.model import USER_SURFACES, Category, Platform, Surface
from socially_aware.ui.labels import clamp, plain
from socially_aware.ui.untrusted import button_text, describe

COLUMNS = 3


# A device's own checklist (its settings) and the device the steps are written for go together: ticking
# either ticks both, and a person who says they have no such device has no use for its checklist.
# Unticking only the checklist is allowed: steps for that device stay, its own settings are left out.
PLATFORM_DEVICES = {"iphone": Surface.IOS, "android": Surface.ANDROID}
DEVICE_NOTE = (
    "The device's own settings, as a checklist: location history, where photos are taken, app "
    "permissions. Ticking one also ticks that device below."
)


class PlatformPicker(QWidget):
    chosen = Signal(list, list)
    """(platforms, surfaces)"""
    cancelled = Signal()
    """Left without changing anything (only offered when changing an earlier choice)."""

    def __init__(self, platforms: Iterable[Platform], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.platforms = list(platforms)
        content = QWidget()
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(clamp(content, characters=120))
        outer = QVBoxLayout(content)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.addWidget(plain("Which sites and apps do you use?", role="h1"))
        outer.addWidget(
            plain(
                "Tick every one you have an account on, even old ones you no longer use: an old profile "
                "can still show where you work.",
                role="muted",
            )
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search, e.g. Strava")
        self.search.setAccessibleName("Search platforms")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        outer.addWidget(self.search)

        self.boxes: dict[str, QCheckBox] = {}
        self._headings: dict[Category, QWidget] = {}
        self._grids: dict[Category, QGridLayout] = {}
        grid_host = QWidget()
        self._grid = QVBoxLayout(grid_host)
        for category in Category:
            members = [p for p in self.platforms if p.category is category]
            if not members:
                continue
            heading = plain(category.label, role="h2")
            if category is Category.DEVICE:
                heading = QWidget()
                stacked = QVBoxLayout(heading)
                stacked.setContentsMargins(0, 0, 0, 0)
                stacked.addWidget(plain("Devices: their own settings", role="h2"))
                stacked.addWidget(plain(DEVICE_NOTE, role="muted"))
            self._headings[category] = heading
            self._grid.addWidget(heading)
            grid = QGridLayout()
            for column in range(COLUMNS):  # same column widths in every category, so the grid lines up
                grid.setColumnStretch(column, 1)
            for index, platform in enumerate(members):
                own = " settings" if category is Category.DEVICE else ""
                box = QCheckBox(button_text(f"{platform.name}{own}"))
                box.setAccessibleName(
                    f"{platform.name}{own} ({category.label})"
                    if not own
                    else f"{platform.name} settings: the device's own checklist"
                )
                describe(box, platform.summary)
                self.boxes[platform.id] = box
                grid.addWidget(box, index // COLUMNS, index % COLUMNS)
            self._grids[category] = grid
            self._grid.addLayout(grid)
        self._grid.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        scroll.setFocusPolicy(scroll.focusPolicy().NoFocus)
        outer.addWidget(scroll, 1)

        outer.addWidget(plain("Which devices do you use them on?", role="h2"))
        outer.addWidget(plain("The steps are written for these.", role="muted"))
        devices = QHBoxLayout()
        self.surface_boxes: dict[Surface, QCheckBox] = {}
        for surface in USER_SURFACES:
            box = QCheckBox(surface.label)
            box.setAccessibleName(f"I use {surface.label}")
            self.surface_boxes[surface] = box
            devices.addWidget(box)
        devices.addStretch(1)
        outer.addLayout(devices)

        row = QHBoxLayout()
        self.count = plain("", role="muted")
        row.addWidget(self.count, 1)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel: go back without changing your platforms or devices (Esc)")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(False)
        row.addWidget(self.cancel_button)
        self.done_button = QPushButton("&Continue")
        self.done_button.setProperty("role", "primary")
        self.done_button.setAccessibleName("Continue with the chosen platforms and devices")
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self._accept)
        row.addWidget(self.done_button)
        outer.addLayout(row)
        for pid, box in self.boxes.items():
            box.toggled.connect(self._update_count)
            if pid in PLATFORM_DEVICES:
                box.toggled.connect(lambda on, s=PLATFORM_DEVICES[pid]: on and self.surface_boxes[s].setChecked(True))
        for surface, box in self.surface_boxes.items():
            box.toggled.connect(self._update_count)
            for pid in (p for p, s in PLATFORM_DEVICES.items() if s is surface and p in self.boxes):
                box.toggled.connect(lambda on, p=pid: self.boxes[p].setChecked(on))
        cancel = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel)
        cancel.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # PySide6 drops context= with a callable
        self._update_count()

    def set_cancellable(self, cancellable: bool) -> None:
        """Changing an earlier choice can be left as it was; the first choice can't (nothing to go back to)."""
        self.cancel_button.setVisible(cancellable)

    def cancel(self) -> None:
        if self.cancel_button.isVisible():
            self.cancelled.emit()

    def set_selection(self, platforms: Iterable[Platform | str], surfaces: Iterable[Surface]) -> None:
        chosen = {p if isinstance(p, str) else p.id for p in platforms}
        devices = set(surfaces)
        for surface, box in self.surface_boxes.items():
            box.blockSignals(True)  # nor is showing a saved device the person ticking it
            box.setChecked(surface in devices)
            box.blockSignals(False)
        for pid, box in self.boxes.items():
            box.blockSignals(True)  # showing a saved choice is not the person ticking a device platform
            box.setChecked(pid in chosen)
            box.blockSignals(False)
        self._update_count()

    def selected(self) -> list[Platform]:
        return [p for p in self.platforms if self.boxes[p.id].isChecked()]

    def selected_surfaces(self) -> list[Surface]:
        return [s for s, box in self.surface_boxes.items() if box.isChecked()]

    def _filter(self, text: str) -> None:
        """Show the matches packed from the first column, so a filtered grid has no holes."""
        needle = text.casefold().strip()
        for category, grid in self._grids.items():
            members = [p for p in self.platforms if p.category is category]
            shown = [
                p for p in members if not needle or needle in p.name.casefold() or needle in category.label.casefold()
            ]
            for platform in members:
                grid.removeWidget(self.boxes[platform.id])
                self.boxes[platform.id].setVisible(platform in shown)
            for index, platform in enumerate(shown):
                grid.addWidget(self.boxes[platform.id], index // COLUMNS, index % COLUMNS)
            self._headings[category].setVisible(bool(shown))

    def _update_count(self) -> None:
        n, d = len(self.selected()), len(self.selected_surfaces())
        self.done_button.setEnabled(n > 0 and d > 0)
        if n == 0:
            self.count.setText("Choose at least one platform.")
        elif d == 0:
            self.count.setText(f"{n} chosen. Now choose at least one device.")
        else:
            self.count.setText(f"{n} chosen, on {d} device type{'s' if d > 1 else ''}.")

    def _accept(self) -> None:
        if self.selected() and self.selected_surfaces():
            self.chosen.emit(self.selected(), self.selected_surfaces())
