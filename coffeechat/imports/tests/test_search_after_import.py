"""An import writes the search index once at the end (search.fulltext.indexed_at_end), not by
a trigger per row: what it adds and merges is found, and the triggers are back afterwards."""

from __future__ import annotations

import pytest
from django.db import connection

from coffeechat.imports import applying, services, undoing
from coffeechat.lib.testing import contact_files as files
from coffeechat.lib.testing.people import make_person
from coffeechat.network import queries
from coffeechat.network.models import Person

pytestmark = pytest.mark.django_db


def names(people) -> list[str]:
    return sorted(p.full_name for p in people)


def imported(owner, raw: bytes):
    contact_import = services.receive_file(owner=owner, filename="c.csv", data=raw)
    return applying.start_import(contact_import=services.analyse(contact_import=contact_import))


def test_imported_people_are_found_by_name_organization_and_tag(alice) -> None:
    imported(alice, files.LINKEDIN_2024)

    assert names(queries.people_for(alice, search="zoe angstrom")) == ["Zoë Ångström-Ndiaye"]
    assert names(queries.people_for(alice, search="northwind")) == ["Dana Whitfield"]
    assert len(queries.people_for(alice, search="linkedin import")) == 3
    assert [o.name for o in queries.organizations_for(alice, search="fabrikam")] == [
        "Fabrikam Health"
    ]


def test_a_merged_person_is_found_by_what_the_file_added(alice) -> None:
    make_person(alice, "Marisol Ibarra-Chen", organization="Fabrikam Health")
    assert names(queries.people_for(alice, search="ibarra")) == ["Marisol Ibarra-Chen"]

    imported(alice, files.LINKEDIN_2024)

    assert Person.objects.filter(full_name="Marisol Ibarra-Chen").count() == 1
    assert names(queries.people_for(alice, search="example.net")) == ["Marisol Ibarra-Chen"]
    assert "Marisol Ibarra-Chen" in names(queries.people_for(alice, search="linkedin import"))


def test_the_index_keeps_itself_current_after_an_import(alice) -> None:
    imported(alice, files.LINKEDIN_2024)
    dana = Person.objects.get(full_name="Dana Whitfield")

    make_person(alice, "Ada Lovelace", organization="Analytical Engines")
    dana.title = "Chief Cartographer"
    dana.save()

    assert names(queries.people_for(alice, search="lovelace")) == ["Ada Lovelace"]
    assert names(queries.people_for(alice, search="analytical")) == ["Ada Lovelace"]
    assert names(queries.people_for(alice, search="cartographer")) == ["Dana Whitfield"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's triggers are paused")
def test_a_failed_import_leaves_the_triggers_in_place(alice) -> None:
    from django.db import transaction

    from coffeechat.search import fulltext

    with pytest.raises(ZeroDivisionError), transaction.atomic(), fulltext.indexed_at_end():
        _ = 1 / 0
    make_person(alice, "Grace Hopper")

    assert names(queries.people_for(alice, search="hopper")) == ["Grace Hopper"]


def test_after_undo_search_finds_the_network_as_it_was(alice) -> None:
    make_person(alice, "Marisol Ibarra-Chen", organization="Fabrikam Health")
    contact_import = imported(alice, files.LINKEDIN_2024)

    undone = undoing.undo(contact_import=contact_import)

    assert (undone.removed, undone.restored) == (2, 1)
    assert names(queries.people_for(alice, search="linkedin import")) == []
    assert names(queries.people_for(alice, search="dana")) == []
    assert names(queries.people_for(alice, search="example.net")) == []
    assert names(queries.people_for(alice, search="ibarra")) == ["Marisol Ibarra-Chen"]
    assert list(Person.objects.get(full_name="Marisol Ibarra-Chen").tags.all()) == []
