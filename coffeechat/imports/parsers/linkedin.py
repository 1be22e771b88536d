"""LinkedIn's data export: Connections.csv (3 header eras, preamble, hidden profiles) and the
owner's Profile, Positions, Education and Skills files (formats.md section 1)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from coffeechat.imports.parsers.base import Contact, Profile, finish, parse_date, squash
from coffeechat.imports.parsers.table import Record, table

TAG = "linkedin import"
_WEB_ADDRESS = re.compile(r"https?://[^\s,;\[\]<>\"']+", re.I)
HIDDEN = "Hidden profile: LinkedIn gives only the date you connected."


def is_connections(keys: set[str]) -> bool:
    return {"first name", "last name", "connected on"} <= keys


def is_profile(keys: set[str]) -> bool:
    return {"first name", "last name", "headline"} <= keys


def is_positions(keys: set[str]) -> bool:
    return {"company name", "title", "started on"} <= keys


def is_education(keys: set[str]) -> bool:
    return {"school name", "degree name"} <= keys


def is_skills(keys: set[str]) -> bool:
    return keys == {"name"}


def connections(text: str) -> Iterator[Contact]:
    """One contact per connection row; hidden profiles come back with their reason."""
    return (_connection(record) for record in table(text, is_connections).records)


def _connection(record: Record) -> Contact:
    name = squash(f"{record.get('first name')} {record.get('last name')}")
    url = record.get("url")
    connected_on = parse_date(record.get("connected on"))
    contact = Contact(
        line=record.line,
        full_name=name,
        linkedin_url=url,
        title=record.get("position"),
        organization=record.get("company"),
        emails=[e for e in [record.get("email address")] if e],
        met_at="LinkedIn",
        tags=[TAG],
        problem=record.problem,
        notes=(
            f"Connected on LinkedIn on {connected_on.day} {connected_on:%B %Y}."
            if connected_on
            else ""
        ),
        connected_on=connected_on.isoformat() if connected_on else "",
    )
    if not (name or url) and not contact.problem:
        contact.problem = HIDDEN
    return finish(contact)


def add_profile(profile: Profile, text: str) -> None:
    """Profile.csv: the owner's name, headline and first website."""
    for record in table(text, is_profile).records:
        profile.display_name = squash(f"{record.get('first name')} {record.get('last name')}")
        profile.headline = squash(record.get("headline"))
        # "Websites" holds entries like "[PORTFOLIO:https://…]"; take the first web address.
        website = _WEB_ADDRESS.search(record.get("websites"))
        profile.profile_url = website[0][:200] if website else ""
        return


def add_positions(profile: Profile, text: str) -> None:
    for record in table(text, is_positions).records:
        if company := squash(record.get("company name"))[:200]:
            profile.positions.append(
                {
                    "organization_name": company,
                    "title": squash(record.get("title"))[:200],
                    "description": record.get("description"),
                    "location": squash(record.get("location"))[:200],
                    "started_on": _iso(record.get("started on")),
                    "finished_on": _iso(record.get("finished on")),
                }
            )


def add_education(profile: Profile, text: str) -> None:
    for record in table(text, is_education).records:
        if school := squash(record.get("school name"))[:200]:
            profile.education.append(
                {
                    "school": school,
                    "degree": squash(record.get("degree name"))[:200],
                    "started_on": _iso(record.get("start date")),
                    "finished_on": _iso(record.get("end date")),
                    "notes": record.get("notes"),
                    "activities": record.get("activities"),
                }
            )


def add_skills(profile: Profile, text: str) -> None:
    for record in table(text, is_skills).records:
        if name := squash(record.get("name"))[:100]:
            profile.skills.append(name)


def _iso(value: str) -> str | None:
    parsed = parse_date(value)
    return parsed.isoformat() if parsed else None
