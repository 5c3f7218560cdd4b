"""What a photo shows: the organisation's name in the picture, faces and barcodes, and covering them.

Qt-free; the window and the command line use the same service (`look.look_inside`, `redact`). The
image libraries (onnxruntime, OpenCV, zxing-cpp) are imported only when a photo is first looked
inside, so start-up does not pay for them (`engines.py`).
"""
