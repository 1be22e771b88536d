"""Address-book CSVs: Google Contacts (both header eras, ' ::: ' multi-values), Outlook
(Outlook.com's 61 columns and desktop Outlook's order, by name) and any other CSV through a
column mapping (formats.md section 2)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from coffeechat.imports.parsers.base import (
    Contact,
    FileProblem,
    finish,
    linkedin_slug,
    split_multi,
    squash,
)
from coffeechat.imports.parsers.table import Record, key, table

GOOGLE_TAG = "google import"
OUTLOOK_TAG = "outlook import"
CSV_TAG = "csv import"
# Google's system labels say nothing about the person.
GOOGLE_SYSTEM_LABELS = {"* mycontacts", "* starred", "mycontacts", "starred", "* other contacts"}


def is_google(keys: set[str]) -> bool:
    return any(re.fullmatch(r"e-mail \d+ - (label|type|value)", k) for k in keys) or (
        "given name" in keys and "group membership" in keys
    )


def is_outlook(keys: set[str]) -> bool:
    return {"first name", "last name", "e-mail address", "job title"} <= keys


def _numbered(record: Record, pattern: str) -> list[str]:
    """All values of numbered columns like 'e-mail 2 - value', split on ' ::: '."""
    values = []
    for name, value in record.values.items():
        if re.fullmatch(pattern, name):
            values += split_multi(value)
    return values


def google(text: str) -> Iterator[Contact]:
    """One contact per Google Contacts row."""
    return (_google(record) for record in table(text, is_google).records)


GOOGLE_NAME = (
    "name",
    "first name",
    "given name",
    "middle name",
    "additional name",
    "last name",
    "family name",
    "name suffix",
    "file as",
)
GOOGLE_USED = {
    *GOOGLE_NAME,
    "organization name",
    "organization 1 - name",
    "organization title",
    "organization 1 - title",
    "notes",
    "labels",
    "group membership",
    "name prefix",
    "nickname",
    "organization department",
    "organization 1 - department",
    "birthday",
    "photo",
}
# Columns that only describe another column (its label or type), or are always empty noise.
GOOGLE_SKIP = re.compile(
    r"(e-mail|phone|website|address|event|relation|im|custom field|"
    r"organization|external id) \d+ - (label|type)|(e-mail|phone|website) "
    r"\d+ - value|address \d+ - .*|"
    r"(event|relation|custom field|im) \d+ - value|.*phonetic.*|.*yomi.*"
)
PHONETIC = (
    ("phonetic first name", "given name yomi"),
    ("phonetic middle name", "additional name yomi"),
    ("phonetic last name", "family name yomi"),
)


def _google(record: Record) -> Contact:
    name = record.get("name") or squash(
        " ".join(
            record.get(*names)
            for names in (
                ("first name", "given name"),
                ("middle name", "additional name"),
                ("last name", "family name"),
                ("name suffix",),
            )
        )
    )
    websites = _numbered(record, r"website \d+ - value")
    labels = split_multi(record.get("labels", "group membership"))
    details = {
        "Honorific": record.get("name prefix"),
        "Nickname": record.get("nickname"),
        "Phonetic name": squash(
            " ".join(record.get(*names) for names in PHONETIC) or record.get("yomi name")
        ),
        "Department": record.get("organization department", "organization 1 - department"),
        "Birthday": record.get("birthday"),
        "Photo": record.get("photo"),
        **_numbered_addresses(record),
        **_events(record),
    }
    return finish(
        Contact(
            line=record.line,
            full_name=name or record.get("file as", "nickname"),
            organization=record.get("organization name", "organization 1 - name"),
            title=record.get("organization title", "organization 1 - title"),
            emails=_numbered(record, r"e-mail \d+ - value"),
            phones=_numbered(record, r"phone \d+ - value"),
            linkedin_url=next((w for w in websites if linkedin_slug(w)), ""),
            notes=record.get("notes"),
            problem=record.problem,
            tags=[GOOGLE_TAG]
            + [lb.lstrip("* ") for lb in labels if lb.lower() not in GOOGLE_SYSTEM_LABELS],
            details=details
            | {"Other website": " ".join(w for w in websites if not linkedin_slug(w))}
            | record.leftovers(GOOGLE_USED, GOOGLE_SKIP),
        )
    )


def _numbered_addresses(record: Record) -> dict[str, str]:
    """'Address (Home)': the formatted address, or its parts joined, for each numbered one."""
    found: dict[str, str] = {}
    for number in sorted(
        {m[1] for name in record.values if (m := re.fullmatch(r"address (\d+) - \w+", name))}
    ):
        prefix = f"address {number} - "
        text = record.get(prefix + "formatted") or ", ".join(
            v
            for part in (
                "street",
                "extended address",
                "po box",
                "city",
                "region",
                "postal code",
                "country",
            )
            if (v := record.get(prefix + part))
        )
        if text:
            label = record.get(prefix + "label", prefix + "type").lstrip("* ") or number
            found[f"Address ({label})"] = squash(text.replace("\n", ", "))
    return found


def _events(record: Record) -> dict[str, str]:
    """Google's numbered label/value pairs (events, relations, custom fields, messengers):
    'Anniversary: 2010-06-01', 'Assistant: Yumi'."""
    found = {}
    for name, value in record.values.items():
        if (m := re.fullmatch(r"(event|relation|custom field|im) (\d+) - value", name)) and (
            value.strip()
        ):
            label = record.get(f"{m[1]} {m[2]} - label", f"{m[1]} {m[2]} - type") or m[1]
            found[label.lstrip("* ").capitalize()] = value.strip()
    return found


def outlook(text: str) -> Iterator[Contact]:
    """One contact per Outlook CSV row (mapped by header name, so any column order)."""
    return (_outlook(record) for record in table(text, is_outlook).records)


OUTLOOK_USED = {
    "first name",
    "middle name",
    "last name",
    "suffix",
    "company",
    "job title",
    "web page",
    "personal web page",
    "e-mail address",
    "e-mail 2 address",
    "e-mail 3 address",
    "mobile phone",
    "business phone",
    "primary phone",
    "home phone",
    "notes",
    "categories",
    "title",
    "nickname",
    "given yomi",
    "surname yomi",
    "company yomi",
    "department",
    "birthday",
    "anniversary",
}
OUTLOOK_SKIP = re.compile(
    r"(business|home|other) (street|city|state|postal code|"
    r"country/region|po box)( \d)?|e-mail( \d)? (type|display name)|"
    r"priority|sensitivity|private|gender|initials"
)
EMPTY_DATES = {"0/0/00", "00/00/0000", "0/0/0000", "1/1/1601"}  # Outlook's "no date"


def _outlook(record: Record) -> Contact:
    name = squash(
        " ".join(record.get(n) for n in ("first name", "middle name", "last name", "suffix"))
    )
    pages = [record.get("web page"), record.get("personal web page")]
    phones = [
        p
        for n in ("mobile phone", "business phone", "primary phone", "home phone")
        if (p := record.get(n))
    ]
    details = {
        "Honorific": record.get("title"),
        "Nickname": record.get("nickname"),
        "Phonetic name": squash(f"{record.get('given yomi')} {record.get('surname yomi')}"),
        "Department": record.get("department"),
        **{
            label: value
            for label, name in (("Birthday", "birthday"), ("Anniversary", "anniversary"))
            if (value := record.get(name)) not in EMPTY_DATES
        },
        **{
            f"Address ({kind.capitalize()})": text
            for kind in ("business", "home", "other")
            if (
                text := ", ".join(
                    v
                    for part in (
                        "street",
                        "po box",
                        "city",
                        "state",
                        "postal code",
                        "country/region",
                    )
                    if (v := record.get(f"{kind} {part}"))
                )
            )
        },
        "Other website": " ".join(p for p in pages if p and not linkedin_slug(p)),
    }
    return finish(
        Contact(
            line=record.line,
            full_name=name,
            organization=record.get("company"),
            title=record.get("job title"),
            emails=[
                e
                for n in ("e-mail address", "e-mail 2 address", "e-mail 3 address")
                if (e := record.get(n))
            ],
            phones=phones,
            linkedin_url=next((p for p in pages if linkedin_slug(p)), ""),
            notes=record.get("notes"),
            problem=record.problem,
            tags=[OUTLOOK_TAG] + [c for c in record.get("categories").split(";") if c.strip()],
            details=details | record.leftovers(OUTLOOK_USED, OUTLOOK_SKIP),
        )
    )


# Generic CSV ------------------------------------------------------------------------------------

MAPPABLE = {
    "full_name": "Full name",
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email",
    "phone": "Phone",
    "organization": "Organization",
    "title": "Title",
    "linkedin_url": "LinkedIn URL",
    "notes": "Notes",
    "tags": "Tags (comma-separated)",
}
# Header names we recognise for each field, to prefill the mapping screen.
SYNONYMS = {
    "full_name": ("name", "full name", "contact", "contact name", "display name", "nom"),
    "first_name": ("first name", "first", "given name", "firstname", "vorname", "prénom"),
    "last_name": ("last name", "last", "surname", "family name", "lastname", "nachname"),
    "email": ("email", "e-mail", "email address", "e-mail address", "mail", "courriel"),
    "phone": ("phone", "telephone", "mobile", "phone number", "tel", "cell"),
    "organization": ("organization", "organisation", "company", "employer", "firm", "org"),
    "title": ("title", "job title", "position", "role"),
    "linkedin_url": ("linkedin", "linkedin url", "linkedin profile", "profile url", "url"),
    "notes": ("notes", "note", "comments", "comment"),
    "tags": ("tags", "labels", "categories", "groups"),
}


def header_of(text: str) -> list[str]:
    """The column names of a CSV (its first non-blank row), as written."""
    return table(text).raw_header


def guess_mapping(header: list[str]) -> dict[str, int]:
    """field -> column index, for the header names we recognise."""
    mapping: dict[str, int] = {}
    for field, names in SYNONYMS.items():
        for index, column in enumerate(header):
            if key(column) in names and index not in mapping.values():
                mapping[field] = index
                break
    return mapping


def mapped(text: str, mapping: dict[str, int]) -> Iterator[Contact]:
    """One contact per row, taking each field from the column the user chose."""
    if not ({"full_name", "first_name", "last_name"} & mapping.keys()):
        raise FileProblem("Choose the column that holds the name (or first and last names).")
    found = table(text)
    # By index, not name: a hand-made CSV may repeat a column name.
    columns = {field: index for field, index in mapping.items() if 0 <= index < len(found.header)}
    return (_mapped(record, columns, found.raw_header) for record in found.records)


def _mapped(record: Record, columns: dict[str, int], names: list[str]) -> Contact:
    def value(field: str) -> str:
        return record.fields[columns[field]].strip() if field in columns else ""

    name = value("full_name") or squash(f"{value('first_name')} {value('last_name')}")
    return finish(
        Contact(
            line=record.line,
            full_name=name,
            organization=value("organization"),
            title=value("title"),
            emails=split_multi(value("email").replace(";", ":::")),
            phones=split_multi(value("phone")),
            linkedin_url=value("linkedin_url"),
            notes=value("notes"),
            problem=record.problem,
            tags=[CSV_TAG] + [t for t in value("tags").split(",") if t.strip()],
            # The columns the user didn't map are kept as labelled notes, never dropped.
            details={
                names[i] or f"Column {i + 1}": cell.strip()
                for i, cell in enumerate(record.fields)
                if cell.strip() and i not in columns.values()
            },
        )
    )
