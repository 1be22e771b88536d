"""Reading a pasted list of employer names: what each line will become, before anything is saved.

One name per line. Blank lines are skipped; a leading list marker ("- ", "• ", "3. ") is taken
off, and of a row pasted from a spreadsheet only the first cell is read; the line says so.
Each name is matched to the owner's organizations: the same name in any case is that
organization; a close spelling ("Nortwind", "Acme Corp" for "ACME Corporation") is offered for
the user to confirm, never taken silently; the rest are new.

Costs are bounded: at most MAX_NAMES names and MAX_CHARS characters per paste, and near
matches are looked for among the FUZZY_POOL organizations where the owner knows most people
(all of them for any account under that size). Exact matches are found among all of them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from rapidfuzz import fuzz, process

from coffeechat.accounts.models import User
from coffeechat.network.models import Organization
from coffeechat.targets.models import Target

MAX_NAMES = 200
MAX_CHARS = 20_000
MAX_NAME_LENGTH = Organization._meta.get_field("name").max_length or 200
FUZZY_POOL = 5_000
NEAR_SCORE = 85
NEAR_SHOWN = 3

LIST_MARKER = re.compile(r"^(?:[-*•·–—▪◦]\s*|\d{1,3}[.)]\s+|\(\d{1,3}\)\s+)")
LEGAL_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "llp",
        "ltd",
        "limited",
        "corp",
        "corporation",
        "co",
        "company",
        "gmbh",
        "plc",
        "ag",
        "sa",
        "the",
    }
)
PUNCTUATION = re.compile(r"[^\w\s]+")
DIGITS = re.compile(r"\d+")


class Kind:
    NEW = "new"  # no such organization: it will be created
    EXISTING = "existing"  # an organization in the network, not on the list yet
    LISTED = "listed"  # already on the target list: skipped
    DUPLICATE = "duplicate"  # the same name earlier in this paste: skipped
    NEAR = "near"  # close to an existing organization: the user chooses
    INVALID = "invalid"  # can't be a name (too long): nothing is saved until it is fixed


@dataclass(frozen=True)
class Match:
    organization_id: int
    name: str
    people_count: int
    listed: bool
    score: int = 100


@dataclass
class Line:
    number: int  # 1-based line of the paste
    typed: str  # the line as pasted (trimmed)
    name: str  # the name read from it
    kind: str
    match: Match | None = None  # the organization it is (EXISTING, LISTED)
    near: list[Match] = field(default_factory=list)  # what it may be (NEAR)
    duplicate_of: int | None = None
    note: str = ""  # what was changed or why it can't be used
    chosen: str = ""  # for NEAR: the user's choice so far ("new" or an organization id)

    @property
    def field_name(self) -> str:
        return f"line-{self.number}"


@dataclass
class PastePlan:
    lines: list[Line] = field(default_factory=list)
    blank: int = 0
    refused: str = ""  # why the whole paste was refused (too long)

    def of_kind(self, *kinds: str) -> list[Line]:
        return [line for line in self.lines if line.kind in kinds]

    @property
    def is_usable(self) -> bool:
        return not self.refused and not self.of_kind(Kind.INVALID) and bool(self.lines)


def fingerprint(text: str) -> str:
    """Identifies the text a plan was shown for: choices by line number only fit that text."""
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def normalized(name: str) -> str:
    """A name for comparing: case, accents' forms, punctuation and legal suffixes left out."""
    text = PUNCTUATION.sub(" ", unicodedata.normalize("NFKC", name).casefold())
    words = [w for w in text.split() if w not in LEGAL_SUFFIXES]
    return " ".join(words) or text.strip()


def same_name(name: str) -> str:
    """The key under which two names are the same organization: case and spacing only."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def near_score(a: str, b: str) -> int:
    """How alike two normalized names are, 0-100.

    Spelling distance, or one name being the other plus a word or two ("Brightwater" and
    "Brightwater Analytics"), but not a short word inside a long name ("Health" in "Lakeview
    Community Health").
    """
    if DIGITS.findall(a) != DIGITS.findall(b):
        return 0  # "Studio 54" and "Studio 55", "Employer 07" and "Employer 08" differ
    score = fuzz.ratio(a, b)
    shorter, longer = sorted((a.split(), b.split()), key=len)
    if (
        shorter
        and set(shorter) <= set(longer)
        and len(" ".join(shorter)) * 2 >= len(" ".join(longer))
    ):
        score = max(score, 90)
    return round(score)


def read_names(text: str) -> tuple[list[Line], int, str]:
    """The non-blank lines of `text` as names, the number of blank lines, and any refusal."""
    if len(text) > MAX_CHARS:
        return (
            [],
            0,
            (
                f"That paste is {len(text):,} characters long. Paste at most "
                f"{MAX_CHARS:,} characters ({MAX_NAMES} names) at a time."
            ),
        )
    raw = text.splitlines()
    names = [r for r in raw if r.strip()]
    if len(names) > MAX_NAMES:
        return (
            [],
            0,
            (
                f"That's {len(names):,} names. Paste at most {MAX_NAMES} at a time: "
                f"the method asks for 40 employers, worked five at a time."
            ),
        )
    lines = []
    for number, typed in enumerate(raw, start=1):
        typed = typed.strip()
        if not typed:
            continue
        name, notes = typed, []
        if "\t" in name:  # a row pasted from a spreadsheet: the name is its first cell
            cells = [cell.strip() for cell in name.split("\t") if cell.strip()]
            if len(cells) > 1:
                name = cells[0]
                notes.append(f"first of {len(cells)} columns")
        stripped = LIST_MARKER.sub("", name, count=1)
        if stripped != name and stripped.strip():
            name = stripped
            notes.append("list marker removed")
        note = ", ".join(notes)
        name = " ".join(name.split())
        kind = Kind.NEW
        if len(name) > MAX_NAME_LENGTH:
            kind, note = (
                Kind.INVALID,
                (
                    f"too long for a name ({len(name)} characters, at most "
                    f"{MAX_NAME_LENGTH}): shorten it or remove the line"
                ),
            )
        lines.append(Line(number=number, typed=typed, name=name, kind=kind, note=note))
    return lines, len(raw) - len(lines), ""


def plan_paste(owner: User, text: str) -> PastePlan:
    """What each line of `text` will become. Reads only; saves nothing."""
    lines, blank, refused = read_names(text)
    plan = PastePlan(lines=lines, blank=blank, refused=refused)
    if refused or not lines:
        return plan
    _mark_duplicates(lines)
    wanted = [line for line in lines if line.kind == Kind.NEW]
    exact, pool = _candidates(owner, [line.name for line in wanted])
    choices = {pk: normalized(m.name) for pk, m in pool.items()}
    for line in wanted:
        found = exact.get(same_name(line.name))
        if found:
            line.match = found
            line.kind = Kind.LISTED if found.listed else Kind.EXISTING
            continue
        line.near = _near(line.name, pool, choices)
        if line.near:
            line.kind = Kind.NEAR
    return plan


def _mark_duplicates(lines: list[Line]) -> None:
    seen: dict[str, Line] = {}
    for line in lines:
        if line.kind != Kind.NEW:
            continue
        key = normalized(line.name)
        first = seen.get(key)
        if first is None:
            seen[key] = line
            continue
        line.kind, line.duplicate_of = Kind.DUPLICATE, first.number
        line.note = (
            f"same as line {first.number}"
            if same_name(line.name) == same_name(first.name)
            else f"looks like line {first.number} ({first.name})"
        )


def _candidates(owner: User, names: list[str]) -> tuple[dict[str, Match], dict[int, Match]]:
    """The organizations named exactly (any case), and the pool to look for near matches in."""
    organizations = Organization.objects.filter(owner=owner).annotate(
        people_count=Count("people"),
        listed=Exists(Target.objects.filter(owner=owner, organization=OuterRef("pk"))),
    )
    fields = ("pk", "name", "people_count", "listed")
    named = Q()
    for name in names:
        named |= Q(name__iexact=name)
    rows = list(organizations.filter(named).values_list(*fields)) if names else []
    pool_rows = organizations.order_by("-people_count", "pk").values_list(*fields)[:FUZZY_POOL]
    pool = {pk: Match(pk, name, people, listed) for pk, name, people, listed in pool_rows}
    exact: dict[str, Match] = {}
    for pk, name, people, listed in [*rows, *pool_rows]:
        # The database's case folding may stop at ASCII (SQLite): compare in Python as well.
        exact.setdefault(same_name(name), Match(pk, name, people, listed))
    return exact, pool


def _near(name: str, pool: dict[int, Match], choices: dict[int, str]) -> list[Match]:
    if not pool:
        return []
    query = normalized(name)
    # WRatio (in C) finds the few plausible ones fast; near_score then judges them strictly.
    rough = process.extract(query, choices, scorer=fuzz.WRatio, score_cutoff=75, limit=10)
    found = []
    for _choice, _rough, pk in rough:
        score = near_score(query, choices[pk])
        if score >= NEAR_SCORE:
            match = pool[pk]
            found.append(
                Match(match.organization_id, match.name, match.people_count, match.listed, score)
            )
    found.sort(key=lambda m: (-m.score, -m.people_count, m.name.lower()))
    return found[:NEAR_SHOWN]
