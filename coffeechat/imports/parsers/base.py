"""What every parser returns: contacts (one per row, maybe with the reason it can't be
imported), the owner's own profile when the file has one, and the file-level problem type."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

MAX_NAME = 200  # Person.full_name, title, Organization.name
MAX_PHONE = 40  # Person.phone
MAX_TAG = 50  # Tag.name
EMAIL_VALIDATOR = EmailValidator()
URL_VALIDATOR = URLValidator(schemes=["http", "https"])


class FileProblem(Exception):
    """The whole file can't be imported; the message says why, in the user's words."""


@dataclass
class Contact:
    """One row of a contacts file, normalised; `problem` is why it can't be imported."""

    line: int
    full_name: str = ""
    title: str = ""
    organization: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    linkedin_url: str = ""
    notes: str = ""
    met_at: str = ""
    tags: list[str] = field(default_factory=list)
    problem: str = ""
    connected_on: str = ""  # ISO date a LinkedIn connection was made, for matching
    # Fields coffeechat has no column for (birthday, address, nickname ...): label -> value,
    # kept as labelled lines in the person's notes so exports carry them.
    details: dict[str, str] = field(default_factory=dict)
    # What the parser skipped or repaired in this row: shown in the preview.
    warnings: list[str] = field(default_factory=list)
    photo: str = ""  # a checked, re-encoded JPEG as a data: URI (parsers/photos.py)

    @property
    def email(self) -> str:
        return self.emails[0] if self.emails else ""

    @property
    def phone(self) -> str:
        return self.phones[0] if self.phones else ""

    def as_json(self) -> dict[str, Any]:
        # asdict() deep-copies recursively: ten times slower, on every row of big files.
        return {
            name: (
                list(value)
                if isinstance(value, list)
                else dict(value)
                if isinstance(value, dict)
                else value
            )
            for name, value in self.__dict__.items()
        }


@dataclass
class Profile:
    """The owner's own data from a LinkedIn export (Profile, Positions, Education, Skills)."""

    display_name: str = ""
    headline: str = ""  # kept to show the user; never used as the field they explore
    profile_url: str = ""  # the first website on the profile, if any
    positions: list[dict[str, Any]] = field(default_factory=list)
    education: list[dict[str, Any]] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (
            self.display_name
            or self.headline
            or self.profile_url
            or self.positions
            or self.education
            or self.skills
        )


@dataclass
class Parsed:
    contacts: Iterable[Contact] = field(default_factory=list)  # a generator while parsing
    profile: Profile = field(default_factory=Profile)


def squash(value: str) -> str:
    """One line, single spaces."""
    return " ".join(value.split())


def split_multi(value: str) -> list[str]:
    """Google's ' ::: ' cells (and the plain single value) as a list of non-empty values."""
    return [v.strip() for v in value.split(":::") if v.strip()]


LINKEDIN_PROFILE = re.compile(
    r"(?:https?://)?(?:[a-z0-9-]+\.)*linkedin\.com(?::\d+)?/(?:in|pub)/([^/?#\s]+)", re.I
)


# A canonical profile address with a plain slug is a valid URL: no need for the (slow) validator.
PLAIN_PROFILE = re.compile(r"https://www\.linkedin\.com/in/[\w.%-]{1,100}")


def linkedin_slug(url: str) -> str:
    """The `/in/<slug>` of a LinkedIn profile URL, lowercased ('' when it isn't one)."""
    # A regex rather than urlsplit: it runs twice per row on files of 30,000 rows.
    found = LINKEDIN_PROFILE.match(url.strip())
    return unquote(found[1]).lower() if found else ""


def canonical_linkedin(url: str) -> str:
    slug = linkedin_slug(url)
    return f"https://www.linkedin.com/in/{slug}" if slug else url.strip()


def normal_phone(raw: str) -> str:
    """An international format when phonenumbers understands it, else the text as given."""
    # Imported at the first phone number, not at start-up: its metadata costs about a third of
    # a second that a file without phones (LinkedIn's) doesn't need.
    import phonenumbers

    raw = squash(raw)
    try:
        number = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException:
        return raw
    if phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return raw


def finish(contact: Contact) -> Contact:
    """Normalise the contact's fields and set `problem` when the row can't become a person."""
    contact.full_name = squash(contact.full_name)
    contact.title = squash(contact.title)
    contact.organization = squash(contact.organization)
    contact.met_at = squash(contact.met_at)[:MAX_NAME]
    contact.emails = list(
        dict.fromkeys(e.strip().strip("<>").lower() for e in contact.emails if e.strip())
    )
    contact.phones = list(dict.fromkeys(normal_phone(p) for p in contact.phones if p.strip()))
    contact.tags = list(dict.fromkeys(squash(t)[:MAX_TAG] for t in contact.tags if t.strip()))
    contact.notes = contact.notes.strip()
    contact.details = {
        label: text for label, value in contact.details.items() if (text := value.strip())
    }
    if contact.linkedin_url:
        contact.linkedin_url = canonical_linkedin(contact.linkedin_url)
    if not contact.problem:
        _name_from_what_there_is(contact)
        contact.problem = _problem(contact)
    return contact


def _name_from_what_there_is(contact: Contact) -> None:
    """A contact with an organization (or only an email) but no person's name is kept, named
    after what it has, and says so: an address book's entry for a company is still a contact."""
    if contact.full_name:
        return
    if contact.organization:
        contact.full_name = contact.organization
        said = "organization"
    elif contact.emails:
        contact.full_name = contact.emails[0]
        said = "email address"
    else:
        return
    contact.warnings.append(f"No person's name: named after the {said}.")
    contact.details.setdefault(
        "Imported as", f"No person's name in the file; named after the {said}."
    )


def _problem(contact: Contact) -> str:
    if not contact.full_name:
        return "No name."
    for label, value in (
        ("Name", contact.full_name),
        ("Title", contact.title),
        ("Organization", contact.organization),
    ):
        if len(value) > MAX_NAME:
            return f"{label} is longer than {MAX_NAME} characters."
    for email in contact.emails:
        if len(email) > 254:
            return "An email address is longer than 254 characters."
        try:
            EMAIL_VALIDATOR(email)
        except ValidationError:
            return f"“{email[:80]}” is not a valid email address."
    if contact.phones and len(contact.phones[0]) > MAX_PHONE:
        return f"Phone number is longer than {MAX_PHONE} characters."
    if contact.linkedin_url and not PLAIN_PROFILE.fullmatch(contact.linkedin_url):
        try:
            URL_VALIDATOR(contact.linkedin_url)
        except ValidationError:
            return "The LinkedIn address is not a web address."
        if len(contact.linkedin_url) > 200:
            return "The LinkedIn address is longer than 200 characters."
    return ""


MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def parse_date(value: str) -> date | None:
    """LinkedIn's dates: '07 Feb 2022', Excel's '7-Feb-22', 'Feb 2022', '2022', ISO; else None.

    English month names from a fixed table, not the locale (formats.md 1.2).
    """
    value = squash(value).lower()
    try:
        if m := re.fullmatch(r"(\d{1,2})[ -]([a-z]{3})[a-z]*[ -](\d{2}|\d{4})", value):
            year = int(m[3]) + (
                2000 if len(m[3]) == 2 and int(m[3]) < 70 else 1900 if len(m[3]) == 2 else 0
            )
            return date(year, MONTHS[m[2]], int(m[1]))
        if m := re.fullmatch(r"([a-z]{3})[a-z]* (\d{4})", value):
            return date(int(m[2]), MONTHS[m[1]], 1)
        if m := re.fullmatch(r"(\d{4})", value):
            return date(int(m[1]), 1, 1)
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
            return date(int(m[1]), int(m[2]), int(m[3]))
    except (KeyError, ValueError):
        return None
    return None
