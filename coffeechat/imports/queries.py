"""Reads for imports. Every function is scoped to one owner."""

from __future__ import annotations

from django.db.models import QuerySet

from coffeechat.accounts.models import User
from coffeechat.imports.models import ContactImport, ImportRow
from coffeechat.lib.models import get_owned
from coffeechat.profile.models import Proposal


def imports_for(owner: User) -> QuerySet[ContactImport]:
    """The owner's imports, newest first, without the uploaded bytes."""
    return ContactImport.objects.filter(owner=owner).defer("data", "profile", "changes")


def get_import(owner: User, import_id: int) -> ContactImport:
    """The owner's import, or 404, also when the id belongs to someone else."""
    return get_owned(ContactImport, owner=owner, pk=import_id)


def rows_of(contact_import: ContactImport, *outcomes: str) -> QuerySet[ImportRow]:
    """The import's rows with these outcomes (all when none given), in file order."""
    rows = ImportRow.objects.filter(owner_id=contact_import.owner_id, contact_import=contact_import)
    if outcomes:
        rows = rows.filter(outcome__in=outcomes)
    return rows.select_related("match__organization", "person")


def rows_with_warnings(contact_import: ContactImport) -> QuerySet[ImportRow]:
    """Rows that will be imported but lost or changed something on the way (a damaged photo,
    a line without a colon, a name put together from N ...), in file order."""
    return (
        rows_of(contact_import)
        .exclude(outcome=ImportRow.Outcome.REJECTED)
        .exclude(contact__warnings=[])
        .filter(contact__has_key="warnings")
    )


def waiting_proposals_of(contact_import: ContactImport) -> QuerySet[Proposal]:
    """What the import found in the owner's own profile that waits for them on /you/."""
    return Proposal.objects.filter(
        owner_id=contact_import.owner_id,
        pk__in=contact_import.changes.get("proposals", []),
        status=Proposal.Status.PENDING,
    )
