"""Phone videos (MP4, MOV, M4V, 3GP): metadata boxes become `free` boxes; the media data is untouched."""

from __future__ import annotations

from socially_aware.scrubber.model import CleanOptions, FileFormat, ScrubError

MP4_BRANDS = frozenset({b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1",
                        b"M4V ", b"M4VH", b"M4VP", b"M4A ", b"mmp4", b"MSNV", b"dash", b"f4v "})
THREE_GP_PREFIXES = (b"3gp", b"3gg", b"3g2", b"3ge", b"3gs")
QUICKTIME_FIRST_BOXES = frozenset({b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"})


def _major_brand(head: bytes) -> bytes:
    return head[8:12] if head[4:8] == b"ftyp" else b""


def _is_mp4(head: bytes) -> bool:
    return _major_brand(head) in MP4_BRANDS


def _is_mov(head: bytes) -> bool:
    return _major_brand(head) == b"qt  " or (head[4:8] in QUICKTIME_FIRST_BOXES and len(head) >= 8)


def _is_3gp(head: bytes) -> bool:
    return _major_brand(head).startswith(THREE_GP_PREFIXES)


def clean(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    raise ScrubError("videos cannot be cleaned yet")


def verify(original: bytes, cleaned: bytes) -> None:
    raise ScrubError("videos cannot be cleaned yet")


_ALLOWLIST = frozenset({"QuickTime", "Track*", "Video*", "Audio*"})

MP4 = FileFormat(name="MP4", suffixes=(".mp4", ".m4v"), mime="video/mp4", magic=_is_mp4, lossless=True,
                 allowlist=_ALLOWLIST, clean=clean, verify=verify, video=True)
MOV = FileFormat(name="MOV", suffixes=(".mov", ".qt"), mime="video/quicktime", magic=_is_mov, lossless=True,
                 allowlist=_ALLOWLIST, clean=clean, verify=verify, video=True)
THREE_GP = FileFormat(name="3GP", suffixes=(".3gp", ".3g2"), mime="video/3gpp", magic=_is_3gp, lossless=True,
                      allowlist=_ALLOWLIST, clean=clean, verify=verify, video=True)
