"""Themes (method.md 11.5 step 2): what two different people said, from messy notes.

The corpus below is written the way people jot notes: case, punctuation, accents typed or not,
inflections, typos, several languages. Each case says whether a theme must appear or not; a
false theme is worse than a missed one, so the negative cases matter as much.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.conversations import services as conversations
from coffeechat.lib.testing.employers import people_at
from coffeechat.network import services as network
from coffeechat.prep import services as prep
from coffeechat.strategy import mentions, services, themes
from coffeechat.strategy.models import Mention, Theme, ThemeState
from coffeechat.strategy.tests.factories import advice, said, talk


def confirmed(owner) -> dict[str, Theme]:
    themes.refresh(owner)
    return {
        t.name.casefold(): t
        for t in Theme.objects.filter(owner=owner, status=Theme.Status.CONFIRMED)
    }


# (person, what they said) ... , the theme expected (casefolded label) or None for no theme.
SAME_THING = [
    ([("Ana", "learn SQL"), ("Bo", "SQL is a must")], "sql"),
    ([("Ana", "sql!!"), ("Bo", "Take a SQL course")], "sql"),
    (
        [
            ("Ana", "Learn basic survival analysis"),
            ("Bo", "Survival analysis is what clinical teams use every day."),
        ],
        "survival analysis",
    ),
    (
        [
            ("Ana", "The gap in nonprofits is data storytelling for boards."),
            ("Bo", "Get good at storytelling with data."),
        ],
        "storytelling",
    ),
    (
        [
            ("Ana", "Build a portfolio project on a public dataset"),
            ("Bo", "A portfolio project beats a certificate"),
        ],
        "portfolio project",
    ),
    (
        [("Ana", "Volunteer with a civic-tech group"), ("Bo", "volunteering is the way in")],
        "volunteer",
    ),
    ([("Ana", "Apprends le SQL, c'est indispensable"), ("Bo", "Aprende SQL cuanto antes")], "sql"),
    (
        [("Ana", "Données ouvertes: commence par là"), ("Bo", "donnees ouvertes!")],
        "données ouvertes",
    ),
    ([("Ana", "Learn Tableau"), ("Bo", "tableu dashboards get you interviews")], "tableau"),
    (
        [
            ("Ana", "Read “Storytelling with Data” by Cole Knaflic"),
            ("Bo", "cole knaflic's book is the one"),
        ],
        "cole knaflic",
    ),
]

UNRELATED = [
    [
        ("Ana", "She offered to introduce me to Omar."),
        ("Bo", "He offered to introduce me to Hana."),
    ],
    [
        ("Ana", "Great chat, really nice person, very helpful"),
        ("Bo", "Nice conversation, super helpful and great advice"),
    ],
    [("Ana", "Learn Python first"), ("Bo", "Learn SQL first")],
    [("Ana", "Excellent advice overall"), ("Bo", "Get better at Excel")],
    [("Ana", "Take one short course"), ("Bo", "Find the source of the numbers")],
    [("Ana", "Read the contract carefully"), ("Bo", "Look at the contrast ratio")],
    [("Ana", "Of course they use dashboards"), ("Bo", "A course in statistics helps")],
    [
        ("Ana", "The team is small and the work is interesting"),
        ("Bo", "It's a big team; work is steady"),
    ],
    [("Ana", "Make a target list of employers"), ("Bo", "Follow up within a week")],
    [("Ana", "Their data team uses Looker"), ("Bo", "The data is messy at our company")],
]


@pytest.mark.parametrize(("notes", "theme"), SAME_THING)
def test_two_people_saying_the_same_thing_messily_make_a_theme(alice, notes, theme) -> None:
    said(alice, *notes)

    found = confirmed(alice)

    assert any(theme in name or name in theme for name in found), sorted(found)
    match = next(t for name, t in found.items() if theme in name or name in theme)
    assert match.people_count == 2


@pytest.mark.parametrize("notes", UNRELATED)
def test_unrelated_notes_make_no_theme(alice, notes) -> None:
    said(alice, *notes)

    assert confirmed(alice) == {}


def test_the_same_person_twice_is_not_a_theme(alice) -> None:
    first = talk(alice, "Ana Ruiz")
    again = conversations.start_conversation(owner=alice, person=first.person)
    advice(first, "Learn SQL")
    advice(again, "Seriously, SQL")
    conversations.add_note(person=first.person, body="SQL again, she insisted")

    assert confirmed(alice) == {}


def test_a_theme_links_back_to_the_exact_notes_it_came_from(alice) -> None:
    ana, _, bo = said(
        alice, ("Ana", "Learn SQL"), ("Ana", "Go to the meetup"), ("Bo", "SQL before Python")
    )

    theme = confirmed(alice)["sql"]
    sources = themes.sources_of(alice, [theme])[theme.pk]

    assert {m.capture_id for m in sources} == {ana.pk, bo.pk}
    assert {m.excerpt for m in sources} == {"Learn SQL", "SQL before Python"}
    assert theme.kind == Theme.Kind.SKILL


def test_confirmed_at_is_when_the_second_person_said_it(alice) -> None:
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    ana, bo, cy = (talk(alice, name) for name in ("Ana", "Bo", "Cy"))
    advice(ana, "Volunteer on a data project", now=now - timedelta(days=20))
    advice(bo, "Volunteer somewhere with real data", now=now - timedelta(days=10))
    advice(cy, "volunteering helps", now=now - timedelta(days=2))

    theme = confirmed(alice)["volunteer"]

    assert theme.people_count == 3
    assert abs(theme.confirmed_at - (now - timedelta(days=10))) < timedelta(seconds=1)


def test_organizations_are_found_by_name_whatever_the_case_and_accents(alice) -> None:
    network.add_organization(owner=alice, name="Société Générale")
    network.add_organization(owner=alice, name="Brightwater Health Inc.")
    said(
        alice,
        ("Ana", "Talk to someone at societe generale"),
        ("Bo", "SOCIÉTÉ GÉNÉRALE has a good analytics team"),
        ("Cy", "Brightwater Health is hiring"),
        ("Dee", "Look at brightwater health"),
    )

    found = confirmed(alice)

    assert found["société générale"].kind == Theme.Kind.ORGANIZATION
    assert found["brightwater health inc."].people_count == 2


def test_people_naming_their_own_employer_is_not_a_theme(alice) -> None:
    said(
        alice,
        ("Ana", "At Northwind we pair analysts with PMs"),
        ("Bo", "Northwind reorganised last year"),
        organization="Northwind",
    )

    assert "northwind" not in confirmed(alice)


def test_a_theme_fades_when_a_source_is_deleted_and_keeps_its_history(alice) -> None:
    _, bo = said(alice, ("Ana", "Learn SQL"), ("Bo", "SQL is a must"))
    theme = confirmed(alice)["sql"]

    bo.delete()
    themes.refresh(alice)

    theme.refresh_from_db()
    assert theme.status == Theme.Status.FADED
    assert theme.confirmed_at is not None


def test_new_notes_update_themes_incrementally(alice) -> None:
    said(alice, ("Ana", "Learn SQL"))
    assert confirmed(alice) == {}

    said(alice, ("Bo", "SQL, SQL, SQL"))

    assert confirmed(alice)["sql"].people_count == 2


def test_the_user_renames_merges_and_dismisses_themes(alice) -> None:
    said(
        alice,
        ("Ana", "Learn SQL; join the R-Ladies meetup"),
        ("Bo", "SQL first, and the meetup is worth it"),
        ("Cy", "Queries in SQL"),
    )
    found = confirmed(alice)
    sql, meetup = found["sql"], found["meetup"]

    services.rename_theme(theme=sql, name="Learn SQL")
    services.merge_themes(theme=meetup, into=sql)
    themes.refresh(alice)

    sql.refresh_from_db()
    assert sql.name == "Learn SQL"
    assert set(sql.terms) >= {"sql", "meetup"}
    assert Theme.objects.get(pk=meetup.pk).status == Theme.Status.MERGED

    services.dismiss_theme(theme=sql)
    said(alice, ("Dee", "SQL!"))
    themes.refresh(alice)
    assert Theme.objects.get(pk=sql.pk).status == Theme.Status.DISMISSED


def test_one_thing_said_in_overlapping_words_is_one_theme(alice) -> None:
    said(
        alice,
        ("Ana", "Get fluent in SQL window functions"),
        ("Bo", "get fluent with SQL window functions first"),
        ("Cy", "SQL, always"),
    )

    found = confirmed(alice)

    assert set(found) == {"sql", "window functions"}
    assert found["sql"].people_count == 3
    assert set(found["window functions"].terms) >= {"function window", "sql window"}


def test_a_word_is_absorbed_only_by_a_phrase_from_the_same_people(alice) -> None:
    said(
        alice,
        ("Ana", "Learn survival analysis"),
        ("Bo", "survival analysis, basics"),
        ("Cy", "Survival skills matter"),
        ("Dee", "survival mode at startups"),
    )

    found = confirmed(alice)

    assert found["survival analysis"].people_count == 2
    assert found["survival"].people_count == 4


# Long notes, as people write them after a meeting: by chance they share plenty of ordinary
# words ("plus", "page", "three", "mostly", "trade-off"); none of that is a theme.
LONG_NOTES = [
    (
        "Mei",
        "Video, 20 min plus a short office tour. Designers and viz engineers pair on every "
        "feature; analysts who can prototype in a notebook are valued. Assignment: one small "
        "public project with real transit data, with a write-up of the trade-offs.",
    ),
    (
        "Grace",
        "Lunch. Routing PMs live in the trade-off between driver hours and on-time "
        "percentage; every feature gets a cost-per-stop estimate. Data science sits inside "
        "product, not in a separate org. Assignment: write a one-page case study.",
    ),
    (
        "Patrick",
        "Nurse scheduling is their biggest operations headache: spreadsheets plus a "
        "paging system. Visits per nurse per day is the number everyone watches.",
    ),
    (
        "Rosa",
        "QI runs improvement cycles on screening rates; a three-person data team supports "
        "six clinics. She offered to ask about an unpaid project, mostly remote.",
    ),
    (
        "Sanjay",
        "Northpoint routes all such requests through recruiting; he pointed me to their "
        "campus events page. Three of them mostly travel.",
    ),
]


def test_long_notes_sharing_ordinary_words_make_no_theme(alice) -> None:
    said(alice, *LONG_NOTES)

    assert confirmed(alice) == {}


def test_two_words_in_use_are_never_taken_for_a_typo(alice) -> None:
    said(
        alice,
        ("Ana", "analysts"),
        ("Ana", "analysts again"),
        ("Bo", "analytics"),
        ("Bo", "more analytics"),
    )

    found = confirmed(alice)

    assert found == {}


def test_a_big_account_is_read_in_batches_and_caught_up_by_the_worker(
    alice, settings, monkeypatch
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(mentions, "SYNC_BATCH", 2)
    said(alice, *[(f"Person {i}", "Learn SQL") for i in range(5)])

    waiting = themes.refresh(alice)  # two read here, the rest by the worker's task

    assert waiting is True
    assert Theme.objects.get(owner=alice, key="sql").people_count == 5


def test_the_fields_own_vocabulary_is_no_theme_but_a_skill_everyone_names_is(alice) -> None:
    said(
        alice,
        *[(f"Person {i}", "Dashboards everywhere; learn SQL") for i in range(10)],
        ("Person 10", "Mentoring"),
        ("Person 11", "Mentoring helps"),
    )

    found = confirmed(alice)

    assert "dashboards" not in found  # 10 of 12 people: the field's vocabulary
    assert found["sql"].people_count == 10
    assert found["mentoring"].people_count == 2


def test_a_referral_counts_whom_they_sent_you_to_never_their_reasons(alice) -> None:
    rachel, maria = talk(alice, "Rachel Stein"), talk(alice, "Maria Esposito")
    people_at(
        prep.add_referral,
        [
            (
                "Destiny Howard",
                "First Gen Futures",
                {
                    "conversation": rachel,
                    "context": "Destiny's data-volunteer program would be a good first project",
                },
            ),
            (
                "Carlos Mendoza",
                "Northside Housing",
                {
                    "conversation": maria,
                    "context": "his two-person data program could use a volunteer",
                },
            ),
            (
                "Omar Haddad",
                "First Gen Futures",
                {"conversation": maria, "context": "runs their program"},
            ),
        ],
    )

    found = confirmed(alice)

    assert found["first gen futures"].kind == Theme.Kind.ORGANIZATION
    assert found["first gen futures"].people_count == 2
    assert {"program", "volunteer", "data"} & set(found) == set()


@pytest.mark.django_db(transaction=True)
def test_referrals_read_the_old_way_are_read_again_after_the_upgrade() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([("strategy", "0001_initial")])
    owner = User.objects.create_user("ana@example.org", "a long password here")
    [rachel, maria] = [talk(owner, name) for name in ("Rachel Stein", "Maria Esposito")]
    captures = people_at(
        prep.add_referral,
        [
            ("Destiny Howard", "First Gen Futures", {"conversation": rachel}),
            ("Carlos Mendoza", "First Gen Futures", {"conversation": maria}),
        ],
        context="their data-volunteer program",
    )
    for conversation, capture in zip((rachel, maria), captures, strict=True):
        # What the old reading left: a term for each word of the reason.
        Mention.objects.create(
            owner=owner,
            capture=capture,
            person=conversation.person,
            kind="referral",
            term="program",
            surface="program",
            excerpt=capture.text,
            said_at=capture.created_at,
        )
    ThemeState.objects.update_or_create(
        owner=owner, defaults={"read_until": {"capture": [timezone.now().isoformat(), 10**9]}}
    )
    assert "program" in confirmed(owner)  # read before the upgrade

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    found = confirmed(owner)
    assert found["first gen futures"].people_count == 2
    assert "program" not in found
