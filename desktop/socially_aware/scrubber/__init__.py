"""Photo metadata: one module per format, a registry, inspect + clean + verify. No Qt here.

The public names below load on first use, so starting the window doesn't pay for Pillow and the
format modules until the photo cleaner is used.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "BatchCleaner": "batch",
    "collect_photos": "batch",
    "gather_photos": "batch",
    "left_out": "batch",
    "default_output_dir": "batch",
    "summarise": "batch",
    "with_other_names": "batch",
    "clean_bytes": "cleaning",
    "clean_file": "cleaning",
    "inspect_file": "cleaning",
    "CleanOptions": "model",
    "CleanResult": "model",
    "FolderSummary": "model",
    "Group": "model",
    "Inspection": "model",
    "MetadataEntry": "model",
    "Outcome": "model",
    "ScrubError": "model",
    "FORMATS": "registry",
    "SUPPORTED_SUFFIXES": "registry",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
