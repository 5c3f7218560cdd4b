"""Choose platforms (a searchable grid grouped by category) and the devices you use."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
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
from socially_aware.ui.labels import plain
from socially_aware.ui.untrusted import button_text, tooltip

COLUMNS = 3


class PlatformPicker(QWidget):
    chosen = Signal(list, list)
    """(platform ids, surfaces)"""

    def __init__(self, platforms: Iterable[Platform], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.platforms = list(platforms)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.addWidget(plain("Which sites and apps do you use?", role="h1"))
        outer.addWidget(plain(
            "Tick every one you have an account on, even old ones you no longer use: an old profile "
            "can still show where you work.", role="muted"))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search, e.g. Strava")
        self.search.setAccessibleName("Search platforms")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        outer.addWidget(self.search)

        self.boxes: dict[str, QCheckBox] = {}
        self._headings: dict[Category, QWidget] = {}
        grid_host = QWidget()
        self._grid = QVBoxLayout(grid_host)
        for category in Category:
            members = [p for p in self.platforms if p.category is category]
            if not members:
                continue
            heading = plain(category.label, role="h2")
            self._headings[category] = heading
            self._grid.addWidget(heading)
            grid = QGridLayout()
            for column in range(COLUMNS):  # same column widths in every category, so the grid lines up
                grid.setColumnStretch(column, 1)
            for index, platform in enumerate(members):
                box = QCheckBox(button_text(platform.name))
                box.setAccessibleName(f"{platform.name} ({category.label})")
                box.setToolTip(tooltip(platform.summary))
                self.boxes[platform.id] = box
                grid.addWidget(box, index // COLUMNS, index % COLUMNS)
            self._grid.addLayout(grid)
        self._grid.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        scroll.setFocusPolicy(scroll.focusPolicy().NoFocus)
        outer.addWidget(scroll, 1)

        outer.addWidget(plain("Which devices do you use them on?", role="h2"))
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
        self.done_button = QPushButton("&Continue")
        self.done_button.setProperty("role", "primary")
        self.done_button.setAccessibleName("Continue with the chosen platforms and devices")
        self.done_button.clicked.connect(self._accept)
        row.addWidget(self.done_button)
        outer.addLayout(row)
        for box in self.boxes.values():
            box.toggled.connect(self._update_count)
        for box in self.surface_boxes.values():
            box.toggled.connect(self._update_count)
        self._update_count()

    def set_selection(self, ids: Iterable[str], surfaces: Iterable[Surface]) -> None:
        chosen, devices = set(ids), set(surfaces)
        for pid, box in self.boxes.items():
            box.setChecked(pid in chosen)
        for surface, box in self.surface_boxes.items():
            box.setChecked(surface in devices)

    def selected(self) -> list[str]:
        return [pid for pid, box in self.boxes.items() if box.isChecked()]

    def selected_surfaces(self) -> list[Surface]:
        return [s for s, box in self.surface_boxes.items() if box.isChecked()]

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        visible_categories: set[Category] = set()
        for platform in self.platforms:
            shown = not needle or needle in platform.name.casefold() or needle in platform.category.label.casefold()
            self.boxes[platform.id].setVisible(shown)
            if shown:
                visible_categories.add(platform.category)
        for category, heading in self._headings.items():
            heading.setVisible(category in visible_categories)

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
