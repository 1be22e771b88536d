"""Obstacles: kept on the user, raised in briefs, with questions, advice and dated actions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from coffeechat.accounts.models import User
from coffeechat.prep import queries as prep_queries
from coffeechat.prep import questions
from coffeechat.strategy import obstacles
from coffeechat.strategy.models import Obstacle
from coffeechat.strategy.tests.factories import advice, talk


@pytest.fixture
def conversation(alice):
    return talk(alice, "Dana Okafor", organization="Northwind")


def test_closing_an_obstacle_records_when_and_reopening_clears_it(alice) -> None:
    obstacle = obstacles.add_obstacle(owner=alice, title="No SQL in production")
    moment = timezone.now() - timedelta(days=2)

    obstacles.set_obstacle_status(obstacle=obstacle, status="closed", now=moment)
    assert (obstacle.status, obstacle.closed_at) == ("closed", moment)

    obstacles.set_obstacle_status(obstacle=obstacle, status="open")
    obstacle.refresh_from_db()
    assert obstacle.closed_at is None
    assert obstacle.get_status_display() == "Open"


def test_the_same_obstacle_written_another_way_is_refused_with_its_name(alice) -> None:
    obstacles.add_obstacle(owner=alice, title="No SQL in production")

    with pytest.raises(ValidationError, match="No SQL in production"):
        obstacles.add_obstacle(owner=alice, title="  no sql in PRODUCTION!! ")


def test_a_first_dated_action_means_working_on_it_and_actions_are_ticked_off(alice) -> None:
    obstacle = obstacles.add_obstacle(owner=alice, title="No healthcare domain knowledge")

    action = obstacles.add_action(
        obstacle=obstacle, text="Take a claims-data course", due_on=date(2026, 12, 20)
    )
    obstacles.set_action_done(action=action, done=True)

    obstacle.refresh_from_db()
    assert obstacle.status == Obstacle.Status.WORKING
    assert action.done and action.due_on == date(2026, 12, 20)
    with pytest.raises(ValidationError):
        obstacles.add_action(obstacle=obstacle, text="   ")


def test_the_brief_raises_obstacles_adds_new_ones_and_plans_a_linked_question(
    alice, alice_client: Client, conversation
) -> None:
    kept = obstacles.add_obstacle(owner=alice, title="No SQL in production")
    brief = reverse("prep:brief", args=[conversation.pk])

    alice_client.post(
        reverse("strategy:raise-here", args=[conversation.pk, kept.pk]), {"raised": "1"}
    )
    alice_client.post(
        reverse("strategy:raise-new", args=[conversation.pk]), {"title": "Never managed a budget"}
    )
    alice_client.post(
        reverse("strategy:raise-new", args=[conversation.pk]), {"title": "never managed a budget"}
    )  # the same one: raised, not doubled
    response = alice_client.post(reverse("strategy:ask-about", args=[conversation.pk, kept.pk]))
    alice_client.post(reverse("strategy:ask-about", args=[conversation.pk, kept.pk]))

    assert response.status_code == 302
    assert Obstacle.objects.filter(owner=alice).count() == 2
    [question] = prep_queries.questions_of(conversation)
    assert "No SQL in production" in question.text
    assert list(kept.questions.all()) == [question]
    page = alice_client.get(brief).content.decode()
    assert "Raised here" in page and "question planned" in page
    assert "gaps between me and the role" not in page  # the old free-text field is gone


def test_raised_obstacles_reach_the_card_the_pdf_and_the_suggestions(
    alice, alice_client: Client, conversation
) -> None:
    obstacles.raise_new(conversation=conversation, title="No SQL in production")

    card = alice_client.get(reverse("prep:card", args=[conversation.pk])).content.decode()
    pdf = alice_client.get(reverse("prep:pdf", args=[conversation.pk]))
    text = "".join(page.extract_text() for page in PdfReader(_bytes(pdf.content)).pages)

    assert "No SQL in production" in card
    assert "No SQL in production" in text
    suggested = questions.suggest(purpose="", title="", has_obstacles=True)
    assert any(s.question.key == "skills" for s in suggested)


def _bytes(data: bytes):
    import io

    return io.BytesIO(data)


def test_advice_received_is_linked_from_the_after_page(
    alice, alice_client: Client, conversation
) -> None:
    obstacle = obstacles.raise_new(conversation=conversation, title="No SQL in production")
    tip = advice(conversation, "Do the window-functions module on Mode")

    after = alice_client.get(reverse("prep:after", args=[conversation.pk])).content.decode()
    alice_client.post(reverse("strategy:link-advice", args=[obstacle.pk, tip.pk]), {"linked": "1"})

    assert "Obstacles you raised" in after and "About this" in after
    assert list(obstacle.captures.all()) == [tip]
    page = alice_client.get(reverse("strategy:obstacle", args=[obstacle.pk])).content.decode()
    assert "Do the window-functions module on Mode" in page


def test_the_obstacles_page_shows_the_next_dated_action(alice, alice_client: Client) -> None:
    obstacle = obstacles.add_obstacle(owner=alice, title="No SQL in production")
    obstacles.add_action(
        obstacle=obstacle,
        text="Finish the SQL module",
        due_on=timezone.localdate() - timedelta(days=1),
    )

    page = alice_client.get(reverse("strategy:obstacles")).content.decode()

    assert "Finish the SQL module" in page
    assert "badge--overdue" in page
    assert "Working on it" in page


# The brief's old "gaps" text becomes obstacles ----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_old_gaps_text_becomes_one_obstacle_per_line_deduplicated_per_user() -> None:
    executor = MigrationExecutor(connection)
    before = [("prep", "0001_initial"), ("strategy", "0001_initial")]
    executor.migrate(before)
    # Only prep's and strategy's tables went back: the others are built with today's models.
    Brief = executor.loader.project_state(before).apps.get_model("prep", "Brief")
    now = timezone.now()
    for email in ("ana@example.org", "bo@example.org"):
        user = User.objects.create_user(email, "a long password here")
        for text in ("No SQL\n\n- Never managed a budget  \n", "no sql!\nÉcrire en français"):
            conversation = talk(user, "Dana Okafor")
            Brief.objects.create(
                owner_id=user.pk,
                conversation_id=conversation.pk,
                obstacles=text,
                created_at=now,
                updated_at=now,
            )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    ana = Obstacle.objects.filter(owner__email="ana@example.org").order_by("pk")
    assert [o.title for o in ana] == ["No SQL", "Never managed a budget", "Écrire en français"]
    assert ana[0].raised_in.count() == 2  # both briefs named it, in two spellings
    assert Obstacle.objects.filter(owner__email="bo@example.org").count() == 3


def test_rewording_and_closing_in_one_change_is_all_or_nothing(alice) -> None:
    obstacle = obstacles.add_obstacle(owner=alice, title="Never led a project", notes="Ask Ana")

    with pytest.raises(ValidationError, match="Choose open"):
        obstacles.update_obstacle(
            obstacle=Obstacle.objects.get(pk=obstacle.pk), title="X", status="?"
        )
    obstacles.update_obstacle(obstacle=obstacle, status="closed")

    saved = Obstacle.objects.get(pk=obstacle.pk)
    assert (saved.title, saved.notes, saved.status) == ("Never led a project", "Ask Ana", "closed")
