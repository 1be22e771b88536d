"""Is this contact already in the owner's network? By LinkedIn profile, by email, then by a
similar name at the same organization (rapidfuzz). Also catches repeats within one file."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache, partial

from rapidfuzz import fuzz, process

from coffeechat.accounts.models import User
from coffeechat.imports.models import ImportRow
from coffeechat.imports.parsers.base import Contact, linkedin_slug
from coffeechat.network.models import Person

Outcome = ImportRow.Outcome
SIMILAR_NAME = 88  # token_sort_ratio: "Dana Whitfield" vs "Dana Whitfeld" is 96, other names < 70
LEGAL_WORDS = {
    "inc",
    "llc",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "sa",
    "plc",
    "ag",
    "the",
    "bv",
    "pty",
}


@dataclass
class Match:
    outcome: str
    person_id: int | None = None
    reason: str = ""
    same_as_line: int | None = None  # a repeat of this earlier line of the same file


@lru_cache(maxsize=65_536)
def name_key(name: str) -> str:
    """Lowercase ASCII-ish letters and digits: 'Zoë Ångström' and 'zoe angstrom' agree."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


@lru_cache(maxsize=65_536)
def organization_key(name: str) -> str:
    """The organization's name without case, accents, punctuation or 'Inc.'-like words."""
    return " ".join(w for w in name_key(name).split() if w not in LEGAL_WORDS)


CONNECTED_NOTE = re.compile(r"Connected on LinkedIn on (\d{1,2}) ([A-Z][a-z]+) (\d{4})\.")
MONTHS = {
    m: i
    for i, m in enumerate(
        (
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
        ),
        1,
    )
}


def identity(full_name: str, organization: str, connected_on: str) -> str:
    """Name, organization and LinkedIn connection date, normalised: without a profile URL or
    an email, this is what says two rows are the same person."""
    return f"{name_key(full_name)}|{organization_key(organization)}|{connected_on}"


def fingerprint(named: str, contact: Contact | dict) -> str:
    """Everything a row says about the person, normalised (`named` is its identity): the
    same row in two files."""
    get = contact.get if isinstance(contact, dict) else partial(getattr, contact)
    return "|".join(
        [
            named,
            name_key(get("title", "")),
            ",".join(sorted(get("emails", []))),
            ",".join(sorted(get("phones", []))),
        ]
    )


def connected_on_in(notes: str) -> str:
    """The ISO date of the 'Connected on LinkedIn on 8 February 2026.' line a LinkedIn import
    writes into the notes ('' when there is none)."""
    found = CONNECTED_NOTE.search(notes)
    if not found or found[2] not in MONTHS:
        return ""
    return f"{found[3]}-{MONTHS[found[2]]:02d}-{int(found[1]):02d}"


class Matcher:
    """Matches contacts against the owner's people as they were when the matcher was built,
    and each contact against the earlier rows of the same file. A constant number of queries,
    whatever the size of the network or the file (issue: bulk speed).

    The rules, strongest first (docs/architecture.md, "Contact imports"):
    same LinkedIn profile; same email; the same row imported before (every field equal);
    same name, organization and LinkedIn connection date; same name at the same organization;
    a similar name at the same organization (uncertain); the same name where one side has no
    organization (uncertain). Two different LinkedIn profiles are never the same person.
    """

    def __init__(self, owner: User) -> None:
        self.by_slug: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_identity: dict[str, int] = {}
        self.by_fingerprint: dict[str, int] = {}
        self.by_organization: dict[str, list[tuple[str, int]]] = {}
        self.by_name: dict[str, list[int]] = {}
        self.slug_of: dict[int, str] = {}
        self.has_organization: set[int] = set()
        # This file's keys -> (line, LinkedIn slug of that line).
        self.seen: dict[str, tuple[int, str]] = {}
        people = Person.objects.filter(owner=owner).values_list(
            "pk", "full_name", "email", "linkedin_url", "organization__name", "notes"
        )
        for pk, full_name, email, url, organization, notes in people:
            self._index(pk, full_name, email, url, organization or "", notes)
        # Rows of earlier imports without a profile URL or email: their exact repeats.
        earlier = ImportRow.objects.filter(
            owner=owner, person__isnull=False, contact__linkedin_url="", contact__emails=[]
        ).values_list("person_id", "contact")
        for pk, contact in earlier:
            named = identity(
                contact.get("full_name", ""),
                contact.get("organization", ""),
                contact.get("connected_on", ""),
            )
            self.by_fingerprint.setdefault(fingerprint(named, contact), pk)

    def _index(
        self, pk: int, full_name: str, email: str, url: str, organization: str, notes: str
    ) -> None:
        if slug := linkedin_slug(url):
            self.by_slug.setdefault(slug, pk)
            self.slug_of[pk] = slug
        if email:
            self.by_email.setdefault(email.lower(), pk)
        key = name_key(full_name)
        self.by_name.setdefault(key, []).append(pk)
        if org := organization_key(organization):
            self.by_organization.setdefault(org, []).append((key, pk))
            self.has_organization.add(pk)
        if connected_on := connected_on_in(notes):
            self.by_identity.setdefault(identity(full_name, organization, connected_on), pk)

    def match(self, contact: Contact) -> Match:
        """What to do with this contact: new, duplicate (of whom), uncertain or rejected."""
        if contact.problem:
            return Match(Outcome.REJECTED, reason=contact.problem)
        slug = linkedin_slug(contact.linkedin_url)
        named = identity(contact.full_name, contact.organization, contact.connected_on)
        # Without a profile URL, the whole row is what identifies it (computed once).
        row = "" if slug else fingerprint(named, contact)
        if repeat := self._repeat(contact, slug, named, row):
            return repeat
        if slug and slug in self.by_slug:
            return Match(Outcome.DUPLICATE, self.by_slug[slug], "Same LinkedIn profile")
        for email in contact.emails:
            if email in self.by_email:
                return Match(Outcome.DUPLICATE, self.by_email[email], "Same email address")
        if row and (pk := self.by_fingerprint.get(row)):
            return Match(Outcome.DUPLICATE, pk, "Imported before with the same details")
        if (
            contact.connected_on
            and (pk := self.by_identity.get(named))
            and (self._compatible(pk, slug))
        ):
            return Match(
                Outcome.DUPLICATE, pk, "Same name, organization and LinkedIn connection date"
            )
        return self._by_name(contact, slug, named.split("|", 1)[0])

    def _repeat(self, contact: Contact, slug: str, named: str, row: str) -> Match | None:
        """The same person on an earlier line of this file: a duplicate, merged into it."""
        strong = ([(f"in:{slug}", "Same LinkedIn profile")] if slug else []) + [
            (f"mail:{e}", "Same email address") for e in contact.emails
        ]
        if row:
            strong.append((f"row:{row}", "Same details"))
        # A name alone is too little to be sure: with an organization or a date it is enough.
        if contact.organization or contact.connected_on:
            strong.append(
                (
                    f"id:{named}",
                    "Same name, organization and LinkedIn connection date"
                    if contact.connected_on
                    else "Same name and organization",
                )
            )
        found = None
        for key, reason in strong:
            if key in self.seen and (
                key.startswith(("in:", "mail:")) or _same_profile(self.seen[key][1], slug)
            ):
                line = self.seen[key][0]
                found = Match(
                    Outcome.DUPLICATE,
                    reason=f"{reason} as line {line} of this file",
                    same_as_line=line,
                )
                break
        name_only = "name:" + named.split("|", 1)[0]
        if (
            found is None
            and not contact.organization
            and name_only in self.seen
            and (_same_profile(self.seen[name_only][1], slug))
        ):
            line = self.seen[name_only][0]
            found = Match(
                Outcome.UNCERTAIN,
                reason=f"Same name as line {line} of this file; organization not known",
                same_as_line=line,
            )
        for key, _ in strong:
            self.seen.setdefault(key, (contact.line, slug))
        self.seen.setdefault(name_only, (contact.line, slug))
        return found

    def _by_name(self, contact: Contact, slug: str, key: str) -> Match:
        candidates = self.by_organization.get(organization_key(contact.organization), [])
        if contact.organization and candidates:
            found = process.extractOne(
                key,
                [name for name, _ in candidates],
                scorer=fuzz.token_sort_ratio,
                score_cutoff=SIMILAR_NAME,
            )
            if found and self._compatible(candidates[found[2]][1], slug):
                pk = candidates[found[2]][1]
                if found[1] == 100:
                    return Match(Outcome.DUPLICATE, pk, "Same name at the same organization")
                return Match(
                    Outcome.UNCERTAIN,
                    pk,
                    f"Similar name ({found[1]:.0f}%) at the same organization",
                )
        # Same name, and one side doesn't say where they work: maybe the same person.
        for pk in self.by_name.get(key, []):
            if self._compatible(pk, slug) and (
                not contact.organization or pk not in self.has_organization
            ):
                return Match(Outcome.UNCERTAIN, pk, "Same name; organization not known")
        return Match(Outcome.NEW)

    def _compatible(self, pk: int, slug: str) -> bool:
        # Two different LinkedIn profiles are two different people, whatever their names.
        return not (slug and self.slug_of.get(pk) and self.slug_of[pk] != slug)


def _same_profile(slug: str, other: str) -> bool:
    return not (slug and other and slug != other)
