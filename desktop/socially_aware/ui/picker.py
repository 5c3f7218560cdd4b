"""Choose platforms (a searchable grid grouped by category) and the devices you use."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
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
from socially_aware.ui.scrolling import show_focused
from socially_aware.ui.signals import emit
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
        page.addWidget(clamp(content))
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
        self.search.installEventFilter(self)  # Enter ticks a single match
        outer.addWidget(self.search)
        self.search_note = plain("", role="muted", hide_when_empty=True)
        self.search_note.setAccessibleDescription("What the search found")
        outer.addWidget(self.search_note)

        self.boxes: dict[str, QCheckBox] = {}
        self._headings: dict[Category, QWidget] = {}
        self._grids: dict[Category, QGridLayout] = {}
        grid_host = QWidget()
        self._grid = QVBoxLayout(grid_host)
        for category in Category:
            members = [p for p in self.platforms if p.category is category]
            if not members:
                continue
            heading: QWidget = plain(category.label, role="h2")
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
                # The grid is one Tab stop: arrows move between the boxes, Tab goes on to the devices.
                box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
                box.setObjectName(f"platform-{platform.id}")
                box.installEventFilter(self)
                self.boxes[platform.id] = box
                grid.addWidget(box, index // COLUMNS, index % COLUMNS)
            self._grids[category] = grid
            self._grid.addLayout(grid)
        self._grid.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        scroll.setFocusPolicy(scroll.focusPolicy().NoFocus)
        # Never sideways: fewer columns when the names don't fit three across (see `_fit_columns`).
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll = scroll
        self._columns: dict[Category, int] = dict.fromkeys(self._grids, COLUMNS)
        scroll.viewport().installEventFilter(self)  # its width decides how many columns fit
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
        self.device_note = plain("", role="muted", hide_when_empty=True)
        self.device_note.setAccessibleDescription("What ticking a device added")
        outer.addWidget(self.device_note)
        for pid, surface in PLATFORM_DEVICES.items():
            if pid in self.boxes:
                name = self.boxes[pid].text().replace("&&", "&")
                self.surface_boxes[surface].setAccessibleDescription(f"Ticking it also adds the {name} checklist.")

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
                box.toggled.connect(lambda on, s=PLATFORM_DEVICES[pid]: self._tick_surface(s, on))
        for surface, box in self.surface_boxes.items():
            box.toggled.connect(self._update_count)
            for pid in (p for p, s in PLATFORM_DEVICES.items() if s is surface and p in self.boxes):
                box.toggled.connect(lambda on, p=pid: self.boxes[p].setChecked(on))
                box.toggled.connect(lambda on, p=pid, b=box: self._say_device(b, p, on))
        cancel = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel)
        cancel.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # PySide6 drops context= with a callable
        self._update_count()
        self._make_tab_stop(next(iter(self.boxes.values()), None))

    # -- the grid as one Tab stop --------------------------------------------------------------
    def _shown_boxes(self) -> list[QCheckBox]:
        """The boxes a person sees, in reading order (category by category, row by row)."""
        shown = []
        for category, grid in self._grids.items():
            members = [self.boxes[p.id] for p in self.platforms if p.category is category]
            placed = [(_row_column(grid, b), b) for b in members if grid.indexOf(b) >= 0]
            shown += [b for _, b in sorted(placed, key=lambda e: e[0]) if not b.isHidden()]
        return shown

    def _make_tab_stop(self, box: QCheckBox | None) -> None:
        for other in self.boxes.values():
            other.setFocusPolicy(Qt.FocusPolicy.StrongFocus if other is box else Qt.FocusPolicy.ClickFocus)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and watched is self._scroll.viewport():
            self._fit_columns()
            # A layout resized while its page was hidden keeps its old width until told (it then ran
            # wider than the window, under the scroll area's edge).
            self._grid.invalidate()
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QCheckBox) and watched in self.boxes.values():
            self._make_tab_stop(watched)  # Tab comes back to the box last used
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        if watched is self.search and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._enter_in_search()
        if isinstance(watched, QCheckBox) and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            return self._arrow(watched, event.key())
        return super().eventFilter(watched, event)

    def _arrow(self, box: QCheckBox, key: int) -> bool:
        shown = self._shown_boxes()
        if box not in shown:
            return False
        at = shown.index(box)
        step = {
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Down: self._columns_of(box),
            Qt.Key.Key_Up: -self._columns_of(box),
        }.get(Qt.Key(key))
        if key == Qt.Key.Key_Home:
            target = 0
        elif key == Qt.Key.Key_End:
            target = len(shown) - 1
        elif step is None:
            return False
        else:
            target = min(max(at + step, 0), len(shown) - 1)
        shown[target].setFocus(Qt.FocusReason.TabFocusReason)
        show_focused(None, shown[target])
        return True

    def _enter_in_search(self) -> bool:
        """One match: tick it. Several: go to the first. Nothing typed: Enter continues as usual."""
        if not self.search.text().strip():
            return False
        shown = self._shown_boxes()
        if len(shown) == 1:
            shown[0].setChecked(True)
            self.search_note.setText(f"Ticked {shown[0].text().replace('&&', '&')}. Type another name, or Tab on.")
            self.search.selectAll()
        elif shown:
            self.search_note.setText(f"{len(shown)} platforms match: arrow keys move between them, Space ticks one.")
            shown[0].setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.search_note.setText("Nothing matches that name.")
        return True

    def _say_device(self, device: QCheckBox, pid: str, on: bool) -> None:
        name = self.boxes[pid].text().replace("&&", "&")
        self.device_note.setText(
            f"Ticking {device.text()} also added {name}: a checklist for the device's own settings. "
            "Untick it above if you don't want it."
            if on and self.boxes[pid].isChecked()
            else ""
        )

    def _columns_of(self, box: QCheckBox) -> int:
        return next((self._columns[c] for c, grid in self._grids.items() if grid.indexOf(box) >= 0), COLUMNS)

    def _fit_columns(self) -> None:
        """Per category: three columns when its longest name fits three across, else two, else one (one
        long device name need not put every social network in a single column)."""
        room = self._scroll.viewport().width() - 24
        fitted = {}
        for category in self._grids:
            names = [self.boxes[p.id] for p in self.platforms if p.category is category]
            widest = max((b.sizeHint().width() for b in names), default=0) + 12
            fitted[category] = max(1, min(COLUMNS, room // max(widest, 1)))
        if fitted != self._columns:
            self._columns = fitted
            self._filter(self.search.text())

    def _tick_surface(self, surface: Surface, ticked: bool) -> None:
        """Ticking a device ticks its own settings checklist too (unticking leaves it to the person)."""
        if ticked:
            self.surface_boxes[surface].setChecked(True)

    def set_cancellable(self, cancellable: bool) -> None:
        """Changing an earlier choice can be left as it was; the first choice can't (nothing to go back to)."""
        self.cancel_button.setVisible(cancellable)

    def cancel(self) -> None:
        if self.cancel_button.isVisible():
            emit(self, "cancelled")

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
        if not needle:
            self.search_note.setText("")
        for category, grid in self._grids.items():
            members = [p for p in self.platforms if p.category is category]
            shown = [
                p for p in members if not needle or needle in p.name.casefold() or needle in category.label.casefold()
            ]
            for platform in members:
                grid.removeWidget(self.boxes[platform.id])
                self.boxes[platform.id].setVisible(platform in shown)
            columns = self._columns[category]
            for index, platform in enumerate(shown):
                grid.addWidget(self.boxes[platform.id], index // columns, index % columns)
            for column in range(COLUMNS):
                grid.setColumnStretch(column, 1 if column < columns else 0)
            self._headings[category].setVisible(bool(shown))
        shown_boxes = self._shown_boxes()
        if shown_boxes and all(b.focusPolicy() != Qt.FocusPolicy.StrongFocus for b in shown_boxes):
            self._make_tab_stop(shown_boxes[0])  # Tab must still reach the grid after a search hid the stop

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
            emit(self, "chosen", self.selected(), self.selected_surfaces())


def _row_column(grid: QGridLayout, widget: QWidget) -> tuple[int, int]:
    """Where `widget` sits in `grid` (PySide6 types getItemPosition's result as a plain object)."""
    row, column, _rows, _columns = cast(tuple[int, int, int, int], grid.getItemPosition(grid.indexOf(widget)))
    return row, column
