"""The question asked before cleaning when cleaned copies already exist in the output folder.

Three buttons that say what happens to those copies (Replace, Keep both, Skip) and Cancel; Keep both is
the default because it loses nothing. Asked through `Dialogs.existing_copies` (docs/decisions/0005).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from socially_aware.wording import verb

EXISTING_CHOICES = ("replace", "keep both", "skip")
"""The answers, in button order; `CleanOptions` is built from them (`PhotoCleanerPage.options`)."""
TITLE = "Cleaned copies already exist"


def existing_copies_box(parent: QWidget | None, count: int) -> QMessageBox:
    """The question, not yet shown; each choice button carries its answer in the `choice` property."""
    if count == 1:
        text = (
            "1 of these photos already has a cleaned copy in the output folder. Replace that copy, "
            "keep both (the new copy gets a number), or skip that photo?"
        )
    else:
        text = (
            f"{count} of these photos already have a cleaned copy in the output folder. Replace those "
            "copies, keep both (the new copies get a number), or skip those photos?"
        )
    box = QMessageBox(QMessageBox.Icon.Question, TITLE, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    skip = verb(count, "&Skip that photo", "&Skip those")
    for choice, label in zip(EXISTING_CHOICES, ("&Replace", "&Keep both", skip), strict=True):
        button = box.addButton(label, QMessageBox.ButtonRole.AcceptRole)
        button.setProperty("choice", choice)
    keep_both = box.buttons()[1]
    assert isinstance(keep_both, QPushButton)
    box.setDefaultButton(keep_both)  # keeping both loses nothing
    box.addButton(QMessageBox.StandardButton.Cancel)
    return box


def ask_existing_copies(parent: QWidget | None, count: int) -> str | None:
    """One of EXISTING_CHOICES, or None when the person cancelled."""
    box = existing_copies_box(parent, count)
    box.exec()
    clicked = box.clickedButton()
    choice = clicked.property("choice") if clicked is not None else None
    box.deleteLater()
    return choice if choice in EXISTING_CHOICES else None
