"""Erasure: forgetting one person, deleting an account, and undoing an account import.

The model walk in `walk.py` decides what an account holds, so a model added to any app is
erased without a change here.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.contrib.sessions.models import Session
from django.db import connection, models, transaction
from django.db.models.functions import Cast
from django.utils import timezone

from coffeechat.accounts import audit
from coffeechat.accounts.models import User
from coffeechat.exports import document, queries, walk
from coffeechat.network.models import Person

FORGOTTEN = "(a person you forgot)"


def forget_person(*, person: Person) -> dict[str, int]:
    """Delete a person and every row that is about them; return counts by model.

    That is their conversations with what hangs off them (meetings, notes, reminders,
    activities, messages), introductions both ways, and any row of any app that points at
    one of those, even through a link that would only be cleared (SET_NULL): a scanned card
    or an import line about the person is about them too. Organizations and tags stay.

    What remains of the owner's other rows no longer names them either (`_scrub_mentions`:
    "Referred by …" on the people they referred, timeline lines, the user's notes), and the
    deleted text is pushed out of the database files (`purge_deleted_data`), as for a deleted
    account: the page says everything about them is gone, and it is.
    """
    with transaction.atomic():
        owner = person.owner
        traces = _identifying_text(person)
        doomed = queries.rows_about(Person, {person.pk})
        counts: dict[str, int] = defaultdict(int)
        files = _files_of(
            [model._default_manager.filter(pk__in=pks) for model, pks in doomed.items()]
        )
        # Delete the referrers furthest from the person first, so no SET_NULL fires on a row
        # that is going anyway.
        for model, pks in reversed(list(doomed.items())):
            deleted, by_label = model._default_manager.filter(pk__in=pks).delete()
            for label, n in by_label.items():
                counts[label] += n
        _scrub_mentions(owner, traces)
        _delete_files_on_commit(files)
    purge_deleted_data()
    return dict(counts)


def _identifying_text(person: Person) -> list[str]:
    """What names this person in other rows, longest first (so a name inside an address or a
    URL goes with it): their full name, email, phone and LinkedIn address. Not the first
    name alone: other people share it, and the user's words about them are not ours to guess.
    """
    values = {
        person.full_name.strip(),
        person.email.strip(),
        person.phone.strip(),
        person.linkedin_url.strip(),
    }
    return sorted((v for v in values if len(v) >= 3), key=len, reverse=True)


def _scrub_mentions(owner: User, traces: list[str]) -> None:
    """Replace each trace, in any case, in every text field of every row the owner has left.

    One query per model finds the few rows that mention the person; the app's own sentences
    ("Referred by Dana Okafor; may mention Dana's name") lose the first name too.
    """
    if not traces:
        return
    patterns = [re.compile(re.escape(trace), re.IGNORECASE) for trace in traces]
    for owned in walk.user_linked_models():
        fields = [
            f
            for f in owned.model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
            and not f.choices
        ]
        if not fields:
            continue
        query = models.Q()
        for field in fields:
            for trace in traces:
                query |= models.Q(**{f"{_searchable(field)}__icontains": trace})
                if isinstance(field, models.JSONField):  # as stored: non-ASCII escaped
                    query |= models.Q(
                        **{f"{_searchable(field)}__icontains": json.dumps(trace)[1:-1]}
                    )
        rows = owned.rows_of(owner).annotate(
            **{
                _searchable(f): Cast(f.attname, models.TextField())
                for f in fields
                if isinstance(f, models.JSONField)
            }
        )
        for row in rows.filter(query):
            changed = [f.attname for f in fields if _scrubbed(row, f, patterns) is not None]
            if changed:
                row.save(update_fields=changed)


def _searchable(field: models.Field) -> str:
    # A JSON field is searched as its text (an annotation; names can't hold "__").
    return f"{field.attname}_as_text" if isinstance(field, models.JSONField) else field.attname


def _scrubbed(row: models.Model, field: models.Field, patterns: list[re.Pattern]) -> str | None:
    value = getattr(row, field.attname)
    text = json.dumps(value, ensure_ascii=False) if isinstance(field, models.JSONField) else value
    if not isinstance(text, str):
        return None
    new = text
    for pattern in patterns:
        new = pattern.sub(FORGOTTEN, new)
    new = _MAY_MENTION.sub("may mention their name", new)
    if new == text:
        return None
    if isinstance(field, models.JSONField):
        setattr(row, field.attname, json.loads(new))
    else:
        setattr(row, field.attname, new[: field.max_length] if field.max_length else new)
    return new


# prep.add_referral writes "may mention <first name>'s name" beside "Referred by <full name>".
_MAY_MENTION = re.compile(r"(?<=Referred by \(a person you forgot\); )may mention [^;]*?'s name")


def delete_account(*, user: User) -> dict[str, int]:
    """Delete the user and every row of every model that leads to them; end their sessions.

    Their sessions end first. The bulk (people, conversations...) goes batch by batch, each a
    short transaction, so other users' writes don't wait on a large account (security.md
    D7); the rest (sign-in rows, the audit log, the user) in one last transaction. Deleted rows
    are overwritten in SQLite (secure_delete), and `purge_deleted_data` then checkpoints the
    WAL (or VACUUMs on PostgreSQL) so no copy stays in the database files.
    """
    with transaction.atomic():
        _end_sessions(user)
    counts: dict[str, int] = defaultdict(int, _erase_in_batches(user))
    with transaction.atomic():
        audit.record(user=user, kind=audit.Kind.ACCOUNT_DELETION)  # the server's log only
        doomed = [owned.rows_of(user) for owned in walk.user_linked_models()]
        files = _files_of(doomed)
        # Explicitly and furthest first: a row that reaches the user through a SET_NULL link
        # would survive the cascade from the user row, orphaned but still theirs.
        for rows in reversed(doomed):
            for label, n in rows.delete()[1].items():
                counts[label] += n
        for label, n in user.delete()[1].items():
            counts[label] += n
        _delete_files_on_commit(files)
    purge_deleted_data()
    return dict(counts)


def _end_sessions(user: User) -> None:
    # Sessions store the user id inside their encoded data, so each live one is decoded.
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now())
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    Session.objects.filter(pk__in=doomed).delete()


def _files_of(querysets: list[models.QuerySet]) -> list[tuple[Any, str]]:
    """(storage, name) of every file the rows hold: deleting a row leaves its file behind."""
    files = []
    for rows in querysets:
        for field in rows.model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names = rows.exclude(**{field.attname: ""}).values_list(field.attname, flat=True)
                files += [(field.storage, name) for name in names]
    return files


def _delete_files_on_commit(files: list[tuple[Any, str]]) -> None:
    # After commit: a rolled-back deletion must not have lost its files.
    def delete() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete)


def purge_deleted_data() -> None:
    """Push deleted rows out of every copy the database keeps (security.md T18).

    SQLite already overwrites deleted content (secure_delete); a truncating checkpoint also
    empties the WAL, which still holds the old pages. PostgreSQL keeps dead tuples until
    VACUUM, so the user-linked tables are vacuumed.
    """
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        elif connection.vendor == "postgresql":
            tables = {owned.model._meta.db_table for owned in walk.user_linked_models()}
            tables |= {User._meta.db_table, Session._meta.db_table}
            tables |= {
                walk.through_of(f)._meta.db_table
                for owned in walk.user_linked_models()
                for f in walk.many_to_many(owned.model)
            }
            for table in sorted(tables):
                cursor.execute(f"VACUUM {connection.ops.quote_name(table)}")


def erase_imported_rows(owner: User, progress: Callable[[str], Any] = lambda step: None) -> int:
    """Delete every row of every imported model the owner has, batch by batch; return how many.

    This undoes an account import, which only ever runs into an empty account (the import's
    check): what the owner has of these models, the import wrote. Referrers go first, so a
    batch's cascade finds nothing left to follow; each batch is its own short transaction, and
    running it again after a crash finishes the job. The account itself, its sign-in rows
    (addresses, two-factor, sessions, tokens), its audit log and the import's own record stay.
    """
    return sum(_erase_in_batches(owner, progress).values())


def _erase_in_batches(
    owner: User, progress: Callable[[str], Any] = lambda step: None
) -> dict[str, int]:
    # Rows of the imported models, referrers first, in batches that hold SQLite's write lock
    # briefly (document.HOLD_SECONDS, as the import's); counts by model label.
    counts: dict[str, int] = defaultdict(int)
    batch = document.ROWS_PER_TRANSACTION
    for owned in reversed(walk.imported_models()):
        rows = owned.rows_of(owner)
        while pks := list(rows.values_list("pk", flat=True)[:batch]):
            started = time.monotonic()
            with transaction.atomic():
                doomed = owned.model._default_manager.filter(pk__in=pks)
                files = _files_of([doomed])
                for label, n in doomed.delete()[1].items():
                    counts[label] += n
                _delete_files_on_commit(files)
            held = time.monotonic() - started
            if held > document.HOLD_SECONDS:
                batch = max(document.FEWEST_ROWS, batch // 2)
            elif held < document.HOLD_SECONDS / 4:
                batch = min(document.ROWS_PER_TRANSACTION, batch * 2)
            progress(f"Removing what was imported ({sum(counts.values()):,} rows removed)")
    return counts
