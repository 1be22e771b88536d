"""An import writes the search index once at the end (search.fulltext.indexed_at_end), not by
a trigger per row: what it adds and merges is found, the triggers are back afterwards, and
on PostgreSQL the index's work per import (and undo) doesn't grow with the rows."""

from __future__ import annotations

import pytest
from django.db import connection

from coffeechat.imports import applying, services, undoing
from coffeechat.imports.tests.bigfile import linkedin_csv
from coffeechat.lib.testing import contact_files as files
from coffeechat.lib.testing.people import make_person
from coffeechat.network import queries
from coffeechat.network.models import Organization, Person

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


def test_a_failed_import_leaves_the_triggers_in_place(alice) -> None:
    # SQLite's triggers are dropped inside the transaction; PostgreSQL's skip their work
    # while a setting local to it says so: a rollback must bring back both.
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


needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's own statistics of this transaction"
)


def index_work() -> tuple[int, int]:
    """(calls of the functions that index people and organizations, index rows inserted or
    updated) in this transaction so far: PostgreSQL's statistics, whatever the SQL that did
    it (a trigger's work counts too)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(calls), 0)::int FROM pg_stat_xact_user_functions "
            "WHERE funcname IN ('search_refresh_people', 'search_refresh_organizations')"
        )
        calls = cursor.fetchone()[0]
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd), 0)::int FROM pg_stat_xact_user_tables "
            "WHERE relname IN ('search_person', 'search_organization')"
        )
        return calls, cursor.fetchone()[0]


def counting_function_calls() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL track_functions = 'all'")  # for this test's transaction


@needs_postgresql
def test_on_postgresql_an_import_indexes_each_row_once_whatever_its_size(alice, mallory) -> None:
    """The slow path this guards against: a trigger per new person and per tag link, each
    re-indexing its person (1.4 ms a row: 42 s for 30,000 rows)."""
    counting_function_calls()
    calls = []
    for owner, rows in ((alice, 40), (mallory, 400)):
        before = index_work()
        imported(owner, linkedin_csv(rows, organizations=rows // 4))
        after = index_work()
        people = Person.objects.filter(owner=owner).count()
        organizations = Organization.objects.filter(owner=owner).count()

        # Each new person's and organization's index row is written once, not again for
        # each of their tag links.
        assert after[1] - before[1] == people + organizations
        calls.append(after[0] - before[0])
    assert calls == [2, 2]  # people in one call, organizations in another, at any size
    assert len(queries.people_for(mallory, search="linkedin import")) == 392


@needs_postgresql
def test_on_postgresql_undo_does_not_reindex_a_person_per_removed_tag_link(alice, mallory) -> None:
    counting_function_calls()
    for owner, rows in ((alice, 40), (mallory, 400)):
        contact_import = imported(owner, linkedin_csv(rows))
        before = index_work()

        undone = undoing.undo(contact_import=contact_import)

        assert undone.removed == rows - rows // 50
        # Everyone the import added leaves the index by their delete trigger; nobody stays
        # to be re-indexed (it merged into nobody).
        assert index_work() == before
        assert not queries.people_for(owner, search="linkedin import").exists()
