"""Contact-file parsers. `detect` names the format, `parse` turns the bytes into contacts.

Every problem with the file as a whole is a FileProblem with a message for the user; problems
with one row are that row's `problem`. Nothing else may escape (tests/test_fuzz.py).
"""

from __future__ import annotations

from collections.abc import Callable

from coffeechat.imports.parsers import addressbook, archive, linkedin, vcard
from coffeechat.imports.parsers.base import Contact, FileProblem, Parsed, Profile
from coffeechat.imports.parsers.text import decode, read_rows

__all__ = ["Contact", "FileProblem", "Parsed", "Profile", "decode", "detect", "parse"]

LINKEDIN, GOOGLE, OUTLOOK, VCARD, CSV = "linkedin", "google", "outlook", "vcard", "csv"
PROFILE_FILES = ((linkedin.is_profile, linkedin.add_profile),
                 (linkedin.is_positions, linkedin.add_positions),
                 (linkedin.is_education, linkedin.add_education))


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
    """The file's contacts (and the owner's profile, for LinkedIn) in the given format."""
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


def _linkedin_csv(text: str) -> Parsed:
    parsed = Parsed()
    handler = _zip_handler(_header_candidates(text), skills=False)
    if handler is not None:
        handler(parsed, text)
        return parsed
    raise FileProblem("This isn't a LinkedIn Connections.csv (no First Name, Last Name and "
                      "Connected On columns).")


def _linkedin_zip(raw: bytes) -> Parsed:
    parsed, found = Parsed(), False
    budget = archive.MAX_TOTAL_BYTES
    for _, zipped, info in archive.csv_members(raw):
        head = decode_head(archive.read_member(zipped, info, archive.HEAD_BYTES))
        handler = _zip_handler(_header_candidates(head) if head else [])
        if handler is None:
            continue
        data = archive.read_member(zipped, info, min(budget, archive.MAX_MEMBER_BYTES))
        budget -= len(data)
        found = True
        handler(parsed, decode(data))
    if not found:
        raise FileProblem("This zip isn't a LinkedIn export: it has no Connections.csv "
                          "or profile files.")
    return parsed


def decode_head(raw: bytes) -> str:
    try:
        return decode(raw)
    except FileProblem:
        return ""


def _zip_handler(candidates: list[set[str]], *, skills: bool = True
                 ) -> Callable[[Parsed, str], None] | None:
    """What to do with a LinkedIn file, chosen by its header row (formats.md 1.1)."""
    if any(linkedin.is_connections(keys) for keys in candidates):
        return lambda parsed, text: parsed.contacts.extend(linkedin.connections(text))
    for test, add in PROFILE_FILES:
        if any(test(keys) for keys in candidates):
            return lambda parsed, text, add=add: add(parsed.profile, text)
    # A lone "Name" column is too vague to call Skills.csv outside the export zip.
    if skills and candidates and linkedin.is_skills(candidates[0]):
        return lambda parsed, text: linkedin.add_skills(parsed.profile, text)
    return None
