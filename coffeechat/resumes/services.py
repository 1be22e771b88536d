"""Writes to resumes. Every change to a document is checked against the schema and kept as a
new version, in one transaction with the change itself.

Functions take keyword arguments only and raise Django's ValidationError with a sentence a
person understands (an import's list of problems rides on `InvalidResume` as well).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.network.models import Organization
from coffeechat.resumes import compare, queries
from coffeechat.resumes import document as doc
from coffeechat.resumes.models import Paper, Resume, Template, Version

STALE = (
    "This resume changed since you opened the page (in another tab?). Nothing was saved: "
    "reload to see the latest, then make your change again."
)


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
    check_document(document)
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


# Every change: checked, locked, kept as a version (editing.py makes the changes) ----------------


def check_document(document: dict[str, Any]) -> None:
    """Refuse a document the schema refuses, with every problem it has."""
    problems = doc.check(document)
    if problems:
        raise ValidationError([f"{p.where}: {p.message}" for p in problems])


def lock_for_change(resume: Resume, revision: int | None) -> tuple[Resume, dict[str, Any]]:
    """The resume locked for a change and its document; stale when `revision` is not current."""
    locked = Resume.objects.select_for_update().get(pk=resume.pk, owner_id=resume.owner_id)
    if revision is not None and revision != locked.revision:
        raise ValidationError(STALE)
    return locked, doc.loads(locked.document)


def commit_version(
    resume: Resume,
    locked: Resume,
    document: dict[str, Any],
    *,
    change: str = "",
    now: datetime | None = None,
) -> Version:
    """Save `document` as the resume's content and as its next version; `resume` (the caller's
    row) then reads as saved, so a caller answers with it without reading it again."""
    before = doc.loads(locked.document)
    check_document(document)
    text = doc.dumps(document)
    if text == locked.document:
        raise ValidationError("Nothing changed.")
    locked.document = text
    locked.revision += 1
    locked.save(update_fields=["document", "revision", "updated_at"])
    resume.document, resume.revision = locked.document, locked.revision
    resume.updated_at = locked.updated_at
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
    locked, _ = lock_for_change(resume, revision)
    return commit_version(
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
