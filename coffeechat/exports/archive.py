"""Reading an account export zip with bounded cost, whatever the zip holds.

Before anything is inflated, the zip's directory is checked: upload size, number of entries,
the total they say they inflate to, and each member's compression ratio. Then data.json is
read as a stream, one record at a time (never the whole document in memory), and each model's
records are spooled to a temporary file, one JSON line each, for the loader to read back in
the order it needs. Inflated sizes are counted as they come, since a zip's header may lie.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any

from django.core.exceptions import ValidationError

from coffeechat.exports import walk

MAX_UPLOAD_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 50_000
MAX_INFLATED_BYTES = 1024 * 1024 * 1024  # everything in the zip, inflated
MAX_DOCUMENT_BYTES = 512 * 1024 * 1024  # data.json, inflated
MAX_FILE_BYTES = 32 * 1024 * 1024  # one stored file (card photos are 10 MB at most)
MAX_RATIO = 100  # real exports deflate 5-20x; zip bombs 1,000x and more
MAX_RECORD_CHARS = 32 * 1024 * 1024  # one record (a kept contact file is 20 MB, base64 27)
MAX_HEADER_CHARS = 1024 * 1024  # "account", "omitted" and the other top-level values
MAX_RECORDS = 2_000_000
CHUNK = 1024 * 1024
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
)
WHITESPACE = re.compile(r"[ \t\n\r]*")
BOMB = (
    "This zip inflates to far more than a coffeechat export does (a zip bomb?), so it "
    "wasn't opened."
)


class NotAnExport(ValidationError):
    pass


def check_upload(upload: IO[bytes], size: int) -> None:
    """Refuse, from its size and zip directory alone, what no real export looks like."""
    if size > MAX_UPLOAD_BYTES:
        raise NotAnExport(
            f"This file is over {MAX_UPLOAD_BYTES // 2**20} MB, the limit for an account import."
        )
    with open_zip(upload):
        pass


def open_zip(archive: IO[bytes]) -> zipfile.ZipFile:
    """The zip, after checking every entry's declared sizes (nothing inflated yet)."""
    try:
        zipped = zipfile.ZipFile(archive)
        members = zipped.infolist()
    except ZIP_ERRORS:
        raise NotAnExport("This file is not a zip. Upload the .zip coffeechat exported.") from None
    if len(members) > MAX_MEMBERS:
        raise NotAnExport(
            f"This zip holds more than {MAX_MEMBERS:,} files; a coffeechat export doesn't."
        )
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_INFLATED_BYTES or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise NotAnExport(BOMB)
    return zipped


def read_member(zipped: zipfile.ZipFile, path: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """One stored file, read in chunks and refused past `limit` inflated bytes."""
    try:
        info = zipped.getinfo(path)
    except KeyError:
        raise NotAnExport(f"The zip lacks the file {path}.") from None
    chunks, size = [], 0
    try:
        with zipped.open(info) as stream:
            while chunk := stream.read(min(CHUNK, limit + 1 - size)):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise NotAnExport(f"The file {path} is too large to import.")
    except ZIP_ERRORS:
        raise NotAnExport(
            f"The file {path} in this zip can't be read (damaged or encrypted)."
        ) from None
    return b"".join(chunks)


# data.json, streamed -----------------------------------------------------------------------------


class Spool:
    """One model's records on disk, one JSON line each; iterating reads them back."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (closed by close())
        self.count = 0

    def add(self, record: Any) -> None:
        self.file.write(json.dumps(record, ensure_ascii=False))
        self.file.write("\n")
        self.count += 1

    def __iter__(self) -> Iterator[Any]:
        self.file.seek(0)
        for line in self.file:
            yield json.loads(line)

    def __len__(self) -> int:
        return self.count

    def close(self) -> None:
        self.file.close()


class Document:
    """data.json as read: the small top-level values, and each model's records spooled."""

    def __init__(self) -> None:
        self.header: dict[str, Any] = {}
        self.records: dict[str, Spool] = {}

    @property
    def total(self) -> int:
        return sum(len(spool) for spool in self.records.values())

    def close(self) -> None:
        for spool in self.records.values():
            spool.close()


def read_document(zipped: zipfile.ZipFile) -> Document:
    """Stream data.json into a Document; refuse anything but an object of the export's shape."""
    try:
        info = zipped.getinfo("data.json")
    except KeyError:
        raise NotAnExport("The zip has no data.json: is it a coffeechat export?") from None
    document = Document()
    try:
        with zipped.open(info) as raw:
            capped = io.BufferedReader(_Capped(raw, MAX_DOCUMENT_BYTES))
            text = io.TextIOWrapper(capped, encoding="utf-8-sig")
            _Parser(text, document).parse()
    except NotAnExport:
        document.close()
        raise
    except (*ZIP_ERRORS, UnicodeDecodeError):
        document.close()
        raise NotAnExport("The export's data.json can't be read (damaged, or not UTF-8).") from None
    return document


class _Capped(io.RawIOBase):
    """A binary stream that refuses to give more than `limit` bytes."""

    def __init__(self, raw: IO[bytes], limit: int) -> None:
        self.raw, self.left = raw, limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        self.left -= len(data)
        if self.left < 0:
            raise NotAnExport("The export's data.json is too large to import.")
        buffer[: len(data)] = data
        return len(data)


class _Parser:
    """Just enough of a streaming JSON reader for the export's two outer levels.

    {"format": ..., "records": {"app.Model": [{...}, {...}], ...}, ...}: each record, and each
    top-level value but "records", is decoded whole by the json module, with a size cap.
    """

    def __init__(self, text: IO[str], document: Document) -> None:
        self.text, self.document = text, document
        self.buffer, self.pos, self.eof = "", 0, False
        self.known = {owned.label for owned in walk.exported_models()}

    def parse(self) -> None:
        self._expect("{")
        if self._peek() != "}":
            while True:
                key = self._value(1024)
                if not isinstance(key, str):
                    raise self._invalid()
                self._expect(":")
                if key == "records":
                    self._records()
                elif key in self.document.header:
                    raise self._invalid()
                else:
                    self.document.header[key] = self._value(MAX_HEADER_CHARS)
                if not self._next_or_end("}"):
                    break
        else:
            self.pos += 1
        if self._peek() != "":
            raise self._invalid()

    def _records(self) -> None:
        self._expect("{")
        if self._peek() == "}":
            self.pos += 1
            return
        while True:
            label = self._value(1024)
            if not isinstance(label, str) or label in self.document.records:
                raise self._invalid()
            if label not in self.known:
                raise NotAnExport(
                    f"The export holds kinds of records this coffeechat doesn't "
                    f"know: {label[:100]}."
                )
            spool = self.document.records[label] = Spool()
            self._expect(":")
            self._expect("[")
            if self._peek() == "]":
                self.pos += 1
            else:
                while True:
                    spool.add(self._value(MAX_RECORD_CHARS))
                    if self.document.total > MAX_RECORDS:
                        raise NotAnExport(
                            f"The export holds more than {MAX_RECORDS:,} "
                            "records, more than one account can import."
                        )
                    if not self._next_or_end("]"):
                        break
            if not self._next_or_end("}"):
                return

    def _next_or_end(self, end: str) -> bool:
        """After a value: True at a comma (another follows), False at `end`."""
        found = self._peek()
        self.pos += 1
        if found == ",":
            return True
        if found == end:
            return False
        raise self._invalid()

    def _fill(self, size: int) -> bool:
        chunk = self.text.read(size)
        if not chunk:
            self.eof = True
            return False
        self.buffer = self.buffer[self.pos :] + chunk
        self.pos = 0
        return True

    def _peek(self) -> str:
        while True:
            blank = WHITESPACE.match(self.buffer, self.pos)
            assert blank is not None  # "*": it matches the empty string
            self.pos = blank.end()
            if self.pos < len(self.buffer) or not self._fill(CHUNK):
                return self.buffer[self.pos : self.pos + 1]

    def _expect(self, char: str) -> None:
        if self._peek() != char:
            raise self._invalid()
        self.pos += 1

    def _value(self, limit: int) -> Any:
        self._peek()
        want = CHUNK
        value: Any
        end: int | None
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buffer, self.pos)
            except ValueError:
                value = end = None
            else:
                # A number cut at the buffer's end ("12" of "123") decodes too: read on.
                if end < len(self.buffer) or self.eof:
                    return self._took(value, end, limit)
            if len(self.buffer) - self.pos > limit:
                raise self._too_large()
            if not self._fill(want):
                if end is None:
                    raise self._invalid()
                return self._took(value, end, limit)
            want *= 2

    def _took(self, value: Any, end: int, limit: int) -> Any:
        if end - self.pos > limit:
            raise self._too_large()
        self.pos = end
        return value

    def _too_large(self) -> NotAnExport:
        return NotAnExport("A record in the export's data.json is too large to import.")

    def _invalid(self) -> NotAnExport:
        return NotAnExport("The export's data.json is not valid JSON of a coffeechat export.")


_DECODER = json.JSONDecoder()
