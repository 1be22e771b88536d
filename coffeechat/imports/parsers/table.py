"""A CSV file as a header and records keyed by normalised header names."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from coffeechat.imports.parsers.base import FileProblem
from coffeechat.imports.parsers.text import read_rows

HEADER_SEARCH_LINES = 20  # LinkedIn's preamble is 3 lines; allow some slack, not the whole file


def key(name: str) -> str:
    """A header name compared loosely: case, spaces, BOM and quotes don't matter."""
    return " ".join(name.replace("\ufeff", "").strip().strip('"').lower().split())


@dataclass
class Record:
    line: int
    values: dict[str, str]
    fields: list[str]
    problem: str = ""

    def get(self, *names: str) -> str:
        """The first non-empty value among these header names."""
        for name in names:
            if value := self.values.get(name, "").strip():
                return value
        return ""


@dataclass
class Table:
    header: list[str]
    raw_header: list[str]
    records: Iterator[Record]


def table(text: str, is_header: Callable[[set[str]], bool] = lambda keys: True) -> Table:
    """The first row that `is_header` accepts (by its normalised names) and the rows after it."""
    rows = read_rows(text)
    for i, (_, fields) in enumerate(rows):
        if i >= HEADER_SEARCH_LINES:
            break
        header = [key(f) for f in fields]
        if is_header(set(header)):
            raw_header = [f.replace("\ufeff", "").strip() for f in fields]
            return Table(header=header, raw_header=raw_header, records=_records(header, rows))
    raise FileProblem("Couldn't find the header row (the column names) in this file.")


def _records(header: list[str], rows: Iterator[tuple[int, list[str]]]) -> Iterator[Record]:
    width = len(header)
    for line, fields in rows:
        problem = ""
        if len(fields) > width and any(f.strip() for f in fields[width:]):
            problem = (f"This row has {len(fields)} columns but the header has {width} "
                       "(a stray delimiter or quote?).")
        padded = fields[:width] + [""] * (width - len(fields))
        yield Record(line=line, values=dict(zip(header, padded, strict=True)), fields=padded,
                     problem=problem)
