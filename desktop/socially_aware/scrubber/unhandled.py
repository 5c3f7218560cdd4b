"""Kinds of file people hand the cleaner that it does not clean, named so a refusal can say what
the file is ("not a kind of file this cleaner handles (AVI video); handled are JPEG, PNG …").

Only the names live here; what is handled comes from `registry.FORMATS`. A file is recognised by
its first bytes where it has a signature, else by its name's ending.
"""

from __future__ import annotations

from pathlib import Path

from socially_aware.scrubber import registry

# (offset, signature, what it is); the first that matches names the file.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (8, b"AVI ", "AVI video"),
    (8, b"WAVE", "WAV audio"),
    (0, b"\x1a\x45\xdf\xa3", "Matroska or WebM video"),
    (4, b"ftypM4A ", "M4A audio"),
    (4, b"ftypM4B ", "M4B audiobook"),
    (4, b"ftypcrx ", "Canon RAW photo (CR3)"),
    (4, b"ftypjxl ", "JPEG XL picture"),
    (0, b"\x00\x00\x00\x0cJXL \r\n\x87\n", "JPEG XL picture"),
    (0, b"\xff\x0a", "JPEG XL picture"),
    (0, b"ID3", "MP3 audio"),
    (0, b"OggS", "Ogg audio or video"),
    (0, b"fLaC", "FLAC audio"),
    (0, b"%PDF", "PDF document"),
    (0, b"PK\x03\x04", "ZIP archive or office document"),
    (0, b"8BPS", "Photoshop document"),
    (0, b"BM", "BMP picture"),
    (0, b"\x00\x00\x01\x00", "Windows icon"),
    (0, b"FUJIFILMCCD-RAW", "Fujifilm RAW photo"),
)
_ENDINGS = {
    ".avi": "AVI video",
    ".mkv": "Matroska video",
    ".webm": "WebM video",
    ".m4a": "M4A audio",
    ".mp3": "MP3 audio",
    ".wav": "WAV audio",
    ".jxl": "JPEG XL picture",
    ".bmp": "BMP picture",
    ".svg": "SVG drawing",
    ".pdf": "PDF document",
    ".txt": "text file",
    ".zip": "ZIP archive",
    ".psd": "Photoshop document",
    **{ending: "camera RAW photo" for ending in (".cr2", ".cr3", ".nef", ".arw", ".dng", ".orf", ".rw2", ".raf")},
}


def kind_of(path: Path) -> str:
    """What the file is, in a few words ("AVI video", "text file", "an unknown kind of file")."""
    try:
        with path.open("rb") as file:
            head = file.read(32)
    except OSError:
        head = b""
    for offset, signature, name in _SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return name
    if path.suffix.lower() in _ENDINGS:
        return _ENDINGS[path.suffix.lower()]
    if head and all(32 <= byte < 127 or byte in b"\t\r\n" for byte in head):
        return "text file"
    return "an unknown kind of file"


def handled() -> str:
    """Every format the cleaner takes, from the registry: "JPEG, PNG, … and 3GP"."""
    names = [f.name for f in registry.FORMATS]
    return ", ".join(names[:-1]) + " and " + names[-1]


def refusal(path: Path) -> str:
    """Why a named file is left alone, said the same way on the command line and in the window."""
    return f"not a kind of file this cleaner handles ({kind_of(path)}); handled are {handled()}"
