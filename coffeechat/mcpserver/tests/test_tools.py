"""The tools through the SDK's own client, connected in process (the fast inner loop).

The same server object answers over stdio (test_stdio.py) and HTTP (test_http.py).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from coffeechat.conversations import reminders
from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Note, Reminder, SlotProposal
from coffeechat.lib.testing.mcp import call, in_process, text_of
from coffeechat.mcpserver.server import SPECS
from coffeechat.network import services as network
from coffeechat.outreach.models import Message
from coffeechat.prep import services as prep
from coffeechat.prep.models import Capture
from coffeechat.targets import services as targets
from coffeechat.targets.models import Target


def test_it_lists_every_tool_and_marks_which_ones_change_data(alice) -> None:
    listed = in_process(alice, lambda client: client.list_tools()).tools

    by_name = {tool.name: tool for tool in listed}
    assert sorted(by_name) == sorted(spec.fn.__name__ for spec in SPECS)
    writers = sorted(name for name, tool in by_name.items() if not tool.annotations.read_only_hint)
    assert writers == [
        "add_target",
        "complete_reminder",
        "draft_message",
        "move_stage",
        "offer_times",
        "rate_target",
        "record_capture",
        "record_note",
    ]
    assert all(len(tool.description) > 60 for tool in listed)
    assert "owner" not in str(by_name["search_people"].input_schema)


def test_search_people_finds_her_people_and_nobody_elses(dana, mallorys_person) -> None:
    alice = dana.owner

    found = call(alice, "search_people", query="north").structured_content
    everyone = call(alice, "search_people").structured_content

    assert found["total"] == 1
    assert found["people"][0]["name"] == "Dana Whitfield"
    assert found["people"][0]["organization"] == "Northwind"
    assert [p["name"] for p in everyone["people"]] == ["Dana Whitfield"]
    assert call(alice, "search_people", query="Mallorysfriend").structured_content["total"] == 0


def test_search_caps_the_list_and_still_counts_everyone(alice) -> None:
    for n in range(12):
        network.add_person(owner=alice, full_name=f"Person {n:02}", organization_name="Acme")

    people = call(alice, "search_people", query="person", limit=5).structured_content
    organizations = call(alice, "search_organizations", query="acm").structured_content

    assert people["total"] == 12
    assert len(people["people"]) == 5
    assert organizations["organizations"][0] | {"id": 0} == {
        "id": 0,
        "name": "Acme",
        "industry": "",
        "location": "",
        "people_count": 12,
    }


def test_a_limit_beyond_the_cap_is_refused_by_the_schema(alice) -> None:
    result = call(alice, "search_people", limit=5000)

    assert result.is_error
    assert "limit" in text_of(result)


def test_show_person_has_their_conversations_and_notes(dana) -> None:
    shown = call(dana.owner, "show_person", person_id=dana.person_id).structured_content

    assert shown["name"] == "Dana Whitfield"
    assert shown["conversations"] == [
        {
            "id": dana.pk,
            "person_id": dana.person_id,
            "person": "Dana Whitfield",
            "stage": "contacted",
            "stage_label": "Contacted",
            "purpose": "how data teams work",
        }
    ]
    assert [n["text"] for n in shown["notes"]] == ["Met at the PyData meetup; loves SQL."]
    assert shown["url"].endswith(f"/people/{dana.person_id}/")


def test_show_conversation_says_where_it_can_go_and_what_it_needs(dana) -> None:
    shown = call(dana.owner, "show_conversation", conversation_id=dana.pk).structured_content

    assert shown["stage"] == "contacted"
    assert "replied" in shown["can_move_to"] and "no_reply" in shown["can_move_to"]
    assert shown["next_message_kind"] == "follow_up"
    assert {r["kind"] for r in shown["reminders"]} == {"try_another", "follow_up"}


@pytest.mark.parametrize(
    ("tool", "arguments"),
    [
        ("show_person", {"person_id": "person"}),
        ("show_conversation", {"conversation_id": "conversation"}),
        ("record_note", {"person_id": "person", "text": "Injected"}),
        ("draft_message", {"person_id": "person", "body": "Injected"}),
        ("move_stage", {"conversation_id": "conversation", "stage": "declined"}),
        ("complete_reminder", {"reminder_id": "reminder"}),
        ("record_capture", {"conversation_id": "conversation", "kind": "advice", "text": "x"}),
    ],
)
def test_another_users_ids_read_as_not_found_and_change_nothing(
    dana, mallory, tool, arguments
) -> None:
    mallorys_conversation = conversations.start_conversation(
        owner=mallory, person=network.add_person(owner=mallory, full_name="Mallory Friend")
    )
    conversations.move_to_stage(conversation=mallorys_conversation, stage="contacted")
    ids = {
        "person": mallorys_conversation.person_id,
        "conversation": mallorys_conversation.pk,
        "reminder": mallorys_conversation.reminders.first().pk,
    }
    before = (
        Note.objects.count(),
        Message.objects.count(),
        Capture.objects.count(),
        list(Reminder.objects.values_list("status", flat=True).order_by("pk")),
    )

    result = call(dana.owner, tool, **{k: ids.get(v, v) for k, v in arguments.items()})

    assert result.is_error
    assert "in your coffeechat" in text_of(result) and "No " in text_of(result)
    mallorys_conversation.refresh_from_db()
    assert mallorys_conversation.stage == "contacted"
    assert before == (
        Note.objects.count(),
        Message.objects.count(),
        Capture.objects.count(),
        list(Reminder.objects.values_list("status", flat=True).order_by("pk")),
    )


def test_a_read_only_caller_reads_but_every_write_is_refused(dana) -> None:
    alice = dana.owner
    notes = Note.objects.count()

    read = call(alice, "show_person", can_write=False, person_id=dana.person_id)
    write = call(
        alice, "record_note", can_write=False, person_id=dana.person_id, text="Should not be kept"
    )

    assert not read.is_error
    assert write.is_error
    assert "may only read" in text_of(write) and "Nothing was changed" in text_of(write)
    assert Note.objects.count() == notes


def test_draft_message_keeps_one_draft_lints_it_and_sends_nothing(dana) -> None:
    alice = dana.owner

    first = call(alice, "draft_message", conversation_id=dana.pk).structured_content
    revised = call(
        alice,
        "draft_message",
        conversation_id=dana.pk,
        kind="follow_up",
        body="Hi Dana, I wanted to follow up on my note about {school}.",
    )
    revised = revised.structured_content

    assert first["kind"] == "follow_up" and first["sent"] is False
    assert first["body"].startswith("Hi Dana")
    assert revised["draft_id"] == first["draft_id"]
    assert revised["has_errors"] is True
    assert any(f["rule"] == "RULE-D1" and f["excerpt"] == "{school}" for f in revised["findings"])
    assert {"placeholder": "{school}", "meaning": "your school"} in revised["unfilled_placeholders"]
    assert revised["subject"] == first["subject"]  # kept from the saved draft
    draft = Message.objects.get(pk=first["draft_id"])
    assert draft.status == Message.Status.DRAFT and draft.sent_at is None
    assert draft.body == "Hi Dana, I wanted to follow up on my note about {school}."
    assert Message.objects.count() == 1


def test_draft_message_to_a_person_starts_their_conversation(alice) -> None:
    person = network.add_person(owner=alice, full_name="Sam Okafor", email="sam@example.org")

    drafted = call(alice, "draft_message", person_id=person.pk).structured_content

    assert drafted["kind"] == "request"
    assert drafted["to_email"] == "sam@example.org"
    assert person.conversations.get().pk == drafted["conversation_id"]


def test_a_bad_address_is_refused_with_the_forms_words_and_nothing_is_kept(dana) -> None:
    alice = dana.owner
    sam = network.add_person(owner=alice, full_name="Sam Okafor")

    result = call(alice, "draft_message", conversation_id=dana.pk, to_email="not-an-email")
    for_sam = call(alice, "draft_message", person_id=sam.pk, to_email="not-an-email")

    assert result.is_error
    assert "to_email" in text_of(result) and "valid email" in text_of(result)
    assert for_sam.is_error
    assert Message.objects.count() == 0
    assert not sam.conversations.exists()  # the conversation it would have started


def test_lint_message_reads_the_text_without_saving_it(dana) -> None:
    result = call(
        dana.owner,
        "lint_message",
        conversation_id=dana.pk,
        kind="linkedin_note",
        body="Hi " + "very long note " * 30,
    ).structured_content

    assert result["has_errors"] is True
    assert result["characters"] > 300
    assert Message.objects.count() == 0


def test_record_note_and_capture_keep_the_users_words(dana) -> None:
    alice = dana.owner

    note = call(alice, "record_note", conversation_id=dana.pk, text="Prefers mornings.")
    capture = call(
        alice,
        "record_capture",
        conversation_id=dana.pk,
        kind="advice",
        text="  Learn   dbt before applying. ",
    )
    empty = call(alice, "record_note", person_id=dana.person_id, text="   ")
    referral = call(alice, "record_capture", conversation_id=dana.pk, kind="referral", text="x")

    assert Note.objects.get(pk=note.structured_content["note_id"]).conversation_id == dana.pk
    assert capture.structured_content["text"] == "Learn dbt before applying."
    assert empty.is_error and "body" in text_of(empty)
    assert referral.is_error and Capture.objects.count() == 1


def test_move_stage_replans_reminders_and_explains_a_refused_move(dana) -> None:
    alice = dana.owner

    moved = call(alice, "move_stage", conversation_id=dana.pk, stage="replied").structured_content
    refused = call(alice, "move_stage", conversation_id=dana.pk, stage="no_reply")
    future = call(
        alice,
        "move_stage",
        conversation_id=dana.pk,
        stage="scheduled",
        on=(timezone.localdate() + timedelta(days=5)).isoformat(),
    )

    assert moved["stage"] == "replied"
    assert [r["kind"] for r in moved["open_reminders"]] == ["reply"]
    assert refused.is_error and "can't move to closed: no reply" in text_of(refused)
    assert future.is_error and "future" in text_of(future)
    dana.refresh_from_db()
    assert dana.stage == "replied"


def test_offer_times_keeps_them_and_writes_the_reply_in_their_zone(dana) -> None:
    alice = dana.owner
    conversations.move_to_stage(conversation=dana, stage="replied")
    day = (timezone.localdate() + timedelta(days=3)).isoformat()

    offered = call(
        alice, "offer_times", conversation_id=dana.pk, times=[f"{day}T10:00", f"{day}T14:30"]
    ).structured_content
    no_place = call(
        alice,
        "offer_times",
        conversation_id=dana.pk,
        mode="in_person",
        times=[f"{day}T10:00", f"{day}T11:00"],
    )
    one = call(alice, "offer_times", conversation_id=dana.pk, times=[f"{day}T10:00"])

    assert [s["starts_at"][11:16] for s in offered["offered"]] == ["10:00", "14:30"]
    assert offered["offered"][0]["starts_at"].endswith(("-05:00", "-04:00"))  # New York
    assert "Would one of these times suit you?" in offered["reply"]
    assert offered["sent"] is False
    assert no_place.is_error and "Where will you meet?" in text_of(no_place)
    assert one.is_error
    assert SlotProposal.objects.filter(conversation=dana).count() == 2


def test_today_agenda_lists_what_is_due_and_complete_reminder_clears_it(dana) -> None:
    alice = dana.owner
    due = reminders.add_reminder(
        conversation=dana, title="Send Dana the article", due_at=timezone.now() - timedelta(hours=1)
    )

    agenda = call(alice, "today_agenda").structured_content
    done = call(alice, "complete_reminder", reminder_id=due.pk).structured_content
    after = call(alice, "list_reminders", period="due").structured_content

    assert [r["title"] for r in agenda["overdue"]] == ["Send Dana the article"]
    assert agenda["conversations_by_stage"]["contacted"] == 1
    assert agenda["time_zone"] == "America/New_York"
    assert done["status"] == "done"
    assert "Send Dana the article" not in [r["title"] for r in after["reminders"]]


def test_target_list_shows_the_top_five_with_advocacy(dana) -> None:
    alice = dana.owner
    northwind = targets.add_by_name(owner=alice, name="Northwind", source="dream")
    targets.rate(target=northwind, motivation=5, posting=3)
    targets.add_by_name(owner=alice, name="Globex", source="posting")

    listed = call(alice, "target_list").structured_content

    assert listed["total"] == 2 and listed["goal"] == 40
    first = listed["targets"][0]
    assert (first["organization"], first["advocacy"], first["in_top_five"]) == (
        "Northwind",
        "Y",
        True,
    )
    assert listed["targets"][1]["organization"] == "Globex"


def test_add_target_puts_an_employer_on_the_list_and_says_it_entered_the_top_five(dana) -> None:
    alice = dana.owner

    added = call(alice, "add_target", name="northwind", source="dream", motivation=5, posting=3)
    again = call(alice, "add_target", name="Northwind")

    row = added.structured_content
    assert (row["organization"], row["organization_id"]) == (
        "Northwind",
        dana.person.organization_id,
    )
    assert (row["advocacy"], row["in_top_five"], row["state"]) == ("Y", True, "Active")
    assert row["top_five_changes"] == ["Northwind moved into your top five."]
    assert again.is_error and "Northwind is already on your target list." in text_of(again)


def test_rate_target_rescores_and_refuses_a_score_out_of_range(dana) -> None:
    alice = dana.owner
    northwind = targets.add_by_name(owner=alice, name="Northwind")

    rated = call(alice, "rate_target", target_id=northwind.pk, motivation=4, posting=2)
    refused = call(alice, "rate_target", target_id=northwind.pk, motivation=9)

    assert (rated.structured_content["motivation"], rated.structured_content["posting"]) == (4, 2)
    assert refused.is_error and "motivation" in text_of(refused)
    northwind.refresh_from_db()
    assert northwind.motivation == 4


def test_target_tools_do_not_reach_someone_elses_rows(dana, mallory, mallorys_person) -> None:
    alice = dana.owner
    hers = targets.add_target(owner=mallory, organization=mallorys_person.organization)

    rated = call(alice, "rate_target", target_id=hers.pk, motivation=1)
    added = call(alice, "add_target", organization_id=mallorys_person.organization_id)

    assert rated.is_error and f"No target with id {hers.pk}" in text_of(rated)
    assert added.is_error and "No organization with id" in text_of(added)
    hers.refresh_from_db()
    assert hers.motivation is None
    assert not Target.objects.filter(owner=alice).exists()


def test_a_read_only_caller_cannot_rate_a_target(dana) -> None:
    northwind = targets.add_by_name(owner=dana.owner, name="Northwind")

    refused = call(dana.owner, "rate_target", can_write=False, target_id=northwind.pk, motivation=5)

    assert refused.is_error and "may only read" in text_of(refused)
    northwind.refresh_from_db()
    assert northwind.motivation is None


def test_strategy_themes_name_what_two_people_said(dana) -> None:
    alice = dana.owner
    other = conversations.start_conversation(
        owner=alice, person=network.add_person(owner=alice, full_name="Lee Park")
    )
    for conversation in (dana, other):
        prep.add_capture(
            conversation=conversation,
            kind="advice",
            text="Practice storytelling with data before interviews.",
        )

    themes = call(alice, "strategy_themes").structured_content

    theme = next(t for t in themes["themes"] if "storytelling" in t["name"].lower())
    assert theme["people_count"] == 2
    assert {s["person"] for s in theme["said"]} == {"Dana Whitfield", "Lee Park"}


def _grow(owner, start: int, count: int) -> int:
    for n in range(start, start + count):
        person = network.add_person(
            owner=owner,
            full_name=f"Contact {n:03}",
            organization_name=f"Org {n % 7}",
            tag_names=["fair"],
        )
        conversation = conversations.start_conversation(owner=owner, person=person)
        conversations.move_to_stage(conversation=conversation, stage="contacted")
        reminders.add_reminder(
            conversation=conversation, title=f"Call {n}", due_at=timezone.now() - timedelta(hours=1)
        )
        conversations.add_note(person=person, body=f"Note {n}")
    return person.pk


@pytest.mark.parametrize(
    ("tool", "arguments"),
    [
        ("search_people", {"query": "contact", "limit": 50}),
        ("today_agenda", {}),
        ("list_reminders", {}),
        ("search_organizations", {}),
        ("target_list", {}),
    ],
)
def test_its_query_count_does_not_grow_with_the_network(alice, tool, arguments) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for start, size in ((0, 2), (2, 10)):
        _grow(alice, start, size)
        with CaptureQueriesContext(connection) as queries:
            assert not call(alice, tool, **arguments).is_error
        counts.append(len(queries))

    assert counts[0] == counts[1]
