"""Adding employers by pasting names, picking from the network, or one at a time."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from coffeechat.network import services as network
from coffeechat.network.models import Organization
from coffeechat.targets import paste, services
from coffeechat.targets.models import Target
from coffeechat.targets.tests.factories import person, target

pytestmark = pytest.mark.django_db


def kinds(plan: paste.PastePlan) -> list[tuple[int, str, str]]:
    return [(line.number, line.name, line.kind) for line in plan.lines]


def listed(owner) -> list[str]:
    return sorted(Target.objects.filter(owner=owner).values_list("organization__name", flat=True))


# Reading the paste ------------------------------------------------------------------------


def test_it_reads_one_name_per_line_skipping_blanks_and_list_markers(alice) -> None:
    text = "  Northwind Traders \n\n- Contoso\n\t\n2. Fabrikam\n• Tailspin\n"

    plan = paste.plan_paste(alice, text)

    assert kinds(plan) == [
        (1, "Northwind Traders", "new"),
        (3, "Contoso", "new"),
        (5, "Fabrikam", "new"),
        (6, "Tailspin", "new"),
    ]
    assert plan.blank == 2
    assert [line.note for line in plan.lines] == [
        "",
        "list marker removed",
        "list marker removed",
        "list marker removed",
    ]


def test_it_reads_the_first_cell_of_rows_pasted_from_a_spreadsheet(alice) -> None:
    plan = paste.plan_paste(alice, "Contoso\tdream\t5\nFabrikam, Inc.\t\t\n\tTailspin")

    assert [(line.name, line.note) for line in plan.lines] == [
        ("Contoso", "first of 3 columns"),
        ("Fabrikam, Inc.", ""),
        ("Tailspin", ""),
    ]


def test_it_keeps_names_that_merely_start_with_a_number(alice) -> None:
    plan = paste.plan_paste(alice, "3M\n7-Eleven\n1-800-Flowers\n23andMe")

    assert [line.name for line in plan.lines] == ["3M", "7-Eleven", "1-800-Flowers", "23andMe"]
    assert all(line.note == "" for line in plan.lines)


def test_it_marks_repeats_in_the_paste_as_duplicates(alice) -> None:
    plan = paste.plan_paste(alice, "Contoso\ncontoso\nCONTOSO LTD\nFabrikam")

    assert kinds(plan) == [
        (1, "Contoso", "new"),
        (2, "contoso", "duplicate"),
        (3, "CONTOSO LTD", "duplicate"),
        (4, "Fabrikam", "new"),
    ]
    assert plan.lines[1].note == "same as line 1"
    assert plan.lines[2].note == "looks like line 1 (Contoso)"


def test_it_matches_organizations_in_the_network_in_any_case(alice) -> None:
    person(alice, "Dana", "Northwind Traders")
    target(alice, "Contoso")

    plan = paste.plan_paste(alice, "NORTHWIND TRADERS\ncontoso")

    assert kinds(plan) == [(1, "NORTHWIND TRADERS", "existing"), (2, "contoso", "listed")]
    assert plan.lines[0].match.name == "Northwind Traders"
    assert plan.lines[0].match.people_count == 1


def test_it_matches_accented_names_whatever_the_database_folds(alice) -> None:
    network.add_organization(owner=alice, name="Éclair Études")

    plan = paste.plan_paste(alice, "éclair études")

    assert kinds(plan) == [(1, "éclair études", "existing")]


def test_it_offers_near_matches_to_confirm_and_never_takes_them_silently(alice) -> None:
    network.add_organization(owner=alice, name="Northwind")
    network.add_organization(owner=alice, name="Brightwater Analytics")
    network.add_organization(owner=alice, name="ACME Corporation")

    plan = paste.plan_paste(alice, "Nortwind\nBrightwater\nAcme Corp\nLakeview Community Health")

    assert kinds(plan) == [
        (1, "Nortwind", "near"),
        (2, "Brightwater", "near"),
        (3, "Acme Corp", "near"),
        (4, "Lakeview Community Health", "new"),
    ]
    assert [[m.name for m in line.near] for line in plan.lines[:3]] == [
        ["Northwind"],
        ["Brightwater Analytics"],
        ["ACME Corporation"],
    ]


def test_a_short_word_inside_a_long_name_is_not_a_near_match(alice) -> None:
    network.add_organization(owner=alice, name="Lakeview Community Health")
    network.add_organization(owner=alice, name="Metabase")
    network.add_organization(owner=alice, name="Studio 54")

    plan = paste.plan_paste(alice, "Health\nMeta\nStudio 55")

    assert kinds(plan) == [(1, "Health", "new"), (2, "Meta", "new"), (3, "Studio 55", "new")]


def test_a_name_too_long_for_an_organization_blocks_the_paste(alice) -> None:
    plan = paste.plan_paste(alice, "Fine Co\n" + "x" * 201)

    assert plan.lines[1].kind == "invalid"
    assert "too long for a name (201 characters, at most 200)" in plan.lines[1].note
    assert not plan.is_usable


def test_a_thousand_line_paste_is_refused_with_how_much_it_takes(alice) -> None:
    text = "\n".join(f"Employer {n}" for n in range(1000))

    plan = paste.plan_paste(alice, text)

    assert plan.lines == []
    assert plan.refused == (
        "That's 1,000 names. Paste at most 200 at a time: the method asks "
        "for 40 employers, worked five at a time."
    )
    with pytest.raises(ValidationError, match="Paste at most 200"):
        services.add_from_paste(owner=alice, text=text, source="dream", choices={})
    assert Organization.objects.filter(owner=alice).count() == 0


def test_a_paste_of_too_many_characters_is_refused_before_it_is_read(alice) -> None:
    plan = paste.plan_paste(alice, "x" * 20_001)

    assert plan.refused.startswith("That paste is 20,001 characters long.")


# Adding it ----------------------------------------------------------------------------------


def test_40_pasted_names_become_40_targets_with_their_source(alice) -> None:
    person(alice, "Dana", "Employer 07")
    text = "\n".join(f"Employer {n:02}" for n in range(40))

    outcomes = services.add_from_paste(owner=alice, text=text, source="posting", choices={})

    assert sum(o.added for o in outcomes) == 40
    assert Target.objects.filter(owner=alice, source="posting").count() == 40
    assert Organization.objects.filter(owner=alice).count() == 40  # Employer 07 reused
    assert outcomes[7].result == "Added Employer 07 from your network, where you know 1 person."
    assert outcomes[0].result == "Added Employer 00 (a new organization)."


def test_the_report_says_what_happened_to_every_line(alice) -> None:
    target(alice, "Contoso")
    network.add_organization(owner=alice, name="Northwind")

    outcomes = services.add_from_paste(
        owner=alice,
        text="Contoso\nNortwind\nNortwind\nFabrikam",
        source="dream",
        choices={2: "new"},
    )

    assert [(o.number, o.result) for o in outcomes] == [
        (1, "Already on your list as Contoso."),
        (2, "Added Nortwind (a new organization)."),
        (3, "Skipped: same as line 2."),
        (4, "Added Fabrikam (a new organization)."),
    ]


def test_a_confirmed_near_match_adds_the_existing_organization(alice) -> None:
    northwind = network.add_organization(owner=alice, name="Northwind")

    services.add_from_paste(
        owner=alice, text="Nortwind", source="dream", choices={1: str(northwind.pk)}
    )

    assert listed(alice) == ["Northwind"]
    assert Organization.objects.filter(owner=alice).count() == 1


def test_a_near_match_without_a_choice_stops_the_whole_paste(alice) -> None:
    network.add_organization(owner=alice, name="Northwind")

    with pytest.raises(ValidationError, match="Line 2: is “Nortwind” Northwind, or a new"):
        services.add_from_paste(owner=alice, text="Fabrikam\nNortwind", source="dream", choices={})

    assert listed(alice) == []


def test_a_choice_naming_another_organization_is_not_accepted(alice, mallory) -> None:
    network.add_organization(owner=alice, name="Northwind")
    theirs = network.add_organization(owner=mallory, name="Northwind Holdings")

    with pytest.raises(ValidationError, match="Choose one"):
        services.add_from_paste(
            owner=alice, text="Nortwind", source="dream", choices={1: str(theirs.pk)}
        )

    assert Target.objects.count() == 0


def test_a_failure_on_one_line_saves_nothing_of_the_others(alice, monkeypatch) -> None:
    network.add_organization(owner=alice, name="Existing")
    real = network.add_organization

    def clash_on_the_third(*, owner, name):
        if name == "Third":
            raise ValidationError({"name": "You already have an organization with this name."})
        return real(owner=owner, name=name)

    monkeypatch.setattr(network, "add_organization", clash_on_the_third)

    with pytest.raises(ValidationError, match="Line 3 \\(Third\\): You already have"):
        services.add_from_paste(
            owner=alice, text="First\nExisting\nThird", source="dream", choices={}
        )

    assert listed(alice) == []
    assert list(Organization.objects.filter(owner=alice).values_list("name", flat=True)) == [
        "Existing"
    ]


def test_the_list_is_bounded(alice, monkeypatch) -> None:
    monkeypatch.setattr(services, "MAX_TARGETS", 3)
    target(alice, "One")
    target(alice, "Two")

    with pytest.raises(ValidationError, match="would pass the limit of 3"):
        services.add_from_paste(owner=alice, text="Three\nFour", source="dream", choices={})

    assert listed(alice) == ["One", "Two"]


# Through the pages --------------------------------------------------------------------------


def test_a_paste_with_nothing_to_confirm_is_added_at_once_with_a_report(
    alice, alice_client: Client
) -> None:
    response = alice_client.post(
        reverse("targets:paste"),
        {"names": "Contoso\n\nFabrikam\ncontoso", "source": "trend"},
        follow=True,
    )

    assert listed(alice) == ["Contoso", "Fabrikam"]
    html = response.content.decode()
    assert "Added 2 employers to your list." in html
    assert "Skipped: same as line 1." in html
    assert "What happened to your list, line by line" in html


def test_a_paste_with_a_near_match_shows_the_plan_then_adds_on_confirm(
    alice, alice_client: Client
) -> None:
    northwind = network.add_organization(owner=alice, name="Northwind")
    text = "Nortwind\nFabrikam"

    preview = alice_client.post(reverse("targets:paste"), {"names": text, "source": "dream"})
    assert preview.status_code == 200
    assert listed(alice) == []
    html = preview.content.decode()
    assert "Is “Nortwind” one of yours?" in html
    assert "New organization, added to your list" in html

    alice_client.post(
        reverse("targets:paste"),
        {
            "names": text,
            "source": "dream",
            "confirm": "1",
            "line-1": str(northwind.pk),
            "checked": paste.fingerprint(text),
        },
    )

    assert listed(alice) == ["Fabrikam", "Northwind"]


def test_a_confirm_for_a_changed_paste_shows_the_plan_again(alice, alice_client: Client) -> None:
    northwind = network.add_organization(owner=alice, name="Northwind")

    response = alice_client.post(
        reverse("targets:paste"),
        {
            "names": "Fabrikam\nNortwind",
            "source": "dream",
            "confirm": "1",
            "line-1": str(northwind.pk),
            "checked": paste.fingerprint("Nortwind\nFabrikam"),
        },
    )

    assert response.status_code == 200
    assert listed(alice) == []


def test_a_refused_paste_says_why_and_keeps_nothing(alice, alice_client: Client) -> None:
    text = "\n".join(f"Employer {n}" for n in range(1000))

    response = alice_client.post(reverse("targets:paste"), {"names": text, "source": "dream"})

    assert response.status_code == 400
    assert "That&#x27;s 1,000 names. Paste at most 200 at a time" in response.content.decode()
    assert Organization.objects.filter(owner=alice).count() == 0


def test_an_empty_paste_asks_for_names(alice, alice_client: Client) -> None:
    response = alice_client.post(reverse("targets:paste"), {"names": "\n \n", "source": "dream"})

    assert response.status_code == 400
    assert "Paste at least one employer name, one per line." in response.content.decode()


def test_picking_from_the_network_adds_the_ticked_ones(alice, alice_client: Client) -> None:
    one = network.add_organization(owner=alice, name="One")
    two = network.add_organization(owner=alice, name="Two")
    target(alice, "Three")
    three = Organization.objects.get(owner=alice, name="Three")

    response = alice_client.post(
        reverse("targets:pick"),
        {"organization": [one.pk, two.pk, three.pk], "source": "alumni", "page": "1"},
        follow=True,
    )

    assert listed(alice) == ["One", "Three", "Two"]
    assert Target.objects.get(owner=alice, organization=one).source == "alumni"
    html = response.content.decode()
    assert "Added 2 to your list: One, Two." in html
    assert "Already on your list: Three." in html


def test_the_pick_list_shows_where_you_know_most_people_first(alice, alice_client) -> None:
    person(alice, "A", "Few")
    for n in range(3):
        person(alice, f"B{n}", "Many")
    network.add_organization(owner=alice, name="None Known")
    target(alice, "Listed", people=5)

    response = alice_client.get(reverse("targets:pick"))

    assert [o.name for o in response.context["page"].object_list] == [
        "Many",
        "Few",
        "None Known",
        "Listed",
    ]


def test_one_employer_by_name_uses_the_organization_you_have(alice, alice_client) -> None:
    person(alice, "Dana", "Northwind")

    alice_client.post(reverse("targets:paste"), {"names": "northwind", "source": "dream"})

    assert listed(alice) == ["Northwind"]
    assert Organization.objects.filter(owner=alice).count() == 1


def test_the_command_adds_a_file_of_names(alice, tmp_path) -> None:
    from io import StringIO

    from django.core.management import call_command

    names = tmp_path / "names.txt"
    names.write_text("Contoso\nFabrikam\n\ncontoso\n", encoding="utf-8")
    out = StringIO()

    call_command(
        "targets_add",
        "--user",
        "alice@example.org",
        "--file",
        str(names),
        "--source",
        "dream",
        stdout=out,
    )

    assert listed(alice) == ["Contoso", "Fabrikam"]
    assert "line 4: Skipped: same as line 1." in out.getvalue()
    assert "Added 2 employers" in out.getvalue()
