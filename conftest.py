"""Personas and real local servers shared by every test.

alice owns the data in most tests; mallory is another user, and nothing of alice's may
ever reach her. SMTP tests talk to a real aiosmtpd server on loopback.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.test import Client

from coffeechat.lib.testing.servers import SmtpSink, free_port

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_hosts_allowed(settings) -> None:
    # The tests' mail, IMAP and AI servers listen on loopback; the outbound guard's own tests
    # (coffeechat/lib/tests/test_netguard.py) turn this off.
    settings.ALLOW_PRIVATE_HOSTS = True


@pytest.fixture(autouse=True)
def _plain_static_storage(settings) -> None:
    # Manifest storage needs collectstatic; tests serve the source files directly.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path_factory) -> None:
    # Uploaded and generated files (export zips, card photos) go to a throwaway folder.
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


def uses_the_database(item: pytest.Item) -> bool:
    """Whether a test can reach the database: it asks for it (db, transactional_db, a
    django_db mark, live_server) or a fixture it uses does (every such fixture ends in
    django_db_setup)."""
    names = getattr(item, "fixturenames", ())
    return (
        item.get_closest_marker("django_db") is not None
        or "django_db_setup" in names
        or "live_server" in names
    )


def walks_the_routes(item: pytest.Item) -> bool:
    """Whether a test is one step of a route walk (the isolation, CSRF and API walks: one
    request per route and method over alice's module-wide world of canaries)."""
    names = getattr(item, "fixturenames", ())
    return "world" in names and "shared_world" in names


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The `database` mark: scripts/test.sh runs only these again on PostgreSQL.
    # The `walk` mark: make test-fast leaves these out; make test runs them.
    for item in items:
        if uses_the_database(item):
            item.add_marker(pytest.mark.database)
        if walks_the_routes(item):
            item.add_marker(pytest.mark.walk)


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest,
    django_test_environment: None,
    django_db_blocker,
    django_db_modify_db_settings: None,
) -> Iterator[None]:
    """pytest-django's test database set-up, started from a copy of a migrated template
    (coffeechat/lib/testing/template_db.py) instead of migrating in every worker process."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    from coffeechat.lib.testing.template_db import copy_migrated_template

    verbosity = request.config.option.verbose
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock():
        # keepdb: Django opens the copy and migrates it, finding nothing left to do.
        copied = "default" in aliases and copy_migrated_template(verbosity)
        db_cfg = setup_databases(
            verbosity=verbosity,
            interactive=False,
            aliases=aliases,  # type: ignore[arg-type]  # a set, as pytest-django passes it
            serialized_aliases=serialized_aliases,
            keepdb=copied,
        )
    yield
    with django_db_blocker.unblock():
        teardown_databases(db_cfg, verbosity=verbosity)


@pytest.fixture(scope="session", autouse=True)
def _end_stray_database_sessions(request: pytest.FixtureRequest) -> Iterator[None]:
    """Let the test database be dropped at the end on PostgreSQL.

    Worker processes killed on purpose, and live-server threads, can leave a session behind;
    PostgreSQL then refuses to drop the database ("being accessed by other users").
    django_db_setup is asked for here rather than as an argument so that it stays out of
    every test's fixture closure, where uses_the_database() looks for it.
    """
    request.getfixturevalue("django_db_setup")
    django_db_blocker = request.getfixturevalue("django_db_blocker")
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def alice(db):
    from allauth.account.models import EmailAddress

    from coffeechat.accounts.models import User

    user = User.objects.create_user(
        "alice@example.org",
        "correct horse battery",
        display_name="Alice",
        time_zone="America/New_York",
        holiday_country="US",
    )
    # A confirmed address, as after sign-up: the server's mailer sends only for those.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def mallory(db):
    from coffeechat.accounts.models import User

    return User.objects.create_user(
        "mallory@example.org", "correct horse battery", display_name="Mallory"
    )


def signed_in(client: Client, user) -> Client:
    """`client` signed in as `user`, its session's activity already noted.

    The first request of a fresh session notes where the browser was seen (a few writes,
    once every few minutes); without this, that one-off cost would land on whatever the
    test measures first.
    """
    import time

    from coffeechat.accounts.middleware import SESSION_STARTED, SESSION_TOUCHED

    client.force_login(user)
    session = client.session
    session[SESSION_STARTED] = session[SESSION_TOUCHED] = time.time()
    session.save()
    return client


@pytest.fixture
def alice_client(client: Client, alice) -> Client:
    return signed_in(client, alice)


@pytest.fixture
def mallory_client(mallory) -> Client:
    return signed_in(Client(), mallory)


@pytest.fixture
def smtp_server(settings) -> Iterator[SmtpSink]:
    """A real SMTP server on a free loopback port; Django's default mailer points at it."""
    from aiosmtpd.controller import Controller

    sink = SmtpSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }
    try:
        yield sink
    finally:
        controller.stop()
