"""One way to look a user's row up by id: lib.models.get_owned (security.md T1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.http import Http404

from coffeechat.lib.models import get_owned
from coffeechat.lib.testing.people import make_person
from coffeechat.network.models import Person

pytestmark = pytest.mark.django_db


def test_it_finds_the_owners_row_and_answers_anyone_else_404(alice, mallory) -> None:
    grace = make_person(alice)

    assert get_owned(Person, owner=alice, pk=grace.pk) == grace
    assert (
        get_owned(
            Person.objects.select_related("organization"), owner=alice, pk=grace.pk
        ).organization.name
        == "Navy"
    )
    for owner, pk in (
        (mallory, grace.pk),
        (alice, grace.pk + 1000),
        (alice, "7; drop"),
        (alice, None),
    ):
        with pytest.raises(Http404):
            get_owned(Person, owner=owner, pk=pk)


def test_the_owners_rows_are_one_call_away(alice, mallory) -> None:
    make_person(alice)
    make_person(mallory, "Mallory's friend")

    names = {p.full_name for p in Person.objects.owned_by(alice)}
    assert "Grace Hopper" in names and "Mallory's friend" not in names


def test_no_code_looks_a_row_up_by_id_another_way() -> None:
    """get_object_or_404 with a hand-written owner filter was copied into every app once."""
    root = Path(settings.BASE_DIR) / "coffeechat"
    elsewhere = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path.name != "models.py"
        and "get_object_or_404" in path.read_text()
    ]

    assert elsewhere == []
