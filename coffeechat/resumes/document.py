"""The JSON Resume document: reading, checking, storing and printing it.

A resume *is* a JSON Resume 1.x document (the vendored `schema/schema.json`, version 1.2.1).
It is stored as JSON text, never as a parsed JSON column: PostgreSQL's jsonb reorders keys and
keeps one of duplicated ones, and a file the user imported must export as the same JSON, key
order and all. Fields we don't edit (other tools' extensions, `meta`, a theme's own keys) ride
along untouched.

What the user hides (an entry, or one bullet) stays in the document, listed by JSON Pointer in
the JSON Resume `meta` object, which the schema leaves open for tools:

    "meta": {"coffeechat": {"hidden": ["/work/2", "/work/0/highlights/3"]}}

so a version, a restore, a comparison and an export all carry it with the rest. `printable()`
takes the hidden parts (and that key) out before anything is printed.

Pure: no database. Services call it; views never do. Beside it: sections.py (the sections the
editor knows), entries.py (entries and their dates), pointers.py (JSON Pointers).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, FormatChecker
from jsonschema.exceptions import ValidationError as SchemaError

from coffeechat.resumes.pointers import describe_pointer, parts_of, pointer_of, resolve
from coffeechat.resumes.sections import SECTIONS

SCHEMA_VERSION = "1.2.1"
SCHEMA: dict[str, Any] = json.loads(
    (Path(__file__).parent / "schema" / "schema.json").read_text(encoding="utf-8")
)

# Bounded input (reliability: costs are bounded). A real resume is a few kilobytes; 1 MB is
# two hundred times that. Deeper nesting than 20 levels has no place in the schema (its
# deepest field, /basics/profiles/0/url, is at depth 4) and only serves to exhaust a parser.
MAX_BYTES = 1_000_000
MAX_DEPTH = 20

_checker = FormatChecker()


@_checker.checks("uri", raises=())
def _is_uri(instance: object) -> bool:
    """An absolute URI: a scheme, a colon, no spaces (what the JS validators accept).

    jsonschema only checks "uri" with an optional package we don't ship; without this, any
    text would pass in Python and fail in the JSON Resume tools.
    """
    if not isinstance(instance, str):
        return True
    return re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*:\S*", instance) is not None


VALIDATOR = Draft7Validator(SCHEMA, format_checker=_checker)
META_KEY = "coffeechat"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (a JSON Pointer) and a sentence for a person."""

    pointer: str
    message: str

    @property
    def where(self) -> str:
        return describe_pointer(self.pointer)


class InvalidResume(ValueError):
    """The file is not a JSON Resume document we can take. Carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.pointer or '/'}: {p.message}" for p in problems))
        self.problems = problems


# Reading a file ---------------------------------------------------------------------------------


def parse(raw: bytes | str) -> dict[str, Any]:
    """The document in `raw` (a file's bytes or pasted text), checked against the schema.

    Raises InvalidResume with every problem: the file as a whole (size, encoding, syntax) or,
    once it parses, each schema error by JSON Pointer. Nothing here touches the database.
    """
    text = _decode(raw)
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InvalidResume(
            [
                Problem(
                    "",
                    f"The file is larger than {MAX_BYTES // 1_000_000} MB; "
                    "a resume is a few kilobytes. Is it the right file?",
                )
            ]
        )
    depth = _nesting(text)
    if depth > MAX_DEPTH:
        raise InvalidResume(
            [
                Problem(
                    "",
                    f"The file nests {depth} levels deep; a JSON Resume "
                    f"document needs at most a few ({MAX_DEPTH} allowed).",
                )
            ]
        )
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except _Duplicate as error:
        raise InvalidResume(
            [
                Problem(
                    "",
                    f'The key "{error.key}" appears twice in one object. '
                    "Keep one of them: JSON Resume needs each key once, "
                    "and tools disagree on which one wins.",
                )
            ]
        ) from None
    except json.JSONDecodeError as error:
        raise InvalidResume(
            [
                Problem(
                    "",
                    f"This isn't valid JSON: {error.msg.lower()} at line "
                    f"{error.lineno}, column {error.colno}.",
                )
            ]
        ) from None
    except (ValueError, RecursionError):
        raise InvalidResume(
            [
                Problem(
                    "",
                    "This isn't JSON we can read (a number too long, or "
                    "a value JSON doesn't allow).",
                )
            ]
        ) from None
    problems = check(document)
    if problems:
        raise InvalidResume(problems)
    return document


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Duplicate(key)
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _decode(raw: bytes | str) -> str:
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff")
    if len(raw) > MAX_BYTES + 4:
        raise InvalidResume(
            [
                Problem(
                    "",
                    f"The file is larger than {MAX_BYTES // 1_000_000} MB; "
                    "a resume is a few kilobytes. Is it the right file?",
                )
            ]
        )
    # JSON is UTF-8 (RFC 8259); Windows editors sometimes save UTF-16 with a byte order mark.
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if raw.startswith(bom):
            raw, chosen = raw[len(bom) :], encoding
            break
    else:
        chosen = "utf-8"
    try:
        return raw.decode(chosen)
    except UnicodeDecodeError as error:
        raise InvalidResume(
            [
                Problem(
                    "",
                    f"The file isn't UTF-8 text (byte {error.start + 1} "
                    "can't be read). Save it as UTF-8 and try again.",
                )
            ]
        ) from None


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)


def _nesting(text: str) -> int:
    """How deep the brackets go, outside strings (checked before parsing, so it's cheap)."""
    depth = deepest = 0
    for char in _STRING.sub("", text):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def check(document: Any) -> list[Problem]:
    """Every reason `document` isn't a JSON Resume 1.x document we keep, in document order."""
    if not isinstance(document, dict):
        return [
            Problem(
                "",
                "A JSON Resume file holds one object ({ ... }) with sections such "
                f"as basics and work, not {_kind(document)}.",
            )
        ]
    errors = sorted(
        (e for e in VALIDATOR.iter_errors(document) if not _left_empty(e)),
        key=lambda e: _order(document, e),
    )
    problems = [Problem(pointer_of(e.absolute_path), _sentence(e)) for e in errors]
    problems.extend(_hidden_problems(document))
    return problems


def _left_empty(error: SchemaError) -> bool:
    """An empty date, web address or email ("endDate": "") means "not given": resume-cli's
    `init` template writes every field that way, and files filled from it keep the rest. The
    schema's pattern and formats refuse "", which would refuse most such files for nothing;
    the text stays in the document as written and prints as absent (an empty end: "Present")."""
    return (
        error.validator in ("pattern", "format")
        and isinstance(error.instance, str)
        and not error.instance.strip()
    )


def _order(document: Any, error: SchemaError) -> tuple[Any, ...]:
    # Errors in document order: by position of each key among its siblings, then index.
    keys: list[Any] = []
    node = document
    for part in error.absolute_path:
        if isinstance(node, dict):
            order = list(node)
            keys.append(order.index(part) if part in node else len(order))
        else:
            keys.append(part)
        node = node[part] if isinstance(node, dict | list) and _has(node, part) else None
    return tuple(keys)


def _has(node: dict | list, part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(part, int) and 0 <= part < len(node)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


_EXPECTED = {
    "string": "text",
    "array": "a list ([ ... ])",
    "object": "an object ({ ... })",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
}


def _sentence(error: SchemaError) -> str:
    value = error.instance
    shown = f'"{value[:80]}{"…" if len(value) > 80 else ""}"' if isinstance(value, str) else ""
    if error.validator == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_EXPECTED.get(n, n) for n in names)
        return f"This should be {wanted}, but it is {_kind(value)}."
    if error.validator == "pattern" and error.validator_value == DATE_PATTERN:
        return (
            f"{shown} isn't a date JSON Resume accepts: write it as YYYY, YYYY-MM or "
            "YYYY-MM-DD, for example 2022 or 2022-03."
        )
    if error.validator == "format" and error.validator_value == "email":
        return f"{shown} isn't an email address."
    if error.validator == "format" and error.validator_value == "uri":
        return (
            f"{shown} isn't a full web address: it needs to start with its scheme, "
            "such as https://."
        )
    return f"This doesn't fit the JSON Resume schema: {error.message}."


DATE_PATTERN = SCHEMA["definitions"]["iso8601"]["pattern"]


# Hidden parts -----------------------------------------------------------------------------------


def hidden_of(document: dict[str, Any]) -> list[str]:
    meta = document.get("meta")
    if isinstance(meta, dict) and isinstance(meta.get(META_KEY), dict):
        hidden = meta[META_KEY].get("hidden")
        if isinstance(hidden, list):
            return [p for p in hidden if isinstance(p, str)]
    return []


def _hidden_problems(document: dict[str, Any]) -> Iterator[Problem]:
    meta = document.get("meta")
    if not isinstance(meta, dict) or META_KEY not in meta:
        return
    ours = meta[META_KEY]
    hidden = ours.get("hidden", []) if isinstance(ours, dict) else None
    if not isinstance(hidden, list):
        yield Problem(
            f"/meta/{META_KEY}",
            'coffeechat keeps {"hidden": [pointers]} here; this is something else.',
        )
        return
    for index, pointer in enumerate(hidden):
        where = f"/meta/{META_KEY}/hidden/{index}"
        if not isinstance(pointer, str) or not _hideable(document, pointer):
            yield Problem(
                where,
                "This should point at an entry or a bullet of this resume "
                '(for example "/work/0"), and it points at nothing.',
            )


def _hideable(document: dict[str, Any], pointer: str) -> bool:
    try:
        resolve(document, pointer)
    except KeyError:
        return False
    return pointer.startswith("/") and parts_of(pointer)[-1].isdigit()


def is_hidden(document: dict[str, Any], pointer: str) -> bool:
    return pointer in hidden_of(document)


def set_hidden(document: dict[str, Any], pointer: str, hidden: bool) -> None:
    current = [p for p in hidden_of(document) if p != pointer]
    if hidden:
        current.append(pointer)
    _store_hidden(document, current)


def _store_hidden(document: dict[str, Any], pointers: list[str]) -> None:
    if pointers:
        meta = document.setdefault("meta", {})
        ours = meta.setdefault(META_KEY, {})
        ours["hidden"] = pointers
        return
    meta = document.get("meta")
    if isinstance(meta, dict) and META_KEY in meta:
        ours = meta[META_KEY]
        if isinstance(ours, dict):
            ours.pop("hidden", None)
        if not ours:
            del meta[META_KEY]
        if not meta:
            del document["meta"]


def reindex_hidden(document: dict[str, Any], base: str, mapping: dict[int, int | None]) -> None:
    """Follow items of the list at `base` that moved (old index -> new, None = removed)."""
    moved = []
    for pointer in hidden_of(document):
        if pointer.startswith(base + "/"):
            rest = pointer[len(base) + 1 :]
            head, _, tail = rest.partition("/")
            if head.isdigit() and int(head) in mapping:
                new = mapping[int(head)]
                if new is None:
                    continue
                pointer = f"{base}/{new}" + (f"/{tail}" if tail else "")
        moved.append(pointer)
    _store_hidden(document, moved)


def printable(document: dict[str, Any]) -> dict[str, Any]:
    """What gets printed: a copy without the hidden entries and bullets, and without our key."""
    result = copy.deepcopy(document)
    # Deepest first, and within a list from the end, so removing one keeps the others' indexes.
    for pointer in sorted(hidden_of(document), key=_removal_order, reverse=True):
        parts = parts_of(pointer)
        try:
            container = resolve(result, pointer_of(parts[:-1]))
        except KeyError:
            continue
        if isinstance(container, list) and int(parts[-1]) < len(container):
            del container[int(parts[-1])]
    _store_hidden(result, [])
    for section in SECTIONS:
        if section.base:
            continue
        if result.get(section.key) == [] and document.get(section.key) != []:
            del result[section.key]
    return result


def _removal_order(pointer: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in parts_of(pointer))


# Storing and exporting --------------------------------------------------------------------------


def object_at(parent: dict[str, Any], key: str) -> dict[str, Any]:
    """parent[key] when it is a JSON object; a fresh empty one otherwise (absent or malformed)."""
    value = parent.get(key)
    return value if isinstance(value, dict) else {}


def list_at(parent: dict[str, Any], key: str) -> list[Any]:
    """parent[key] when it is a JSON array; a fresh empty one otherwise."""
    value = parent.get(key)
    return value if isinstance(value, list) else []


def dumps(document: dict[str, Any]) -> str:
    """How a document is stored: JSON text, keys in their order, every character as itself."""
    return json.dumps(document, ensure_ascii=False)


def loads(text: str) -> dict[str, Any]:
    """A stored document (trusted: it was checked on the way in)."""
    return json.loads(text)


def export_text(document: dict[str, Any]) -> str:
    """The .json download: two-space indents, UTF-8 characters as themselves, key order kept."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
