"""One account with at least one row of every user-linked model, each carrying a canary.

The network and conversations come from the isolation tests' world (real services). Every
other model that is still empty gets a row made from its fields alone (`fabricate`), so a
model added to any app is seeded, exported, imported and erased by these tests with no edit
here. A model `fabricate` can't build fails the tests with a message naming it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone

from coffeechat.conversations.models import Digest
from coffeechat.exports import walk
from coffeechat.lib import crypto
from coffeechat.lib.testing.routes import CANARIES, World, build_alice_world

SECRET_CANARIES = ("Secretcanary smtp Qzv", "Secretcanary imap Wqx", "Secretcanary aikey Jzk")


@dataclass
class Seeded:
    world: World
    canaries: list[str] = field(default_factory=list)


def seed_everything(owner: models.Model) -> Seeded:
    """Give `owner` rows of every user-linked model; return the canaries they hold."""
    world = build_alice_world(owner)
    seeded = Seeded(world=world, canaries=list(CANARIES))
    EmailAddress.objects.update_or_create(
        user=owner, email=owner.email, defaults={"verified": True, "primary": True}
    )
    digest = Digest.objects.create(owner=owner, message_id=f"<{uuid.uuid4().hex}@example.org>")
    world.reminder.digest = digest
    world.reminder.save(update_fields=["digest"])
    _seed_outreach(owner, seeded)
    for owned in walk.user_linked_models():
        if owned.rows_of(owner).exists() or owned.label in walk.NOT_EXPORTED:
            continue
        fabricate(owned, owner, seeded)
    return seeded


def _seed_outreach(owner: models.Model, seeded: Seeded) -> None:
    from django.apps import apps

    settings_model = apps.get_model("outreach", "OutreachSettings")
    settings_model.objects.create(
        owner=owner,
        smtp_host="smtp.example.org",
        smtp_username="canary-smtp-user",
        smtp_password=crypto.encrypt(SECRET_CANARIES[0]),
        imap_password=crypto.encrypt(SECRET_CANARIES[1]),
        ai_api_key=crypto.encrypt(SECRET_CANARIES[2]),
    )
    message_model = apps.get_model("outreach", "Message")
    first = message_model.objects.create(
        owner=owner,
        conversation=seeded.world.conversation,
        subject="Canarysubject coffee Qx",
        body="Canarybody twenty minutes",
        message_id=f"<{uuid.uuid4().hex}@example.org>",
    )
    # A reply links to the message before it: the import has to re-link rows of one model.
    message_model.objects.create(
        owner=owner,
        conversation=seeded.world.conversation,
        subject="Re: Canarysubject",
        in_reply_to=first,
    )
    seeded.canaries += ["Canarysubject coffee Qx", "Canarybody twenty minutes", "canary-smtp-user"]


def fabricate(owned: walk.OwnedModel, owner: models.Model, seeded: Seeded) -> models.Model:
    """A valid row of `owned` built from its field types, with a canary in its text fields."""
    canary = f"Canaryfab {owned.model._meta.model_name} {uuid.uuid4().hex[:6]}"
    row = owned.model()
    for model_field in owned.model._meta.concrete_fields:
        if model_field.primary_key:
            continue
        value = _value_for(model_field, owner, canary)
        if value is not _SKIP:
            setattr(
                row, model_field.attname if not model_field.is_relation else model_field.name, value
            )
    try:
        row.full_clean()
    except ValidationError as error:
        raise AssertionError(
            f"Can't build a {owned.label} from its fields alone ({error}); "
            "give it a row in exports/tests/seed.py"
        ) from None
    row.save()
    for model_field in owned.model._meta.concrete_fields:
        if isinstance(model_field, models.FileField):
            getattr(row, model_field.name).save("canary.txt", ContentFile(canary.encode()))
    if any(
        isinstance(f, models.TextField | models.CharField)
        and not f.choices
        and getattr(row, f.attname) == canary
        for f in owned.model._meta.concrete_fields
    ):
        seeded.canaries.append(canary)
    return row


_SKIP = object()


def _value_for(model_field: models.Field, owner: models.Model, canary: str) -> object:
    user_model = get_user_model()
    if model_field.is_relation:
        if model_field.related_model is user_model:
            return owner
        target = walk.owned_model(model_field.related_model)
        return target.rows_of(owner).first() if target else _SKIP
    if isinstance(model_field, models.FileField):
        return _SKIP  # saved after the row exists
    if model_field.choices:
        return model_field.flatchoices[0][0]
    if isinstance(model_field, models.EmailField):
        return f"{canary.split()[-1]}@example.org"
    if isinstance(model_field, models.URLField):
        return f"https://example.org/{canary.split()[-1]}"
    if isinstance(model_field, models.CharField | models.TextField):
        return canary[: model_field.max_length] if model_field.max_length else canary
    return _typed_value(model_field, canary)


def _typed_value(model_field: models.Field, canary: str) -> object:
    now = timezone.now()
    if isinstance(model_field, models.JSONField):
        return {"canary": canary}
    if isinstance(model_field, models.BooleanField):
        return True
    if isinstance(model_field, models.DateTimeField):
        return now - timedelta(days=3)
    if isinstance(model_field, models.DateField):
        return now.date() - timedelta(days=3)
    if isinstance(model_field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(model_field, models.DecimalField):
        return Decimal("1")
    if isinstance(model_field, models.IntegerField | models.FloatField):
        return 1 if not model_field.has_default() else model_field.get_default()
    return _SKIP
