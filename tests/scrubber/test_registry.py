"""The registry is the one place formats are listed; everything a person sees is derived from it."""

from __future__ import annotations

import importlib
import pkgutil
import re

import socially_aware.scrubber
from socially_aware.scrubber import registry
from socially_aware.scrubber.model import FileFormat
from socially_aware.scrubber.registry import FORMATS, SUPPORTED_SUFFIXES, file_dialog_filter, hint, sniff


def test_each_format_declares_everything_once() -> None:
    names = [f.name for f in FORMATS]
    assert len(names) == len(set(names))
    suffixes = [s for f in FORMATS for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes)), "a suffix belongs to one format"
    for fmt in FORMATS:
        assert fmt.suffixes and all(s.startswith(".") and s == s.lower() for s in fmt.suffixes)
        assert re.fullmatch(r"(image|video)/[a-z0-9.+-]+", fmt.mime)
        assert fmt.mime.startswith("video/") == fmt.video
        assert fmt.allowlist


def test_every_module_that_declares_a_format_is_in_the_registry() -> None:
    """A format module whose line in FORMATS was forgotten would be sniffed, offered and tested nowhere."""
    declared = {
        f"{info.name}.{name}": value
        for info in pkgutil.iter_modules(socially_aware.scrubber.__path__)
        for name, value in vars(importlib.import_module(f"socially_aware.scrubber.{info.name}")).items()
        if isinstance(value, FileFormat)
    }
    assert {where for where, fmt in declared.items() if fmt not in FORMATS} == set()
    assert set(declared.values()) == set(FORMATS)


def test_dialog_filter_lists_every_suffix_and_nothing_else() -> None:
    parts = file_dialog_filter().split(";;")
    assert parts[-1] == "All files (*)"
    everything = set(re.findall(r"\*(\.\w+)", parts[0]))
    assert everything == set(SUPPORTED_SUFFIXES)
    photos = set(re.findall(r"\*(\.\w+)", parts[1]))
    videos = set(re.findall(r"\*(\.\w+)", parts[2]))
    assert ".heic" in photos and ".mov" in videos and not photos & videos


def test_hint_names_every_format() -> None:
    text = hint()
    for fmt in FORMATS:
        assert fmt.name in text
    assert "\n" not in text


def test_sniffing_goes_by_content_and_knows_brands() -> None:
    def ftyp(major: bytes, *compatible: bytes) -> bytes:
        body = major + b"\x00\x00\x00\x00" + b"".join(compatible)
        return (len(body) + 8).to_bytes(4, "big") + b"ftyp" + body

    cases = {
        ftyp(b"heic", b"mif1", b"heic"): "HEIF",
        ftyp(b"mif1", b"mif1", b"heic"): "HEIF",
        ftyp(b"avif", b"mif1", b"avif"): "AVIF",
        ftyp(b"mif1", b"mif1", b"avif"): "AVIF",
        ftyp(b"isom", b"isom", b"mp42"): "MP4",
        ftyp(b"qt  ", b"qt  "): "MOV",
        b"\x00\x00\x00\x08wide\x00\x00\x00\x10mdat": "MOV",
        ftyp(b"3gp4", b"3gp4"): "3GP",
        b"\xff\xd8\xff\xe0": "JPEG",
    }
    for head, name in cases.items():
        found = sniff(head.ljust(32, b"\x00"))
        assert found is not None and found.name == name, head
    assert sniff(ftyp(b"crx ", b"crx ").ljust(32, b"\x00")) is None  # Canon raw: not ours to touch


def test_registry_imports_no_pillow() -> None:
    import subprocess
    import sys

    code = "import sys, socially_aware.scrubber.registry as r; r.file_dialog_filter(); print('PIL' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
    assert registry.by_name("HEIF").suffixes[0] == ".heic"


def test_the_review_pages_photo_check_takes_every_photo_format_and_no_video() -> None:
    from socially_aware.scrubber.registry import FORMATS, PHOTO_SUFFIXES, photo_dialog_filter

    for fmt in FORMATS:
        for suffix in fmt.suffixes:
            assert (suffix in PHOTO_SUFFIXES) is (not fmt.video), (fmt.name, suffix)
            assert (f"*{suffix}" in photo_dialog_filter()) is (not fmt.video), (fmt.name, suffix)
    assert {".avif", ".heif", ".heic", ".gif"} <= PHOTO_SUFFIXES  # the old hand-kept filter left these out


def test_the_review_page_uses_the_registry_not_a_list_of_its_own() -> None:
    from pathlib import Path

    import socially_aware.ui.review_page as page
    from socially_aware.scrubber.registry import PHOTO_SUFFIXES, photo_dialog_filter

    source = Path(page.__file__).read_text(encoding="utf-8")
    assert '".jpg"' not in source and "*.jpg" not in source
    app_source = (Path(page.__file__).parents[1] / "app.py").read_text(encoding="utf-8")
    assert "photo_suffixes=registry.PHOTO_SUFFIXES" in app_source and "registry.photo_dialog_filter()" in app_source
    assert PHOTO_SUFFIXES and "AVIF" not in photo_dialog_filter()  # patterns, not names
