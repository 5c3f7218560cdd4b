"""The photo cleaner: drop photos or folders, see what they give away, clean them in a batch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFrame,
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

from socially_aware.scrubber.model import CleanOptions, CleanResult, Group, Inspection, Outcome
from socially_aware.ui.labels import plain
from socially_aware.ui.photo_worker import PhotoWorker
from socially_aware.ui.services import PhotoActions
from socially_aware.ui.untrusted import confirm, shown, tooltip

PREVIEW = QSize(320, 240)


def describe(inspection: Inspection) -> str:
    """Plain text, grouped, risky ones marked: what a person needs to know about one photo."""
    if inspection.error:
        return f"{inspection.path.name}: cannot be read: {inspection.error}"
    lines = [f"{inspection.path.name} ({inspection.format})"]
    for group in Group:
        entries = [e for e in inspection.entries if e.group is group]
        if entries:
            lines.append("")
            lines.append(group.label)
            lines.extend(f"  {'⚠ ' if e.risky else '   '}{e.name}: {e.value}" for e in entries)
    if len(lines) == 1:
        lines.append("Nothing identifying was found.")
    return "\n".join(lines)


class DropZone(QFrame):
    dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setProperty("role", "card")
        self.setMinimumHeight(90)
        layout = QVBoxLayout(self)
        label = plain("Drop photos or folders here", role="h2")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = plain("JPEG, PNG, WebP, HEIC, AVIF, TIFF and GIF. Nothing leaves this computer.", role="muted")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)
        layout.addWidget(hint)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.dropped.emit(paths)


class PhotoCleanerPage(QWidget):
    cleaning_done = Signal(object)
    """list of CleanResult, after each batch"""

    def __init__(
        self,
        actions: PhotoActions,
        parent: QWidget | None = None,
        *,
        choose_files: Callable[[], list[Path]] | None = None,
        choose_folder: Callable[[], Path | None] | None = None,
        confirm: Callable[[str], bool] | None = None,
        open_folder: Callable[[Path], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.actions = actions
        self._choose_files = choose_files or self._dialog_files
        self._choose_folder = choose_folder or self._dialog_folder
        self._confirm = confirm or self._dialog_confirm
        self._open_folder = open_folder or (lambda p: QDesktopServices.openUrl(QUrl.fromLocalFile(str(p))))
        self.roots: list[Path] = []
        self.files: list[Path] = []
        self.inspections: dict[Path, Inspection] = {}
        self.results: list[CleanResult] = []
        self.output_dir: Path | None = None
        self.worker = PhotoWorker(actions, self)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.addWidget(plain("Photo cleaner", role="h1"))
        self.drop_zone = DropZone()
        self.drop_zone.dropped.connect(self.add_paths)
        outer.addWidget(self.drop_zone)
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
        row.addStretch(1)
        outer.addLayout(row)
        self.summary = plain("No photos chosen yet.")
        self.summary.setAccessibleName("What the chosen photos give away")
        outer.addWidget(self.summary)

        options = QHBoxLayout()
        self.in_place = QCheckBox("Clean in place (replace the originals)")
        self.in_place.setAccessibleName("Clean in place, replacing the original photos")
        self.neutral_names = QCheckBox("Neutral file names")
        self.neutral_names.setAccessibleName("Give cleaned photos neutral names")
        self.neutral_names.setToolTip("Camera names such as IMG_20240101_0930 give away the date and time")
        self.keep_dates = QCheckBox("Keep file dates")
        self.keep_dates.setAccessibleName("Keep the files' modification dates")
        for box in (self.in_place, self.neutral_names, self.keep_dates):
            options.addWidget(box)
        options.addStretch(1)
        outer.addLayout(options)
        out_row = QHBoxLayout()
        self.output_label = plain("", role="muted")
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
        self.count = plain("", role="muted", wrap=False)
        self.open_output_button = QPushButton("&Open output folder")
        self.open_output_button.setAccessibleName("Open the folder with the cleaned photos")
        self.open_output_button.clicked.connect(lambda: self.output_dir and self._open_folder(self.output_dir))
        for widget in (self.clean_button, self.cancel_button, self.progress, self.count, self.open_output_button):
            run_row.addWidget(widget)
        outer.addLayout(run_row)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Photo", "Result", "Removed or reason"])
        self.table.setAccessibleName("Photos and results")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 230)
        self.table.setColumnWidth(1, 130)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._show_selected)
        details = QWidget()
        detail_column = QVBoxLayout(details)
        detail_column.setContentsMargins(0, 0, 0, 0)
        self.preview = QLabel()
        self.preview.setAccessibleName("Preview of the selected photo")
        self.preview.setMinimumSize(PREVIEW / 2)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail = QLabel()
        self.thumbnail.setAccessibleName("Hidden preview image embedded in the photo")
        self.thumbnail_caption = plain("", role="muted")
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("What the selected photo gives away, before and after")
        self.details.setTabChangesFocus(True)
        for widget in (self.preview, self.thumbnail_caption, self.thumbnail, self.details):
            detail_column.addWidget(widget)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(details)
        splitter.setSizes([600, 360])
        outer.addWidget(splitter, 1)

        self.worker.inspected.connect(self._inspected)
        self.worker.inspection_finished.connect(self._inspection_finished)
        self.worker.progressed.connect(self._progressed)
        self.worker.cleaning_finished.connect(self._cleaning_finished)
        self._set_running(False)

    # -- choosing ------------------------------------------------------------------------------
    def add_paths(self, paths: Sequence[Path]) -> None:
        new = [p for p in paths if p not in self.roots]
        if not new or self.worker.busy():
            return
        self.roots.extend(new)
        if self.output_dir is None:
            self.output_dir = self.actions.default_output_dir(self.roots)
        self._update_output_label()
        self.summary.setText("Looking at your photos…")
        self.worker.inspect(self.roots)
        self._set_running(True, inspecting=True)

    def clear(self) -> None:
        self.roots, self.files, self.results = [], [], []
        self.inspections.clear()
        self.output_dir = None
        self.table.setRowCount(0)
        self.summary.setText("No photos chosen yet.")
        self.details.clear()
        self.preview.clear()
        self.thumbnail.clear()
        self.thumbnail_caption.setText("")
        self._update_output_label()
        self._set_running(False)

    def _add_folder(self) -> None:
        folder = self._choose_folder()
        if folder:
            self.add_paths([folder])

    def _inspected(self, inspection: Inspection) -> None:
        self.inspections[inspection.path] = inspection

    def _inspection_finished(self, files: list[Path], summary: object) -> None:
        self.files = files
        self.table.setRowCount(0)
        for path in files:
            inspection = self.inspections.get(path)
            status = "cannot be read" if inspection and inspection.error else ("gives things away" if inspection and inspection.risky else "looks clean")
            self._add_row(path, status, "")
        lines = getattr(summary, "lines", ())
        chosen = f"{len(files)} photo{'s' if len(files) != 1 else ''} chosen."
        self.summary.setText("\n".join([chosen, *(f"• {line}." for line in lines)]))
        self._set_running(False)

    def _add_row(self, path: Path, status: str, detail: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem(shown(path.name))
        name.setData(Qt.ItemDataRole.UserRole, str(path))
        name.setToolTip(tooltip(str(path)))
        self.table.setItem(row, 0, name)
        self.table.setItem(row, 1, QTableWidgetItem(status))
        self.table.setItem(row, 2, QTableWidgetItem(detail))

    # -- options -------------------------------------------------------------------------------
    def _update_output_label(self) -> None:
        if self.in_place.isChecked():
            self.output_label.setText("The originals will be replaced.")
        else:
            self.output_label.setText(f"Cleaned copies go to: {self.output_dir}" if self.output_dir else "")

    def _choose_output(self) -> None:
        folder = self._choose_folder()
        if folder:
            self.output_dir = folder
            self._update_output_label()

    def options(self) -> CleanOptions:
        return CleanOptions(
            output_dir=None if self.in_place.isChecked() else self.output_dir,
            in_place=self.in_place.isChecked(),
            neutral_names=self.neutral_names.isChecked(),
            keep_file_dates=self.keep_dates.isChecked(),
        )

    # -- cleaning ------------------------------------------------------------------------------
    def start_cleaning(self) -> None:
        if not self.files or self.worker.busy():
            return
        if self.in_place.isChecked() and not self._confirm(
            f"Replace {len(self.files)} original photo(s) with cleaned versions? This cannot be undone."
        ):
            self.summary.setText("Nothing was changed: cleaning in place was not confirmed.")
            return
        self._update_output_label()
        self.results = []
        self.progress.setRange(0, len(self.files))
        self.progress.setValue(0)
        self.count.setText(f"0 of {len(self.files)}")
        self._set_running(True)
        self.worker.clean(self.options(), self.files, self.roots)

    def _progressed(self, done: int, total: int, result: CleanResult, seconds_left: float) -> None:
        self.progress.setValue(done)
        left = f", about {seconds_left:.0f} s left" if done < total and seconds_left >= 1 else ""
        self.count.setText(f"{done} of {total}{left}")
        self._show_result(result)

    def _show_result(self, result: CleanResult) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == str(result.source):
                self.table.item(row, 1).setText(result.outcome.value)
                detail = ", ".join(result.removed) if result.removed else result.message
                if result.removed and result.message:
                    detail += f" ({result.message})"
                self.table.item(row, 2).setText(detail)
                return

    def _cleaning_finished(self, results: list[CleanResult]) -> None:
        self.results = results
        for result in results:
            self._show_result(result)
        counts = {o: sum(r.outcome is o for r in results) for o in Outcome}
        self.summary.setText("Done: " + ", ".join(f"{n} {o.value}" for o, n in counts.items() if n) + ".")
        self.count.setText(f"{len(results)} of {len(results)}")
        self._set_running(False)
        self.cleaning_done.emit(results)

    def _set_running(self, running: bool, inspecting: bool = False) -> None:
        for widget in (self.add_files_button, self.add_folder_button, self.clear_button, self.in_place,
                       self.neutral_names, self.keep_dates, self.output_button):
            widget.setEnabled(not running)
        self.clean_button.setEnabled(not running and bool(self.files))
        self.cancel_button.setEnabled(running and not inspecting)
        self.progress.setVisible((running and not inspecting) or bool(self.results))
        self.open_output_button.setEnabled(not running and bool(self.results) and not self.in_place.isChecked())

    # -- details -------------------------------------------------------------------------------
    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        path = Path(self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole))
        before = self.inspections.get(path)
        text = describe(before) if before else path.name
        result = next((r for r in self.results if r.source == path), None)
        if result and result.output and result.outcome in (Outcome.CLEANED, Outcome.REENCODED, Outcome.ALREADY_CLEAN):
            after = self.actions.inspect(result.output)
            text += "\n\nAfter cleaning\n" + describe(after)
        elif result:
            text += f"\n\nResult: {result.outcome.value}. {result.message}"
        self.details.setPlainText(shown(text))
        self.thumbnail.clear()
        self.thumbnail_caption.setText("")
        if before and before.thumbnail:
            pixmap = QPixmap()
            if pixmap.loadFromData(before.thumbnail):
                self.thumbnail.setPixmap(pixmap.scaled(QSize(160, 120), Qt.AspectRatioMode.KeepAspectRatio))
                self.thumbnail_caption.setText("Hidden preview inside the photo (it may show the uncropped original):")
        self._load_preview(path)

    def _load_preview(self, path: Path) -> None:
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)  # show it the right way up
        reader.setAllocationLimit(256)  # MB: a decompression bomb must not take the window down
        size = reader.size()
        if size.isValid():
            reader.setScaledSize(size.scaled(PREVIEW, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            self.preview.setText("No preview")
        else:
            self.preview.setPixmap(QPixmap.fromImage(image))

    # -- default dialogs (tests inject their own) ----------------------------------------------
    def _dialog_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self, "Add photos", "", "Photos (*.jpg *.jpeg *.png *.webp *.heic *.heif *.avif *.tif *.tiff *.gif *.mpo);;All files (*)")
        return [Path(n) for n in names]

    def _dialog_folder(self) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, "Choose a folder")
        return Path(name) if name else None

    def _dialog_confirm(self, text: str) -> bool:
        return confirm(self, "Clean in place", text)

    def shutdown(self) -> None:
        self.worker.cancel()
        self.worker.wait()
