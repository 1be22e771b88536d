"""Which models hold a user's data, found by walking foreign keys to the user.

Nothing here lists coffeechat's own models by name: a model added to any app is exported,
imported and erased as soon as one of its foreign keys leads to the user. Models of other
packages are the exception: each one that reaches the user must be classified below, and
`tests/test_walk.py` fails when one is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

# User-linked models left out of the export, and why (the zip's README repeats the reasons).
NOT_EXPORTED: dict[str, str] = {
    "admin.LogEntry": "the admin site's log of staff actions, which is not your data",
    "mfa.Authenticator": "two-factor secrets and recovery codes: set up two-factor again "
    "after importing",
    "account.EmailConfirmation": "one-time keys of email confirmations",
    "exports.AccountExport": "the export files themselves, which expire within the hour",
    "exports.AccountImport": "imports of export files, whose zips are deleted once imported",
    "api.ApiToken": "API tokens (only their fingerprints are stored): create new ones after "
    "importing",
    "api.IdempotencyKey": "the API's memory of recent requests, kept for a day",
    "usersessions.UserSession": "the browsers signed in to this server (the security page "
    "lists them); they mean nothing on another server",
    "lib.SubmittedForm": "one-time form keys and their answers, kept a day",
}
# Exported for completeness, never imported: the account you import into has its own.
# The audit log is the history of the server that wrote it (sign-ins from its addresses):
# copied into another account it would claim sign-ins that never happened there.
NOT_IMPORTED: frozenset[str] = frozenset({"account.EmailAddress", "accounts.AuditEvent"})

# Secrets are not written to the export, in the clear or encrypted: an export is a file the
# user keeps and shares, and the ciphertext is only readable with this server's SECRET_KEY.
SECRET_FIELD = re.compile(r"password|secret|api_key|token", re.IGNORECASE)
# The user's own row: what is not profile data, or is re-created by signing up.
ACCOUNT_NOT_EXPORTED = frozenset(
    {"id", "password", "is_superuser", "is_staff", "is_active", "last_login"}
)
ACCOUNT_NOT_IMPORTED = frozenset({"email", "date_joined"})


@dataclass(frozen=True)
class OwnedModel:
    """A model whose rows belong to a user, and how a row leads there."""

    model: type[models.Model]
    owner_path: str  # an ORM lookup from the row to the user, e.g. "person__owner"

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def is_exported(self) -> bool:
        return self.label not in NOT_EXPORTED

    @property
    def is_imported(self) -> bool:
        return self.is_exported and self.label not in NOT_IMPORTED

    def rows_of(self, user: models.Model) -> models.QuerySet:
        return self.model._default_manager.filter(**{self.owner_path: user}).order_by("pk")


@cache
def user_linked_models() -> tuple[OwnedModel, ...]:
    """Every installed model with a foreign-key path to the user, nearest first.

    Walks breadth first, so each model gets its shortest path (`owner`, not `person__owner`).
    Auto-created many-to-many tables are left out: their model's field carries them.
    """
    user_model = get_user_model()
    paths: dict[type[models.Model], str] = {}
    frontier: dict[type[models.Model], str] = {user_model: ""}
    while frontier:
        found: dict[type[models.Model], str] = {}
        for model in apps.get_models():
            if model is user_model or model in paths or model in found:
                continue
            for field in _foreign_keys(model):
                if field.related_model in frontier:
                    via = frontier[field.related_model]
                    found[model] = f"{field.name}__{via}" if via else field.name
                    break
        paths.update(found)
        frontier = found
    return tuple(OwnedModel(model, path) for model, path in paths.items())


def exported_models() -> list[OwnedModel]:
    return [owned for owned in user_linked_models() if owned.is_exported]


def imported_models() -> list[OwnedModel]:
    """The models an import writes, ordered so that every row's targets exist before it."""
    pending = [owned for owned in user_linked_models() if owned.is_imported]
    ordered: list[OwnedModel] = []
    while pending:
        done = {owned.model for owned in ordered}
        ready = [
            owned
            for owned in pending
            if all(
                _target(f) in done or _target(f) is owned.model or not _is_owned(f)
                for f in _foreign_keys(owned.model)
            )
        ]
        if not ready:
            raise RuntimeError(
                f"Foreign keys form a cycle between {pending}: teach exports.walk to break it"
            )
        ordered += ready
        pending = [owned for owned in pending if owned not in ready]
    return ordered


def owned_model(model: type[models.Model] | None) -> OwnedModel | None:
    return next((owned for owned in user_linked_models() if owned.model is model), None)


def is_secret(field: models.Field) -> bool:
    return bool(SECRET_FIELD.search(field.name))


def exported_fields(model: type[models.Model]) -> list[models.Field]:
    """The columns written for each row: everything but the pk, links to the user and secrets."""
    user_model = get_user_model()
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and not is_secret(field)
        and not (field.is_relation and field.related_model is user_model)
    ]


def secret_fields(model: type[models.Model]) -> list[str]:
    return [field.name for field in model._meta.concrete_fields if is_secret(field)]


def many_to_many(model: type[models.Model]) -> list[models.ManyToManyField]:
    """Many-to-many fields between owned models whose table nobody else exports."""
    return [
        field
        for field in model._meta.many_to_many
        if through_of(field)._meta.auto_created and _is_owned(field)
    ]


def through_of(field: models.ManyToManyField) -> type[models.Model]:
    """The table of a many-to-many field's links."""
    through = field.remote_field.through
    assert through is not None  # set once the app registry is ready
    return through


def _foreign_keys(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is not None
    ]


def _target(field: models.Field) -> type[models.Model] | None:
    return field.related_model


def _is_owned(field: models.Field) -> bool:
    return owned_model(field.related_model) is not None
