"""Reads of resumes, versions and suggestions. Every function is scoped to one owner."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation
from coffeechat.lib.models import get_owned
from coffeechat.network.models import Organization, Person
from coffeechat.resumes.models import Handout, Resume, Suggestion, Version


def resumes_for(owner: User) -> QuerySet[Resume]:
    """The owner's resumes, base ones first, with their open suggestions counted."""
    return (
        Resume.objects.filter(owner=owner)
        .select_related("target_organization", "tailored_from")
        .annotate(
            open_count=Count("suggestions", filter=Q(suggestions__status=Suggestion.Status.OPEN))
        )
    )


def get_resume(owner: User, resume_id: int) -> Resume:
    """The owner's resume, or 404."""
    return get_owned(
        Resume.objects.select_related("target_organization", "tailored_from"),
        owner=owner,
        pk=resume_id,
    )


def get_version(owner: User, version_id: int) -> Version:
    return get_owned(Version.objects.select_related("resume"), owner=owner, pk=version_id)


def get_suggestion(owner: User, suggestion_id: int) -> Suggestion:
    return get_owned(
        Suggestion.objects.select_related("resume", "version", "person"),
        owner=owner,
        pk=suggestion_id,
    )


def versions_of(resume: Resume) -> QuerySet[Version]:
    """Newest first, without the document text (lists don't need it)."""
    return (
        Version.objects.filter(owner_id=resume.owner_id, resume=resume)
        .defer("document")
        .order_by("-number")
    )


def latest_version(resume: Resume) -> Version | None:
    return versions_of(resume).first()


def suggestions_of(resume: Resume, *, status: str | None = None) -> QuerySet[Suggestion]:
    found = Suggestion.objects.filter(owner_id=resume.owner_id, resume=resume).select_related(
        "person", "version", "addressed_in", "conversation"
    )
    return found.filter(status=status) if status else found


def open_suggestion_count(owner: User) -> int:
    return Suggestion.objects.filter(owner=owner, status=Suggestion.Status.OPEN).count()


def suggestions_from(person: Person) -> QuerySet[Suggestion]:
    """What this person suggested on the user's resumes, and what came of it."""
    return (
        Suggestion.objects.filter(owner_id=person.owner_id, person=person)
        .select_related("resume", "version", "addressed_in")
        .order_by("-created_at", "-pk")
    )


def suggestions_in(conversation: Conversation) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(
        owner_id=conversation.owner_id, conversation=conversation
    ).select_related("resume", "version", "addressed_in")


def handout_for(conversation: Conversation) -> Handout | None:
    return (
        Handout.objects.filter(owner_id=conversation.owner_id, conversation=conversation)
        .select_related("resume", "version")
        .first()
    )


def default_resume_for(conversation: Conversation) -> Resume | None:
    """What to bring by default: the version tailored for the person's organization, else the
    base resume, else the most recently changed one."""
    resumes = Resume.objects.filter(owner_id=conversation.owner_id)
    organization_id = conversation.person.organization_id
    if organization_id:
        tailored = (
            resumes.filter(target_organization_id=organization_id).order_by("-updated_at").first()
        )
        if tailored:
            return tailored
    return (
        resumes.filter(kind=Resume.Kind.BASE).order_by("created_at").first()
        or resumes.order_by("-updated_at").first()
    )


def organization_named(owner: User, name: str) -> Organization | None:
    return Organization.objects.filter(owner=owner, name__iexact=name.strip()).first()


def organizations_for(owner: User) -> QuerySet[Organization]:
    return Organization.objects.filter(owner=owner).order_by("name")


def resume_choices(owner: User) -> QuerySet[Resume]:
    """The owner's resumes as a select offers them: the name and kind only (slice it)."""
    return Resume.objects.filter(owner=owner).only("pk", "name", "kind")
