"""Bytes to text to rows: encodings, binary files, delimiters, CSV errors (security.md T10)."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator

from coffeechat.imports.parsers.base import FileProblem

# Magic numbers of files people upload by mistake: say what it is rather than "unreadable".
BINARY_SIGNATURES = {
    b"\x89PNG": "an image (PNG)",
    b"\xff\xd8\xff": "an image (JPEG)",
    b"GIF8": "an image (GIF)",
    b"RIFF": "an image or media file",
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old Office document (save it as CSV first)",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
}
DELIMITERS = (",", ";", "\t")
# Python's csv module refuses longer fields (csv.field_size_limit() default).
FIELD_LIMIT = 131_072


def not_contacts(raw: bytes) -> str:
    """What the file looks like when it is clearly not text ('' when it may be text)."""
    for signature, what in BINARY_SIGNATURES.items():
        if raw.startswith(signature):
            return what
    return ""


def decode(raw: bytes) -> str:
    """The file as text: UTF-8 (BOM or not), UTF-16 (BOM or not), else Windows-1252."""
    if what := not_contacts(raw):
        raise FileProblem(f"This file is {what}, not a contacts file.")
    if raw.startswith(codecs.BOM_UTF8):
        return _checked(raw[3:].decode("utf-8", errors="replace"))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(_utf16(raw, "utf-16"))
    head = raw[:4096]
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 > head[0::2].count(0):
        return _checked(_utf16(raw, "utf-16-le"))
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4 > head[1::2].count(0):
        return _checked(_utf16(raw, "utf-16-be"))
    try:
        return _checked(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        return _checked(raw.decode("cp1252"))
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte.
        return _checked(raw.decode("latin-1"))


def _utf16(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        raise FileProblem("This file says it is UTF-16 but isn't valid UTF-16.") from None


def _checked(text: str) -> str:
    # NUL or many control characters mean a binary file that happened to decode.
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t\f\v")
    if "\x00" in text or controls > len(sample) // 20:
        raise FileProblem(
            "This file holds binary data, not contacts. "
            "Upload a CSV, a vCard (.vcf) or a LinkedIn export (.zip)."
        )
    return text


def sniff_delimiter(text: str) -> str:
    """The delimiter (comma, semicolon or tab) that splits the first lines most consistently."""
    sample = text[:65_536]
    best, best_score = ",", -1
    for delimiter in DELIMITERS:
        lengths: Counter[int] = Counter()
        try:
            for i, fields in enumerate(
                csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
            ):
                if i >= 30:
                    break
                if len(fields) > 1:
                    lengths[len(fields)] += 1
        except csv.Error:
            continue
        if lengths:
            width, rows = lengths.most_common(1)[0]
            score = rows * 1000 + width
            if score > best_score:
                best, best_score = delimiter, score
    return best


LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def lines(text: str) -> Iterator[str]:
    """The text's lines with their endings, one at a time. io.StringIO would copy the whole
    text at four bytes a character: 16 MB for a 4 MB file."""
    return (found[0] for found in LINE.finditer(text))


def read_rows(text: str, *, blank: bool = False) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, fields) for every record of a CSV text; records of only
    delimiters and spaces (LinkedIn pads some) only when `blank` is true.

    A broken record is reported at the line where it starts: an unterminated quote makes the
    csv module read to the end of the file, so its own line number points at the last line.
    """
    reader = csv.reader(lines(text), delimiter=sniff_delimiter(text), strict=True)
    line = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FileProblem(_csv_problem(line, error)) from None
        start, line = line, reader.line_num + 1
        if blank or any(f.strip() for f in fields):
            yield start, fields


def _csv_problem(line: int, error: csv.Error) -> str:
    message = str(error)
    if "field larger than field limit" in message:
        return (
            f"Line {line}: a field of the record that starts here is longer than "
            f"{FIELD_LIMIT:,} characters (a quotation mark that is never closed?), so the "
            "file can't be read. Nothing was imported."
        )
    if "unexpected end of data" in message or "EOF" in message:
        return (
            f"Line {line}: a quotation mark opens a field in this record and is never "
            "closed, so the rest of the file can't be read. Close the quote (or remove "
            "it) and upload the file again. Nothing was imported."
        )
    return (
        f"Line {line}: the record that starts here isn't valid CSV ({message}). "
        "Nothing was imported."
    )
