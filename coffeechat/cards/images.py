"""Check an uploaded card photo and re-encode it, so only clean pixels are ever stored.

The type comes from the bytes, never from the name or the browser's Content-Type: Pillow is
only allowed to try the formats we accept, so an SVG, HTML page, PDF or polyglot named .jpg
is refused before any other parser sees it. Re-encoding drops everything but the pixels
(EXIF, GPS position, ICC profiles, trailing data), and large photos are scaled down on the way.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps

MAX_BYTES = 10 * 1024 * 1024
# Enough for a 24-megapixel phone photo. Checked on the header, before any pixel is decoded:
# a 20000×20000 PNG of one colour is a few kilobytes on disk and 1.6 GB in memory.
MAX_PIXELS = 30_000_000
# Card text stays sharp at this size, and OCR scales larger images down anyway.
MAX_SIDE = 2000
ACCEPTED = ("JPEG", "PNG", "WEBP")
NOT_AN_IMAGE = "is not an image we can read. Upload a JPEG, PNG or WebP photo."


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    extension: str  # "jpg" or "png"
    width: int
    height: int


def pixels_of(upload: IO[bytes], *, name: str, size: int) -> int:
    """The photo's pixel count from its header alone (nothing decoded: milliseconds).

    Raises ValidationError, naming the file, for what clean_upload would refuse before
    decoding: empty, too many bytes or pixels, HEIC, not a format we accept.
    """
    label = _label(name)
    _check_bytes(upload, label, size)
    try:
        with Image.open(upload, formats=ACCEPTED) as image:  # reads the header only
            width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(f"{label} is too large to read safely.") from None
    except Exception:
        raise ValidationError(f"{label} {NOT_AN_IMAGE}") from None
    finally:
        upload.seek(0)
    _check_pixels(width, height, label)
    return width * height


def clean_upload(upload: IO[bytes], *, name: str, size: int) -> CleanImage:
    """The upload re-encoded as JPEG (photos) or PNG (images with transparency).

    Raises ValidationError with a message that names the file, for anything else.
    """
    label = _label(name)
    _check_bytes(upload, label, size)
    image = _open(upload, label)
    return _reencode(image, label)


def _check_bytes(upload: IO[bytes], label: str, size: int) -> None:
    if size == 0:
        raise ValidationError(f"{label} is empty.")
    if size > MAX_BYTES:
        raise ValidationError(f"{label} is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    head = upload.read(32)
    upload.seek(0)
    if _is_heic(head):
        raise ValidationError(
            f"{label} is a HEIC photo, which we can't read yet. Take the photo with the "
            "camera button on this page, or export it as JPEG."
        )


def _check_pixels(width: int, height: int, label: str) -> None:
    if width * height > MAX_PIXELS:
        raise ValidationError(
            f"{label} is too large ({width}×{height} pixels). Send a "
            "photo of at most 30 megapixels."
        )


def _label(name: str) -> str:
    # The name is shown back to the user: keep it short and printable.
    cleaned = "".join(c for c in name if c.isprintable())[:60]
    return f"“{cleaned}”" if cleaned else "This file"


def _is_heic(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in (
        b"heic",
        b"heix",
        b"hevc",
        b"heif",
        b"mif1",
        b"msf1",
    )


def _open(upload: IO[bytes], label: str) -> Image.Image:
    try:
        image = Image.open(upload, formats=ACCEPTED)  # reads the header only
        _check_pixels(image.width, image.height, label)
        if image.format == "JPEG":
            # Decode at a reduced scale straight away: far less memory for big photos.
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))
        image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own check, in Image.open, for sizes far past ours (the warning is an
        # exception wherever warnings are errors, as in the tests).
        raise ValidationError(f"{label} is too large to read safely.") from None
    except Exception:
        # Pillow signals bad input with many types (UnidentifiedImageError, OSError for a
        # truncated file, ValueError, SyntaxError, struct.error...); all mean the same here.
        raise ValidationError(f"{label} {NOT_AN_IMAGE}") from None
    return image


def _reencode(image: Image.Image, label: str) -> CleanImage:
    try:
        image = ImageOps.exif_transpose(image)  # phones store "rotate me" in EXIF, which goes
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
        image.info = {}  # no EXIF, GPS, XMP, ICC profile or comment survives into the file
        buffer = io.BytesIO()
        if has_alpha:
            image.save(buffer, "PNG", optimize=True)
        else:
            image.save(buffer, "JPEG", quality=88)
    except Exception:
        raise ValidationError(f"{label} {NOT_AN_IMAGE}") from None
    return CleanImage(
        content=buffer.getvalue(),
        extension="png" if has_alpha else "jpg",
        width=image.width,
        height=image.height,
    )
