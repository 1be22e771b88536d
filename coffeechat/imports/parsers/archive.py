"""Reading a LinkedIn export zip in memory, refusing zip bombs before inflating anything."""

from __future__ import annotations

import io
import zipfile
import zlib

from coffeechat.imports.parsers.base import FileProblem

MAX_MEMBERS = 1_000
MAX_MEMBER_BYTES = 20 * 1024 * 1024  # one inflated CSV: as much as a plain upload may be
MAX_TOTAL_BYTES = 40 * 1024 * 1024  # all the CSVs we read, inflated
MAX_RATIO = 100  # real CSVs deflate 5-20x; bombs 1,000x and more
HEAD_BYTES = 8192
ZIP_MAGIC = b"PK\x03\x04"
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


def csv_members(raw: bytes) -> list[tuple[str, zipfile.ZipFile, zipfile.ZipInfo]]:
    """The .csv entries of the zip, after checking every entry's declared sizes."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except ZIP_ERRORS:
        raise FileProblem("This zip file is damaged or not a zip file.") from None
    if len(members) > MAX_MEMBERS:
        raise FileProblem(
            f"This zip holds more than {MAX_MEMBERS:,} files; it isn't a LinkedIn export."
        )
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if (
            info.file_size > MAX_MEMBER_BYTES
            or total > MAX_TOTAL_BYTES
            or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO)
        ):
            raise FileProblem(
                "This zip inflates to far more than a LinkedIn export does "
                "(a zip bomb?), so it wasn't opened."
            )
    return [
        (info.filename, archive, info)
        for info in members
        if not info.is_dir() and info.filename.lower().endswith(".csv")
    ]


def read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, *, whole: bool = True
) -> bytes:
    """Up to `limit` inflated bytes, read in chunks: the sizes in the header may lie. With
    `whole`, a member that holds more than `limit` is refused rather than cut."""
    chunks, size = [], 0
    try:
        with archive.open(info) as stream:
            while size < limit and (chunk := stream.read(min(65_536, limit - size))):
                chunks.append(chunk)
                size += len(chunk)
            if whole and stream.read(1):
                raise FileProblem(
                    f"{info.filename} inflates to more than "
                    f"{limit // 2**20} MB; the zip wasn't imported."
                )
    except ZIP_ERRORS:
        raise FileProblem(
            f"{info.filename} in this zip can't be read (damaged or encrypted)."
        ) from None
    return b"".join(chunks)


class Budget:
    """How many inflated bytes the files read from one zip may still take, all together."""

    def __init__(self, total: int | None = None) -> None:
        self.left = MAX_TOTAL_BYTES if total is None else total

    def read(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
        data = read_member(archive, info, min(self.left, MAX_MEMBER_BYTES))
        self.left -= len(data)
        return data
