"""Contact-file parsers. `detect` names the format, `parse` turns the bytes into contacts.

Every problem with the file as a whole is a FileProblem with a message for the user; problems
with one row are that row's `problem`. Nothing else may escape (tests/test_fuzz.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from coffeechat.imports.parsers import addressbook, archive, linkedin, vcard
from coffeechat.imports.parsers import base as parsers_base
from coffeechat.imports.parsers.base import Contact, FileProblem, Parsed, Profile
from coffeechat.imports.parsers.text import decode, read_rows

__all__ = [
    "Contact",
    "FileProblem",
    "Parsed",
    "Profile",
    "decode",
    "detect",
    "more_rows_than",
    "parse",
]

LINKEDIN, GOOGLE, OUTLOOK, VCARD, CSV = "linkedin", "google", "outlook", "vcard", "csv"
PROFILE_FILES = (
    (linkedin.is_profile, linkedin.add_profile),
    (linkedin.is_positions, linkedin.add_positions),
    (linkedin.is_education, linkedin.add_education),
)


def detect(raw: bytes) -> str:
    """The format of an uploaded file, from its content (never its name)."""
    if raw.startswith(archive.ZIP_MAGIC):
        return LINKEDIN
    text = decode(raw[:65_536] if len(raw) > 65_536 else raw)
    if vcard.is_vcard(text):
        return VCARD
    for keys in _header_candidates(text):
        if linkedin.is_connections(keys) or any(test(keys) for test, _ in PROFILE_FILES):
            return LINKEDIN
        if addressbook.is_google(keys):
            return GOOGLE
        if addressbook.is_outlook(keys):
            return OUTLOOK
    return CSV


def _header_candidates(text: str) -> list[set[str]]:
    from coffeechat.imports.parsers.table import key

    candidates = []
    try:
        for i, (_, fields) in enumerate(read_rows(text)):
            if i >= 20:
                break
            candidates.append({key(f) for f in fields})
    except FileProblem:
        pass  # a truncated sample may end inside a quoted field
    return candidates


def parse(raw: bytes, kind: str, mapping: dict[str, int] | None = None) -> Parsed:
    """The file's contacts (and the owner's profile, for LinkedIn) in the given format.

    The contacts come one at a time, as the file is read: a caller that stops at a row limit
    never holds more of the file than its text (parsers are generators; issue "bounded
    uploads"). Header problems are raised here; a problem further down the file is raised
    while iterating.
    """
    if kind == LINKEDIN and raw.startswith(archive.ZIP_MAGIC):
        return _linkedin_zip(raw)
    text = decode(raw)
    if kind == VCARD:
        return Parsed(contacts=vcard.vcards(text))
    if kind == GOOGLE:
        return Parsed(contacts=addressbook.google(text))
    if kind == OUTLOOK:
        return Parsed(contacts=addressbook.outlook(text))
    if kind == LINKEDIN:
        return _linkedin_csv(text)
    return Parsed(contacts=addressbook.mapped(text, mapping or {}))


def more_rows_than(raw: bytes, kind: str, limit: int) -> bool:
    """True when a plain file surely holds more than `limit` rows, counted by the csv module
    alone (a tenth of a second per 10,000 rows): a file far over the limit is refused before
    any row is analysed. Zips are counted while they are read."""
    if raw.startswith(archive.ZIP_MAGIC):
        return False
    text = decode(raw)
    if kind == VCARD:
        return text.upper().count("BEGIN:VCARD") > limit
    from coffeechat.imports.parsers.table import HEADER_SEARCH_LINES

    records = 0
    try:
        for records, _ in enumerate(read_rows(text, blank=True), 1):
            if records > limit + HEADER_SEARCH_LINES:
                return True
    except FileProblem:
        return False  # the analysis says what is wrong, at its line
    return False


def _linkedin_csv(text: str) -> Parsed:
    candidates = _header_candidates(text)
    if any(linkedin.is_connections(keys) for keys in candidates):
        return Parsed(contacts=linkedin.connections(text))
    handler = _profile_handler(candidates, skills=False)
    if handler is not None:
        parsed = Parsed()
        handler(parsed.profile, text)
        return parsed
    raise FileProblem(
        "This isn't a LinkedIn Connections.csv (no First Name, Last Name and Connected On columns)."
    )


def _linkedin_zip(raw: bytes) -> Parsed:
    """The profile files are read now (they are small); Connections.csv as it is consumed."""
    parsed, connections, found = Parsed(), [], False
    budget = archive.Budget()
    for _, zipped, info in archive.csv_members(raw):
        head = decode_head(archive.read_member(zipped, info, archive.HEAD_BYTES, whole=False))
        candidates = _header_candidates(head) if head else []
        if any(linkedin.is_connections(keys) for keys in candidates):
            connections.append((zipped, info))
            found = True
        elif handler := _profile_handler(candidates):
            handler(parsed.profile, decode(budget.read(zipped, info)))
            found = True
    if not found:
        raise FileProblem(
            "This zip isn't a LinkedIn export: it has no Connections.csv or profile files."
        )
    parsed.contacts = _zipped_connections(connections, budget)
    return parsed


def _zipped_connections(
    members: list[tuple[Any, Any]], budget: archive.Budget
) -> Iterator[parsers_base.Contact]:
    for zipped, info in members:
        yield from linkedin.connections(decode(budget.read(zipped, info)))


def decode_head(raw: bytes) -> str:
    try:
        return decode(raw)
    except FileProblem:
        return ""


def _profile_handler(
    candidates: list[set[str]], *, skills: bool = True
) -> Callable[[Profile, str], None] | None:
    """Which of the owner's own LinkedIn files this is, by its header row (formats.md 1.1)."""
    for test, add in PROFILE_FILES:
        if any(test(keys) for keys in candidates):
            return add
    # A lone "Name" column is too vague to call Skills.csv outside the export zip.
    if skills and candidates and linkedin.is_skills(candidates[0]):
        return linkedin.add_skills
    return None
