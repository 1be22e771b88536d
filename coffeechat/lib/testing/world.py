"""alice's world of canaries, built once per test module, as pytest fixtures.

A conftest that wants them imports them (`from coffeechat.lib.testing.world import alice,
mallory, shared_world, world`): coffeechat/lib/tests for the isolation and CSRF walks, the
api app's for the JSON API's walk. This is Django's setUpTestData pattern: one transaction
around the module, rolled back at its end, and each test's own writes rolled back to a
savepoint inside it, so every test still starts from the same rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.db import transaction
from django.test import override_settings

from coffeechat.accounts.models import User
from coffeechat.lib.testing.canaries import build_alice_world, build_plain_world
from coffeechat.lib.testing.route_types import World


@dataclass(frozen=True)
class SharedWorld:
    alice: User
    mallory: User
    world: World
    media: Path  # the card photo and other files the world stored


@contextmanager
def rolled_back_afterwards(django_db_blocker, media: Path) -> Iterator[None]:
    """Rows written inside live until the end, then roll back: a module's shared world. Tests
    (pytest-django's `db`) nest their own transaction inside, rolled back to after each."""
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[SharedWorld]:
    media = tmp_path_factory.mktemp("media")
    with rolled_back_afterwards(django_db_blocker, media):
        alice = User.objects.create_user(
            "alice@example.org",
            "correct horse battery",
            display_name="Alice",
            time_zone="America/New_York",
            holiday_country="US",
        )
        # Confirmed, as the root conftest's alice: the server's mailer sends only for those.
        EmailAddress.objects.create(user=alice, email=alice.email, verified=True, primary=True)
        mallory = User.objects.create_user(
            "mallory@example.org", "correct horse battery", display_name="Mallory"
        )
        build_plain_world(mallory, "Mallory")
        yield SharedWorld(alice=alice, mallory=mallory, world=build_alice_world(alice), media=media)


@pytest.fixture
def alice(shared_world: SharedWorld, db) -> User:
    return shared_world.alice


@pytest.fixture
def mallory(shared_world: SharedWorld, db) -> User:
    return shared_world.mallory


@pytest.fixture
def world(shared_world: SharedWorld, settings) -> World:
    settings.MEDIA_ROOT = shared_world.media  # where the world's card photo is
    return shared_world.world
