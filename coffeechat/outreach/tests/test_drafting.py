"""Built-in templates: chosen by connection, filled from the database, clean under their lint."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from coffeechat.network.models import Person
from coffeechat.outreach import drafting, gate, lint, lint_findings, services
from coffeechat.outreach.models import MessageKind
from coffeechat.outreach.tests.factories import (
    introduce,
    make_conversation,
    make_recipient,
    profile,
)
from coffeechat.prep import services as prep

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=ZoneInfo("UTC"))  # a Monday
Connection = Person.Connection
MET_AT = {
    Connection.ALUMNI: "",
    Connection.REFERRAL: "",
    Connection.KNOWN: "the analytics guild offsite in 2024",
    Connection.GROUP: "the Women in Data Slack community",
    Connection.EVENT: "the Data Days conference in Boston",
    Connection.FAN: "your article on choosing product metrics",
    Connection.COLD: "a LinkedIn search for analytics leaders",
}
CASES = [(kind, connection) for kind in MessageKind.values for connection in Connection.values]


def conversation_for(alice, connection: str):
    profile(alice)
    person = make_recipient(alice, connection=connection, met_at=MET_AT[connection])
    if connection == Connection.REFERRAL:
        introduce(alice, person)
    return make_conversation(alice, person=person)


@pytest.mark.parametrize(("kind", "connection"), CASES)
def test_every_built_in_passes_its_own_lint(kind: str, connection: str, alice) -> None:
    conversation = conversation_for(alice, connection)
    if kind == MessageKind.THANK_YOU:  # a thank-you cites what they said (RULE-T1)
        prep.add_capture(
            conversation=conversation,
            kind="advice",
            now=NOW,
            text="Build a small portfolio project with public transit data",
        )
    template = drafting.suggested(kind, connection)

    subject, body = services.prefill(
        conversation=conversation, kind=kind, template=f"builtin:{template.key}", now=NOW
    )
    findings = gate.lint_message(conversation=conversation, kind=kind, subject=subject, body=body)

    assert drafting.unfilled(subject + body) == []
    assert [f for f in findings if f.is_error] == [], body
    assert [f.rule for f in findings] == [], body


@pytest.mark.parametrize(
    ("connection", "key"),
    [
        ("alumni", "alumni"),
        ("referral", "referred"),
        ("fan", "fan"),
        ("group", "shared"),
        ("event", "shared"),
        ("known", "shared"),
        ("cold", "cold"),
    ],
)
def test_it_suggests_the_request_template_for_the_connection(connection: str, key: str) -> None:
    assert drafting.suggested(MessageKind.REQUEST, connection).key == key


def test_it_fills_the_alumni_template_from_person_profile_and_purpose(alice) -> None:
    conversation = conversation_for(alice, Connection.ALUMNI)

    subject, body = services.prefill(conversation=conversation, kind=MessageKind.REQUEST, now=NOW)

    assert subject == "Fellow State University alum: your advice on product analytics"
    assert body.startswith("Hi Dana,\n\nI'm a fellow State University graduate")
    assert "product analytics, especially health tech" in body
    assert "your work as Analytics Lead at Northwind" in body
    assert "20-minute call" in body
    assert body.endswith("Thank you,\nAlice Martin\nhttps://www.linkedin.com/in/alice-martin\n")


def test_it_names_the_introducer_when_referred(alice) -> None:
    conversation = conversation_for(alice, Connection.REFERRAL)

    subject, body = services.prefill(conversation=conversation, kind=MessageKind.REQUEST, now=NOW)

    assert subject == "Sam Rivera suggested I reach out"
    assert "Sam Rivera suggested I get in touch with you." in body
    assert "your insight on how analytics teams choose what to measure" in body


@pytest.mark.parametrize("connection", [Connection.KNOWN, Connection.GROUP, Connection.EVENT])
def test_it_says_connected_on_linkedin_for_an_imported_connection(connection: str, alice) -> None:
    # A LinkedIn import says met_at="LinkedIn": "We met at LinkedIn" would be nonsense.
    profile(alice)
    person = make_recipient(alice, connection=connection, met_at="LinkedIn")
    conversation = make_conversation(alice, person=person)

    subject, body = services.prefill(conversation=conversation, kind=MessageKind.REQUEST, now=NOW)

    assert subject == "Our LinkedIn connection: your advice on product analytics"
    assert "We're connected on LinkedIn, and your work as Analytics Lead" in body
    assert "since LinkedIn" not in body and "at LinkedIn" not in body
    assert [
        f.rule
        for f in lint.lint(lint_findings.Draft(body=body, subject=subject))
        if f.severity == lint_findings.ERROR
    ] == []


def test_it_leaves_what_it_doesnt_know_visible(alice) -> None:
    person = make_recipient(alice, connection=Connection.ALUMNI)
    conversation = make_conversation(alice, person=person)

    subject, body = services.prefill(conversation=conversation, kind=MessageKind.REQUEST, now=NOW)

    assert drafting.unfilled(subject + body) == ["{school}", "{field_broad}", "{interest}"]


def test_it_offers_three_times_on_the_next_business_days(alice) -> None:
    conversation = conversation_for(alice, Connection.ALUMNI)

    _, body = services.prefill(conversation=conversation, kind=MessageKind.ACCEPT, now=NOW)

    # alice works in New York, Monday to Friday, US holidays off: Monday 23 Nov 2026 -> Tue,
    # Wed, then Friday (Thursday is Thanksgiving).
    assert "Tue 24 Nov, 10:00 · Wed 25 Nov, 14:00 · Fri 27 Nov, 11:00" in body
    assert "(times in America/New_York)" in body


def test_it_fills_a_users_own_template(alice) -> None:
    conversation = conversation_for(alice, Connection.ALUMNI)
    mine = services.create_template(
        owner=alice,
        name="Short",
        kind=MessageKind.REQUEST,
        subject="Hello {first_name}",
        body="Hi {first_name} at {organization}, {unknown} stays.",
    )

    subject, body = services.prefill(
        conversation=conversation, kind=MessageKind.REQUEST, template=f"mine:{mine.pk}", now=NOW
    )

    assert (subject, body) == ("Hello Dana", "Hi Dana at Northwind, {unknown} stays.")


def test_the_linkedin_note_fits_the_free_limit_with_long_names(alice) -> None:
    profile(alice, field_broad="product management in health technology")
    person = make_recipient(
        alice,
        connection=Connection.EVENT,
        full_name="Maximiliana Okonkwo-Lee",
        met_at="the Product Leaders Summit in San Francisco",
    )
    conversation = make_conversation(alice, person=person)

    _, body = services.prefill(conversation=conversation, kind=MessageKind.LINKEDIN_NOTE, now=NOW)

    assert len(body) <= 200
    assert (
        lint.lint(
            lint_findings.Draft(
                body=body, kind="linkedin_note", connection="event", met_at=person.met_at
            )
        )
        == []
    )


def test_times_suggested_on_a_sunday_start_on_monday() -> None:
    from coffeechat.lib.businessdays import WorkingCalendar

    calendar = WorkingCalendar(zone=ZoneInfo("Europe/Berlin"))
    sunday = datetime(2026, 3, 22, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))

    days = [slot.strftime("%a %d") for slot in drafting.slots_after(calendar, sunday)]

    assert days == ["Mon 23", "Tue 24", "Wed 25"]
