"""A CSV file as a header and records keyed by normalised header names."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from coffeechat.imports.parsers.base import FileProblem
from coffeechat.imports.parsers.text import read_rows

HEADER_SEARCH_LINES = 20  # LinkedIn's preamble is 3 lines; allow some slack, not the whole file


BLANK = "Blank row: nothing to import."


def key(name: str) -> str:
    """A header name compared loosely: case, spaces, BOM and quotes don't matter."""
    return " ".join(name.replace("\ufeff", "").strip().strip('"').lower().split())


@dataclass
class Record:
    line: int
    values: dict[str, str]
    fields: list[str]
    problem: str = ""
    blank: bool = False  # only delimiters and spaces: counted and reported, never imported
    labels: dict[str, str] = field(default_factory=dict)  # normalised name -> as written

    def leftovers(self, used: set[str], skip: re.Pattern[str] | None = None) -> dict[str, str]:
        """The non-empty cells of columns no field took, by their names as written: a file's
        extra columns are kept (as labelled notes), never dropped."""
        return {
            self.labels.get(name, name): value.strip()
            for name, value in self.values.items()
            if value.strip() and name not in used and not (skip and skip.fullmatch(name))
        }

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
    """The first row that `is_header` accepts (by its normalised names) and the records after
    it, blank ones included (every row of the file is accounted for: docs/architecture.md,
    "Imports")."""
    rows = read_rows(text, blank=True)
    searched = 0
    for _, fields in rows:
        if not any(f.strip() for f in fields):
            continue  # blank lines before the header (LinkedIn's preamble ends with one)
        searched += 1
        if searched > HEADER_SEARCH_LINES:
            break
        header = [key(f) for f in fields]
        if is_header(set(header)):
            raw_header = [f.replace("\ufeff", "").strip() for f in fields]
            labels = dict(zip(header, raw_header, strict=True))
            return Table(
                header=header, raw_header=raw_header, records=_records(header, labels, rows)
            )
    raise FileProblem("Couldn't find the header row (the column names) in this file.")


def _records(
    header: list[str], labels: dict[str, str], rows: Iterator[tuple[int, list[str]]]
) -> Iterator[Record]:
    width = len(header)
    for line, fields in rows:
        if not any(f.strip() for f in fields):
            yield Record(
                line=line,
                values=dict.fromkeys(header, ""),
                fields=[""] * width,
                problem=BLANK,
                blank=True,
                labels=labels,
            )
            continue
        problem = ""
        if len(fields) > width and any(f.strip() for f in fields[width:]):
            problem = (
                f"This row has {len(fields)} columns but the header has {width} "
                "(a stray delimiter or quote?)."
            )
        padded = fields[:width] + [""] * (width - len(fields))
        yield Record(
            line=line,
            values=dict(zip(header, padded, strict=True)),
            fields=padded,
            problem=problem,
            labels=labels,
        )
