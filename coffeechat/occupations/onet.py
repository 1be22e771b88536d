"""Reading the O*NET database text release (a zip as published, or its unpacked folder).

Nothing is unpacked to disk: each file is streamed row by row from the zip or the folder, with
limits on names, sizes and row counts checked before and while reading (the zip's own header
sizes may lie). Columns are found by their official names in the header row, so extra columns
(older releases carry a `Title` in most files) and reordered ones are fine.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Buffer, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

MAX_ZIP_BYTES = 200 * 1024 * 1024  # the published zip is about 13 MB
MAX_MEMBERS = 2_000  # the release has about 40 files
MAX_FILE_BYTES = 64 * 1024 * 1024  # one inflated text file we read (the largest is ~7 MB)
MAX_RATIO = 100  # text deflates 5-15x; zip bombs 1,000x and more
MAX_ROWS = 500_000  # per file (Skills.txt has ~62,000)
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
CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
# "db_30_1_text", "db_30_1_text.zip", or the Read Me's "O*NET 30.1 Database".
VERSION_IN_NAME = re.compile(r"db_(\d{1,2})_(\d{1,2})(?:_text)?", re.IGNORECASE)
VERSION_IN_README = re.compile(r"O\*NET\S*\s+(\d{1,2}\.\d{1,2})\s+Database", re.IGNORECASE)


class OnetProblem(Exception):
    """Something about the release that stops the import, in a sentence an administrator acts on."""


@dataclass(frozen=True)
class FileSpec:
    name: str
    columns: tuple[str, ...]  # required, by their official names
    optional: tuple[str, ...] = ()


CODE_COLUMN = "O*NET-SOC Code"
RATING_COLUMNS = (CODE_COLUMN, "Element ID", "Element Name", "Scale ID", "Data Value")
FILES: dict[str, FileSpec] = {
    "occupations": FileSpec("Occupation Data.txt", (CODE_COLUMN, "Title", "Description")),
    "job_zones": FileSpec("Job Zones.txt", (CODE_COLUMN, "Job Zone")),
    "interests": FileSpec("Interests.txt", RATING_COLUMNS),
    "alternate_titles": FileSpec(
        "Alternate Titles.txt", (CODE_COLUMN, "Alternate Title"), optional=("Short Title",)
    ),
    "tasks": FileSpec("Task Statements.txt", (CODE_COLUMN, "Task ID", "Task", "Task Type")),
    "skills": FileSpec(
        "Skills.txt", RATING_COLUMNS, optional=("Recommend Suppress", "Not Relevant")
    ),
    "knowledge": FileSpec(
        "Knowledge.txt", RATING_COLUMNS, optional=("Recommend Suppress", "Not Relevant")
    ),
    "related": FileSpec(
        "Related Occupations.txt",
        (CODE_COLUMN, "Related O*NET-SOC Code", "Relatedness Tier", "Index"),
    ),
}


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")

    def problem(self, message: str) -> OnetProblem:
        return OnetProblem(f"{self.file}, line {self.line}: {message}")

    def code(self, column: str = CODE_COLUMN) -> str:
        value = self[column]
        if not CODE.match(value):
            raise self.problem(
                f"“{value[:40]}” in {column} isn't an O*NET-SOC code like 15-2051.00."
            )
        return value

    def number(self, column: str) -> float:
        try:
            return float(self[column])
        except ValueError:
            raise self.problem(f"{column} should be a number, not “{self[column][:20]}”.") from None


class ReleaseFiles:
    """A release on disk: `rows(key)` streams one of FILES, `version` is what the names say."""

    def __init__(self, path: Path, *, encoding: str = "utf-8") -> None:
        self.path = path
        self.encoding = encoding
        self._zip: zipfile.ZipFile | None = None
        self._members: Mapping[str, zipfile.ZipInfo | Path]
        if path.is_dir():
            self._members = _folder_members(path)
        elif path.is_file():
            self._zip, self._members = _zip_members(path)
        else:
            raise OnetProblem(f"{path} is neither a zip file nor a folder.")
        missing = [spec.name for spec in FILES.values() if spec.name.lower() not in self._members]
        if missing:
            raise OnetProblem(
                f"The release has no {', '.join(missing)}. Give the O*NET "
                "database text release (db_30_x_text.zip or its folder)."
            )

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> ReleaseFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> str | None:
        names = [
            m.filename if isinstance(m, zipfile.ZipInfo) else m.parent.name
            for m in self._members.values()
        ]
        for name in (self.path.name, *names):
            match = VERSION_IN_NAME.search(name)
            if match:
                return f"{int(match[1])}.{int(match[2])}"
        readme = self._members.get("read me.txt")
        if readme is not None:
            with self._open(readme) as stream:
                head = stream.read(4096).decode("utf-8", errors="replace")
            match = VERSION_IN_README.search(head)
            if match:
                return match[1]
        return None

    def rows(self, key: str) -> Iterator[Row]:
        spec = FILES[key]
        member = self._members[spec.name.lower()]
        with self._open(member) as raw:
            yield from _rows(spec, _decoded(io.BufferedReader(raw), spec.name, self.encoding))

    def _open(self, member: zipfile.ZipInfo | Path) -> _Capped:
        if isinstance(member, zipfile.ZipInfo):
            assert self._zip is not None
            try:
                return _Capped(self._zip.open(member), member.filename)
            except ZIP_ERRORS:
                raise OnetProblem(
                    f"{member.filename} in the zip can't be read (damaged or encrypted)."
                ) from None
        return _Capped(member.open("rb"), member.name)


def _decoded(raw: io.BufferedReader, name: str, encoding: str) -> Iterator[str]:
    """The file's lines as text, decoded one by one so an error can name its line."""
    for number, line in enumerate(raw, start=1):
        try:
            text = line.decode(encoding)
        except UnicodeDecodeError:
            raise OnetProblem(
                f"{name}, line {number}: this isn't {encoding.upper()} text. "
                "O*NET publishes UTF-8; for an older release in Windows-1252 "
                "pass --encoding cp1252."
            ) from None
        yield text.removeprefix("\ufeff") if number == 1 else text


def _rows(spec: FileSpec, text: Iterator[str]) -> Iterator[Row]:
    # QUOTE_NONE: the published files are plain tab-separated text, and a quote is just a quote.
    reader = csv.reader(text, delimiter="\t", quoting=csv.QUOTE_NONE, strict=True)
    line = 1
    try:
        header = [h.strip() for h in next(reader, [])]
        absent = [c for c in spec.columns if c not in header]
        if absent:
            raise OnetProblem(
                f"{spec.name} has no column {', '.join(absent)} (its header "
                f"row is: {', '.join(header)[:200] or 'empty'})."
            )
        wanted = [c for c in (*spec.columns, *spec.optional) if c in header]
        positions = {c: header.index(c) for c in wanted}
        for line, fields in enumerate(reader, start=2):
            if not any(f.strip() for f in fields):
                continue
            if line > MAX_ROWS + 1:
                raise OnetProblem(
                    f"{spec.name} has more than {MAX_ROWS:,} rows; a real release has far fewer."
                )
            if len(fields) != len(header):
                raise OnetProblem(
                    f"{spec.name}, line {line}: {len(fields)} fields where the "
                    f"header has {len(header)} (a tab too many or missing?)."
                )
            yield Row(
                spec.name, line, {c: _unwrap(fields[i].strip()) for c, i in positions.items()}
            )
    except csv.Error as error:
        raise OnetProblem(f"{spec.name}, line {line + 1}: unreadable row ({error}).") from None


def _unwrap(value: str) -> str:
    """A field a spreadsheet re-saved with quotes ("Managers, All Other") loses them."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('""', '"')
    return value


class _Capped(io.RawIOBase):
    """A byte stream that refuses to go past MAX_FILE_BYTES, whatever its header claimed."""

    def __init__(self, inner: IO[bytes], name: str) -> None:
        self.inner, self.name, self.read_so_far = inner, name, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Buffer) -> int:
        view = memoryview(buffer)
        try:
            data = self.inner.read(view.nbytes)
        except ZIP_ERRORS:
            raise OnetProblem(f"{self.name} can't be read (a damaged zip?).") from None
        self.read_so_far += len(data)
        if self.read_so_far > MAX_FILE_BYTES:
            raise OnetProblem(
                f"{self.name} is larger than {_size(MAX_FILE_BYTES)}; a real "
                "release's files are far smaller."
            )
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.inner.close()
        super().close()


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not (
        name.startswith(("/", "\\"))
        or "\\" in name
        or ".." in path.parts
        or re.match(r"^[A-Za-z]:", name)
        or "\x00" in name
    )


def _zip_members(path: Path) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    if path.stat().st_size > MAX_ZIP_BYTES:
        raise OnetProblem(
            f"{path.name} is larger than {_size(MAX_ZIP_BYTES)}; the "
            "published release is about 13 MB."
        )
    try:
        archive = zipfile.ZipFile(path)
        infos = archive.infolist()
    except ZIP_ERRORS:
        raise OnetProblem(f"{path.name} is damaged or not a zip file.") from None
    if len(infos) > MAX_MEMBERS:
        archive.close()
        raise OnetProblem(
            f"{path.name} holds more than {MAX_MEMBERS:,} files; it isn't an O*NET release."
        )
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if not _safe_name(info.filename):
            archive.close()
            raise OnetProblem(
                f"{path.name} has an entry named “{info.filename[:80]}” that "
                "points outside its folder; the zip wasn't opened."
            )
        if info.is_dir():
            continue
        key = PurePosixPath(info.filename).name.lower()
        if key in _wanted() and (
            info.file_size > MAX_FILE_BYTES
            or (info.file_size > 2**20 and info.file_size / max(info.compress_size, 1) > MAX_RATIO)
        ):
            archive.close()
            raise OnetProblem(
                f"{info.filename} inflates to far more than an O*NET file does "
                "(a zip bomb?); the zip wasn't imported."
            )
        _add_member(members, key, info, path.name)
    return archive, members


def _folder_members(path: Path) -> dict[str, Path]:
    members: dict[str, Path] = {}
    # The release's files sit in the folder itself or in its one db_XX_X_text subfolder.
    for file in [
        *path.iterdir(),
        *(f for d in path.iterdir() if d.is_dir() and not d.is_symlink() for f in d.iterdir()),
    ]:
        if not file.is_file():
            continue
        key = file.name.lower()
        if key in _wanted() and file.stat().st_size > MAX_FILE_BYTES:
            raise OnetProblem(
                f"{file.name} is larger than {_size(MAX_FILE_BYTES)}; a real "
                "release's files are far smaller."
            )
        _add_member(members, key, file, path.name)
    return members


def _add_member(members: dict, key: str, member: object, where: str) -> None:
    if key in _wanted() and key in members:
        raise OnetProblem(f"{where} has two files named {key}; keep one release per folder.")
    members[key] = member


def _wanted() -> set[str]:
    return {spec.name.lower() for spec in FILES.values()} | {"read me.txt"}


def _size(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n:,} bytes"
