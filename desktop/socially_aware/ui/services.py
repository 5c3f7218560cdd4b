"""What the window may ask of the rest of the app, as plain callables wired up in `app.py`.

The widgets never touch the store, the crypto or the image libraries themselves; they call these.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # types only: the widgets never load these modules through this one
    from socially_aware.accounts.scan import ScanReport
    from socially_aware.ui.photo_shows import ShowsActions

from socially_aware.progress.model import ProgressDocument, StepReport
from socially_aware.scrubber.model import CleanOptions, CleanResult, FolderSummary, Inspection


@dataclass(frozen=True)
class StoreActions:
    save_now: Callable[[], None]
    """Write any unsaved change now (on close, after onboarding); saving itself follows the Tracker."""
    export: Callable[[ProgressDocument, Path, str], None]
    import_: Callable[[Path, str], ProgressDocument]
    delete_all: Callable[[], None]
    restore_backup: Callable[[], ProgressDocument]
    replace: Callable[[ProgressDocument], None]
    """Save `doc` over a file that could not be opened: the person chose this explicitly."""
    data_location: Path
    protection: str
    """A sentence: how the file is protected (keyring or passphrase)."""
    error_type: type[Exception]
    """The store's own error type: its `message` and `hint` are shown to the person."""
    new_passphrase: Callable[[str], None] | None = None
    """With a passphrase (no keyring): after deleting everything, take a new one and make its key (slow,
    called off the UI thread). Until then nothing can be saved. None when the keyring holds the key."""


@dataclass(frozen=True)
class ChecklistUpdates:
    """Signed checklist packs from the organisation (`catalog/packs.py`), for Settings."""

    install: Callable[[Path], str]
    """Verify and install a pack (slow-ish: called off the UI thread); returns what Settings shows.
    Raises `error_type` with a plain `message` when the pack is refused (nothing changed)."""
    installed: Callable[[], str | None]
    """"Checklists from <organisation>, version N, <date>", or None when no pack is installed."""
    error_type: type[Exception]
    save_reports: Callable[[Sequence[StepReport], Path], None] | None = None
    """Write "these steps didn't match" reports as the small file for the content owners; raises
    `report_error_type` with a plain `message` when it cannot be written."""
    report_error_type: type[Exception] = OSError


class Cleaner(Protocol):
    def plan(self, files: Sequence[Path], roots: Sequence[Path]) -> list[tuple[Path, Path]]: ...

    def run(
        self,
        files: Sequence[Path],
        roots: Sequence[Path],
        on_result: Callable[[int, int, CleanResult], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[CleanResult]: ...


@dataclass(frozen=True)
class PhotoActions:
    collect: Callable[[Sequence[Path]], list[Path]]
    inspect: Callable[[Path], Inspection]
    summarise: Callable[[Sequence[Inspection]], FolderSummary]
    default_output_dir: Callable[[Sequence[Path]], Path]
    cleaner: Callable[[CleanOptions], Cleaner]
    formats_hint: str
    """What the cleaner takes, in one sentence, from the cleaner's own list of formats."""
    file_filter: str
    """The same list for a file dialog."""
    left_out: Callable[[Sequence[Path]], list[tuple[Path, str]]] | None = None
    """What in the chosen paths the cleaner leaves out, and why (a named .avi, links not followed)."""
    shows: ShowsActions | None = None
    """What each photo shows (issue 17); None leaves the details to metadata."""
    preview: Callable[[Path, int], bytes | None] | None = None
    """A PNG of the picture at most N pixels across, for formats Qt can't decode (HEIC)."""


@dataclass(frozen=True)
class AccountActions:
    scan: Callable[[list[Path]], ScanReport]
    """Read exports and mail; returns a report with `rows`, `files` and `exports_to_delete`."""
    queries: dict[str, str]
