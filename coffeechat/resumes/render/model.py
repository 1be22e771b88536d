"""A JSON Resume 1.x document, normalized into display rows that every format prints.

Every renderer (pdf, docx, text) reads `Resume`, never the raw document, so the formats agree on
what is shown, in which order, and how dates read. Fields of the schema (jsonresume schema.json,
1.x) and where they go:

- basics: name, label, email, phone, url, location (address, postalCode, city, region,
  countryCode) and profiles (network, username, url) form the header; summary its own section.
  image is not printed (it is a web address and rendering never fetches from the network): a
  warning says so.
- work (name, position, location, description, url, dates, summary, highlights), volunteer,
  education (institution, url, area, studyType, dates, score, courses), projects (name, entity,
  type, description, highlights, keywords, roles, url, dates), awards, certificates,
  publications: one `Entry` each.
- skills, interests (name, level, keywords) and languages (language, fluency): short lines.
- references: quotes. meta and $schema are tooling data and are not printed.

Dates: "2021" stays "2021"; "2021-03" and "2021-03-14" read "Mar 2021" (a resume is read by the
month). A start without an end means it is still going on: "Mar 2021 – Present". A date that is
not in one of the three ISO forms is printed as written, with a warning.

The document comes from users: any field may be missing, empty or of the wrong type. Nothing
here raises on such input; text is made of what can be read, and each oddity becomes a warning
(a number where text was expected is printed; a list or object there is left out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PRESENT = "Present"
DATE = re.compile(r"^([12]\d{3})(?:-([01]\d)(?:-([0-3]\d))?)?$")
# Control characters other than tab and newline, lone surrogates and the non-characters U+FFFE/F:
# invalid in DOCX XML (and surrogates in UTF-8), invisible elsewhere.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
SAFE_LINK = re.compile(r"^(?:https?://|mailto:|tel:)[^\s<>\"]+$", re.IGNORECASE)


@dataclass(frozen=True)
class Contact:
    text: str
    link: str = ""  # an http(s)/mailto/tel address, or "" when the text is not a safe link


@dataclass(frozen=True)
class Entry:
    title: str = ""  # the line in bold: position, degree, award, project name...
    organization: str = ""  # where or from whom
    dates: str = ""
    location: str = ""
    url: str = ""  # as shown (no scheme)
    link: str = ""  # the address behind it, when safe to link
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()  # (label, text): "Courses", "Roles", "Grade"...

    def meta(self) -> tuple[str, ...]:
        """The small line under the title: dates, place, web address (those present)."""
        return tuple(part for part in (self.dates, self.location, self.url) if part)


@dataclass(frozen=True)
class Section:
    key: str  # the JSON Resume key: "work", "skills"...
    title: str
    kind: str  # "entries", "lines" (name: keywords), "inline" (all on one line), "quotes", "text"
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Resume:
    name: str
    label: str
    contacts: tuple[Contact, ...]  # email, phone, web site, where
    profiles: tuple[Contact, ...]  # "LinkedIn: name"...
    sections: tuple[Section, ...]
    warnings: tuple[str, ...] = ()

    def strings(self) -> list[str]:
        """Every piece of text printed, for the font coverage check."""
        out = [self.name, self.label, PRESENT, *(c.text for c in self.contacts + self.profiles)]
        for section in self.sections:
            out.append(section.title)
            for e in section.entries:
                out += [
                    e.title,
                    e.organization,
                    e.dates,
                    e.location,
                    e.url,
                    *e.paragraphs,
                    *e.bullets,
                    *e.keywords,
                    *(t for note in e.notes for t in note),
                ]
        return out


# The order sections are printed in, with their titles and kinds.
SECTIONS = (
    ("summary", "Summary", "text"),
    ("work", "Experience", "entries"),
    ("education", "Education", "entries"),
    ("projects", "Projects", "entries"),
    ("skills", "Skills", "lines"),
    ("certificates", "Certificates", "entries"),
    ("awards", "Awards", "entries"),
    ("publications", "Publications", "entries"),
    ("volunteer", "Volunteering", "entries"),
    ("languages", "Languages", "inline"),
    ("interests", "Interests", "lines"),
    ("references", "References", "quotes"),
)


def normalize(document: Any) -> Resume:
    """The display rows of a JSON Resume document; never raises on odd input."""
    reader = _Reader()
    if not isinstance(document, dict):
        reader.warn("The resume is not a JSON object; nothing could be read from it.")
        document = {}
    basics = reader.obj(document.get("basics"), "basics")
    if reader.text(basics.get("image"), "basics.image"):
        reader.warn(
            "The photo (basics.image) is not printed: rendering never fetches images "
            "from the web, and many employers ask for resumes without one."
        )
    sections = []
    for key, title, kind in SECTIONS:
        entries: tuple[Entry, ...]
        if key == "summary":
            paragraphs = reader.paragraphs(basics.get("summary"), "basics.summary")
            entries = (Entry(paragraphs=paragraphs),) if paragraphs else ()
        else:
            build = _BUILDERS[key]
            items = reader.items(document.get(key), key)
            built = (build(reader, item, f"{key}[{i}]") for i, item in items)
            entries = tuple(e for e in built if e != Entry())
        if entries:
            sections.append(Section(key, title, kind, entries))
    return Resume(
        name=reader.line(basics.get("name"), "basics.name"),
        label=reader.line(basics.get("label"), "basics.label"),
        contacts=_contacts(reader, basics),
        profiles=_profiles(reader, basics),
        sections=tuple(sections),
        warnings=tuple(reader.warnings),
    )


def format_date(value: str) -> str:
    """'2021' -> '2021'; '2021-03' and '2021-03-14' -> 'Mar 2021'; anything else as written."""
    match = DATE.match(value)
    if not match or (match[2] and not 1 <= int(match[2]) <= 12):
        return value
    return f"{MONTHS[int(match[2]) - 1]} {match[1]}" if match[2] else match[1]


def date_range(start: str, end: str) -> str:
    """'Mar 2019 – Present' for a start alone, one date when both are the same."""
    start, end = format_date(start) if start else "", format_date(end) if end else ""
    if start and not end:
        return f"{start} – {PRESENT}"
    if not start or start == end:
        return end
    return f"{start} – {end}"


def shown_url(url: str) -> str:
    """A web address as printed: without the scheme, 'www.' and a trailing slash."""
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE).rstrip("/")


def safe_link(url: str) -> str:
    """The address to link to, or '' for anything but http(s), mailto and tel."""
    return url if SAFE_LINK.match(url) else ""


def web_link(url: str) -> str:
    """A bare 'example.org' becomes linkable as https; other schemes are never linked."""
    if url and "://" not in url and ":" not in url.split("/")[0]:
        return safe_link("https://" + url)
    return safe_link(url)


class _Reader:
    """Reads values of any type, collecting a warning for each that is not what the schema says."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def text(self, value: Any, path: str) -> str:
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            kind = "true/false" if isinstance(value, bool) else type(value).__name__
            if isinstance(value, list | dict):
                kind = "a list" if isinstance(value, list) else "an object"
            self.warn(f"{path} is {kind}, not text; it is left out.")
            return ""
        if not isinstance(value, str):
            self.warn(f"{path} is a number, not text; it is printed as {value}.")
            value = str(value)
        if CONTROL.search(value):
            self.warn(f"{path} has control or invalid characters; they are left out.")
            value = CONTROL.sub("", value)
        return value.strip()

    def line(self, value: Any, path: str) -> str:
        """Text on one line: inner line breaks become spaces."""
        return " ".join(self.text(value, path).split())

    def paragraphs(self, value: Any, path: str) -> tuple[str, ...]:
        lines = (" ".join(line.split()) for line in self.text(value, path).splitlines())
        return tuple(line for line in lines if line)

    def strings(self, value: Any, path: str) -> tuple[str, ...]:
        """A list of strings (highlights, keywords...); a lone string counts as a list of one."""
        if isinstance(value, str):
            self.warn(f"{path} is text, not a list; it is printed as one item.")
            value = [value]
        out = (self.line(item, f"{path}[{i}]") for i, item in enumerate(self.as_list(value, path)))
        return tuple(item for item in out if item)

    def as_list(self, value: Any, path: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.warn(f"{path} is not a list; it is left out.")
            return []
        return value

    def items(self, value: Any, path: str) -> list[tuple[int, dict[str, Any]]]:
        """A section's entries; an object alone counts as a section of one entry."""
        if isinstance(value, dict):
            self.warn(f"{path} is an object, not a list; it is printed as one entry.")
            value = [value]
        out = []
        for i, item in enumerate(self.as_list(value, path)):
            if isinstance(item, dict):
                out.append((i, item))
            elif item is not None:
                self.warn(f"{path}[{i}] is not an object; it is left out.")
        return out

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.warn(f"{path} is not an object; it is left out.")
            return {}
        return value

    def dates(
        self, item: dict[str, Any], path: str, start: str = "startDate", end: str | None = "endDate"
    ) -> str:
        first = self.date(item.get(start), f"{path}.{start}")
        last = self.date(item.get(end), f"{path}.{end}") if end else ""
        return date_range(first, last) if end else format_date(first)

    def date(self, value: Any, path: str) -> str:
        text = self.line(value, path)
        if text and format_date(text) == text and not re.fullmatch(r"[12]\d{3}", text):
            self.warn(
                f"{path} '{text}' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD; "
                "it is printed as written."
            )
        return text

    def url(self, value: Any, path: str) -> tuple[str, str]:
        url = self.line(value, path)
        return shown_url(url), web_link(url)


def _join(*parts: str, sep: str = ", ") -> str:
    return sep.join(part for part in parts if part)


def _contacts(r: _Reader, basics: dict[str, Any]) -> tuple[Contact, ...]:
    email = r.line(basics.get("email"), "basics.email")
    phone = r.line(basics.get("phone"), "basics.phone")
    url, link = r.url(basics.get("url") or basics.get("website"), "basics.url")  # 0.x: website
    out = [
        Contact(email, safe_link(f"mailto:{email}") if "@" in email else ""),
        Contact(phone, safe_link("tel:" + re.sub(r"[^\d+]", "", phone)) if phone else ""),
        Contact(url, link),
        Contact(_location(r, basics)),
    ]
    return tuple(c for c in out if c.text)


def _profiles(r: _Reader, basics: dict[str, Any]) -> tuple[Contact, ...]:
    out = []
    for i, profile in r.items(basics.get("profiles"), "basics.profiles"):
        path = f"basics.profiles[{i}]"
        network = r.line(profile.get("network"), f"{path}.network")
        username = r.line(profile.get("username"), f"{path}.username")
        shown, link = r.url(profile.get("url"), f"{path}.url")
        # The address is what a reader needs; the username only when the address lacks it.
        name = _join(username if username not in shown else "", shown)
        out.append(Contact(f"{network}: {name}" if network and name else network or name, link))
    return tuple(c for c in out if c.text)


def _location(r: _Reader, basics: dict[str, Any]) -> str:
    where = r.obj(basics.get("location"), "basics.location")
    address = ", ".join(r.paragraphs(where.get("address"), "basics.location.address"))
    city = _join(
        r.line(where.get("postalCode"), "basics.location.postalCode"),
        r.line(where.get("city"), "basics.location.city"),
        sep=" ",
    )
    return _join(
        address,
        city,
        r.line(where.get("region"), "basics.location.region"),
        r.line(where.get("countryCode"), "basics.location.countryCode"),
    )


def _work(r: _Reader, item: dict[str, Any], path: str) -> Entry:
    # "company" and "website" are the names of schema 0.x; files of that era still circulate.
    company = r.line(item.get("name", item.get("company")), f"{path}.name")
    position = r.line(item.get("position"), f"{path}.position")
    url, link = r.url(item.get("url", item.get("website")), f"{path}.url")
    description = r.line(item.get("description"), f"{path}.description")
    return Entry(
        title=position or company,
        organization=company if position else "",
        dates=r.dates(item, path),
        url=url,
        link=link,
        location=r.line(item.get("location"), f"{path}.location"),
        paragraphs=((description,) if description else ())
        + r.paragraphs(item.get("summary"), f"{path}.summary"),
        bullets=r.strings(item.get("highlights"), f"{path}.highlights"),
    )


def _volunteer(r: _Reader, item: dict[str, Any], path: str) -> Entry:
    organization = r.line(item.get("organization"), f"{path}.organization")
    position = r.line(item.get("position"), f"{path}.position")
    url, link = r.url(item.get("url"), f"{path}.url")
    return Entry(
        title=position or organization,
        organization=organization if position else "",
        dates=r.dates(item, path),
        url=url,
        link=link,
        paragraphs=r.paragraphs(item.get("summary"), f"{path}.summary"),
        bullets=r.strings(item.get("highlights"), f"{path}.highlights"),
    )


def _education(r: _Reader, item: dict[str, Any], path: str) -> Entry:
    institution = r.line(item.get("institution"), f"{path}.institution")
    degree = _join(
        r.line(item.get("studyType"), f"{path}.studyType"),
        r.line(item.get("area"), f"{path}.area"),
        sep=" in ",
    )
    url, link = r.url(item.get("url"), f"{path}.url")
    score = r.line(item.get("score", item.get("gpa")), f"{path}.score")
    courses = r.strings(item.get("courses"), f"{path}.courses")
    notes = (("Grade", score),) if score else ()
    return Entry(
        title=degree or institution,
        organization=institution if degree else "",
        dates=r.dates(item, path),
        url=url,
        link=link,
        notes=notes + ((("Courses", ", ".join(courses)),) if courses else ()),
    )


def _project(r: _Reader, item: dict[str, Any], path: str) -> Entry:
    url, link = r.url(item.get("url"), f"{path}.url")
    roles = r.strings(item.get("roles"), f"{path}.roles")
    keywords = r.strings(item.get("keywords"), f"{path}.keywords")
    notes = ((("Roles", ", ".join(roles)),) if roles else ()) + (
        (("Keywords", ", ".join(keywords)),) if keywords else ()
    )
    return Entry(
        title=r.line(item.get("name"), f"{path}.name"),
        organization=_join(
            r.line(item.get("entity"), f"{path}.entity"),
            r.line(item.get("type"), f"{path}.type"),
            sep=" · ",
        ),
        dates=r.dates(item, path),
        url=url,
        link=link,
        paragraphs=r.paragraphs(item.get("description"), f"{path}.description"),
        bullets=r.strings(item.get("highlights"), f"{path}.highlights"),
        notes=notes,
    )


def _award(r: _Reader, item: dict[str, Any], path: str) -> Entry:
    return Entry(
        title=r.line(item.get("title"), f"{path}.title"),
        organization=r.line(item.get("awarder"), f"{path}.awarder"),
        dates=r.dates(item, path, "date", None),
        paragraphs=r.paragraphs(item.get("summary"), f"{path}.summary"),
    )


def _certificate(r: _Reader, item: dict[str, Any], path: str) -> Entry:
    url, link = r.url(item.get("url"), f"{path}.url")
    return Entry(
        title=r.line(item.get("name"), f"{path}.name"),
        organization=r.line(item.get("issuer"), f"{path}.issuer"),
        dates=r.dates(item, path, "date", None),
        url=url,
        link=link,
    )


def _publication(r: _Reader, item: dict[str, Any], path: str) -> Entry:
    url, link = r.url(item.get("url"), f"{path}.url")
    return Entry(
        title=r.line(item.get("name"), f"{path}.name"),
        organization=r.line(item.get("publisher"), f"{path}.publisher"),
        dates=r.dates(item, path, "releaseDate", None),
        url=url,
        link=link,
        paragraphs=r.paragraphs(item.get("summary"), f"{path}.summary"),
    )


def _skill(r: _Reader, item: dict[str, Any], path: str) -> Entry:
    return Entry(
        title=r.line(item.get("name"), f"{path}.name"),
        organization=r.line(item.get("level"), f"{path}.level"),
        keywords=r.strings(item.get("keywords"), f"{path}.keywords"),
    )


def _language(r: _Reader, item: dict[str, Any], path: str) -> Entry:
    return Entry(
        title=r.line(item.get("language"), f"{path}.language"),
        organization=r.line(item.get("fluency"), f"{path}.fluency"),
    )


def _reference(r: _Reader, item: dict[str, Any], path: str) -> Entry:
    return Entry(
        title=r.line(item.get("name"), f"{path}.name"),
        paragraphs=r.paragraphs(item.get("reference"), f"{path}.reference"),
    )


_BUILDERS = {
    "work": _work,
    "volunteer": _volunteer,
    "education": _education,
    "projects": _project,
    "awards": _award,
    "certificates": _certificate,
    "publications": _publication,
    "skills": _skill,
    "interests": _skill,
    "languages": _language,
    "references": _reference,
}
