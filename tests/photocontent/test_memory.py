"""The text reader leaves the C allocator returning large freed buffers to the system.

onnxruntime (its arena off) frees the detector's tensors of tens of MB after each picture; with
glibc's sliding mmap threshold they came back from the heap instead, which grew and stayed (the
12-megapixel peak, benchmarks/photo_content.py). Run in a fresh process: the allocator's state is
the process's.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator only")

CODE = r"""
from socially_aware.photocontent.engines import Engines

def resident_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))

Engines().text()
large = bytearray(b"\x01") * (24 << 20)  # written through, so its pages are resident
del large  # by default this raises glibc's mmap threshold to 24 MB
before = resident_kb()
medium = bytearray(b"\x01") * (12 << 20)
del medium
print(resident_kb() - before)
"""


def test_a_freed_large_buffer_leaves_the_process_once_the_text_reader_is_loaded() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True).stdout
    kept_kb = int(out.strip().splitlines()[-1])
    assert kept_kb < 2048, f"{kept_kb} KB of a freed 12 MB buffer stayed resident"
