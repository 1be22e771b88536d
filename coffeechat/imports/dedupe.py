"""Is this contact already in the owner's network? By LinkedIn profile, by email, then by a
similar name at the same organization (rapidfuzz). Also catches repeats within one file."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from coffeechat.accounts.models import User
from coffeechat.imports.models import ImportRow
from coffeechat.imports.parsers.base import Contact, linkedin_slug
from coffeechat.network.models import Person

Outcome = ImportRow.Outcome
SIMILAR_NAME = 88  # token_sort_ratio: "Dana Whitfield" vs "Dana Whitfeld" is 96, other names < 70
LEGAL_WORDS = {"inc", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh",
               "sa", "plc", "ag", "the", "bv", "pty"}


@dataclass
class Match:
    outcome: str
    person_id: int | None = None
    reason: str = ""


def name_key(name: str) -> str:
    """Lowercase ASCII-ish letters and digits: 'Zoë Ångström' and 'zoe angstrom' agree."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def organization_key(name: str) -> str:
    """The organization's name without case, accents, punctuation or 'Inc.'-like words."""
    return " ".join(w for w in name_key(name).split() if w not in LEGAL_WORDS)


class Matcher:
    """Matches contacts against the owner's people as they were when the matcher was built."""

    def __init__(self, owner: User) -> None:
        self.by_slug: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_organization: dict[str, list[tuple[str, int]]] = {}
        self.by_name: dict[str, list[int]] = {}
        self.slug_of: dict[int, str] = {}
        self.has_organization: set[int] = set()
        self.seen: dict[str, int] = {}  # this file's slugs and emails -> line
        people = Person.objects.filter(owner=owner).values_list(
            "pk", "full_name", "email", "linkedin_url", "organization__name")
        for pk, full_name, email, url, organization in people:
            self._index(pk, full_name, email, url, organization or "")

    def _index(self, pk: int, full_name: str, email: str, url: str, organization: str) -> None:
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

    def match(self, contact: Contact) -> Match:
        """What to do with this contact: new, duplicate (of whom), uncertain or rejected."""
        if contact.problem:
            return Match(Outcome.REJECTED, reason=contact.problem)
        slug = linkedin_slug(contact.linkedin_url)
        keys = ([f"in:{slug}"] if slug else []) + [f"mail:{e}" for e in contact.emails]
        if repeat := next((self.seen[k] for k in keys if k in self.seen), None):
            return Match(Outcome.REJECTED, reason=f"Same person as line {repeat} of this file.")
        self.seen.update(dict.fromkeys(keys, contact.line))
        if slug and slug in self.by_slug:
            return Match(Outcome.DUPLICATE, self.by_slug[slug], "Same LinkedIn profile")
        for email in contact.emails:
            if email in self.by_email:
                return Match(Outcome.DUPLICATE, self.by_email[email], "Same email address")
        return self._by_name(contact, slug)

    def _by_name(self, contact: Contact, slug: str) -> Match:
        key = name_key(contact.full_name)
        candidates = self.by_organization.get(organization_key(contact.organization), [])
        if contact.organization and candidates:
            found = process.extractOne(key, [name for name, _ in candidates],
                                       scorer=fuzz.token_sort_ratio, score_cutoff=SIMILAR_NAME)
            if found and self._compatible(candidates[found[2]][1], slug):
                pk = candidates[found[2]][1]
                if found[1] == 100:
                    return Match(Outcome.DUPLICATE, pk, "Same name at the same organization")
                return Match(Outcome.UNCERTAIN, pk,
                             f"Similar name ({found[1]:.0f}%) at the same organization")
        # Same name, and one side doesn't say where they work: maybe the same person.
        for pk in self.by_name.get(key, []):
            if self._compatible(pk, slug) and (
                    not contact.organization or pk not in self.has_organization):
                return Match(Outcome.UNCERTAIN, pk, "Same name; organization not known")
        return Match(Outcome.NEW)

    def _compatible(self, pk: int, slug: str) -> bool:
        # Two different LinkedIn profiles are two different people, whatever their names.
        return not (slug and self.slug_of.get(pk) and self.slug_of[pk] != slug)
