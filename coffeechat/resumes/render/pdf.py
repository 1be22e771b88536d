"""The PDF rendering: typst templates in render/typst/, fonts vendored in render/fonts/.

The templates read the `Resume` as JSON through sys_inputs (no markup is generated from user
text, so nothing in it can be read as typst code). Fonts are only the vendored Noto files
(system fonts are ignored and the templates set `fallback: false`), so a PDF looks the same on
every machine, every font is embedded, and the characters that can print are exactly those in
the vendored fonts' character maps: any other character gets a warning naming it.

Speed: a warm one-page render takes about 20 ms (scripts/bench_resume.py), so the web view
renders synchronously. One typst Compiler per template is kept and reused (it caches the
parsed template and the fonts); a lock serializes its use, since it is not reentrant.
"""

from __future__ import annotations

import json
import struct
import threading
import unicodedata
from dataclasses import asdict
from functools import cache
from pathlib import Path

import typst

from coffeechat.resumes.render.model import Resume

HERE = Path(__file__).resolve().parent
FONT_DIR = HERE / "fonts"
TEMPLATE_DIR = HERE / "typst"
PAPERS = {"a4": "a4", "letter": "us-letter"}
# The font families of each template, in the order typst tries them. The templates get them from
# here (d.fonts), so the glyph check below always tests the fonts that really print.
FAMILIES = {
    "classic": ("Noto Serif", "Noto Sans Arabic", "Noto Sans Hebrew"),
    "modern": ("Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew"),
    "compact": ("Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew"),
}

_lock = threading.Lock()


def render(resume: Resume, *, template: str, paper: str) -> tuple[bytes, int, list[str]]:
    """The PDF, its page count, and warnings about characters the fonts lack."""
    data = {**asdict(resume), "paper": PAPERS[paper], "fonts": FAMILIES[template]}
    del data["warnings"]
    compiler = _compiler(template)
    with _lock:
        pdf = compiler.compile(sys_inputs={"data": json.dumps(data)})
        # Queries the document just compiled (memoized: no second layout).
        pages = int(compiler.query("<page-count>", field="value", one=True))
    assert isinstance(pdf, bytes)  # one document in, one PDF out (not one image per page)
    return pdf, pages, _missing_glyph_warnings(resume, template)


@cache
def _compiler(template: str) -> typst.Compiler:
    return typst.Compiler(
        str(TEMPLATE_DIR / f"{template}.typ"),
        root=str(TEMPLATE_DIR),
        font_paths=[str(FONT_DIR)],
        ignore_system_fonts=True,
    )


def _missing_glyph_warnings(resume: Resume, template: str) -> list[str]:
    covered = coverage(FAMILIES[template])
    missing = sorted(
        {ch for s in resume.strings() for ch in s if ord(ch) not in covered and _needs_glyph(ch)}
    )
    if not missing:
        return []
    shown = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing[:12])
    more = f" and {len(missing) - 12} more" if len(missing) > 12 else ""
    return [
        f"The PDF fonts have no glyph for {shown}{more}: these characters print as empty "
        "boxes in the PDF. The DOCX, Markdown and text versions keep them."
    ]


def _needs_glyph(ch: str) -> bool:
    """False for spaces, format controls (ZWJ, bidi marks) and variation selectors."""
    point = ord(ch)
    return not (
        ch.isspace()
        or unicodedata.category(ch) in ("Cf", "Cc")
        or 0xFE00 <= point <= 0xFE0F
        or 0xE0100 <= point <= 0xE01EF
    )


@cache
def coverage(families: tuple[str, ...]) -> frozenset[int]:
    """Code points that at least one of the families' regular fonts maps to a glyph."""
    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONT_DIR)]
    ).fonts()
    points: set[int] = set()
    for font in fonts:
        if font.path and font.family in families and font.style == "normal" and font.weight == 400:
            points |= cmap(Path(font.path).read_bytes())
    return frozenset(points)


def cmap(data: bytes) -> set[int]:
    """The code points of a TrueType/OpenType font's Unicode cmap (formats 4 and 12)."""
    tables = {
        data[12 + 16 * i : 16 + 16 * i]: struct.unpack_from(">I", data, 20 + 16 * i)[0]
        for i in range(struct.unpack_from(">H", data, 4)[0])
    }
    base = tables[b"cmap"]
    subtables = {}
    for i in range(struct.unpack_from(">H", data, base + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", data, base + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, base + offset)[0]
        if (platform, encoding) in {(3, 1), (3, 10), (0, 3), (0, 4)}:
            subtables[fmt] = base + offset
    if 12 in subtables:
        return _format12(data, subtables[12])
    return _format4(data, subtables[4])


def _format12(data: bytes, at: int) -> set[int]:
    points: set[int] = set()
    for g in range(struct.unpack_from(">I", data, at + 12)[0]):
        first, last, glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
        points.update(range(first + (glyph == 0), last + 1))
    return points


def _format4(data: bytes, at: int) -> set[int]:
    segments = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends, starts, deltas, ranges = (
        at + 14,
        at + 16 + 2 * segments,
        at + 16 + 4 * segments,
        at + 16 + 6 * segments,
    )
    points: set[int] = set()
    for s in range(segments):
        end, start = (struct.unpack_from(">H", data, a + 2 * s)[0] for a in (ends, starts))
        delta, offset = (struct.unpack_from(">H", data, a + 2 * s)[0] for a in (deltas, ranges))
        for point in range(start, min(end, 0xFFFE) + 1):
            if offset == 0:
                glyph = (point + delta) & 0xFFFF
            else:
                index = ranges + 2 * s + offset + 2 * (point - start)
                glyph = struct.unpack_from(">H", data, index)[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                points.add(point)
    return points
