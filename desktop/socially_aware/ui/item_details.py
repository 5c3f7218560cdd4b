"""One checklist item as a person reads it: the steps for their devices (others folded away), where the
steps come from, the page to open, why it matters and how to check it worked.

Shared by the guided session and the checklist list, so both say the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QShortcutEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from socially_aware.catalog.model import Item, Surface
from socially_aware.progress.tracker import Tracker
from socially_aware.ui.labels import plain, without_mnemonic
from socially_aware.ui.step_report_dialog import StepReportDialog
from socially_aware.ui.untrusted import describe

_HELP_WORDS = ("help", "support", "faq", "answer", "hc/", "article", "guide", "learn")


def is_help_article(url: str, item: Item) -> bool:
    """A page that explains (a help centre article) rather than the setting itself."""
    if item.source and url == item.source:
        return True
    parsed = QUrl(url)
    where = f"{parsed.host()}{parsed.path()}".casefold()
    return any(word in where for word in _HELP_WORDS)


def link_text(url: str, item: Item) -> str:
    return "Open the &help article" if is_help_article(url, item) else "&Open this settings page"


def steps_text(groups: list[tuple[Surface, tuple[str, ...]]], headed: bool) -> str:
    blocks = []
    for surface, lines in groups:
        numbered = "\n".join(f"{n}. {line}" for n, line in enumerate(lines, start=1))
        blocks.append(f"{surface.label}\n{numbered}" if headed else numbered)
    return "\n\n".join(blocks)


def provenance(item: Item, platform_name: str) -> str:
    """Where the steps come from, so a person can trust them or check for themselves."""
    if item.source is None:
        return ""
    if not item.confirmed:
        return (
            f"Not yet confirmed with {platform_name}: these steps have not been compared word for word "
            f"with {platform_name}'s own help, so check them against it."
        )
    when = f" on {item.checked.day} {item.checked:%B %Y}" if item.checked else ""
    return f"Checked against {platform_name}'s help{when}."


class Expander(QToolButton):
    """A folded section's heading: Enter or Space opens and closes it."""

    def __init__(self, text: str, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self.body = body
        self.setCheckable(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setProperty("role", "expander")
        self.toggled.connect(self._show)
        self._show(False)

    def event(self, event: QEvent) -> bool:
        """Alt+letter opens or closes the section but leaves the focus where it was (Qt would move it here):
        in the guided session Enter then still marks the item done, as the page promises."""
        if event.type() == QEvent.Type.Shortcut and isinstance(event, QShortcutEvent) and not event.isAmbiguous():
            self.click()
            return True
        return super().event(event)

    def _show(self, open_: bool) -> None:
        self.body.setVisible(open_)
        self.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.setText(self._text)
        self.setAccessibleName(f"{without_mnemonic(self._text)} ({'open' if open_ else 'closed'})")


class ItemDetails(QWidget):
    """The reading part of an item; the caller adds its own buttons (marks, session moves)."""

    def __init__(
        self, tracker: Tracker, open_link: Callable[[str], bool], fold_why: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tracker = tracker
        self.item: Item | None = None
        self._open_link = open_link
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.platform_label = plain("", role="muted")
        self.title = plain("", role="h1")
        self.title.setAccessibleDescription("Checklist item")
        self.badge = plain("Changed: check again", role="badge", wrap=False)
        self.badge.setAccessibleDescription("This item changed since you did it: check again")
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        column.addWidget(self.platform_label)
        column.addLayout(header)

        self.why = plain("")
        self.policy = plain("", role="muted")
        why_box = QWidget()
        why_column = QVBoxLayout(why_box)
        why_column.setContentsMargins(0, 0, 0, 0)
        why_column.addWidget(self.why)
        why_column.addWidget(self.policy)
        self.why_toggle: Expander | None = None
        if fold_why:
            self.why_toggle = Expander("&Why this matters", why_box)
            column.addWidget(self.why_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            column.addWidget(plain("Why it matters", role="h2"))
        column.addWidget(why_box)

        self.steps_heading = plain("Steps", role="h2")
        column.addSpacing(6)
        column.addWidget(self.steps_heading)
        self.steps = plain("")
        self.steps.setAccessibleDescription("Steps for your devices")
        column.addWidget(self.steps)
        self.other_steps = plain("")
        self.other_toggle = Expander("Other de&vices", self.other_steps)
        column.addWidget(self.other_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.other_steps)
        self.provenance = plain("", role="muted")
        column.addWidget(self.provenance)

        links = QHBoxLayout()
        self.link_button = QPushButton()
        self.link_button.clicked.connect(lambda: self._open(self.item.link if self.item else ""))
        self.source_button = QPushButton("Open the so&urce page")
        self.source_button.clicked.connect(lambda: self._open(self.item.source or "" if self.item else ""))
        links.addWidget(self.link_button)
        links.addWidget(self.source_button)
        links.addStretch(1)
        column.addLayout(links)
        self.link_hint = plain("", role="muted")
        column.addWidget(self.link_hint)
        column.addSpacing(6)
        column.addWidget(plain("Check it worked", role="h2"))
        self.verify = plain("")
        column.addWidget(self.verify)
        report_row = QHBoxLayout()
        self.report_button = QPushButton("These steps didn't &match what I saw…")
        self.report_button.setAccessibleName("These steps didn't match what I saw: tell the content owners")
        self.report_button.clicked.connect(self.report_mismatch)
        report_row.addWidget(self.report_button)
        report_row.addStretch(1)
        column.addLayout(report_row)
        self.report_done = plain("", role="muted")
        column.addWidget(self.report_done)
        # Room to spare on a tall window goes below the item: without this the labels shared it out
        # and the item read as islands of text with wide gaps between them.
        column.addStretch(1)
        self.report_dialog: StepReportDialog | None = None
        """The open report dialog, while it asks."""
        self.show_item(None)

    def show_item(self, item: Item | None) -> None:
        if item is None or self.item is None or item.key != self.item.key:
            self.report_done.setText("")  # "Recorded." belongs to the item it was said on
            self.report_done.setVisible(False)
        self.item = item
        self.link_button.setEnabled(item is not None)
        self.report_button.setVisible(item is not None)
        if item is None:
            for label in (
                self.platform_label,
                self.why,
                self.policy,
                self.steps,
                self.other_steps,
                self.verify,
                self.provenance,
                self.link_hint,
            ):
                label.setText("")
            self.title.setText("Choose an item")
            self.link_button.setText("&Open this settings page")
            for widget in (self.badge, self.other_toggle, self.source_button, self.provenance):
                widget.setVisible(False)
            return
        t = self.tracker
        platform = t.catalog.platform(item.platform_id)
        name = platform.name if platform else item.platform_id
        self.platform_label.setText(f"{name} · {item.theme.label}")
        self.title.setText(item.title)
        self.badge.setVisible(t.is_changed(item))
        self.why.setText(item.why)
        sections = [s for pid in item.policy if (s := t.catalog.organisation.section(pid))]
        self.policy.setText("\n".join(f"Policy: {s.ref}: {s.title}" for s in sections))

        mine = item.steps_for(t.surfaces())
        others = [(s, lines) for s, lines in item.steps.items() if all(s is not m for m, _ in mine)]
        headed = len(item.steps) > 1
        self.steps.setText(steps_text(mine, headed))
        self.other_steps.setText(steps_text(sorted(others, key=lambda g: list(Surface).index(g[0])), True))
        self.other_toggle.setVisible(bool(others))
        self.other_toggle.setChecked(False)
        if self.why_toggle is not None:
            self.why_toggle.setChecked(False)

        self.provenance.setText(provenance(item, name))
        self.provenance.setVisible(bool(item.source))
        link_words = link_text(item.link, item)
        self.link_button.setText(link_words)
        self.link_button.setAccessibleName(f"{link_words.replace('&', '')} in your web browser")
        describe(self.link_button, item.link)
        self.link_hint.setText(item.link)
        has_source = bool(item.source) and item.source != item.link
        self.source_button.setVisible(has_source)
        if has_source:
            self.source_button.setText(
                "Open the &help article" if not is_help_article(item.link, item) else "Open the so&urce page"
            )
            describe(self.source_button, item.source or "")
            self.source_button.setAccessibleName(f"Open the page these steps were checked against: {item.source}")
        self.verify.setText(item.verify)

    def _open(self, url: str) -> None:
        if url:
            self._open_link(url)

    # -- "These steps didn't match what I saw" ----------------------------------------------------
    def report_mismatch(self) -> None:
        item = self.item
        if item is None or self.report_dialog is not None:
            return
        # The person's own devices first; "Everywhere" is not a device, so it is offered only alone.
        mine = [s for s in Surface if s in self.tracker.surfaces() and s is not Surface.ALL]
        devices: list[Surface] = [*mine, *(s for s in item.steps if s is not Surface.ALL and s not in mine)] or [
            Surface.ALL
        ]
        dialog = StepReportDialog(item.title, devices, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.report_dialog = dialog

        def recorded() -> None:
            device, note = dialog.chosen()
            if self.item is item:
                self.tracker.report_mismatch(item, device, note)
                self.report_done.setText(
                    "Recorded. Settings → “Save step reports…” makes a file you can send to your "
                    "organisation's content owners."
                )
                self.report_done.setVisible(True)
                self.report_button.setFocus()

        def closed(_result: int) -> None:
            self.report_dialog = None
            dialog.deleteLater()

        dialog.accepted.connect(recorded)
        dialog.finished.connect(closed)
        dialog.open()
