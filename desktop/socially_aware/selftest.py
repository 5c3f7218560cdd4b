"""`socially-aware --self-test`: prove, on this machine, that the parts of the app work.

Loads the shipped catalog, opens a throwaway encrypted store, cleans a generated photo and
verifies the result. Nothing is written outside a temporary folder, which is removed afterwards.
"""

from __future__ import annotations

import io
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from socially_aware import __version__
from socially_aware.locations import Locations

if TYPE_CHECKING:
    from PIL import Image


def _check_catalog() -> str:
    from socially_aware.catalog.loader import load_catalog

    catalog = load_catalog(Locations.default().checklist_dirs[:1])
    if catalog.problems:
        raise RuntimeError("; ".join(str(p) for p in catalog.problems))
    if not catalog.platforms:
        raise RuntimeError("no checklists were found in the bundle")
    return f"{len(catalog.platforms)} platforms, {len(catalog.items())} items, no problems"


def _check_store(work: Path) -> str:
    from socially_aware.progress.errors import TamperedStoreError
    from socially_aware.progress.keys import PassphraseKeySource
    from socially_aware.progress.model import ProgressDocument
    from socially_aware.progress.store import ProgressStore

    store = ProgressStore(work / "store", PassphraseKeySource("self-test passphrase"))
    doc = ProgressDocument(welcomed=True, platforms=["self-test-platform"])
    store.save(doc)
    if store.load().platforms != ["self-test-platform"]:
        raise RuntimeError("the store did not read back what it wrote")
    if b"self-test-platform" in store.path.read_bytes():
        raise RuntimeError("the store file holds readable text")
    data = bytearray(store.path.read_bytes())
    data[-1] ^= 0x01
    store.path.write_bytes(bytes(data))
    try:
        ProgressStore(work / "store", PassphraseKeySource("self-test passphrase")).load()
    except TamperedStoreError:
        pass
    else:
        raise RuntimeError("a tampered store file was not detected")
    return "encrypted round trip and tamper detection work (AES-GCM, scrypt passphrase key)"


def _check_scrubber(work: Path) -> str:
    from PIL import Image

    from socially_aware.scrubber import CleanOptions, Group, Outcome, clean_file, inspect_file

    photo = work / "photo.jpg"
    image = Image.new("RGB", (64, 48), (30, 120, 90))
    exif = Image.Exif()
    exif[0x010F] = "Self-test camera maker"  # Make
    exif[0x0112] = 6  # Orientation: rotated, must survive
    gps = exif.get_ifd(0x8825)
    gps.update({1: "S", 2: (33.0, 51.0, 54.0), 3: "E", 4: (151.0, 12.0, 36.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=90)
    photo.write_bytes(buffer.getvalue())

    before = inspect_file(photo)
    if before.gps is None:
        raise RuntimeError("the generated photo's GPS position was not found")
    out = work / "cleaned" / "photo.jpg"
    out.parent.mkdir()
    result = clean_file(photo, out, CleanOptions(output_dir=out.parent))
    if result.outcome is not Outcome.CLEANED:
        raise RuntimeError(f"cleaning failed: {result.outcome}: {result.message}")
    after = inspect_file(out)
    leftovers = [e.name for e in after.entries if e.group in (Group.LOCATION, Group.DEVICE)]
    if after.gps is not None or leftovers:
        raise RuntimeError(f"the cleaned photo still holds: {', '.join(leftovers) or 'GPS'}")
    with Image.open(out) as cleaned:
        if cleaned.getexif().get(0x0112) != 6:
            raise RuntimeError("the picture's orientation was lost")
        cleaned.load()
    return f"GPS and camera details removed, orientation kept ({', '.join(result.removed)})"


def _check_heif(work: Path) -> str:
    """HEIC through pi-heif (the bundle has no HEVC encoder, so the photo is shipped) and AVIF
    through Pillow's own codec: each cleaned and its cleaned picture decoded."""
    from PIL import Image

    from socially_aware.scrubber import CleanOptions, Outcome, clean_file, inspect_file
    from socially_aware.scrubber.reencode import open_image

    heic = Locations.default().assets_dir / "selftest" / "gps.heic"
    avif = work / "photo.avif"
    Image.new("RGB", (64, 48), (30, 120, 90)).save(avif, "AVIF", exif=_gps_exif().tobytes())
    decoded = []
    for photo in (heic, avif):
        if inspect_file(photo).gps is None:
            raise RuntimeError(f"the GPS position in {photo.name} was not found")
        out = work / "cleaned-heif" / photo.name
        result = clean_file(photo, out, CleanOptions(output_dir=out.parent))
        if result.outcome is not Outcome.CLEANED:
            raise RuntimeError(f"cleaning {photo.name} failed: {result.outcome}: {result.message}")
        if inspect_file(out).gps is not None:
            raise RuntimeError(f"the cleaned {photo.name} still holds its GPS position")
        with open_image(out.read_bytes()) as picture:
            picture.load()
            if picture.size != (64, 48):
                raise RuntimeError(f"the cleaned {photo.name} decodes to {picture.size}, not 64×48")
            decoded.append(photo.suffix[1:].upper())
    return f"GPS removed from a {' and an '.join(decoded)} photo; both cleaned pictures decode"


def _gps_exif() -> Image.Exif:
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "Self-test camera maker"  # Make
    exif.get_ifd(0x8825).update({1: "S", 2: (33.0, 51.0, 54.0), 3: "E", 4: (151.0, 12.0, 36.0)})
    return exif


def _check_accounts(work: Path) -> str:
    from socially_aware.accounts import scan_paths

    export = work / "export.csv"
    export.write_text(
        "name,url,username,password,note\n"
        "strava,https://www.strava.com/login,someone@work.example.gov.au,not-a-real-password,\n"
        "shop,https://shop.example.com,someone@home.example,not-a-real-password,\n",
        encoding="utf-8",
    )
    report = scan_paths([export], ("work.example.gov.au",), None)
    if [row.site for row in report.rows] != ["strava.com"]:
        raise RuntimeError(f"expected one official login (strava.com), found {[r.site for r in report.rows]}")
    if "not-a-real-password" in repr(report):
        raise RuntimeError("a password survived the scan")
    return "a browser export was read and only the site name of the official login was kept"


def _check_packs(work: Path) -> str:
    from socially_aware.catalog.loader import ORGANISATION_FILE, load_organisation
    from socially_aware.catalog.packkeys import load_private, make_keys, parse_public, public_line
    from socially_aware.catalog.packs import PackError, install_pack, installed_pack, pack_folder

    shipped = Locations.default().checklist_dirs[0]
    organisation = load_organisation(shipped / ORGANISATION_FILE)
    private, _public = make_keys(work / "keys")
    trusted = [parse_public(public_line(load_private(private).public_key()))]
    pack = work / "update.sapack"
    pack_folder(shipped, private, pack, organisation, version=1)
    install_pack(pack, trusted, work / "packs", organisation)
    data = bytearray(pack.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = work / "tampered.sapack"
    tampered.write_bytes(bytes(data))
    try:
        install_pack(tampered, trusted, work / "packs", organisation)
    except PackError:
        pass
    else:
        raise RuntimeError("a pack changed after signing was installed")
    current = installed_pack(work / "packs")
    if current is None or current.info.version != 1:
        raise RuntimeError("the signed pack was not installed")
    return "the shipped checklists were signed (Ed25519), installed, and a changed copy was refused"


def _check_review(_work: Path) -> str:
    from socially_aware.review.gazetteer import nearest_town

    found = nearest_town((-35.2809, 149.1300))
    if found is None:
        raise RuntimeError("the offline gazetteer found no town near Canberra")
    town, metres = found
    return f"the offline gazetteer names {town.words()} ({metres / 1000:.0f} km from a test position)"


def _check_window(work: Path) -> str:
    """The real window, built offscreen: Qt's libraries, plugins, fonts and styles are all there."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from socially_aware.app import build_window
    from socially_aware.progress.keys import PassphraseKeySource

    app = QApplication.instance() or QApplication(["socially-aware-self-test"])
    window = build_window(Locations.under(work / "window"), PassphraseKeySource("self-test passphrase"))
    try:
        window.make_every_page()  # the window makes most pages after its first paint: build them all here
        window.resize(1024, 640)
        picture = window.grab()
        if picture.isNull() or picture.width() < 100:
            raise RuntimeError("the window could not be drawn")
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return f"the window was built and drawn on Qt's {QApplication.platformName()} platform"


def _check_photo_content(work: Path) -> str:
    from PIL import Image, ImageDraw, ImageFont

    from socially_aware.catalog.model import Organisation
    from socially_aware.photocontent.look import look_inside

    picture = Image.new("RGB", (640, 240), (235, 235, 225))
    ImageDraw.Draw(picture).text((60, 70), "ABF", font=ImageFont.load_default(64), fill=(20, 20, 20))
    photo = work / "sign.png"
    picture.save(photo)
    organisation = Organisation("Self-test Department", "the Department", ("ABF",), (), None, "", 2015, ())
    look = look_inside(photo, organisation)
    if look.error or look.notes:
        raise RuntimeError(look.error or "; ".join(look.notes))
    if not look.names_organisation:
        raise RuntimeError(f"the name in a generated picture was not read (read: {[s.text for s in look.shows]})")
    return "the text reader, face model and barcode reader loaded; a name in a generated picture was found"


def run_self_test(print_line: Callable[[str], None] = print) -> int:
    print_line(f"Socially Aware {__version__} self-test")
    checks: list[tuple[str, Callable[[Path], str]]] = [
        ("checklist catalog", lambda _work: _check_catalog()),
        ("encrypted progress store", _check_store),
        ("photo cleaner", _check_scrubber),
        ("HEIC and AVIF photos", _check_heif),
        ("work-email account finder", _check_accounts),
        ("what a photo shows", _check_photo_content),
        ("signed checklist packs", _check_packs),
        ("posts review gazetteer", _check_review),
        ("window", _check_window),
    ]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="socially-aware-self-test-") as tmp:
        for name, check in checks:
            started = time.perf_counter()
            try:
                detail = check(Path(tmp))
            except Exception as error:  # the self-test reports every failure, whatever its kind
                failures += 1
                print_line(f"FAIL  {name}: {error}")
            else:
                print_line(f"ok    {name}: {detail} ({(time.perf_counter() - started) * 1000:.0f} ms)")
    print_line("all checks passed" if failures == 0 else f"{failures} check(s) failed")
    return 0 if failures == 0 else 1
