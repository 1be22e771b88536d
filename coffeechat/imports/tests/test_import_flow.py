from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from coffeechat.conversations import services as conversation_services
from coffeechat.imports import applying, services, undoing
from coffeechat.imports.models import ContactImport, ImportRow
from coffeechat.lib.testing import contact_files as files
from coffeechat.lib.testing.people import make_person
from coffeechat.network.models import Organization, Person, Tag
from coffeechat.profile import services as profile_services
from coffeechat.profile.models import Education, Position, Proposal, Skill

Status, Outcome = ContactImport.Status, ImportRow.Outcome


def preview(owner, raw: bytes, kind: str = "", **mapping) -> ContactImport:
    contact_import = services.receive_file(owner=owner, filename="contacts", data=raw, kind=kind)
    if mapping:
        services.set_mapping(contact_import=contact_import, mapping=mapping, connection="cold")
    return services.analyse(contact_import=contact_import)


def imported(owner, raw: bytes, **mapping) -> ContactImport:
    contact_import = preview(owner, raw, **mapping)
    return applying.start_import(contact_import=contact_import)


def test_it_previews_without_writing_anything(alice) -> None:
    contact_import = preview(alice, files.LINKEDIN_2024)

    assert contact_import.status == Status.PREVIEW
    assert (contact_import.rows_total, contact_import.new_count, contact_import.rejected_count) == (
        5,
        3,
        2,
    )
    assert Person.objects.count() == Organization.objects.count() == 0
    hidden, blank = contact_import.rows.filter(outcome=Outcome.REJECTED)
    assert (hidden.line, hidden.reason[:14]) == (8, "Hidden profile")
    assert (blank.line, blank.reason) == (9, "Blank row: nothing to import.")


def test_it_imports_linkedin_connections_as_people_you_know(alice) -> None:
    make_person(alice, "Someone Else", organization="contoso labs")

    contact_import = imported(alice, files.LINKEDIN_2024)

    assert contact_import.status == Status.DONE
    assert contact_import.data == b""  # the upload isn't kept once imported
    dana = Person.objects.get(full_name="Dana Whitfield")
    assert dana.connection == Person.Connection.KNOWN
    assert dana.organization.name == "Northwind Analytics, Inc."
    assert [t.name for t in dana.tags.all()] == ["linkedin import"]
    zoe = Person.objects.get(full_name="Zoë Ångström-Ndiaye")
    assert zoe.organization.name == "contoso labs"  # found by name, any case
    assert Organization.objects.filter(name__iexact="contoso labs").count() == 1


def test_it_finds_duplicates_by_profile_email_and_similar_name(alice) -> None:
    by_url = make_person(
        alice, "D. Whitfield", linkedin_url="https://linkedin.com/in/Dana-Whitfield-Example/"
    )
    by_email = make_person(alice, "M. Ibarra", email="M.Ibarra@example.net")
    similar = make_person(alice, "Zoe Angstrom Ndiaye", organization="Contoso Labs")

    rows = {r.full_name: r for r in preview(alice, files.LINKEDIN_2024).rows.all()}

    assert (rows["Dana Whitfield"].match, rows["Dana Whitfield"].outcome) == (
        by_url,
        Outcome.DUPLICATE,
    )
    assert rows["Marisol Ibarra-Chen"].match == by_email
    assert rows["Zoë Ångström-Ndiaye"].match == similar
    assert rows["Zoë Ångström-Ndiaye"].outcome == Outcome.DUPLICATE  # same name once folded


def test_it_asks_about_a_similar_name_at_the_same_organization(alice) -> None:
    make_person(alice, "Dana Whitfeld", organization="Northwind Analytics Inc")

    [row] = preview(alice, files.LINKEDIN_2020).rows.exclude(outcome=Outcome.REJECTED)

    assert row.outcome == Outcome.UNCERTAIN
    assert row.decision == ImportRow.Decision.SEPARATE
    assert "Similar name" in row.match_reason


def test_a_merge_fills_only_empty_fields_and_undo_restores_them(alice) -> None:
    dana = make_person(
        alice,
        "Dana Whitfield",
        title="Keeps her title",
        linkedin_url="https://www.linkedin.com/in/dana-whitfield-example",
    )

    contact_import = imported(alice, files.GOOGLE)
    dana.refresh_from_db()

    assert contact_import.merged_count == 1
    assert dana.title == "Keeps her title"
    assert dana.email == "dana.whitfield@example.com"
    assert "Other email: dana@whitfield.example.net" in dana.notes
    assert dana.connection == Person.Connection.KNOWN
    assert {t.name for t in dana.tags.all()} == {"google import", "Mentors"}

    undoing.undo(contact_import=contact_import)
    dana.refresh_from_db()

    assert (dana.email, dana.notes, dana.connection) == ("", "", Person.Connection.COLD)
    assert list(dana.tags.all()) == []
    assert Tag.objects.count() == 0
    assert Person.objects.get() == dana


def test_undo_removes_created_people_but_keeps_those_you_worked_with(alice) -> None:
    contact_import = imported(alice, files.LINKEDIN_2024)
    marisol = Person.objects.get(full_name="Marisol Ibarra-Chen")
    conversation_services.start_conversation(owner=alice, person=marisol)

    undone = undoing.undo(contact_import=contact_import)

    assert (undone.removed, undone.kept) == (2, [marisol])
    assert list(Person.objects.all()) == [marisol]
    assert list(Organization.objects.values_list("name", flat=True)) == ["Fabrikam Health"]
    with pytest.raises(ValidationError):
        undoing.undo(contact_import=contact_import)


def test_merge_screen_choices_are_applied(alice) -> None:
    existing = make_person(alice, "Dana Whitfeld", organization="Northwind Analytics")
    contact_import = preview(alice, files.LINKEDIN_2020)
    row = contact_import.rows.get(outcome=Outcome.UNCERTAIN)

    services.decide(contact_import=contact_import, decisions={row.pk: "merge"})
    applying.start_import(contact_import=contact_import)

    assert Person.objects.get() == existing
    existing.refresh_from_db()
    assert existing.title == "Staff Data Engineer"


def test_skip_leaves_the_row_out(alice) -> None:
    make_person(alice, "Dana Whitfeld", organization="Northwind Analytics")
    contact_import = preview(alice, files.LINKEDIN_2020)
    row = contact_import.rows.get(outcome=Outcome.UNCERTAIN)

    services.decide(contact_import=contact_import, decisions={row.pk: "skip"})
    contact_import = applying.start_import(contact_import=contact_import)

    assert (
        contact_import.created_count,
        contact_import.merged_count,
        contact_import.skipped_count,
        contact_import.rejected_count,
    ) == (0, 0, 1, 1)


def test_an_import_is_all_or_nothing(alice, monkeypatch) -> None:
    contact_import = preview(alice, files.LINKEDIN_2024)

    def broken(*args, **kwargs):
        raise ValidationError("the disk is full")

    monkeypatch.setattr(applying.profile_services, "propose", broken)
    contact_import = applying.start_import(contact_import=contact_import)

    assert contact_import.status == Status.FAILED
    assert "Nothing was imported" in contact_import.error
    assert Person.objects.count() == Organization.objects.count() == Tag.objects.count() == 0


def test_it_applies_an_import_once(alice) -> None:
    contact_import = imported(alice, files.LINKEDIN_2020)

    with pytest.raises(ValidationError):
        applying.start_import(contact_import=contact_import)
    assert Person.objects.count() == 1


def test_it_proposes_the_owners_profile_and_changes_it_only_when_accepted(alice) -> None:
    alice.field_broad = ""
    alice.save()

    contact_import = imported(alice, files.linkedin_zip())
    alice.refresh_from_db()

    # Nothing in the profile changed: the file's values wait on /you/.
    assert (alice.display_name, alice.field_broad, alice.school) == ("Alice", "", "")
    assert Position.objects.count() == Education.objects.count() == Skill.objects.count() == 0
    found = {(p.kind, p.summary) for p in Proposal.objects.filter(owner=alice)}
    assert found == {
        ("display_name", "Priya Okonkwo-Laurent"),
        ("school", "Oregon State University"),
        ("headline", "Data analyst exploring health tech"),
        ("position", "Senior Data Analyst at Cascadia Health Data"),
        ("position", "Analyst at Old Corp"),
        ("education", "Bachelor of Science - BS, Oregon State University"),
        ("skill", "SQL"),
        ("skill", "Python"),
    }  # "sql" once: skills are one per name
    assert contact_import.changes["proposals"]

    profile_services.accept_all(owner=alice)
    alice.refresh_from_db()

    # The headline is never the field; a name already there is kept (left waiting).
    assert (alice.display_name, alice.field_broad) == ("Alice", "")
    assert alice.school == "Oregon State University"
    assert Position.objects.filter(owner=alice).count() == 2
    assert sorted(Skill.objects.values_list("name", flat=True)) == ["Python", "SQL"]


def test_undo_withdraws_waiting_proposals_and_keeps_accepted_ones(alice) -> None:
    contact_import = imported(alice, files.linkedin_zip())
    skill = Proposal.objects.get(owner=alice, kind="skill", fingerprint="sql")
    profile_services.accept(proposal=skill)

    undoing.undo(contact_import=contact_import)

    assert list(Proposal.objects.values_list("kind", "status")) == [("skill", "accepted")]
    assert list(Skill.objects.values_list("name", flat=True)) == ["SQL"]


def test_reimporting_the_export_proposes_nothing_twice(alice) -> None:
    imported(alice, files.linkedin_zip())
    first = Proposal.objects.count()
    profile_services.ignore(proposal=Proposal.objects.get(kind="headline"))
    profile_services.accept_all(owner=alice, kinds=["position"])

    again = imported(alice, files.linkedin_zip())

    assert Proposal.objects.count() == first
    assert again.changes["proposals"] == []
    assert Position.objects.count() == 2


def test_reimporting_the_same_file_changes_nothing(alice) -> None:
    imported(alice, files.LINKEDIN_2024)

    again = imported(alice, files.LINKEDIN_2024)

    assert (again.created_count, again.merged_count) == (0, 3)
    assert Person.objects.count() == 3


def test_repeats_within_a_file_are_duplicates_of_their_first_line(alice) -> None:
    raw = (
        files.LINKEDIN_2020 + b"Dana,Whitfield,dana@example.org,X,Y,01 Jan 2020\n"
        b"Dana,W.,dana@example.org,X,Y,01 Jan 2020\n"
    )

    contact_import = preview(alice, raw)
    repeat = contact_import.rows.get(line=5)

    assert (repeat.outcome, repeat.reason) == (
        Outcome.DUPLICATE,
        "Same email address as line 4 of this file",
    )
    assert (contact_import.duplicate_count, contact_import.rejected_count) == (1, 1)


@pytest.mark.parametrize(
    ("raw", "kind", "mapping", "count"),
    [
        (files.OUTLOOK_CP1252, "", {}, 1),
        (files.VCARD_30, "", {}, 2),
        (files.VCARD_21_QP, "", {}, 1),
        (files.VCARD_40, "", {}, 1),
        (files.UTF16_CSV, "csv", {"full_name": 0, "email": 1}, 1),
        (files.SEMICOLON_CSV, "csv", {"full_name": 0, "organization": 1, "email": 2}, 2),
    ],
)
def test_it_imports_every_seed_file(
    alice, raw: bytes, kind: str, mapping: dict, count: int
) -> None:
    contact_import = preview(alice, raw, kind, **mapping) if mapping else preview(alice, raw)
    applying.start_import(contact_import=contact_import)

    assert Person.objects.filter(owner=alice).count() == count


def test_a_generic_csv_waits_for_its_columns(alice) -> None:
    contact_import = services.receive_file(owner=alice, filename="x.csv", data=files.SEMICOLON_CSV)

    assert contact_import.status == Status.MAPPING
    assert contact_import.mapping == {"full_name": 0, "email": 2, "organization": 1}
    assert contact_import.connection == Person.Connection.COLD
