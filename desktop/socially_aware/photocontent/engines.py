"""The models that read a picture, loaded on first use and kept for the life of the process.

Each model ships inside its package, so nothing is fetched at run time (checked in
docs/decisions/0004-photo-content.md): RapidOCR 1.4.4's PP-OCRv4 text detector and recogniser
(ONNX, run by onnxruntime), OpenCV's Haar cascade for frontal faces, and zxing-cpp for codes.
Heavy imports happen here and only here, on first use, so start-up never pays for them. A model
that is missing or damaged raises ModelUnavailable with a plain message; the other kinds still work.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from socially_aware.photocontent.limits import (
    MALLOC_MMAP_THRESHOLD,
    MAX_CODES,
    MAX_FACES,
    MAX_TEXT_REGIONS,
    MIN_FACE_FRACTION,
    OCR_MAX_SIDE,
    REC_BATCH,
)

Point = tuple[float, float]


class ModelUnavailable(Exception):
    """A model or library that reads pictures could not be loaded; the message says which and what to do."""


def _import_cv2() -> Any:
    # The full opencv-python wheel (RapidOCR's dependency) points Qt's plugin search at its own Qt 5
    # plugins when imported; that must never leak into this Qt 6 app or the processes it starts.
    saved = {name: os.environ.get(name) for name in ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR")}
    try:
        import cv2
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return cv2


_M_MMAP_THRESHOLD = -3
"""glibc's malloc.h option number for the mmap threshold."""


def _return_large_buffers() -> None:
    """Fix the C allocator's mmap threshold (see limits.MALLOC_MMAP_THRESHOLD): onnxruntime frees the
    detector's large tensors after each picture, and they should leave the process, not the heap's top.
    Only where the C library is glibc; elsewhere the allocator is left alone."""
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # a C library without mallopt: nothing to tune
        return
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    mallopt(_M_MMAP_THRESHOLD, MALLOC_MMAP_THRESHOLD)


@dataclass(frozen=True)
class TextLine:
    corners: tuple[Point, ...]
    """Four corners in the analysed picture, clockwise from the top left of the text."""
    text: str
    confidence: float


class TextReader:
    """PP-OCRv4 through RapidOCR: finds lines of text at any angle and reads them."""

    def __init__(self, models: Path | None = None) -> None:
        _return_large_buffers()
        _import_cv2()
        try:
            from rapidocr_onnxruntime import RapidOCR
        except Exception as error:  # missing package or a broken native library
            raise ModelUnavailable(
                f"The text reader is not installed ({type(error).__name__}); reinstall Socially Aware to read text in photos."
            ) from error
        where: dict[str, str] = {}
        if models is not None:
            where = {
                "det_model_path": str(models / "ch_PP-OCRv4_det_infer.onnx"),
                "rec_model_path": str(models / "ch_PP-OCRv4_rec_infer.onnx"),
                "cls_model_path": str(models / "ch_ppocr_mobile_v2.0_cls_infer.onnx"),
            }
        try:
            self._engine = RapidOCR(
                max_side_len=OCR_MAX_SIDE,
                # Never enlarged to a minimum size: the detector's memory follows the picture's size.
                det_limit_type="max",
                det_limit_side_len=OCR_MAX_SIDE,
                rec_batch_num=REC_BATCH,
                # One thread: on the 2-core machine it was as fast (0.45 s CPU a read) and peaked
                # ~110 MB lower than two, whose per-thread buffers pile up (benchmarks/photo_content.py).
                intra_op_num_threads=1,
                inter_op_num_threads=1,
                **where,
            )
        except Exception as error:  # FileNotFoundError, onnxruntime's errors for a damaged file, ...
            raise ModelUnavailable(
                f"The text reader's model is missing or damaged ({type(error).__name__}); reinstall Socially Aware "
                "to read text in photos."
            ) from error
        # Bounds the work on a picture of thousands of glyphs: the detector keeps this many regions.
        self._engine.text_det.postprocess_op.max_candidates = MAX_TEXT_REGIONS
        self._lock = threading.Lock()

    def read(self, bgr: Any) -> tuple[list[TextLine], bool]:
        """(lines, whether the region limit was reached) for a BGR picture."""
        # A small picture is enlarged to the working size (at most 3×): the reader runs words
        # together in small print; the working size bounds the memory either way.
        height, width = bgr.shape[:2]
        factor = min(3.0, OCR_MAX_SIDE / max(1, height, width))
        if factor > 1.2:
            cv2 = _import_cv2()
            bgr = cv2.resize(bgr, (round(width * factor), round(height * factor)), interpolation=cv2.INTER_CUBIC)
        else:
            factor = 1.0
        with self._lock:  # one picture at a time: the models' memory is paid once
            # No angle classifier: it only turns upside-down lines over, and costs a pass per line.
            result, _ = self._engine(bgr, use_cls=False)
        lines = [
            TextLine(tuple((float(x) / factor, float(y) / factor) for x, y in corners), str(text), float(score))
            for corners, text, score in (result or [])
        ]
        return lines, len(lines) >= MAX_TEXT_REGIONS


class FaceFinder:
    """OpenCV's Haar cascade for frontal faces (shipped inside opencv-python 4.x)."""

    def __init__(self, cascade: Path | None = None) -> None:
        try:
            cv2 = _import_cv2()
        except Exception as error:
            raise ModelUnavailable(
                f"OpenCV is not installed ({type(error).__name__}); faces are not looked for."
            ) from error
        self._cv2 = cv2
        path = cascade or Path(cv2.data.haarcascades) / "haarcascade_frontalface_alt2.xml"
        try:
            self._cascade = cv2.CascadeClassifier(str(path)) if path.is_file() else None
        except Exception:  # OpenCV raises for a file that is not a cascade at all
            self._cascade = None
        if self._cascade is None or self._cascade.empty():
            raise ModelUnavailable(
                "The face model is missing or damaged (OpenCV's frontal-face cascade); reinstall Socially Aware "
                "to look for faces."
            )
        self._lock = threading.Lock()

    def find(self, gray: Any) -> tuple[list[tuple[int, int, int, int]], bool]:
        """(x, y, w, h) of faces in a greyscale picture, and whether there were more than MAX_FACES."""
        smallest = max(24, min(gray.shape[:2]) // MIN_FACE_FRACTION)
        cascade = self._cascade
        if cascade is None:  # never after __init__, which refuses a missing cascade; for the type checker
            return [], False
        with self._lock:
            found = cascade.detectMultiScale(gray, scaleFactor=1.1, minNeighbors=5, minSize=(smallest, smallest))
        boxes = [tuple(int(v) for v in box) for box in found] if len(found) else []
        boxes.sort(key=lambda b: b[2] * b[3], reverse=True)
        return [(b[0], b[1], b[2], b[3]) for b in boxes[:MAX_FACES]], len(boxes) > MAX_FACES


class CodeFinder:
    """zxing-cpp: where barcodes and QR codes are. Their content is never kept or returned."""

    def __init__(self) -> None:
        try:
            import zxingcpp
        except Exception as error:
            raise ModelUnavailable(
                f"The barcode reader is not installed ({type(error).__name__}); codes are not looked for."
            ) from error
        self._zxing = zxingcpp

    def find(self, gray: Any) -> list[tuple[Point, ...]]:
        found = self._zxing.read_barcodes(gray)
        corners = []
        for code in found[:MAX_CODES]:
            p = code.position
            corners.append(
                tuple((float(c.x), float(c.y)) for c in (p.top_left, p.top_right, p.bottom_right, p.bottom_left))
            )
        return corners


@dataclass
class Engines:
    """The three readers, each created on first use; a failure is remembered and reported, not retried."""

    text_models: Path | None = None
    face_cascade: Path | None = None
    _made: dict[str, Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _get(self, name: str, make: Callable[[], Any]) -> Any:
        with self._lock:
            if name not in self._made:
                try:
                    self._made[name] = make()
                except ModelUnavailable as error:
                    self._made[name] = error
            made = self._made[name]
        if isinstance(made, ModelUnavailable):
            raise made
        return made

    def text(self) -> TextReader:
        return self._get("text", lambda: TextReader(self.text_models))

    def faces(self) -> FaceFinder:
        return self._get("faces", lambda: FaceFinder(self.face_cascade))

    def codes(self) -> CodeFinder:
        return self._get("codes", CodeFinder)

    def numpy(self) -> Any:
        import numpy

        return numpy

    def cv2(self) -> Any:
        return _import_cv2()


_shared: Engines | None = None
_shared_lock = threading.Lock()


def shared() -> Engines:
    """The process's readers: models are loaded once, whoever asks first (the window or the CLI)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Engines()
        return _shared
