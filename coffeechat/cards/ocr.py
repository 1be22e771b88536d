"""Read the text on a card image with rapidocr, on the models bundled in its wheel.

The engine takes about a second to load, so each process creates it once, on first use,
and keeps it: the task worker pays the cost once, and web processes that never read a card
never pay it. Never ask rapidocr for another model or language: it would try to download one.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from coffeechat.cards.parsing import OcrLine

# Measured with scripts/bench_ocr.py (CPU seconds per card, 2 cores): 1.34 s with the
# library's defaults, 0.46 s with these, every field of the generated cards still right.
ENGINE_PARAMS: dict[str, Any] = {
    # rapidocr logs every model it loads, and "no text found" as a warning, through its
    # own handler; a card without text is normal here.
    "Global.log_level": "error",
    # Detection by default scales the *shorter* side up to 736 px, so a 1050x600 card is
    # searched at 1288x736. Capping the longer side at 736 finds the same lines at a third
    # of the cost; recognition still reads each line from the full-size photo.
    "Det.limit_type": "max",
    "Det.limit_side_len": 736,
    # One thread per session: the worker reads one card at a time on a shared machine, and
    # onnxruntime's thread pool spends more CPU spinning than it saves on images this small.
    "EngineConfig.onnxruntime.intra_op_num_threads": 1,
    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    # The angle classifier stays on: a card photographed upside down costs little to fix.
}

_engine: Any = None
_lock = threading.Lock()


def engine() -> Any:
    """The process's RapidOCR engine, created on first use."""
    global _engine
    if _engine is None:
        with _lock:  # two threads of one worker must not both spend a second loading it
            if _engine is None:
                from rapidocr import RapidOCR

                _engine = RapidOCR(params=ENGINE_PARAMS)
    return _engine


def read_lines(image: Path | bytes) -> tuple[list[OcrLine], float]:
    """The lines of text found in the image, top to bottom, and the seconds OCR took."""
    ocr = engine()
    started = time.perf_counter()
    result = ocr(str(image) if isinstance(image, Path) else image)
    seconds = time.perf_counter() - started
    texts = getattr(result, "txts", None) or ()
    boxes = getattr(result, "boxes", None)
    scores = getattr(result, "scores", None) or ()
    lines = []
    for index, text in enumerate(texts):
        box = boxes[index] if boxes is not None else None
        corners = (0.0, 0.0, 0.0, 0.0)
        if box is not None:
            xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
            corners = (min(xs), min(ys), max(xs), max(ys))
        score = float(scores[index]) if index < len(scores) else 0.0
        lines.append(OcrLine(text=str(text), score=score, box=corners))
    return sorted(lines, key=lambda line: line.top), seconds
