"""A contact's photo from a vCard PHOTO: checked, shrunk and re-encoded, or a reason why not.

Decoded only when embedded (base64 or a data: URI) and small; never fetched from a URL
(security.md T10: no SSRF). Pillow reads the header first, so a decompression bomb is refused
by its declared size before any pixel is decoded; the kept photo is a fresh JPEG of at most
PHOTO_SIDE pixels a side, without the original's metadata (EXIF, GPS).
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from dataclasses import dataclass

MAX_PHOTO_BYTES = 512 * 1024  # the embedded file, decoded
MAX_PIXELS = 25_000_000
PHOTO_SIDE = 256
FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


@dataclass
class Photo:
    data_uri: str = ""  # data:image/jpeg;base64,... when kept
    address: str = ""  # a photo at a web address: kept as text, never fetched
    problem: str = ""  # why it wasn't kept, for the preview


def read(value: str, params: dict[str, list[str]]) -> Photo:
    value = value.strip()
    if re.match(r"(?i)https?://", value):
        return Photo(
            address=value[:500],
            problem="The photo is at a web address, which "
            "coffeechat never fetches: its address is kept in the notes.",
        )
    if found := re.match(r"(?is)data:[^,;]*(;base64)?,(.*)", value):
        if not found[1]:
            return Photo(problem="The photo isn't base64 data; it was skipped.")
        value = found[2]
    elif not any(v.lower() in ("b", "base64") for v in params.get("ENCODING", [])):
        return Photo(problem="The photo is neither embedded nor a web address; it was skipped.")
    try:
        raw = base64.b64decode(re.sub(r"\s+", "", value), validate=True)
    except (binascii.Error, ValueError):
        return Photo(problem="The photo's data is damaged (not valid base64); it was skipped.")
    if len(raw) > MAX_PHOTO_BYTES:
        return Photo(problem=f"The photo is over {MAX_PHOTO_BYTES // 1024} KB; it was skipped.")
    return _reencoded(raw)


def _reencoded(raw: bytes) -> Photo:
    # Pillow is imported here, when a card has a photo: it costs a quarter of a second of
    # start-up that `manage.py import_contacts` of a LinkedIn file doesn't need.
    from PIL import Image, UnidentifiedImageError

    damaged = Photo(
        problem="The photo couldn't be read as an image (damaged or an unknown "
        "format); it was skipped."
    )
    try:
        with Image.open(io.BytesIO(raw)) as image:
            if image.format not in FORMATS:
                return damaged
            if image.width * image.height > MAX_PIXELS:
                return Photo(problem="The photo is too large in pixels; it was skipped.")
            image.thumbnail((PHOTO_SIDE, PHOTO_SIDE))
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=85)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return damaged
    return Photo(data_uri="data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode())
