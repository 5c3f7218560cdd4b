"""Photo metadata: one module per format, a registry, inspect + clean + verify. No Qt here."""

from socially_aware.scrubber.batch import BatchCleaner, collect_photos, default_output_dir, summarise
from socially_aware.scrubber.cleaning import clean_bytes, clean_file, inspect_file
from socially_aware.scrubber.model import (
    CleanOptions,
    CleanResult,
    FolderSummary,
    Group,
    Inspection,
    MetadataEntry,
    Outcome,
    ScrubError,
)
from socially_aware.scrubber.registry import FORMATS, SUPPORTED_SUFFIXES

__all__ = [
    "FORMATS", "SUPPORTED_SUFFIXES", "BatchCleaner", "CleanOptions", "CleanResult", "FolderSummary", "Group",
    "Inspection", "MetadataEntry", "Outcome", "ScrubError", "clean_bytes", "clean_file", "collect_photos",
    "default_output_dir", "inspect_file", "summarise",
]
