"""Writes: loading an O*NET release (all or nothing), and the user's occupation choices."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from coffeechat.conversations.models import Conversation
from coffeechat.occupations import queries
from coffeechat.occupations.models import (
    RIASEC,
    AlternateTitle,
    ConversationOccupation,
    Occupation,
    Rating,
    RelatedOccupation,
    Release,
    Task,
)
from coffeechat.occupations.onet import FILES, OnetProblem, ReleaseFiles, Row
from coffeechat.prep import services as prep
from coffeechat.prep.models import Question

BATCH = 2_000
SCALES = {"IM", "LV"}  # importance and level; the other scales aren't shown
INTEREST_NAMES = {
    "realistic": "R",
    "investigative": "I",
    "artistic": "A",
    "social": "S",
    "enterprising": "E",
    "conventional": "C",
}
HIGH_POINTS = ("first", "second", "third")
TASK_KINDS = {"core": Task.Kind.CORE, "supplemental": Task.Kind.SUPPLEMENTAL}


@dataclass
class Loaded:
    """What one file gave: rows kept, and rows left out (with why)."""

    kept: int = 0
    left_out: Counter[str] = field(default_factory=Counter)

    def line(self, name: str, noun: str) -> str:
        out = "".join(f"; {n:,} left out ({why})" for why, n in self.left_out.items())
        return f"{name}: {self.kept:,} {noun}{out}"


NOUNS = {
    "occupations": "occupations",
    "job_zones": "job zones",
    "interests": "interest ratings",
    "alternate_titles": "alternate titles",
    "tasks": "tasks",
    "skills": "skill ratings",
    "knowledge": "knowledge ratings",
    "related": "related-occupation links",
}


def import_release(
    *, path: Path, version: str = "", encoding: str = "utf-8", now: datetime | None = None
) -> tuple[Release, list[str]]:
    """Replace the occupation data with the release at `path` (a zip or a folder).

    All or nothing: a missing file or column, a bad row or an oversized file raises OnetProblem
    and the data loaded before stays as it was. Returns the release and one line per file.
    """
    with ReleaseFiles(path, encoding=encoding) as files:
        version = version or files.version or ""
        if not version:
            raise OnetProblem(
                "Couldn't tell which O*NET release this is (no db_30_x_text in "
                "its name, no Read Me.txt): pass --release 30.1."
            )
        with transaction.atomic():
            _clear()
            loaded = _load(files)
            if loaded["occupations"].kept == 0:
                raise OnetProblem("Occupation Data.txt has no occupations.")
            release = Release.objects.create(
                version=version,
                imported_at=now or timezone.now(),
                source=path.name[:300],
                counts={FILES[key].name: item.kept for key, item in loaded.items()},
            )
    queries.forget_search_index()
    return release, [item.line(FILES[key].name, NOUNS[key]) for key, item in loaded.items()]


def _clear() -> None:
    # Children first, so each delete is one plain DELETE rather than a cascade walked in Python.
    for model in (Rating, Task, AlternateTitle, RelatedOccupation, Occupation, Release):
        model.objects.all().delete()


def _load(files: ReleaseFiles) -> dict[str, Loaded]:
    loaded = {key: Loaded() for key in FILES}
    zones = _job_zones(files.rows("job_zones"), loaded["job_zones"])
    interests = _interests(files.rows("interests"), loaded["interests"])
    codes = _occupations(files.rows("occupations"), zones, interests, loaded["occupations"])
    for key, load in (
        ("alternate_titles", _alternate_title),
        ("tasks", _task),
        ("skills", _rating),
        ("knowledge", _rating),
        ("related", _related),
    ):
        _bulk(_kept(files.rows(key), codes, loaded[key], load, key), loaded[key])
    # Job zones and interests were read first (they go on the occupation rows): count them now.
    for key, rows in (
        ("job_zones", dict.fromkeys(zones, 1)),
        ("interests", {code: entry["rows"] for code, entry in interests.items()}),
    ):
        for code, n in rows.items():
            if code in codes:
                loaded[key].kept += n
            else:
                loaded[key].left_out["occupation not in Occupation Data.txt"] += n
    return loaded


def _job_zones(rows: Iterable[Row], loaded: Loaded) -> dict[str, int]:
    zones = {}
    for row in rows:
        zone = row.number("Job Zone")
        if zone not in (1, 2, 3, 4, 5):
            raise row.problem(f"Job Zone should be 1 to 5, not {row['Job Zone'][:10]}.")
        zones[row.code()] = int(zone)
    return zones


def _interests(rows: Iterable[Row], loaded: Loaded) -> dict[str, dict[str, Any]]:
    """{code: {"levels": {"R": 2.5, ...}, "high": {0: "C", 1: "E"}}} from the OI and IH scales."""
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        name = row["Element Name"].lower()
        scale = row["Scale ID"]
        entry = found.setdefault(row.code(), {"levels": {}, "high": {}, "rows": 0})
        if scale == "OI" and name in INTEREST_NAMES:
            entry["levels"][INTEREST_NAMES[name]] = round(row.number("Data Value"), 2)
        elif scale == "IH" and name.split(" ")[0] in HIGH_POINTS:
            point = int(row.number("Data Value"))
            if not 0 <= point <= 6:
                raise row.problem(f"an interest high-point is 0 to 6, not {point}.")
            if point:
                entry["high"][HIGH_POINTS.index(name.split(" ")[0])] = RIASEC[point - 1]
        else:
            loaded.left_out[f"scale {scale or 'none'} not used"] += 1
            continue
        entry["rows"] += 1
    return found


def _occupations(
    rows: Iterable[Row], zones: dict[str, int], interests: dict[str, dict[str, Any]], loaded: Loaded
) -> set[str]:
    codes: set[str] = set()

    def build() -> Iterator[Occupation]:
        for row in rows:
            code = row.code()
            if code in codes:
                raise row.problem(f"{code} appears twice.")
            if not row["Title"]:
                raise row.problem("the occupation has no title.")
            codes.add(code)
            profile = interests.get(code, {"levels": {}, "high": {}})
            high = profile["high"]
            yield Occupation(
                code=code,
                title=row["Title"][:150],
                description=row["Description"],
                job_zone=zones.get(code),
                interests=profile["levels"],
                interest_code="".join(high[i] for i in sorted(high)),
            )

    _bulk(build(), loaded)
    return codes


def _kept(
    rows: Iterable[Row], codes: set[str], loaded: Loaded, load: Any, key: str
) -> Iterator[models.Model]:
    for row in rows:
        if row.code() not in codes:
            loaded.left_out["occupation not in Occupation Data.txt"] += 1
            continue
        built = load(row, codes, loaded, key)
        if built is not None:
            yield built


def _alternate_title(row: Row, codes: set[str], loaded: Loaded, key: str) -> AlternateTitle | None:
    if not row["Alternate Title"]:
        raise row.problem("the alternate title is empty.")
    short = row["Short Title"]
    return AlternateTitle(
        occupation_id=row.code(),
        title=row["Alternate Title"][:250],
        short_title="" if short.lower() == "n/a" else short[:150],
    )


def _task(row: Row, codes: set[str], loaded: Loaded, key: str) -> Task:
    if not row["Task ID"].isdigit():
        raise row.problem(f"Task ID should be a whole number, not “{row['Task ID'][:20]}”.")
    if not row["Task"]:
        raise row.problem("the task statement is empty.")
    # "n/a" marks tasks not rated yet (analyst-written); they count as neither core nor not.
    return Task(
        occupation_id=row.code(),
        task_id=int(row["Task ID"]),
        text=row["Task"],
        kind=TASK_KINDS.get(row["Task Type"].lower(), Task.Kind.UNRATED),
    )


def _rating(row: Row, codes: set[str], loaded: Loaded, key: str) -> Rating | None:
    scale = row["Scale ID"]
    if scale not in SCALES:
        loaded.left_out[f"scale {scale or 'none'} not used"] += 1
        return None
    if row["Recommend Suppress"].upper() == "Y":
        loaded.left_out["Recommend Suppress = Y"] += 1
        return None
    if row["Not Relevant"].upper() == "Y":
        loaded.left_out["Not Relevant = Y"] += 1
        return None
    if not row["Element ID"] or not row["Element Name"]:
        raise row.problem("the element has no ID or name.")
    return Rating(
        occupation_id=row.code(),
        domain=Rating.Domain.SKILL if key == "skills" else Rating.Domain.KNOWLEDGE,
        element_id=row["Element ID"][:20],
        name=row["Element Name"][:150],
        scale=scale,
        value=row.number("Data Value"),
    )


def _related(row: Row, codes: set[str], loaded: Loaded, key: str) -> RelatedOccupation | None:
    related = row.code("Related O*NET-SOC Code")
    if related not in codes:
        loaded.left_out["related occupation not in Occupation Data.txt"] += 1
        return None
    if not row["Index"].isdigit():
        raise row.problem(f"Index should be a whole number, not “{row['Index'][:20]}”.")
    return RelatedOccupation(
        occupation_id=row.code(),
        related_id=related,
        tier=row["Relatedness Tier"][:50],
        rank=int(row["Index"]),
    )


def _bulk(objects: Iterable[models.Model], loaded: Loaded) -> None:
    batch: list[models.Model] = []
    for item in objects:
        batch.append(item)
        if len(batch) >= BATCH:
            type(batch[0])._default_manager.bulk_create(batch)
            loaded.kept += len(batch)
            batch = []
    if batch:
        type(batch[0])._default_manager.bulk_create(batch)
        loaded.kept += len(batch)


# The user's links to occupations -------------------------------------------------------------


def choose_for_conversation(
    *, conversation: Conversation, occupation_code: str, now: datetime | None = None
) -> ConversationOccupation:
    """Remember which occupation a conversation is about ("" = none of them)."""
    if occupation_code and queries.occupation(occupation_code) is None:
        raise ValidationError(
            {"occupation_code": "That occupation isn't in the loaded O*NET data."}
        )
    choice, _ = ConversationOccupation.objects.update_or_create(
        owner_id=conversation.owner_id,
        conversation=conversation,
        defaults={"occupation_code": occupation_code, "updated_at": now or timezone.now()},
    )
    return choice


def add_task_question(
    *, conversation: Conversation, occupation_code: str, task_id: int, now: datetime | None = None
) -> Question:
    """Add "O*NET lists '<task>' as a core task: how much of your week goes to that?" to the
    conversation's question plan (method.md 7.1: sharper questions from the occupation's tasks).
    """
    task = queries.task(occupation_code, task_id)
    if task is None:
        raise ValidationError("That task isn't in the loaded O*NET data.")
    text = queries.task_question(task)
    if conversation.questions.filter(owner_id=conversation.owner_id, text=text).exists():
        raise ValidationError("That question is already in your plan.")
    return prep.add_question(conversation=conversation, text=text, now=now)
