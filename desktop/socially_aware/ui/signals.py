"""Emitting our own Qt signals without losing a reference to True.

PySide6 6.12's `SignalInstance.emit` (`self.finished.emit(...)`) hands back its result, True, without
the reference it owes the caller, so every call leaves True with one reference fewer than it has.
On Python 3.11 True is an ordinary object: once enough emits have happened, the interpreter reaches
zero while releasing the last modules at exit and aborts with "Fatal Python error: bool_dealloc:
deallocating True or False" (exit 134), after every test passed. What `SignalInstance.emit` calls
underneath, `QObject.emit(sender, "2name(signature)", *args)`, counts correctly and delivers the same
way (directly, or queued to a receiver on another thread), so our code emits through it.
`tests/ui/test_refcounts.py` shows the loss and that this path has none, and checks that no module
calls `.emit` on a signal itself. PySide6 6.11.3 does not lose; see docs/decisions/0010.
"""

from __future__ import annotations

from PySide6.QtCore import QMetaMethod, QObject

_signatures: dict[tuple[type[QObject], str], str] = {}
"""`"2" + signature`, as Qt's SIGNAL() macro writes it, per class and signal name."""


def emit(sender: QObject, signal: str, *args: object) -> None:
    """`getattr(sender, signal).emit(*args)`, by the path that keeps True's reference count right."""
    key = (type(sender), signal)
    signature = _signatures.get(key)
    if signature is None:
        signature = _signatures[key] = _qt_signature(sender, signal)
    # The stub says bytes and *args of None; the binding takes the signature as str, and any arguments.
    QObject.emit(sender, signature, *args)  # type: ignore[arg-type]  # see the line above


def _qt_signature(sender: QObject, signal: str) -> str:
    meta = sender.metaObject()
    methods = (meta.method(index) for index in range(meta.methodCount()))
    found = [
        method
        for method in methods
        if method.methodType() == QMetaMethod.MethodType.Signal and bytes(method.name().data()) == signal.encode()
    ]
    if len(found) != 1:
        raise AttributeError(f"{meta.className()} has {len(found)} signals named {signal!r}, not one")
    return "2" + bytes(found[0].methodSignature().data()).decode()
