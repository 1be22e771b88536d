"""Full-text search over people and organizations, on SQLite (FTS5) and PostgreSQL."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from coffeechat.conversations import services as conversation_services
from coffeechat.lib.testing.people import make_person
from coffeechat.network import queries, services
from coffeechat.network.models import Person
from coffeechat.prep import services as prep_services

pytestmark = pytest.mark.django_db


def names(people) -> list[str]:
    return [p.full_name for p in people]


def test_it_ignores_accents_and_case_both_ways(alice):
    make_person(alice, "Tomás Álvarez")
    make_person(alice, "Zoë Müller")
    assert names(queries.people_for(alice, search="tomas alvarez")) == ["Tomás Álvarez"]
    assert names(queries.people_for(alice, search="ZOE MULLER")) == ["Zoë Müller"]
    make_person(alice, "Tomas Berg")
    assert set(names(queries.people_for(alice, search="Tomás"))) == {"Tomás Álvarez", "Tomas Berg"}


def test_it_matches_prefixes_as_you_type(alice):
    make_person(alice, "Margaret Hamilton", organization="MIT Instrumentation Lab")
    make_person(alice, "Mary Jackson")
    assert set(names(queries.people_for(alice, search="mar"))) == {
        "Margaret Hamilton",
        "Mary Jackson",
    }
    assert names(queries.people_for(alice, search="mar ham")) == ["Margaret Hamilton"]
    assert names(queries.people_for(alice, search="instrum")) == ["Margaret Hamilton"]


def test_it_finds_people_by_tag(alice):
    make_person(alice, "Ada Lovelace", tag_names=["mentor", "career fair 2026"])
    make_person(alice, "Alan Turing")
    assert names(queries.people_for(alice, search="mentor")) == ["Ada Lovelace"]
    assert names(queries.people_for(alice, search="career fair")) == ["Ada Lovelace"]


def test_a_renamed_tag_or_organization_is_found_by_its_new_name(alice):
    person = make_person(alice, "Ada Lovelace", organization="Analytical", tag_names=["old"])
    tag = person.tags.get()
    tag.name = "Brandnew"
    tag.save()
    services.update_organization(organization=person.organization, name="Difference Engines")
    assert names(queries.people_for(alice, search="brandnew")) == ["Ada Lovelace"]
    assert names(queries.people_for(alice, search="difference")) == ["Ada Lovelace"]
    assert names(queries.people_for(alice, search="analytical")) == []


def test_it_finds_phone_numbers_however_they_were_written(alice):
    make_person(alice, "Hedy Lamarr", phone="+44 20 7946 0958")
    make_person(alice, "Grace Hopper", phone="(555) 123-4567")
    for typed in ("+44 20 7946 0958", "442079460958", "020 7946 0958", "7946 0958"):
        assert names(queries.people_for(alice, search=typed)) == ["Hedy Lamarr"], typed
    for typed in ("555-123-4567", "5551234567", "555 123"):
        assert names(queries.people_for(alice, search=typed)) == ["Grace Hopper"], typed


def test_it_finds_people_by_their_notes_and_what_they_said(alice):
    person = make_person(alice, "Katherine Johnson")
    make_person(alice, "Dorothy Vaughan")
    conversation = conversation_services.start_conversation(owner=alice, person=person)
    conversation_services.add_note(
        person=person, conversation=conversation, body="Talked about orbital trajectories"
    )
    prep_services.add_capture(
        conversation=conversation, kind="advice", text="Learn Fortran before the interview"
    )
    assert names(queries.people_for(alice, search="orbital")) == ["Katherine Johnson"]
    assert names(queries.people_for(alice, search="fortran")) == ["Katherine Johnson"]


def test_a_name_match_ranks_above_a_match_in_notes(alice):
    make_person(alice, "Alice Ball", notes="Knows Chen from the lab")
    make_person(alice, "Wei Chen")
    make_person(alice, "Zed Chenoweth")
    assert names(queries.people_for(alice, search="chen"))[0] == "Wei Chen"
    assert names(queries.people_for(alice, search="chen"))[-1] == "Alice Ball"


def test_it_never_finds_another_users_people(alice, mallory):
    make_person(mallory, "Tomás Secret", phone="555 000 1111", tag_names=["mentor"])
    for typed in ("tomas", "secret", "mentor", "5550001111"):
        assert names(queries.people_for(alice, search=typed)) == []


def test_deleted_people_leave_the_index(alice):
    person = make_person(alice, "Gone Person")
    person.delete()
    assert names(queries.people_for(alice, search="gone")) == []
    assert not Person.objects.filter(owner=alice).exists()


def test_punctuation_and_search_syntax_are_taken_as_text(alice):
    make_person(alice, "O'Brien Near", email="near@example.org")
    for typed in ('"', "near OR x", "o'brien", "near*", "-near", "near@example.org", "(near"):
        assert names(queries.people_for(alice, search=typed)) in (["O'Brien Near"], []), typed
    assert names(queries.people_for(alice, search="o'brien")) == ["O'Brien Near"]
    assert names(queries.people_for(alice, search="near@example.org")) == ["O'Brien Near"]


def test_organizations_are_searched_by_name_industry_and_accents(alice):
    services.add_organization(owner=alice, name="Société Générale", industry="Banking")
    services.add_organization(owner=alice, name="Northwind")
    found = [o.name for o in queries.organizations_for(alice, search="societe")]
    assert found == ["Société Générale"]
    assert [o.name for o in queries.organizations_for(alice, search="bank")] == ["Société Générale"]


def test_rebuild_search_restores_a_lost_index(alice, db):
    from django.db import connection

    make_person(alice, "Rosalind Franklin")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_person")
    assert names(queries.people_for(alice, search="rosalind")) == []
    call_command("rebuild_search", stdout=io.StringIO())
    assert names(queries.people_for(alice, search="rosalind")) == ["Rosalind Franklin"]


def test_a_paused_index_is_rebuilt_with_what_was_loaded_meanwhile(alice) -> None:
    from coffeechat.search import fulltext

    make_person(alice, "Before Pause")
    with fulltext.paused():
        make_person(alice, "During Pause", tag_names=["bulkloaded"])
    make_person(alice, "After Pause")

    assert set(names(queries.people_for(alice, search="pause"))) == {
        "After Pause",
        "Before Pause",
        "During Pause",
    }
    assert names(queries.people_for(alice, search="bulkloaded")) == ["During Pause"]
