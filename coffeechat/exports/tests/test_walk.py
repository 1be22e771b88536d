"""The model walk decides what an account holds: it must see every model that leads to a user."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model

from coffeechat.exports import walk


def test_it_finds_the_projects_models_through_their_owner() -> None:
    paths = {owned.label: owned.owner_path for owned in walk.user_linked_models()}

    assert paths["network.Person"] == "owner"
    assert paths["account.EmailConfirmation"] == "email_address__user"


def test_it_classifies_every_other_packages_model_that_reaches_a_user() -> None:
    # A new third-party model holding user data must be decided on: exported or not, and why.
    unclassified = [
        owned.label
        for owned in walk.user_linked_models()
        if not owned.model.__module__.startswith("coffeechat.")
        and owned.label not in walk.NOT_EXPORTED
        and owned.label not in walk.NOT_IMPORTED
    ]

    assert unclassified == []


def test_it_has_no_stale_classification() -> None:
    labels = {owned.label for owned in walk.user_linked_models()}

    assert set(walk.NOT_EXPORTED) - labels == set()
    assert walk.NOT_IMPORTED - labels == set()


def test_it_can_translate_every_link_of_an_imported_model() -> None:
    # An import gives rows new ids; a link to anything but the user or another imported row
    # (a content type, a task result) would point at the wrong row on another server.
    user_model = get_user_model()
    imported = {owned.model for owned in walk.imported_models()}
    untranslatable = [
        f"{owned.label}.{field.name}"
        for owned in walk.imported_models()
        for field in owned.model._meta.concrete_fields
        if field.is_relation
        and field.related_model is not user_model
        and field.related_model not in imported
    ]

    assert untranslatable == []


def test_it_orders_the_import_so_links_point_backwards() -> None:
    order = [owned.model for owned in walk.imported_models()]

    for position, model in enumerate(order):
        for field in model._meta.concrete_fields:
            target = field.related_model
            if field.is_relation and target in order and target is not model:
                assert order.index(field.related_model) < position, (model, field.name)


def test_it_treats_credentials_as_secrets() -> None:
    settings_model = apps.get_model("outreach", "OutreachSettings")

    assert walk.secret_fields(settings_model) == ["smtp_password", "imap_password", "ai_api_key"]
    assert "password" in walk.ACCOUNT_NOT_EXPORTED
