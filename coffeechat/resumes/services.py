"""Writes to resumes. Every change to a document is checked against the schema and kept as a
new version, in one transaction with the change itself.

Functions take keyword arguments only and raise Django's ValidationError with a sentence a
person understands (an import's list of problems rides on `InvalidResume` as well).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation
from coffeechat.network.models import Organization
from coffeechat.profile import queries as profile_queries
from coffeechat.resumes import compare, queries
from coffeechat.resumes import document as doc
from coffeechat.resumes.models import Handout, Paper, Resume, Suggestion, Template, Version

STALE = (
    "This resume changed since you opened the page (in another tab?). Nothing was saved: "
    "reload to see the latest, then make your change again."
)
MAX_SUGGESTIONS = 30  # at once, from one conversation: more is a pasted document, not advice


# Creating ---------------------------------------------------------------------------------------


@transaction.atomic
def create_resume(
    *,
    owner: User,
    name: str,
    document: dict[str, Any],
    kind: str = Resume.Kind.BASE,
    tailored_from: Resume | None = None,
    target_role: str = "",
    target_organization: Organization | None = None,
    change: str = "Created",
    now: datetime | None = None,
) -> Resume:
    now = now or timezone.now()
    _check(document)
    resume = Resume(
        owner=owner,
        name=unique_name(owner, name),
        kind=kind,
        tailored_from=tailored_from,
        target_role=target_role.strip(),
        target_organization=target_organization,
        document=doc.dumps(document),
        created_at=now,
    )
    if tailored_from is not None:
        resume.template, resume.paper = tailored_from.template, tailored_from.paper
        resume.max_pages = tailored_from.max_pages
    resume.full_clean()
    resume.save()
    Version.objects.create(
        owner=owner,
        resume=resume,
        number=1,
        document=resume.document,
        revision=resume.revision,
        change=change,
        created_at=now,
    )
    return resume


def unique_name(owner: User, name: str, *, exclude: Resume | None = None) -> str:
    """`name`, or "name (2)", "name (3)"... when the owner already has one of that name."""
    name = " ".join(name.split())[:110] or "My resume"
    taken = Resume.objects.filter(owner=owner)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    names = {n.casefold() for n in taken.values_list("name", flat=True)}
    candidate, number = name, 1
    while candidate.casefold() in names:
        number += 1
        candidate = f"{name} ({number})"
    return candidate


def build_from_profile(*, owner: User, name: str = "", now: datetime | None = None) -> Resume:
    """A base resume from the user's profile: positions, schools, skills, and who they are."""
    document = profile_document(owner)
    return create_resume(
        owner=owner,
        name=name or "Base resume",
        document=document,
        change="Built from your profile",
        now=now,
    )


def profile_document(owner: User) -> dict[str, Any]:
    """The JSON Resume document the profile gives: only what the profile holds, nothing made up."""
    basics: dict[str, Any] = {}
    for key, value in (
        ("name", owner.display_name),
        ("label", owner.field_broad),
        ("email", owner.email),
        ("phone", owner.phone),
        ("url", owner.profile_url),
        # The profile's own summary, once it has one (the "you" page).
        ("summary", getattr(owner, "summary", "")),
    ):
        if isinstance(value, str) and value.strip():
            basics[key] = value.strip()
    document: dict[str, Any] = {"basics": basics}
    work = [_work_entry(p) for p in profile_queries.positions_for(owner)]
    education = [_education_entry(e) for e in profile_queries.education_for(owner)]
    skills = [_skill_entry(s) for s in profile_queries.skills_for(owner)]
    for key, items in (("work", work), ("education", education), ("skills", skills)):
        if items:
            document[key] = items
    return document


_BULLET_LINE = re.compile(r"^\s*(?:[•·▪◦●*\-–—]|\d+[.)])\s+")


def _work_entry(position: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": position.organization_name}
    if position.title:
        entry["position"] = position.title
    if position.location:
        entry["location"] = position.location
    if position.started_on:
        entry["startDate"] = _month(position.started_on)
    if position.finished_on:
        entry["endDate"] = _month(position.finished_on)
    # LinkedIn descriptions mix a paragraph and "• ..." lines: the lines become bullets.
    summary, bullets = [], []
    for line in position.description.splitlines():
        if _BULLET_LINE.match(line):
            bullets.append(_BULLET_LINE.sub("", line).strip())
        elif line.strip():
            summary.append(line.strip())
    if summary:
        entry["summary"] = " ".join(summary)
    if bullets:
        entry["highlights"] = [b for b in bullets if b]
    return entry


# The user's 1-5 self-rating (/you/) in the words JSON Resume's free-text `level` expects.
SKILL_LEVELS = {1: "Beginner", 2: "Basic", 3: "Intermediate", 4: "Advanced", 5: "Expert"}


def _skill_entry(skill: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": skill.name}
    if skill.rating in SKILL_LEVELS:
        entry["level"] = SKILL_LEVELS[skill.rating]
    return entry


def _education_entry(education: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"institution": education.school}
    if education.degree:
        entry["studyType"] = education.degree
    if education.started_on:
        entry["startDate"] = _year_or_month(education.started_on)
    if education.finished_on:
        entry["endDate"] = _year_or_month(education.finished_on)
    return entry


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _year_or_month(day: date) -> str:
    # LinkedIn gives schools years only, stored as 1 January: print the year alone.
    return f"{day.year:04d}" if (day.month, day.day) == (1, 1) else _month(day)


def import_resume(
    *,
    owner: User,
    raw: bytes | str,
    name: str = "",
    filename: str = "",
    now: datetime | None = None,
) -> Resume:
    """A resume from a JSON Resume file, exactly as written. Raises doc.InvalidResume with every
    problem (and saves nothing) when it isn't one."""
    document = doc.parse(raw)
    if not name:
        basics = document.get("basics")
        person = basics.get("name") if isinstance(basics, dict) else ""
        name = f"{person}'s resume" if isinstance(person, str) and person.strip() else ""
        name = name or (filename.rsplit(".", 1)[0] if filename else "") or "Imported resume"
    change = f"Imported from {filename}" if filename else "Imported"
    return create_resume(owner=owner, name=name, document=document, change=change[:300], now=now)


def tailor(
    *,
    resume: Resume,
    name: str = "",
    target_role: str = "",
    organization_name: str = "",
    now: datetime | None = None,
) -> Resume:
    """A copy of `resume` tailored for a role and/or an employer of the user's network."""
    target_role = target_role.strip()
    organization = None
    if organization_name.strip():
        organization = queries.organization_named(resume.owner, organization_name)
        if organization is None:
            raise ValidationError(
                {
                    "organization_name": (
                        f"“{organization_name.strip()}” isn't one of your organizations. Add it under "
                        "Organizations first, or leave it empty and name the role."
                    )
                }
            )
    if not target_role and organization is None:
        raise ValidationError("Say what this version is for: a role, an employer, or both.")
    for_what = " at ".join(p for p in (target_role, organization.name if organization else "") if p)
    return create_resume(
        owner=resume.owner,
        name=name.strip() or f"{resume.name}, for {for_what}",
        document=doc.loads(resume.document),
        kind=Resume.Kind.TAILORED,
        tailored_from=resume,
        target_role=target_role,
        target_organization=organization,
        change=f"Tailored from {resume.name} (version {latest_number(resume)})",
        now=now,
    )


def latest_number(resume: Resume) -> int:
    return resume.versions.order_by("-number").values_list("number", flat=True).first() or 0


# Changing the document --------------------------------------------------------------------------


def _check(document: dict[str, Any]) -> None:
    problems = doc.check(document)
    if problems:
        raise ValidationError([f"{p.where}: {p.message}" for p in problems])


def _locked(resume: Resume, revision: int | None) -> tuple[Resume, dict[str, Any]]:
    locked = Resume.objects.select_for_update().get(pk=resume.pk, owner_id=resume.owner_id)
    if revision is not None and revision != locked.revision:
        raise ValidationError(STALE)
    return locked, doc.loads(locked.document)


def _commit(
    resume: Resume,
    locked: Resume,
    document: dict[str, Any],
    *,
    change: str = "",
    now: datetime | None = None,
) -> Version:
    """Save `document` as the resume's content and as its next version."""
    before = doc.loads(locked.document)
    _check(document)
    text = doc.dumps(document)
    if text == locked.document:
        raise ValidationError("Nothing changed.")
    locked.document = text
    locked.revision += 1
    locked.save(update_fields=["document", "revision", "updated_at"])
    resume.document, resume.revision = locked.document, locked.revision
    version = Version.objects.create(
        owner_id=locked.owner_id,
        resume=locked,
        number=latest_number(locked) + 1,
        document=text,
        revision=locked.revision,
        change=(change or compare.summary(before, document))[:300],
        created_at=now or timezone.now(),
    )
    return version


def _section(key: str) -> doc.Section:
    try:
        return doc.SECTION[key]
    except KeyError:
        raise ValidationError(f"There is no section “{key}” in a resume.") from None


def _entry_at(document: dict[str, Any], section: doc.Section, index: int) -> dict[str, Any]:
    items = doc.entries(document, section)
    if not 0 <= index < len(items) or not isinstance(items[index], dict):
        raise ValidationError(
            f"That {section.singular.lower()} isn't in this resume any more: reload the page."
        )
    return items[index]


def _apply(target: dict[str, Any], fields: tuple[doc.Field, ...], values: dict[str, Any]) -> None:
    """Set the fields the form has; an emptied field goes, every other key stays where it was."""
    for field in fields:
        if field.key not in values:
            continue
        value = values[field.key]
        if isinstance(value, list):
            value = [v for v in (" ".join(str(x).split()) for x in value) if v]
        elif isinstance(value, str):
            value = value.strip()
        if value in ("", [], None):
            target.pop(field.key, None)
            continue
        if field.kind == "date" and isinstance(value, str) and doc.date_problem(value):
            raise ValidationError({field.key: doc.date_problem(value)})
        target[field.key] = value


@transaction.atomic
def update_basics(
    *,
    resume: Resume,
    values: dict[str, Any],
    location: dict[str, Any] | None = None,
    revision: int | None = None,
) -> Version:
    locked, document = _locked(resume, revision)
    basics = document.get("basics")
    if not isinstance(basics, dict):
        basics = document["basics"] = {}
    _apply(basics, doc.BASICS, values)
    if location is not None:
        place = doc.object_at(basics, "location")
        _apply(place, doc.LOCATION, location)
        if place:
            basics["location"] = place
        else:
            basics.pop("location", None)
    return _commit(resume, locked, document)


def _dates_in_order(section: doc.Section, entry: dict[str, Any]) -> None:
    start, end = entry.get("startDate"), entry.get("endDate")
    if (
        isinstance(start, str)
        and isinstance(end, str)
        and start
        and end
        and doc.date_key(end) < doc.date_key(start)
    ):
        raise ValidationError({"endDate": "The end is before the start."})


@transaction.atomic
def save_entry(
    *,
    resume: Resume,
    section: str,
    values: dict[str, Any],
    index: int | None = None,
    revision: int | None = None,
) -> Version:
    """Add an entry to a section (index None: at the end) or change the one at `index`."""
    spec = _section(section)
    locked, document = _locked(resume, revision)
    if index is None:
        entry: dict[str, Any] = {}
        _apply(entry, spec.fields, values)
        if not entry:
            raise ValidationError(f"Fill in at least one field of the {spec.singular.lower()}.")
        _dates_in_order(spec, entry)
        doc.entries_for_update(document, spec).append(entry)
        change = f"{spec.title}: added {spec.label(entry)}"
    else:
        entry = _entry_at(document, spec, index)
        _apply(entry, spec.fields, values)
        _dates_in_order(spec, entry)
        change = ""
    return _commit(resume, locked, document, change=change)


def _move(items: list[Any], index: int, direction: str) -> int:
    step = {"up": -1, "down": 1}.get(direction)
    if step is None:
        raise ValidationError("Move up or down.")
    other = index + step
    if not (0 <= index < len(items) and 0 <= other < len(items)):
        raise ValidationError("It is already at the " + ("top." if step < 0 else "bottom."))
    items[index], items[other] = items[other], items[index]
    return other


@transaction.atomic
def move_entry(
    *, resume: Resume, section: str, index: int, direction: str, revision: int | None = None
) -> Version:
    spec = _section(section)
    locked, document = _locked(resume, revision)
    _entry_at(document, spec, index)
    items = doc.entries(document, spec)
    other = _move(items, index, direction)
    doc.reindex_hidden(document, spec.pointer, {index: other, other: index})
    return _commit(
        resume,
        locked,
        document,
        change=f"{spec.title}: moved {spec.label(items[other])} {direction}",
    )


@transaction.atomic
def delete_entry(
    *, resume: Resume, section: str, index: int, revision: int | None = None
) -> Version:
    spec = _section(section)
    locked, document = _locked(resume, revision)
    entry = _entry_at(document, spec, index)
    items = doc.entries(document, spec)
    del items[index]
    doc.reindex_hidden(
        document,
        spec.pointer,
        {i: (None if i == index else i - 1) for i in range(index, len(items) + 1)},
    )
    return _commit(resume, locked, document, change=f"{spec.title}: removed {spec.label(entry)}")


def _bullets(entry: dict[str, Any], create: bool = False) -> list[Any]:
    bullets = entry.get("highlights")
    if not isinstance(bullets, list):
        if not create:
            return []
        bullets = entry["highlights"] = []
    return bullets


def _bullet_index(bullets: list[Any], bullet: int) -> None:
    if not 0 <= bullet < len(bullets):
        raise ValidationError("That bullet isn't in this resume any more: reload the page.")


@transaction.atomic
def save_bullet(
    *,
    resume: Resume,
    section: str,
    index: int,
    text: str,
    bullet: int | None = None,
    revision: int | None = None,
) -> Version:
    """Add a bullet to an entry (bullet None) or change one. An empty text is refused: remove
    the bullet instead."""
    spec = _section(section)
    if not spec.bullets:
        raise ValidationError(f"{spec.title} entries have no bullets.")
    text = " ".join(text.split())
    if not text:
        raise ValidationError({"text": "A bullet can't be empty: remove it instead."})
    locked, document = _locked(resume, revision)
    entry = _entry_at(document, spec, index)
    bullets = _bullets(entry, create=True)
    if bullet is None:
        bullets.append(text)
        change = f"{spec.title}: added a bullet to {spec.label(entry)}"
    else:
        _bullet_index(bullets, bullet)
        bullets[bullet] = text
        change = f"{spec.title}: changed bullet {bullet + 1} of {spec.label(entry)}"
    return _commit(resume, locked, document, change=change)


@transaction.atomic
def move_bullet(
    *,
    resume: Resume,
    section: str,
    index: int,
    bullet: int,
    direction: str,
    revision: int | None = None,
) -> Version:
    spec = _section(section)
    locked, document = _locked(resume, revision)
    entry = _entry_at(document, spec, index)
    bullets = _bullets(entry)
    _bullet_index(bullets, bullet)
    other = _move(bullets, bullet, direction)
    doc.reindex_hidden(
        document, f"{spec.pointer}/{index}/highlights", {bullet: other, other: bullet}
    )
    return _commit(
        resume,
        locked,
        document,
        change=f"{spec.title}: moved a bullet of {spec.label(entry)} {direction}",
    )


@transaction.atomic
def delete_bullet(
    *, resume: Resume, section: str, index: int, bullet: int, revision: int | None = None
) -> Version:
    spec = _section(section)
    locked, document = _locked(resume, revision)
    entry = _entry_at(document, spec, index)
    bullets = _bullets(entry)
    _bullet_index(bullets, bullet)
    del bullets[bullet]
    if not bullets:
        del entry["highlights"]
    doc.reindex_hidden(
        document,
        f"{spec.pointer}/{index}/highlights",
        {i: (None if i == bullet else i - 1) for i in range(bullet, len(bullets) + 1)},
    )
    return _commit(
        resume, locked, document, change=f"{spec.title}: removed a bullet of {spec.label(entry)}"
    )


@transaction.atomic
def set_hidden(
    *,
    resume: Resume,
    section: str,
    index: int,
    hidden: bool,
    bullet: int | None = None,
    revision: int | None = None,
) -> Version:
    """Hide an entry or one bullet from what prints (it stays in the resume), or show it again."""
    spec = _section(section)
    locked, document = _locked(resume, revision)
    entry = _entry_at(document, spec, index)
    pointer = f"{spec.pointer}/{index}"
    what = spec.label(entry)
    if bullet is not None:
        _bullet_index(_bullets(entry), bullet)
        pointer += f"/highlights/{bullet}"
        what = f"bullet {bullet + 1} of {what}"
    doc.set_hidden(document, pointer, hidden)
    return _commit(
        resume,
        locked,
        document,
        change=f"{spec.title}: {'hid' if hidden else 'showed again'} {what}",
    )


# Versions ---------------------------------------------------------------------------------------


@transaction.atomic
def name_version(*, version: Version, label: str) -> Version:
    """Give a version a name to find it again (an explicit save)."""
    version.label = " ".join(label.split())[:120]
    version.full_clean()
    version.save(update_fields=["label", "updated_at"])
    return version


@transaction.atomic
def restore(*, version: Version, revision: int | None = None) -> Version:
    """Make an older version the current content again, as a new version (nothing is lost)."""
    resume = version.resume
    locked, _ = _locked(resume, revision)
    return _commit(
        resume, locked, doc.loads(version.document), change=f"Restored version {version.number}"
    )


# Settings, checks, deletion ---------------------------------------------------------------------


@transaction.atomic
def update_settings(
    *,
    resume: Resume,
    name: str,
    template: str = Template.CLASSIC,
    paper: str = Paper.AUTO,
    max_pages: int = 1,
    target_role: str = "",
    organization_name: str = "",
) -> Resume:
    resume.name = " ".join(name.split())
    if not resume.name:
        raise ValidationError({"name": "Give the resume a name."})
    if resume.name.casefold() != unique_name(resume.owner, resume.name, exclude=resume).casefold():
        raise ValidationError({"name": "You already have a resume of that name."})
    resume.template, resume.paper, resume.max_pages = template, paper, max_pages
    resume.target_role = target_role.strip()
    if organization_name.strip():
        organization = queries.organization_named(resume.owner, organization_name)
        if organization is None:
            raise ValidationError(
                {
                    "organization_name": (
                        f"“{organization_name.strip()}” isn't one of your organizations."
                    )
                }
            )
        resume.target_organization = organization
    else:
        resume.target_organization = None
    resume.full_clean()
    resume.save()
    return resume


def record_check(
    *,
    resume: Resume,
    pages: int | None,
    max_pages: int,
    template: str,
    paper: str,
    warnings: tuple[str, ...] | list[str] = (),
    revision: int | None = None,
) -> None:
    """Remember how long the last PDF of this content was (the overflow warning reads it)."""
    Resume.objects.filter(pk=resume.pk, owner_id=resume.owner_id).update(
        checked_revision=revision if revision is not None else resume.revision,
        checked_pages=pages,
        checked_max_pages=max_pages,
        checked_template=template,
        checked_paper=paper,
        checked_warnings="\n".join(warnings)[:2000],
    )
    resume.refresh_from_db()


@transaction.atomic
def delete_resume(*, resume: Resume) -> None:
    resume.delete()


# The critique loop (method.md RULE-R1, RULE-R2) -------------------------------------------------


@transaction.atomic
def choose_handout(*, conversation: Conversation, resume: Resume) -> Handout:
    """The resume (at its current version) to bring to this conversation (method.md RULE-R1)."""
    if resume.owner_id != conversation.owner_id:
        raise ValidationError("That resume isn't yours.")
    version = resume.versions.order_by("-number").first()
    handout, _ = Handout.objects.update_or_create(
        conversation=conversation,
        owner_id=conversation.owner_id,
        defaults={"resume": resume, "version": version},
    )
    return handout


@transaction.atomic
def set_handed_over(*, conversation: Conversation, handed_over: bool) -> Handout:
    handout = queries.handout_for(conversation)
    if handout is None:
        resume = queries.default_resume_for(conversation)
        if resume is None:
            raise ValidationError("You have no resume yet: build one under Resumes first.")
        handout = choose_handout(conversation=conversation, resume=resume)
    handout.handed_over = handed_over
    handout.save(update_fields=["handed_over", "updated_at"])
    return handout


def split_suggestions(text: str) -> list[str]:
    """One suggestion per line; list marks ("- ", "• ", "1. ") go, empty lines are skipped."""
    lines = [_BULLET_LINE.sub("", line).strip() for line in text.splitlines()]
    return [line for line in lines if line]


@transaction.atomic
def add_suggestions(
    *,
    conversation: Conversation,
    texts: list[str],
    resume: Resume | None = None,
    now: datetime | None = None,
) -> list[Suggestion]:
    """Advice on the resume from this conversation's person, one row per suggestion.

    They attach to the resume (and version) brought to the conversation, else to `resume`,
    else to the one the brief would default to.
    """
    texts = [" ".join(t.split()) for t in texts if t.strip()]
    if not texts:
        raise ValidationError({"text": "Write at least one suggestion."})
    if len(texts) > MAX_SUGGESTIONS:
        raise ValidationError(
            {"text": f"That's {len(texts)} lines: at most {MAX_SUGGESTIONS} suggestions at once."}
        )
    handout = queries.handout_for(conversation)
    version = None
    if resume is None and handout is not None:
        resume, version = handout.resume, handout.version
    resume = resume or queries.default_resume_for(conversation)
    if resume is None:
        raise ValidationError(
            "You have no resume yet: build one under Resumes, then add the suggestions."
        )
    if resume.owner_id != conversation.owner_id:
        raise ValidationError("That resume isn't yours.")
    version = version or resume.versions.order_by("-number").first()
    now = now or timezone.now()
    made = []
    for text in texts:
        suggestion = Suggestion(
            owner_id=conversation.owner_id,
            resume=resume,
            version=version,
            conversation=conversation,
            person=conversation.person,
            text=text,
            created_at=now,
        )
        suggestion.full_clean()
        suggestion.save()
        made.append(suggestion)
    return made


@transaction.atomic
def address(
    *, suggestion: Suggestion, version: Version, note: str = "", now: datetime | None = None
) -> Suggestion:
    """Mark a suggestion taken in by `version` (of its resume, newer than the one critiqued):
    method.md RULE-R2."""
    if version.resume_id != suggestion.resume_id:
        raise ValidationError({"version": "Pick a version of the same resume."})
    if suggestion.version is not None and version.number <= suggestion.version.number:
        raise ValidationError(
            {
                "version": (
                    f"Version {version.number} is not newer than version {suggestion.version.number}, "
                    "the one they saw: make the change first, then mark it addressed."
                )
            }
        )
    suggestion.status = Suggestion.Status.ADDRESSED
    suggestion.addressed_in = version
    suggestion.note = note.strip()
    suggestion.resolved_at = now or timezone.now()
    suggestion.save()
    return suggestion


@transaction.atomic
def decline(*, suggestion: Suggestion, reason: str, now: datetime | None = None) -> Suggestion:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why, in a few words: it helps when you report back."})
    suggestion.status = Suggestion.Status.DECLINED
    suggestion.addressed_in = None
    suggestion.note = reason
    suggestion.resolved_at = now or timezone.now()
    suggestion.save()
    return suggestion


@transaction.atomic
def reopen(*, suggestion: Suggestion) -> Suggestion:
    suggestion.status = Suggestion.Status.OPEN
    suggestion.addressed_in = None
    suggestion.note = ""
    suggestion.resolved_at = None
    suggestion.save()
    return suggestion
