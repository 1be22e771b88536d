"""vCard 2.1, 3.0 and 4.0 files holding one or many cards.

A small reader of our own rather than vobject: vobject doesn't read 2.1 QUOTED-PRINTABLE
(Android exports), raises binascii.Error from broken base64 PHOTOs past `except ParseError`
(security.md T10) and one bad card ends its stream. Here each card is read alone, a broken
one becomes a rejected row, and what a card loses (a damaged photo, a line without a colon,
a missing FN) is said in the preview. An embedded PHOTO is checked (parsers/photos.py) and
kept; a PHOTO at a URL is never fetched (security.md T10: no SSRF), its address kept as text.
LOGO/SOUND/KEY are skipped unread.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from coffeechat.imports.parsers import photos
from coffeechat.imports.parsers.base import Contact, FileProblem, finish, linkedin_slug, squash

TAG = "vcard import"
SKIPPED = {"LOGO", "SOUND", "KEY"}  # never decoded
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass
class Property:
    name: str
    params: dict[str, list[str]] = field(default_factory=dict)
    value: str = ""

    def has(self, param: str, value: str) -> bool:
        return value.lower() in (v.lower() for v in self.params.get(param, []))


def is_vcard(text: str) -> bool:
    return text.lstrip()[:11].upper() == "BEGIN:VCARD"


def vcards(text: str) -> Iterator[Contact]:
    """One contact per card; a card that can't be read comes back with its reason."""
    if not is_vcard(text):
        raise FileProblem("There are no cards (BEGIN:VCARD … END:VCARD) in this file.")
    card: list[str] | None = None
    start = 0
    for line_no, line in _unfolded(text):
        marker = line.strip().upper()
        if marker == "BEGIN:VCARD":
            if card is not None:
                yield _unended(start, card)
            card, start = [], line_no
        elif marker == "END:VCARD" and card is not None:
            yield _card(start, card)
            card = None
        elif card is not None:
            card.append(line)
    if card is not None:
        yield _unended(start, card)


def _unended(start: int, lines: list[str]) -> Contact:
    contact = _card(start, lines)
    contact.warnings.append(
        "This card has no END:VCARD; it was read up to where the next card (or the file) begins."
    )
    return contact


def _unfolded(text: str) -> Iterator[tuple[int, str]]:
    """(first line number, logical line): folded lines joined, QP soft breaks kept for quopri."""
    current, start = "", 0
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), 1):
        if current and line[:1] in (" ", "\t"):
            current += line[1:]
        elif current and current.endswith("=") and "QUOTED-PRINTABLE" in current.upper():
            current += "\n" + line  # 2.1 soft line break: quopri removes "=\n"
        else:
            if current:
                yield start, current
            current, start = line, number
    if current:
        yield start, current


def _split(text: str, separator: str) -> list[str]:
    """Split on `separator` where it isn't backslash-escaped."""
    return re.split(rf"(?<!\\){re.escape(separator)}", text)


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], text)


def _property(line: str) -> Property | None:
    in_quotes = False
    for i, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            head, value = line[:i], line[i + 1 :]
            break
    else:
        return None
    name, *raw_params = head.split(";")
    prop = Property(name=name.rsplit(".", 1)[-1].strip().upper())
    for raw in raw_params:
        key, sep, values = raw.partition("=")
        if not sep:  # 2.1 bare parameters: WORK, QUOTED-PRINTABLE
            key, values = (
                ("ENCODING" if raw.upper() in ("QUOTED-PRINTABLE", "BASE64", "B") else "TYPE"),
                raw,
            )
        prop.params.setdefault(key.strip().upper(), []).extend(
            v.strip().strip('"') for v in values.split(",")
        )
    if prop.has("ENCODING", "QUOTED-PRINTABLE"):
        value = _quoted_printable(value, (prop.params.get("CHARSET") or ["utf-8"])[0])
    prop.value = value
    return prop


def _quoted_printable(value: str, charset: str) -> str:
    raw = quopri.decodestring(value.encode("ascii", errors="replace"))
    try:
        return raw.decode(charset, errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")


def _card(start: int, lines: list[str]) -> Contact:
    props, warnings = [], []
    unreadable = 0
    photo = photos.Photo()
    for line in lines:
        prop = _property(line)
        if prop is None:
            unreadable += 1 if line.strip() else 0
        elif prop.name == "PHOTO":
            if not photo.data_uri:  # the first photo that can be read
                photo = photos.read(prop.value, prop.params)
                if photo.problem:
                    warnings.append(photo.problem)
        elif prop.name not in SKIPPED:
            props.append(prop)
    if unreadable:
        warnings.append(
            f"{unreadable} line{'s' if unreadable > 1 else ''} without a colon "
            "(not a vCard property) skipped."
        )
    values: dict[str, list[Property]] = {}
    for prop in props:
        values.setdefault(prop.name, []).append(prop)

    def text(name: str) -> str:
        return _unescape(values[name][0].value) if name in values else ""

    urls = [_unescape(p.value) for n in ("URL", "X-SOCIALPROFILE") for p in values.get(n, [])]
    n_parts = [_unescape(p) for p in _split(text_raw(values, "N"), ";")] + [""] * 5
    org_parts = [_unescape(p) for p in _split(text_raw(values, "ORG"), ";")]
    full_name = text("FN")
    if not full_name and (from_n := _name_from_n(n_parts)):
        full_name = from_n
        warnings.append("No FN (formatted name): the name was put together from N.")
    title = text("TITLE") or text("ROLE")
    details = {
        "Honorific": n_parts[3],
        "Nickname": text("NICKNAME"),
        "Phonetic name": squash(
            " ".join(text(f"X-PHONETIC-{part}-NAME") for part in ("FIRST", "MIDDLE", "LAST"))
        ),
        "Department": ", ".join(p for p in org_parts[1:] if p.strip()),
        "Role": text("ROLE") if text("ROLE") != title else "",
        "Birthday": _birthday(text("BDAY")) or text("BDAY"),
        "Anniversary": _birthday(text("ANNIVERSARY")) or text("ANNIVERSARY"),
        "Other website": " ".join(u for u in urls if not linkedin_slug(u)),
        "Instant messaging": " ".join(_unescape(p.value) for p in values.get("IMPP", [])),
        "Photo": photo.address,
        **_addresses(values.get("ADR", [])),
    }
    contact = Contact(
        line=start,
        full_name=full_name,
        organization=org_parts[0] if org_parts else "",
        title=title,
        emails=[re.sub(r"(?i)^mailto:", "", _unescape(p.value)) for p in values.get("EMAIL", [])],
        phones=[re.sub(r"(?i)^tel:", "", _unescape(p.value)) for p in values.get("TEL", [])],
        linkedin_url=next((u for u in urls if linkedin_slug(u)), ""),
        notes=text("NOTE"),
        details=details,
        warnings=warnings,
        photo=photo.data_uri,
        tags=[TAG]
        + [_unescape(c) for p in values.get("CATEGORIES", []) for c in _split(p.value, ",")],
    )
    return finish(contact)


def _addresses(props: list[Property]) -> dict[str, str]:
    """'Address (work)': PO box, extended, street, locality, region, code, country joined."""
    found: dict[str, str] = {}
    for number, prop in enumerate(props, 1):
        parts = [squash(_unescape(p)) for p in _split(prop.value, ";")]
        text = ", ".join(p for p in parts if p)
        label = ",".join(t for t in prop.params.get("TYPE", []) if t.lower() != "pref")
        if text:
            found[f"Address ({label.lower() or number})"] = text
    return found


def text_raw(values: dict[str, list[Property]], name: str) -> str:
    return values[name][0].value if name in values else ""


def _name_from_n(parts: list[str]) -> str:
    family, given, additional, _prefix, suffix = parts[:5]
    return squash(" ".join((given, additional, family, suffix)))


def _birthday(value: str) -> str:
    """'15 April 1990', or '15 April' for 4.0's year-less '--0415'; '' when unreadable."""
    found = re.fullmatch(r"(\d{4}|--)-?(\d{2})-?(\d{2})(?:T.*)?", value.strip())
    if not found or not (1 <= int(found[2]) <= 12 and 1 <= int(found[3]) <= 31):
        return ""
    day = f"{int(found[3])} {MONTH_NAMES[int(found[2]) - 1]}"
    return day if found[1] == "--" else f"{day} {found[1]}"
