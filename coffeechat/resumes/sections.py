"""The sections of a JSON Resume the editor knows: their fields, labels and order, the
basics and the location. What the editor offers; the schema (document.py) is what is valid."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "text"  # text, textarea, date, url, email, lines (one list item per line)
    help: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    singular: str
    fields: tuple[Field, ...]
    title_keys: tuple[str, ...]  # the fields that name an entry, most telling first
    bullets: bool = False  # has `highlights`, edited one by one with the bullet lint
    base: str = ""  # the JSON Pointer of its list, when not "/<key>"

    @property
    def pointer(self) -> str:
        return self.base or f"/{self.key}"

    def label(self, entry: Any) -> str:
        if not isinstance(entry, dict):
            return self.singular
        parts = [
            str(entry[k]).strip()
            for k in self.title_keys
            if isinstance(entry.get(k), str) and entry[k].strip()
        ]
        return " · ".join(parts) or f"(untitled {self.singular.lower()})"


_START = Field("startDate", "Start", "date", "YYYY, YYYY-MM or YYYY-MM-DD")
_END = Field("endDate", "End", "date", "Leave empty if it goes on")
_URL = Field("url", "Web address", "url")
_SUMMARY = Field("summary", "Summary", "textarea")

SECTIONS: tuple[Section, ...] = (
    Section(
        "work",
        "Work",
        "Position",
        (
            Field("position", "Job title"),
            Field("name", "Organization"),
            Field("location", "Location"),
            Field("description", "What the organization does"),
            _URL,
            _START,
            _END,
            _SUMMARY,
        ),
        ("position", "name"),
        bullets=True,
    ),
    Section(
        "volunteer",
        "Volunteering",
        "Volunteer role",
        (
            Field("position", "Role"),
            Field("organization", "Organization"),
            _URL,
            _START,
            _END,
            _SUMMARY,
        ),
        ("position", "organization"),
        bullets=True,
    ),
    Section(
        "education",
        "Education",
        "School",
        (
            Field("institution", "School"),
            Field("studyType", "Degree", help="e.g. Bachelor"),
            Field("area", "Field of study"),
            Field("score", "Grade"),
            _URL,
            _START,
            _END,
            Field("courses", "Courses", "lines", "One per line"),
        ),
        ("institution", "studyType", "area"),
    ),
    Section(
        "projects",
        "Projects",
        "Project",
        (
            Field("name", "Name"),
            Field("description", "Description", "textarea"),
            Field("entity", "For (organization)"),
            Field("type", "Kind", help="e.g. talk, app"),
            _URL,
            _START,
            _END,
            Field("roles", "Your roles", "lines", "One per line"),
            Field("keywords", "Keywords", "lines", "One per line"),
        ),
        ("name",),
        bullets=True,
    ),
    Section(
        "awards",
        "Awards",
        "Award",
        (
            Field("title", "Award"),
            Field("awarder", "Given by"),
            Field("date", "Date", "date", "YYYY, YYYY-MM or YYYY-MM-DD"),
            _SUMMARY,
        ),
        ("title", "awarder"),
    ),
    Section(
        "certificates",
        "Certificates",
        "Certificate",
        (
            Field("name", "Certificate"),
            Field("issuer", "Issuer"),
            Field("date", "Date", "date", "YYYY, YYYY-MM or YYYY-MM-DD"),
            _URL,
        ),
        ("name", "issuer"),
    ),
    Section(
        "publications",
        "Publications",
        "Publication",
        (
            Field("name", "Title"),
            Field("publisher", "Publisher"),
            Field("releaseDate", "Published", "date", "YYYY, YYYY-MM or YYYY-MM-DD"),
            _URL,
            _SUMMARY,
        ),
        ("name", "publisher"),
    ),
    Section(
        "skills",
        "Skills",
        "Skill",
        (
            Field("name", "Skill"),
            Field("level", "Level", help="e.g. Advanced"),
            Field("keywords", "Keywords", "lines", "One per line"),
        ),
        ("name",),
    ),
    Section(
        "languages",
        "Languages",
        "Language",
        (Field("language", "Language"), Field("fluency", "Fluency")),
        ("language", "fluency"),
    ),
    Section(
        "interests",
        "Interests",
        "Interest",
        (Field("name", "Interest"), Field("keywords", "Keywords", "lines", "One per line")),
        ("name",),
    ),
    Section(
        "references",
        "References",
        "Reference",
        (Field("name", "Name"), Field("reference", "What they said", "textarea")),
        ("name",),
    ),
    Section(
        "profiles",
        "Profiles",
        "Profile",
        (Field("network", "Network", help="e.g. LinkedIn"), Field("username", "User name"), _URL),
        ("network", "username"),
        base="/basics/profiles",
    ),
)
SECTION = {s.key: s for s in SECTIONS}

BASICS: tuple[Field, ...] = (
    Field("name", "Name"),
    Field("label", "Headline", help="e.g. Data analyst"),
    Field("email", "Email", "email"),
    Field("phone", "Phone"),
    Field("url", "Website", "url"),
    Field("summary", "Summary", "textarea", "Two or three sentences about you"),
)
LOCATION: tuple[Field, ...] = (
    Field("address", "Address", "textarea"),
    Field("postalCode", "Postal code"),
    Field("city", "City"),
    Field("region", "Region or state"),
    Field("countryCode", "Country code", help="Two letters, e.g. US, DE"),
)
