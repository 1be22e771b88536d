"""The interest inventory: short work activities people like or dislike, by RIASEC type.

method.md RULE-A1: Holland's six types (Realistic, Investigative, Artistic, Social, Enterprising,
Conventional); a person is summed up by their top three letters, which are an exploration seed,
not a verdict. The item texts are our own words, written for this app: they are not the O*NET
Interest Profiler's items nor paraphrases of them (whether those may be reused inside an app
is unverified).

Each answer is 0 (strongly dislike) .. 4 (strongly like); a type's score is the sum of its items'
answers. Changing an item's text, type or the set of items means a new VERSION: every stored
result records the version it was scored with, and old versions stay here so old answers can
still be read.
"""

from __future__ import annotations

from dataclasses import dataclass

TYPES = "RIASEC"  # also the hexagon order, which breaks ties (see scoring.top_three)


@dataclass(frozen=True)
class Kind:
    letter: str
    name: str
    nickname: str
    description: str  # one plain line, our words


KINDS: dict[str, Kind] = {
    kind.letter: kind
    for kind in (
        Kind(
            "R",
            "Realistic",
            "doer",
            "Working with your hands, tools, machines, plants or animals, often outdoors.",
        ),
        Kind(
            "I",
            "Investigative",
            "thinker",
            "Working out how things work: observing, measuring, analyzing, solving puzzles.",
        ),
        Kind(
            "A",
            "Artistic",
            "creator",
            "Making something new and expressive: images, words, music, spaces, designs.",
        ),
        Kind(
            "S",
            "Social",
            "helper",
            "Helping people learn, heal, grow or get along: teaching, coaching, caring.",
        ),
        Kind(
            "E",
            "Enterprising",
            "persuader",
            "Leading, convincing and deciding: starting things, selling ideas, taking risks.",
        ),
        Kind(
            "C",
            "Conventional",
            "organizer",
            "Keeping things in order: records, numbers, schedules and clear procedures.",
        ),
    )
}


@dataclass(frozen=True)
class Choice:
    value: int
    label: str


# The 5-point scale, scored 0-4.
SCALE: tuple[Choice, ...] = (
    Choice(0, "Strongly dislike"),
    Choice(1, "Dislike"),
    Choice(2, "Not sure"),
    Choice(3, "Like"),
    Choice(4, "Strongly like"),
)
LOWEST, HIGHEST = SCALE[0].value, SCALE[-1].value


@dataclass(frozen=True)
class Item:
    key: str  # stable within a version: "r1" .. "c6"
    kind: str  # one letter of TYPES
    text: str


def _items(*rows: tuple[str, str]) -> tuple[Item, ...]:
    return tuple(Item(key=key, kind=key[0].upper(), text=text) for key, text in rows)


# Version 1: six items per type, 36 in all. Asked in the order below, the types interleaved so
# no block of the page is about one type.
_V1_BY_TYPE = {
    "R": (
        "Tune the gears and brakes of a bicycle",
        "Install solar panels on a roof",
        "Drive a forklift or a small crane on a building site",
        "Plant and look after an orchard",
        "Take a broken machine apart to find the worn part",
        "Build a wooden deck from a set of plans",
    ),
    "I": (
        "Dig into survey results to see what explains them",
        "Track down why a computer program gives a wrong answer",
        "Read studies on how sleep affects memory",
        "Watch birds in the wild and log what they do",
        "Use statistics to check whether a new teaching method works",
        "Design a trial that compares two fertilizers",
    ),
    "A": (
        "Design a logo for a neighborhood festival",
        "Write a weekly column with your own take on everyday life",
        "Photograph a city at night for an exhibition",
        "Plan the look and feel of a new café",
        "Illustrate a children's picture book",
        "Design and sew a jacket",
    ),
    "S": (
        "Show a new colleague the ropes during their first weeks",
        "Tutor a student who is stuck in math",
        "Help two teammates settle a disagreement",
        "Run a welcome session for people new to the city",
        "Help an older neighbor with errands and paperwork",
        "Guide visitors through a museum and answer their questions",
    ),
    "E": (
        "Pitch an idea for a new company to investors",
        "Lead a sales team toward its quarterly target",
        "Convince a town council to fund a project",
        "Run for a seat on a board or committee",
        "Win back a client who is about to leave",
        "Decide the price and the promotion for a product launch",
    ),
    "C": (
        "Match a month of bank statements against the receipts",
        "Check an application file against a list of required papers",
        "Set up a filing system where anything is found in a minute",
        "Build a staff rota that fits everyone's shifts",
        "Clean up a customer list so nobody appears twice",
        "Keep a project's deadlines and documents in order",
    ),
}
_V1 = _items(
    *((f"{letter.lower()}{n + 1}", _V1_BY_TYPE[letter][n]) for n in range(6) for letter in TYPES)
)

VERSIONS: dict[int, tuple[Item, ...]] = {1: _V1}
VERSION = 1  # the version new attempts are asked and scored with
ITEMS = VERSIONS[VERSION]
BY_KEY: dict[str, Item] = {item.key: item for item in ITEMS}


def items_of(version: int) -> tuple[Item, ...]:
    """The items of an inventory version (a stored result's, say)."""
    return VERSIONS[version]


def max_score(version: int = VERSION) -> int:
    """The highest score one type can get in `version` (every item of it strongly liked)."""
    # Every type has as many items as the others (a test checks each version).
    return sum(1 for item in VERSIONS[version] if item.kind == TYPES[0]) * HIGHEST
