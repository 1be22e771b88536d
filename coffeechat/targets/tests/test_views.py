"""The target pages and the panels other pages show."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts import firstrun
from coffeechat.conversations import reminders
from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Conversation, Stage
from coffeechat.targets import queries, services
from coffeechat.targets.models import Target
from coffeechat.targets.tests.factories import count_queries, in_stage, person, target

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def seven(owner) -> dict[str, Target]:
    scores = {
        "A": (5, 3),
        "B": (5, 2),
        "C": (4, 3),
        "D": (4, 2),
        "E": (3, 3),
        "F": (3, 2),
        "G": (2, 1),
    }
    return {name: target(owner, name, *score) for name, score in scores.items()}


# The list page -------------------------------------------------------------------------------


def test_the_list_shows_the_counter_sources_and_rows_in_lamp_order(alice, alice_client) -> None:
    target(alice, "Low Co", 2, 1, source="trend")
    target(alice, "Top Co", 5, 3, source="dream", people=2, connection="alumni")

    response = alice_client.get(reverse("targets:targets"))

    html = response.content.decode()
    assert "2/40" in html and "38 to go" in html
    assert "<strong>1</strong>dream employer" in html
    assert html.index("Top Co") < html.index("Low Co")
    assert "2 alumni" in html
    assert "None of your employers is marked under 500 people" in html


def test_an_empty_list_says_how_to_start(alice, alice_client) -> None:
    html = alice_client.get(reverse("targets:targets")).content.decode()

    assert "Start with 40 employers." in html
    assert reverse("targets:add") in html


def test_a_rating_saved_by_htmx_answers_the_row_and_the_top_five(alice, alice_client) -> None:
    listed = seven(alice)

    response = alice_client.post(
        reverse("targets:ratings"), {f"motivation-{listed['G'].pk}": "5"}, headers=HTMX
    )

    html = response.content.decode()
    assert f'<span id="rated-{listed["G"].pk}" class="rated small">Saved</span>' in html
    assert "G moved into your top five." in html
    assert "E is no longer in your top five" in html
    assert 'id="batch-list" hx-swap-oob="true"' in html
    listed["G"].refresh_from_db()
    assert listed["G"].motivation == 5 and listed["G"].posting == 1  # posting untouched


def test_a_refused_value_by_htmx_answers_the_row_not_the_page(alice, alice_client) -> None:
    listed = target(alice, "Northwind", 4, 2)

    response = alice_client.post(
        reverse("targets:ratings"), {f"motivation-{listed.pk}": "9"}, headers=HTMX
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<span id="rated-{listed.pk}" class="rated small rated--error">Not saved' in html
    assert "Motivation is a number from 1 to 5." in html
    assert "<html" not in html


def test_clearing_a_rating_by_htmx_makes_it_unrated(alice, alice_client) -> None:
    listed = target(alice, "Northwind", 4, 2)

    alice_client.post(reverse("targets:ratings"), {f"motivation-{listed.pk}": ""}, headers=HTMX)

    listed.refresh_from_db()
    assert (listed.motivation, listed.motivation_rated_at, listed.posting) == (None, None, 2)


def test_the_save_button_saves_the_whole_table_and_sorts_it(alice, alice_client) -> None:
    listed = seven(alice)
    data = {f"motivation-{t.pk}": str(t.motivation) for t in listed.values()}
    data |= {f"posting-{t.pk}": str(t.posting) for t in listed.values()}
    data[f"motivation-{listed['F'].pk}"] = "5"
    data[f"posting-{listed['F'].pk}"] = "3"

    response = alice_client.post(reverse("targets:ratings"), data, follow=True)

    html = response.content.decode()
    assert "Ratings saved. The list is sorted again." in html
    assert "F moved into your top five." in html
    assert [t.organization.name for t in queries.batch_for(alice)][:2] == ["A", "F"]


def test_a_bad_score_is_refused_and_nothing_changes(alice, alice_client) -> None:
    listed = seven(alice)

    response = alice_client.post(
        reverse("targets:ratings"),
        {f"motivation-{listed['A'].pk}": "1", f"motivation-{listed['B'].pk}": "9"},
        follow=True,
    )

    assert "Motivation is a number from 1 to 5." in response.content.decode()
    listed["A"].refresh_from_db()
    assert listed["A"].motivation == 5


def test_a_rating_of_someone_elses_target_changes_nothing_of_mine(
    alice, mallory, alice_client
) -> None:
    mine = target(alice, "Mine", 3, 2)
    theirs = target(mallory, "Theirs", 3, 2)

    response = alice_client.post(
        reverse("targets:ratings"),
        {f"motivation-{mine.pk}": "5", f"motivation-{theirs.pk}": "1"},
        follow=True,
    )

    assert "not on your list" in response.content.decode()
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.motivation, theirs.motivation) == (3, 3)


def test_the_rating_table_has_one_labelled_radio_group_per_score(alice, alice_client) -> None:
    listed = target(alice, "Northwind", 4, None)

    html = alice_client.get(reverse("targets:targets")).content.decode()

    assert '<legend class="visually-hidden">Motivation for Northwind</legend>' in html
    assert '<legend class="visually-hidden">Posting for Northwind</legend>' in html
    assert f'name="motivation-{listed.pk}" value="4" checked' in html
    assert f'name="posting-{listed.pk}" value="" checked' in html
    assert html.count(f'name="motivation-{listed.pk}"') == 6
    assert html.count(f'name="posting-{listed.pk}"') == 4


def test_a_long_list_is_paged(alice, alice_client) -> None:
    for n in range(55):
        services.add_by_name(owner=alice, name=f"Employer {n:02}")

    first = alice_client.get(reverse("targets:targets"))
    second = alice_client.get(reverse("targets:targets"), {"page": "2"})

    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 5
    assert "Page 1 of 2" in first.content.decode()


# Moving an employer along ----------------------------------------------------------------------


def test_closing_an_employer_says_which_one_moved_into_the_top_five(alice, alice_client) -> None:
    listed = seven(alice)

    response = alice_client.post(
        reverse("targets:status", args=[listed["C"].pk]),
        {"status": "closed", "outcome": "exhausted"},
        follow=True,
    )

    html = response.content.decode()
    assert "C: closed: exhausted." in html
    assert "F moved into your top five." in html


def test_removing_an_employer_keeps_its_organization(alice, alice_client) -> None:
    listed = target(alice, "Northwind", 4, 2, people=1)

    response = alice_client.post(reverse("targets:remove", args=[listed.pk]), follow=True)

    assert "Northwind is off your list" in response.content.decode()
    assert not Target.objects.filter(pk=listed.pk).exists()
    assert listed.organization.people.count() == 1


def test_the_target_page_saves_scores_size_and_notes(alice, alice_client) -> None:
    listed = target(alice, "Northwind", 2, 1)

    alice_client.post(
        reverse("targets:target", args=[listed.pk]),
        {
            "motivation": "5",
            "posting": "3",
            "source": "alumni",
            "size": "small",
            "notes": "Their careers page lists analyst roles.",
        },
    )

    listed.refresh_from_db()
    assert (listed.motivation, listed.posting, listed.source, listed.size) == (
        5,
        3,
        "alumni",
        "small",
    )
    assert listed.notes == "Their careers page lists analyst roles."


# Asking the first person ------------------------------------------------------------------------


def test_one_click_starts_the_conversation_and_opens_the_composer_with_a_draft(
    alice, alice_client
) -> None:
    alice.display_name, alice.school = "Alice Berger", "Lakeshore State"
    alice.save()
    listed = target(alice, "Northwind", 5, 3)
    dana = person(alice, "Dana Whitfield", "Northwind", title="Data Analyst", connection="alumni")

    response = alice_client.post(
        reverse("targets:ask", args=[listed.pk]), {"person": dana.pk}, follow=True
    )

    conversation = Conversation.objects.get(owner=alice, person=dana)
    assert conversation.stage == Stage.IDENTIFIED
    assert response.redirect_chain[-1][0] == (
        f"{reverse('outreach:compose', args=[conversation.pk])}?kind=request"
    )
    body = response.context["form"].initial["body"]
    assert body.startswith("Hi Dana")
    assert "Lakeshore State" in body


def test_asking_past_the_limit_is_refused_with_the_reason(alice, alice_client) -> None:
    listed = target(alice, "Northwind", 5, 3)
    in_stage(person(alice, "One", "Northwind"), "contacted")
    in_stage(person(alice, "Two", "Northwind"), "contacted")
    three = person(alice, "Three", "Northwind")

    response = alice_client.post(
        reverse("targets:ask", args=[listed.pk]), {"person": three.pk}, follow=True
    )

    assert "2 requests at Northwind are already waiting for a reply or being written." in (
        response.content.decode()
    )
    assert not three.conversations.exists()


def test_asking_someone_elses_person_is_404(alice, mallory, alice_client) -> None:
    listed = target(alice, "Northwind", 5, 3)
    theirs = person(mallory, "Their Person", "Northwind")

    response = alice_client.post(reverse("targets:ask", args=[listed.pk]), {"person": theirs.pk})

    assert response.status_code == 404
    assert not Conversation.objects.exists()


def test_the_top_five_shows_the_best_person_and_says_when_nobody_is_known(
    alice, alice_client
) -> None:
    target(alice, "Known Co", 5, 3)
    person(alice, "Al Alum", "Known Co", connection="alumni", title="Product Analyst")
    target(alice, "Unknown Co", 4, 3)

    html = alice_client.get(reverse("targets:targets")).content.decode()

    assert "Draft a request to Al" in html
    assert "You don't know anyone at Unknown Co yet." in html
    assert "Add someone at Unknown Co" in html
    assert reverse("imports:new") in html


# Panels on other pages -----------------------------------------------------------------------


def test_today_shows_whom_to_ask_next_when_nothing_is_due(alice, alice_client) -> None:
    target(alice, "Northwind", 5, 3)
    person(alice, "Al Alum", "Northwind", connection="alumni")

    html = alice_client.get(reverse("conversations:today")).content.decode()

    assert "Whom to ask next" in html
    assert "Draft a request to Al" in html


def test_today_leaves_whom_to_ask_out_while_something_is_due(alice, alice_client) -> None:
    target(alice, "Northwind", 5, 3)
    someone = person(alice, "Al Alum", "Northwind", connection="alumni")
    conversation = conversations.start_conversation(owner=alice, person=someone)
    reminders.add_reminder(
        conversation=conversation, title="Call Al", due_at=timezone.now() - timedelta(hours=1)
    )

    html = alice_client.get(reverse("conversations:today")).content.decode()

    assert "Whom to ask next" not in html


def test_today_invites_a_new_account_to_start_its_list(alice, alice_client) -> None:
    html = alice_client.get(reverse("conversations:today")).content.decode()

    assert "Start your target list" in html


def test_the_organization_page_adds_it_to_the_list_and_then_shows_its_place(
    alice, alice_client
) -> None:
    northwind = person(alice, "Dana", "Northwind").organization
    page = reverse("network:organization", args=[northwind.pk])

    before = alice_client.get(page).content.decode()
    alice_client.post(
        reverse("targets:add-organization", args=[northwind.pk]), {"source": "alumni"}
    )
    after = alice_client.get(page).content.decode()

    assert "Add to my target list" in before
    assert Target.objects.get(owner=alice, organization=northwind).source == "alumni"
    assert "On your target list: <strong>Active</strong>" in after
    assert "number 1 of your top five" in after


def test_the_after_page_asks_to_rerate_the_employer(alice, alice_client) -> None:
    listed = target(alice, "Northwind", 3, 2)
    conversation = in_stage(person(alice, "Dana", "Northwind"), "contacted", "replied", "met")
    after = reverse("prep:after", args=[conversation.pk])

    html = alice_client.get(after).content.decode()
    response = alice_client.post(
        reverse("targets:ratings"), {f"motivation-{listed.pk}": "3", "confirm": "1", "next": after}
    )

    assert "How much do you want to work there now?" in html
    assert response["Location"] == after
    listed.refresh_from_db()
    assert listed.motivation_rated_at > conversation.stage_changed_at


def test_the_list_page_asks_to_rerate_after_a_conversation(alice, alice_client) -> None:
    listed = target(alice, "Northwind", 3, 2)
    Target.objects.filter(pk=listed.pk).update(
        motivation_rated_at=timezone.now() - timedelta(days=3)
    )
    in_stage(person(alice, "Dana", "Northwind"), "contacted", "replied", "met")

    html = alice_client.get(reverse("targets:targets")).content.decode()

    assert "Re-rate after your conversations" in html


def test_the_first_run_step_counts_toward_40(alice) -> None:
    for n in range(3):
        target(alice, f"Employer {n}")

    [step] = [s for s in firstrun.checklist_for(alice) if s.step.key == "targets"]

    assert (step.done, step.goal, step.complete) == (3, 40, False)
    assert step.url == reverse("targets:targets")


# Costs ---------------------------------------------------------------------------------------


def grow(owner, employers: int, people_each: int, offset: int = 0) -> None:
    for n in range(offset, offset + employers):
        name = f"Employer {n:03}"
        for m in range(people_each):
            someone = person(
                owner, f"P{n}-{m}", name, connection=["alumni", "referral", "cold"][m % 3]
            )
            if m == 1:
                in_stage(someone, "contacted")
            if m == 2:
                in_stage(someone, "contacted", "replied", "met")
        services.add_by_name(owner=owner, name=name)
        services.rate(
            target=Target.objects.get(owner=owner, organization__name=name),
            motivation=n % 5 + 1,
            posting=n % 3 + 1,
        )


def test_the_list_page_costs_the_same_queries_for_8_or_60_employers(
    alice, alice_client, django_assert_max_num_queries
) -> None:
    grow(alice, 8, 2)
    few = count_queries(alice_client, reverse("targets:targets"))
    grow(alice, 52, 4, offset=8)

    with django_assert_max_num_queries(few):
        response = alice_client.get(reverse("targets:targets"))
    assert len(response.context["rows"]) == 50
    assert len(response.context["points"]) == 5


def test_today_costs_the_same_queries_for_small_and_large_lists(
    alice, alice_client, django_assert_max_num_queries
) -> None:
    grow(alice, 6, 2)
    few = count_queries(alice_client, reverse("conversations:today"))
    grow(alice, 40, 4, offset=6)

    with django_assert_max_num_queries(few):
        response = alice_client.get(reverse("conversations:today"))
    assert "Whom to ask next" in response.content.decode()
