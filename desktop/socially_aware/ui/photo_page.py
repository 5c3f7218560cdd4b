"""The photo cleaner: drop photos or folders anywhere on the page, see what they give away, clean
them in a batch, then select one to see what the cleaned copy still holds.

Its summary line is told through the window's `Messages` (`inline=self.summary`) and every question (files,
a folder, cleaning in place, copies that already exist) is asked through its `Dialogs`
(docs/decisions/0005)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QMessageLogContext,
    QSize,
    Qt,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QImageReader, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from socially_aware.scrubber.limits import MAX_PREVIEW_MB
from socially_aware.scrubber.model import (
    CleanOptions,
    CleanResult,
    FolderSummary,
    Group,
    Inspection,
    MetadataEntry,
    Outcome,
)
from socially_aware.ui.dialog_folder import Start
from socially_aware.ui.labels import clamp, plain
from socially_aware.ui.links import open_local_folder
from socially_aware.ui.messages import Messages
from socially_aware.ui.photo_shows import PhotoLooker, flagged, shows_lines
from socially_aware.ui.photo_worker import PhotoWorker
from socially_aware.ui.services import PhotoActions
from socially_aware.ui.signals import emit
from socially_aware.ui.untrusted import shown, tooltip
from socially_aware.wording import count, verb

PREVIEW = QSize(168, 112)
THUMBNAIL = QSize(96, 72)
"""What to do when cleaned copies already exist in the output folder."""
_CLEANED = (Outcome.CLEANED, Outcome.REENCODED, Outcome.ALREADY_CLEAN)
PAGE_CHARACTERS = 150
"""Wider than a page of prose: the list and the details pane sit side by side."""


_FINDINGS = (
    ("with_location", "gives", "give", "a location"),
    ("with_device", "names", "name", "the camera or phone"),
    ("with_people", "carries", "carry", "a name, caption or copyright"),
    ("with_thumbnail", "holds", "hold", "a hidden preview image"),
)


def summary_text(summary: FolderSummary) -> str:
    """What the chosen photos give away, in sentences whose verbs agree with their counts, then
    what was left out and why."""
    said = _findings_text(summary)
    if summary.left_out:
        why = " ".join(shown(reason) for reason in summary.left_out)  # file names: untrusted text
        said = why if summary.total == 0 else f"{said} Left out: {why}"
    return said


def _findings_text(summary: FolderSummary) -> str:
    total = summary.total
    chosen = f"{count(total, 'photo')} chosen"
    if total == 0:
        return f"{chosen}: there are no photos or videos the cleaner can take here."
    if total == 1:
        if summary.unreadable:
            return f"{chosen}. It cannot be read."
        found = [f"{one} {what}" for field, one, _many, what in _FINDINGS if getattr(summary, field)]
        return f"{chosen}. It {'; '.join(found)}." if found else f"{chosen}. Nothing identifying was found in it."
    found = [
        f"{getattr(summary, field)} {verb(getattr(summary, field), one, many)} {what}"
        for field, one, many, what in _FINDINGS
        if getattr(summary, field)
    ]
    if summary.unreadable:
        found.append(f"{summary.unreadable} cannot be read")
    if not found:
        return f"{chosen}. Nothing identifying was found in them."
    return f"{chosen}: {'; '.join(found)}."


def natural_key(path: Path) -> tuple[tuple[list[object], ...], list[object]]:
    """p2 before p10, case ignored; a folder's own photos before those in its subfolders."""

    def words(text: str) -> list[object]:
        return [int(part) if n % 2 else part.casefold() for n, part in enumerate(re.split(r"(\d+)", text))]

    return tuple(words(part) for part in path.parent.parts), words(path.name)


@contextlib.contextmanager
def _decoder_warnings_dropped() -> Iterator[None]:
    """A damaged photo makes the image decoder warn ("Corrupt JPEG data"): the page already says the
    file is damaged and shows "No preview", so those lines are kept off the terminal. Only while one
    preview is read; every other message goes where it went before."""
    previous = None

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind is QtMsgType.QtWarningMsg:
            return
        if previous is not None:
            previous(kind, context, message)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def _replace_question(count: int) -> str:
    if count == 1:
        return "Replace the original photo with a cleaned version? This cannot be undone."
    return f"Replace {count} original photos with cleaned versions? This cannot be undone."


def _entry_lines(entries: Sequence[MetadataEntry], risky: bool | None = None) -> list[str]:
    lines: list[str] = []
    for group in Group:
        chosen = [e for e in entries if e.group is group and (risky is None or e.risky is risky)]
        if chosen:
            lines.append(f"{group.label}:")
            lines.extend(f"  • {e.name}: {e.value}" for e in chosen)
    return lines


def describe(inspection: Inspection) -> str:
    """Plain text, grouped, risky ones first: what a person needs to know about one photo."""
    if inspection.error:
        return f"{inspection.path.name} cannot be read: {inspection.error}"
    risky = _entry_lines(inspection.entries, risky=True)
    other = _entry_lines(inspection.entries, risky=False)
    lines = [f"{inspection.path.name}, {inspection.format}"]
    if risky:
        lines += ["", "What it gives away:", *risky]
    else:
        lines += ["Nothing identifying found."]
    if other:
        lines += ["", "Also in the file, saying nothing about you:", *other]
    return "\n".join(lines)


def describe_result(result: CleanResult, after: Inspection | None) -> str:
    """What cleaning did to one photo and what its cleaned copy still holds, and why."""
    name = result.source.name
    if result.outcome not in _CLEANED or after is None:
        reason = result.message or "no reason was given"
        return f"{name}: {result.outcome.value}. {reason[:1].upper()}{reason[1:]}."
    lines = [f"{name}: {result.outcome.value}."]
    if after.error:
        lines.append(f"The cleaned copy cannot be read: {after.error}")
    elif after.risky:
        lines += ["", "Still in the cleaned copy:", *_entry_lines(after.entries, risky=True)]
    else:
        lines.append("Nothing identifying found in the cleaned copy.")
    if result.removed:
        lines += ["", "Removed:", *(f"  • {item}" for item in result.removed)]
    if result.message:
        lines += ["", f"Note: {result.message}."]
    kept = _entry_lines(after.entries, risky=False)
    lines += [
        "",
        "What remains, and why:",
        "  • The picture itself, unchanged."
        if result.outcome is not Outcome.REENCODED
        else "  • The picture, written again as this format requires.",
        "  • Its orientation and colour profile, so it looks the same.",
        *kept,
    ]
    if result.output and result.output != result.source:
        lines += ["", f"Cleaned copy: {result.output}"]
    return "\n".join(lines)


def reason_text(result: CleanResult) -> str:
    """One line for the table: what was removed, then anything to know; never nested brackets."""
    removed = "removed: " + ", ".join(result.removed) if result.removed else ""
    return "; ".join(part for part in (removed, result.message) if part)


def _status(inspection: Inspection | None) -> tuple[str, str]:
    """(result, details) for a photo not cleaned yet."""
    if inspection is None:
        return "", ""
    if inspection.error:
        return "cannot be read", inspection.error
    groups = [g.label.lower() for g in Group if any(e.group is g and e.risky for e in inspection.entries)]
    return ("to clean", "gives away: " + ", ".join(groups)) if groups else ("looks clean", "nothing identifying found")


def _other_names_warning(files: Sequence[Path]) -> str:
    linked = 0
    for path in files:
        with contextlib.suppress(OSError):
            linked += path.stat().st_nlink > 1
    if not linked:
        return ""
    return (
        f"\n\n{linked} of them {'have' if linked > 1 else 'has'} other names (hard links) elsewhere: "
        "those names will keep the original, with its metadata."
    )


class PhotoCleanerPage(QWidget):
    cleaning_done = Signal(object)
    """list of CleanResult, after each batch"""

    def __init__(
        self,
        actions: PhotoActions,
        parent: QWidget | None = None,
        *,
        messages: Messages | None = None,
        open_folder: Callable[[Path], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = actions
        self.messages = messages or Messages()
        self._open_folder = open_folder or (lambda p: open_local_folder(p, parent=self))  # else: path to copy
        self.roots: list[Path] = []
        self.files: list[Path] = []
        self.inspections: dict[Path, Inspection] = {}
        self.results: dict[Path, CleanResult] = {}
        self._after: dict[Path, Inspection] = {}
        self.output_dir: Path | None = None
        self._split_by_person = False
        self.worker = PhotoWorker(actions, self)
        self.setAcceptDrops(True)  # the whole page: a person should not have to aim

        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        outer = QVBoxLayout(content)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.addWidget(plain("Photo cleaner", role="h1"))
        row = QHBoxLayout()
        self.add_files_button = QPushButton("Add &photos…")
        self.add_files_button.setAccessibleName("Add photos")
        self.add_folder_button = QPushButton("Add &folder…")
        self.add_folder_button.setAccessibleName("Add a folder of photos")
        self.clear_button = QPushButton("C&lear")
        self.clear_button.setAccessibleName("Clear the list of photos")
        self.add_files_button.clicked.connect(lambda: self.add_paths(self._choose_files()))
        self.add_folder_button.clicked.connect(self._add_folder)
        self.clear_button.clicked.connect(self.clear)
        for button in (self.add_files_button, self.add_folder_button, self.clear_button):
            row.addWidget(button)
        self.drop_hint = plain(
            f"or drop photos, videos and folders anywhere on this page. {actions.formats_hint} "
            "Nothing leaves this computer.",
            role="muted",
        )
        row.addWidget(self.drop_hint, 1)
        outer.addLayout(row)
        self.summary = plain("No photos chosen yet.")
        self.summary.setAccessibleDescription("What the chosen photos give away")
        # Two lines are kept for it, so that the page does not jump as the text changes length.
        self.summary.setMinimumHeight(2 * self.summary.fontMetrics().lineSpacing())
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        outer.addWidget(self.summary)

        options = QHBoxLayout()
        self.in_place = QCheckBox("Clean in place, replacing the originals")
        self.in_place.setAccessibleName("Clean in place, replacing the original photos")
        self.in_place.toggled.connect(self._update_output_label)
        self.neutral_names = QCheckBox("Neutral file names")
        self.neutral_names.setAccessibleName("Give cleaned photos neutral names")
        self.neutral_names.setToolTip("Camera names such as IMG_20240101_0930 give away the date and time")
        self.keep_dates = QCheckBox("Keep file dates")
        self.keep_dates.setAccessibleName("Keep the files' modification dates")
        self.drop_icc = QCheckBox("Remove colour profiles")
        self.drop_icc.setAccessibleName("Remove colour profiles too")
        self.drop_icc.setToolTip("A colour profile can name a device; without it, colours may look slightly different")
        for box in (self.in_place, self.neutral_names, self.keep_dates):
            options.addWidget(box)
        # What each photo shows (issue 17): looked at when selected, or all of them for the filter.
        self.looker = PhotoLooker(actions.shows, self) if actions.shows is not None else None
        self.only_showing = QCheckBox("Only photos that show the organisation's name or faces")
        self.only_showing.setAccessibleName("Show only photos that show the organisation's name or faces")
        self.only_showing.toggled.connect(self._apply_shows_filter)
        if self.looker is None:  # never show() it here: without a parent yet it would open as a window of its own
            self.only_showing.hide()
        if self.looker is not None:
            self.looker.looked.connect(self._looked)
        options.addStretch(1)
        outer.addLayout(options)
        # A second row: five options on one line cut the first and last short, even at 1920 px, and four
        # still cut "Clean in place, replacing the originals" at 1024 px. Reading order is Tab order.
        showing_row = QHBoxLayout()
        showing_row.addWidget(self.drop_icc)
        showing_row.addWidget(self.only_showing)
        showing_row.addStretch(1)
        outer.addLayout(showing_row)
        out_row = QHBoxLayout()
        self.output_label = plain("", role="muted")
        self.output_label.setAccessibleDescription("Where cleaned photos go")
        self.output_button = QPushButton("Output folder…")
        self.output_button.setAccessibleName("Choose the output folder")
        self.output_button.clicked.connect(self._choose_output)
        out_row.addWidget(self.output_label, 1)
        out_row.addWidget(self.output_button)
        outer.addLayout(out_row)

        run_row = QHBoxLayout()
        self.clean_button = QPushButton("&Clean photos")
        self.clean_button.setProperty("role", "primary")
        self.clean_button.setAccessibleName("Clean the chosen photos")
        self.clean_button.clicked.connect(self.start_cleaning)
        self.cancel_button = QPushButton("Ca&ncel")
        self.cancel_button.setAccessibleName("Cancel cleaning")
        self.cancel_button.clicked.connect(self.worker.cancel)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Cleaning progress")
        self.progress.setTextVisible(False)
        # Hidden until a batch runs (an empty bar looks like a text field), but its room is kept so
        # that nothing beside it moves when it appears.
        keep_room = self.progress.sizePolicy()
        keep_room.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(keep_room)
        self.progress.hide()
        self.count = plain("", role="muted", wrap=False, hide_when_empty=True)
        self.open_output_button = QPushButton("&Open output folder")
        self.open_output_button.setAccessibleName("Open the folder with the cleaned photos")
        self.open_output_button.clicked.connect(lambda: self.output_dir and self._open_folder(self.output_dir))
        for widget in (self.clean_button, self.cancel_button, self.progress, self.count, self.open_output_button):
            run_row.addWidget(widget)
        outer.addLayout(run_row)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Photo", "Result", "Details"])
        self.table.setAccessibleName("Photos and results")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # one Tab stop: arrows move within it, Tab goes on to the details
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # the start says the most; tooltips hold the rest
        self.table.setWordWrap(False)
        # The app's style has no ring for tables; BrightText is the theme's ring colour (ui/style.py).
        # Padding gives way to the thicker ring, so that nothing moves when focus arrives.
        self.table.setStyleSheet(
            "QTableWidget { border: 1px solid palette(mid); padding: 1px; }"
            " QTableWidget:focus { border: 2px solid palette(bright-text); padding: 0px; }"
        )
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(1, header.fontMetrics().horizontalAdvance("re-encoded") + 24)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long text is elided
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._show_selected)

        details = QWidget()
        detail_column = QVBoxLayout(details)
        detail_column.setContentsMargins(0, 0, 0, 0)
        pictures = QHBoxLayout()
        self.preview = QLabel()
        self.preview.setAccessibleName("Preview of the selected photo")
        self.preview.setFixedSize(PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        thumb_column = QVBoxLayout()
        self.thumbnail_caption = plain("", role="muted", hide_when_empty=True)
        self.thumbnail = QLabel()
        self.thumbnail.setAccessibleName("Hidden preview image embedded in the photo")
        self.thumbnail.setMaximumSize(THUMBNAIL)
        thumb_column.addWidget(self.thumbnail_caption)
        thumb_column.addWidget(self.thumbnail)
        thumb_column.addStretch(1)
        pictures.addWidget(self.preview)
        pictures.addLayout(thumb_column, 1)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("What the selected photo gives away, before and after cleaning")
        self.details.setTabChangesFocus(True)
        self.details.setMinimumHeight(160)
        detail_column.addLayout(pictures)
        detail_column.addWidget(self.details, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.splitterMoved.connect(self._splitter_moved)
        outer.addWidget(self.splitter, 1)
        page.addWidget(clamp(content, characters=PAGE_CHARACTERS))

        self.worker.inspected.connect(self._inspected)
        self.worker.inspection_finished.connect(self._inspection_finished)
        self.worker.progressed.connect(self._progressed)
        self.worker.cleaning_finished.connect(self._cleaning_finished)
        self._update_output_label()
        self._set_running(False)

    # -- dropping anywhere ------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # children that ignore a drag pass it up
        self.dragEnterEvent(event)  # type: ignore[arg-type]  # a move carries what the enter did; same test

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The page's own resize, not an event filter on its children: a Python event filter can be
        # handed events while a child is being destroyed, which crashed the test run under load.
        super().resizeEvent(event)
        if not self._split_by_person:
            # The table gets the larger share (beside the navigation, at 1024 px, the page is ~750 px
            # wide), until the person drags the handle.
            width = self.splitter.width()
            self.splitter.setSizes([width * 3 // 5, width * 2 // 5])
        self._size_columns()

    def _splitter_moved(self, _position: int, _index: int) -> None:
        self._split_by_person = True
        self._size_columns()

    def _size_columns(self) -> None:
        """Names get what they need up to a quarter of the table, results a fixed width, details the
        rest: "gives away: location, device" must be readable at 1024 px (it once read "gives away:
        location, dev…" beside names that had room to spare)."""
        metrics = self.table.fontMetrics()
        longest = max(
            (metrics.horizontalAdvance(self._cell(r, 0).text()) for r in range(self.table.rowCount())), default=0
        )
        share = int(self.table.viewport().width() * 0.25)
        self.table.setColumnWidth(0, max(80, min(share, longest + 16)))

    # -- choosing ------------------------------------------------------------------------------
    def add_paths(self, paths: Sequence[Path]) -> None:
        new = [p for p in paths if p not in self.roots]
        if not new or self.worker.busy():
            return
        self.roots.extend(new)
        if self.output_dir is None:
            self.output_dir = self.services.default_output_dir(self.roots)
        self._update_output_label()
        self._say("Looking at your photos…")
        self.worker.inspect(self.roots)
        self._set_running(True, inspecting=True)

    def clear(self) -> None:
        if self.looker is not None:
            self.looker.cancel()
        self.roots, self.files = [], []
        self.results.clear()
        self.inspections.clear()
        self._after.clear()
        self.output_dir = None
        self.table.setRowCount(0)
        self._say("No photos chosen yet.")
        self.details.clear()
        self.preview.clear()
        self.thumbnail.clear()
        self.thumbnail_caption.setText("")
        self.count.setText("")
        self._update_output_label()
        self._set_running(False)

    def _add_folder(self) -> None:
        folder = self._choose_folder()
        if folder:
            self.add_paths([folder])

    def _inspected(self, inspection: Inspection) -> None:
        self.inspections[inspection.path] = inspection

    def _inspection_finished(self, files: list[Path], summary: object) -> None:
        self.files = sorted(files, key=natural_key)
        files = self.files
        self.table.setRowCount(0)
        for path in files:
            self._add_row(path, *_status(self.inspections.get(path)))
        if isinstance(summary, FolderSummary):
            self._say(summary_text(summary))
        else:
            self._say(f"{count(len(files), 'photo')} chosen.")
        self._set_running(False)
        self._size_columns()
        if files:
            # Show the first photo's details at once, and let Enter clean: the next step is cleaning.
            self.table.selectRow(0)
            self.clean_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_row(self, path: Path, status: str, detail: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem(shown(path.name))
        name.setData(Qt.ItemDataRole.UserRole, str(path))
        name.setToolTip(tooltip(str(path)))
        self.table.setItem(row, 0, name)
        self.table.setItem(row, 1, QTableWidgetItem(status))
        details = QTableWidgetItem(detail)
        details.setToolTip(tooltip(detail))
        self.table.setItem(row, 2, details)

    # -- options -------------------------------------------------------------------------------
    def _update_output_label(self) -> None:
        if self.in_place.isChecked():
            self.output_label.setText("Cleaning replaces the originals in their folders.")
        elif self.output_dir:
            self.output_label.setText(f"Cleaned copies go to: {self.output_dir}")
        else:
            self.output_label.setText("Cleaned copies go to a new folder next to the photos.")
        self.output_button.setEnabled(not self.in_place.isChecked() and not self.worker.busy())

    def _choose_output(self) -> None:
        folder = self._choose_folder()
        if folder:
            self.output_dir = folder
            self._update_output_label()

    def options(self, existing: str | None = None) -> CleanOptions:
        return CleanOptions(
            output_dir=None if self.in_place.isChecked() else self.output_dir,
            in_place=self.in_place.isChecked(),
            overwrite=existing == "replace",
            keep_both=existing == "keep both",
            neutral_names=self.neutral_names.isChecked(),
            keep_file_dates=self.keep_dates.isChecked(),
            keep_icc=not self.drop_icc.isChecked(),
        )

    # -- cleaning ------------------------------------------------------------------------------
    def start_cleaning(self) -> None:
        if not self.files or self.worker.busy():
            return
        if self.in_place.isChecked() and not self.messages.ask(
            self, "Clean in place", _replace_question(len(self.files)) + _other_names_warning(self.files)
        ):
            self._say("Nothing was changed: cleaning in place was not confirmed.")
            return
        files, existing = list(self.files), None
        if not self.in_place.isChecked():
            taken = [
                source
                for source, dest in self.services.cleaner(self.options()).plan(files, self.roots)
                if dest.exists()
            ]
            if taken:
                existing = self.messages.dialogs.existing_copies(self, len(taken))
                if existing is None:
                    self._say("Nothing was cleaned: cleaned copies already exist.")
                    return
                if existing == "skip":
                    files = [f for f in files if f not in set(taken)]
                    for source in taken:
                        self._show_result(
                            CleanResult(source, Outcome.CANCELLED, message="skipped: a cleaned copy already exists")
                        )
        self._update_output_label()
        self.results.clear()
        self._after.clear()
        if not files:
            self._say("Nothing was cleaned: every photo already has a cleaned copy.")
            return
        self.progress.setRange(0, len(files))
        self.progress.show()
        self.progress.setValue(0)
        self.count.setText(f"0 of {len(files)}")
        self._set_running(True)
        self.worker.clean(self.options(existing), files, self.roots)

    def _progressed(self, done: int, total: int, result: CleanResult, seconds_left: float) -> None:
        self.progress.setValue(done)
        left = f", about {seconds_left:.0f} s left" if done < total and seconds_left >= 1 else ""
        self.count.setText(f"{done} of {total}{left}")
        self._show_result(result)

    def _show_result(self, result: CleanResult) -> None:
        for row in range(self.table.rowCount()):
            if self._cell(row, 0).data(Qt.ItemDataRole.UserRole) == str(result.source):
                self._cell(row, 1).setText("skipped" if result.message.startswith("skipped") else result.outcome.value)
                self._cell(row, 2).setText(reason_text(result))
                self._cell(row, 2).setToolTip(tooltip(reason_text(result)))
                return

    def _cleaning_finished(self, results: list[CleanResult]) -> None:
        self.results = {r.source: r for r in results}
        for result in results:
            self._show_result(result)
        counts = {o: sum(r.outcome is o for r in results) for o in Outcome}
        self._say(
            "Done: "
            + ", ".join(f"{n} {o.value}" for o, n in counts.items() if n)
            + ". Move through the list to see what each cleaned copy still holds."
        )
        self.count.setText(f"{len(results)} of {len(results)}")
        self._set_running(False)
        self._size_columns()
        # The after-view of the selected photo (the first, unless the person chose another); focus on
        # the list, where the arrow keys go from one result to the next.
        if not self.table.selectionModel().selectedRows() and self.table.rowCount():
            self.table.selectRow(0)
        self._show_selected()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        emit(self, "cleaning_done", results)

    def _set_running(self, running: bool, inspecting: bool = False) -> None:
        for widget in (
            self.add_files_button,
            self.add_folder_button,
            self.clear_button,
            self.in_place,
            self.neutral_names,
            self.keep_dates,
            self.drop_icc,
        ):
            widget.setEnabled(not running)
        self.output_button.setEnabled(not running and not self.in_place.isChecked())
        self.clean_button.setEnabled(not running and bool(self.files))
        self.clean_button.setDefault(bool(self.files))  # Enter cleans, once there is something to clean
        self.cancel_button.setEnabled(running and not inspecting)
        self.progress.setTextVisible((running and not inspecting) or bool(self.results))
        if not running and not self.results:
            self.progress.hide()
        self.open_output_button.setEnabled(not running and bool(self.results) and not self.in_place.isChecked())

    # -- details -------------------------------------------------------------------------------
    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        path = Path(self._cell(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole))
        before = self.inspections.get(path)
        result = self.results.get(path)
        pictured = path
        if result is None:
            text = describe(before) if before else path.name
        else:
            after = None
            if result.output and result.outcome in _CLEANED:
                after = self._after.get(path) or self.services.inspect(result.output)
                self._after[path] = after
                pictured = result.output
            text = describe_result(result, after)
            if before:
                text += "\n\nBefore cleaning\n" + describe(before)
        if self.looker is not None and before is not None and not before.error:
            text += "\n\n" + shows_lines(self.looker.looks.get(path))
            self.looker.want([path], first=True)
        self.details.setPlainText(shown(text))
        self.thumbnail.clear()
        self.thumbnail_caption.setText("")
        if before and before.thumbnail:
            pixmap = QPixmap()
            if pixmap.loadFromData(before.thumbnail):
                self.thumbnail.setPixmap(pixmap.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio))
                removed = result is not None and result.outcome in _CLEANED
                self.thumbnail_caption.setText(
                    "A hidden preview was inside the original; now removed:"
                    if removed
                    else "Hidden preview inside the photo; it may show the uncropped original:"
                )
        if before is not None and before.error and result is None:
            self.preview.setText("No preview")  # the decoder would only repeat what the details say
        else:
            self._load_preview(pictured)

    def _load_preview(self, path: Path) -> None:
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)  # show it the right way up
        reader.setAllocationLimit(MAX_PREVIEW_MB)  # a decompression bomb must not take the window down
        with _decoder_warnings_dropped():
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(size.scaled(PREVIEW, Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
        if image.isNull() and self.services.preview is not None:  # HEIC: decoded by the cleaner's own reader
            png = self.services.preview(path, max(PREVIEW.width(), PREVIEW.height()))
            if png is not None:
                image.loadFromData(png)
        if image.isNull():
            self.preview.setText("No preview")
        else:
            self.preview.setPixmap(QPixmap.fromImage(image))

    # -- what it says and asks ------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.messages.info(text, inline=self.summary)

    def _choose_files(self) -> list[Path]:
        return self.messages.dialogs.open_files(self, "Add photos or videos", self.services.file_filter, Start.PICTURES)

    def _choose_folder(self) -> Path | None:
        return self.messages.dialogs.folder(self, "Choose a folder", Start.PICTURES)

    def shutdown(self) -> None:
        self.worker.cancel()
        self.worker.wait()
        if self.looker is not None:
            self.looker.shutdown()

    # -- what each photo shows -------------------------------------------------------------------
    def _row_path(self, row: int) -> Path:
        return Path(self._cell(row, 0).data(Qt.ItemDataRole.UserRole))

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        """A cell of the table; every row is filled with an item per column when it is added."""
        item = self.table.item(row, column)
        assert item is not None
        return item

    def _looked(self, path: Path, _look: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and self._row_path(rows[0].row()) == path:
            self._show_selected()
        self._apply_shows_filter()

    def _apply_shows_filter(self) -> None:
        if self.looker is None:
            return
        only = self.only_showing.isChecked()
        if only:
            self.looker.want(list(self.files))
        elif self.sender() is self.only_showing:
            self.looker.cancel()  # unticking the filter stops looking at the rest (between steps of one photo)
            self.count.setText("")
        for row in range(self.table.rowCount()):
            look = self.looker.looks.get(self._row_path(row))
            self.table.setRowHidden(row, only and look is not None and not flagged(look))
        if only:
            left = self.looker.pending()
            self.count.setText(f"Looking inside the photos: {left} to go" if left else "")
