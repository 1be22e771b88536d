"""Resumes through their services: profile, editing, versions, comparing, the critique loop."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from coffeechat.conversations import services as conversation_services
from coffeechat.network import services as network_services
from coffeechat.profile import services as profile_services
from coffeechat.resumes import compare, critique, editing, from_profile, queries, services
from coffeechat.resumes import document as doc
from coffeechat.resumes.models import Resume, Suggestion

pytestmark = pytest.mark.django_db


def _resume(owner, **document) -> Resume:
    base = {
        "basics": {"name": "Alice"},
        "work": [
            {
                "name": "Acme",
                "position": "Analyst",
                "startDate": "2020-01",
                "endDate": "2022-01",
                "highlights": ["Built 3 tools", "Cut costs 10%"],
            },
            {"name": "Globex", "position": "Intern", "startDate": "2019"},
        ],
    }
    base.update(document)
    return services.create_resume(owner=owner, name="Base", document=base)


def _document(resume: Resume) -> dict:
    resume.refresh_from_db()
    return doc.loads(resume.document)


# From the profile -------------------------------------------------------------------------------


def test_a_base_resume_takes_the_profile_positions_schools_skills_and_who_you_are(alice):
    alice.display_name, alice.field_broad = "Alice Liddell", "Data analyst"
    alice.profile_url, alice.phone = "https://alice.example.org", "+1 312 555 0142"
    alice.save()
    profile_services.add_position(
        owner=alice,
        organization_name="Acme",
        title="Analyst",
        location="Chicago",
        description="Claims reporting.\n• Cut report time by 40%\n• Built 3 dashboards",
        started_on=date(2021, 3, 1),
    )
    profile_services.add_position(
        owner=alice,
        organization_name="Globex",
        title="Intern",
        started_on=date(2019, 6, 1),
        finished_on=date(2019, 8, 1),
    )
    profile_services.add_education(
        owner=alice,
        school="Oregon State",
        degree="BS",
        started_on=date(2015, 1, 1),
        finished_on=date(2019, 1, 1),
    )
    profile_services.add_skill(owner=alice, name="SQL")
    profile_services.add_skill(owner=alice, name="Python", rating=4)

    resume = from_profile.build_from_profile(owner=alice)

    document = _document(resume)
    assert document["basics"] == {
        "name": "Alice Liddell",
        "label": "Data analyst",
        "email": alice.email,
        "phone": "+1 312 555 0142",
        "url": "https://alice.example.org",
    }
    assert document["work"][0] == {
        "name": "Acme",
        "position": "Analyst",
        "location": "Chicago",
        "startDate": "2021-03",
        "summary": "Claims reporting.",
        "highlights": ["Cut report time by 40%", "Built 3 dashboards"],
    }
    assert document["work"][1]["endDate"] == "2019-08"
    assert document["education"] == [
        {"institution": "Oregon State", "studyType": "BS", "startDate": "2015", "endDate": "2019"}
    ]
    assert document["skills"] == [{"name": "SQL"}, {"name": "Python", "level": "Advanced"}]
    assert resume.versions.get().change == "Built from your profile"


def test_names_stay_unique_per_owner(alice, mallory):
    first = _resume(alice)
    second = _resume(alice)
    theirs = _resume(mallory)

    assert (first.name, second.name, theirs.name) == ("Base", "Base (2)", "Base")


# Editing ----------------------------------------------------------------------------------------


def test_reordering_entries_and_bullets_keeps_what_is_hidden_with_its_item(alice):
    resume = _resume(alice)
    editing.set_hidden(resume=resume, section="work", index=0, bullet=1, hidden=True)

    editing.move_entry(resume=resume, section="work", index=0, direction="down")
    editing.move_bullet(resume=resume, section="work", index=1, bullet=1, direction="up")

    document = _document(resume)
    assert [w["name"] for w in document["work"]] == ["Globex", "Acme"]
    assert document["work"][1]["highlights"] == ["Cut costs 10%", "Built 3 tools"]
    assert doc.hidden_of(document) == ["/work/1/highlights/0"]
    assert doc.printable(document)["work"][1]["highlights"] == ["Built 3 tools"]


def test_moving_past_the_end_says_so_and_changes_nothing(alice):
    resume = _resume(alice)

    with pytest.raises(ValidationError, match="already at the top"):
        editing.move_entry(resume=resume, section="work", index=0, direction="up")

    assert resume.versions.count() == 1


def test_removing_an_entry_shifts_the_hidden_pointers_after_it(alice):
    resume = _resume(
        alice, volunteer=[{"organization": "A"}, {"organization": "B"}, {"organization": "C"}]
    )
    editing.set_hidden(resume=resume, section="volunteer", index=2, hidden=True)
    editing.set_hidden(resume=resume, section="volunteer", index=0, hidden=True)

    editing.delete_entry(resume=resume, section="volunteer", index=0)

    document = _document(resume)
    assert [v["organization"] for v in document["volunteer"]] == ["B", "C"]
    assert doc.hidden_of(document) == ["/volunteer/1"]


def test_an_edited_entry_keeps_fields_the_editor_does_not_know_and_their_order(alice):
    resume = _resume(
        alice,
        work=[
            {
                "x-team": 4,
                "name": "Acme",
                "position": "Analyst",
                "summary": "Old",
                "highlights": ["Built 3 tools"],
            }
        ],
    )

    editing.save_entry(
        resume=resume,
        section="work",
        index=0,
        values={"name": "Acme Corp", "position": "Analyst", "summary": "", "startDate": "2021-05"},
    )

    assert list(_document(resume)["work"][0].items()) == [
        ("x-team", 4),
        ("name", "Acme Corp"),
        ("position", "Analyst"),
        ("highlights", ["Built 3 tools"]),
        ("startDate", "2021-05"),
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("March 2022", "YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2022-13", "no month 13"),
        ("2022-02-30", "doesn't exist"),
    ],
)
def test_a_date_in_another_form_is_refused_with_a_clear_error(alice, value, message):
    resume = _resume(alice)

    with pytest.raises(ValidationError) as caught:
        editing.save_entry(resume=resume, section="work", index=0, values={"startDate": value})

    assert message in caught.value.message_dict["startDate"][0]
    assert _document(resume)["work"][0]["startDate"] == "2020-01"


def test_an_end_before_the_start_is_refused(alice):
    resume = _resume(alice)

    with pytest.raises(ValidationError, match="before the start"):
        editing.save_entry(resume=resume, section="work", index=0, values={"endDate": "2019-05"})


def test_a_change_from_a_stale_page_is_refused_and_nothing_is_lost(alice):
    resume = _resume(alice)
    stale = resume.revision
    editing.save_bullet(resume=resume, section="work", index=0, bullet=0, text="Led 3 teams")

    with pytest.raises(ValidationError, match="changed since you opened"):
        editing.save_bullet(
            resume=resume, section="work", index=0, bullet=0, text="Old tab text", revision=stale
        )

    assert _document(resume)["work"][0]["highlights"][0] == "Led 3 teams"


def test_adding_an_entry_to_a_section_the_file_lacks_creates_it(alice):
    resume = _resume(alice)

    editing.save_entry(
        resume=resume,
        section="certificates",
        values={"name": "Tableau Specialist", "date": "2021-05-20"},
    )
    editing.save_entry(
        resume=resume,
        section="profiles",
        values={"network": "LinkedIn", "url": "https://linkedin.example/x"},
    )

    document = _document(resume)
    assert document["certificates"] == [{"name": "Tableau Specialist", "date": "2021-05-20"}]
    assert document["basics"]["profiles"] == [
        {"network": "LinkedIn", "url": "https://linkedin.example/x"}
    ]


def test_the_resume_in_hand_reads_as_saved_after_each_change(alice):
    resume = _resume(alice)
    created = resume.updated_at

    editing.save_entry(resume=resume, section="work", index=1, values={"position": "Analyst"})

    saved = Resume.objects.get(pk=resume.pk)
    assert (resume.document, resume.revision) == (saved.document, 2)
    assert resume.updated_at == saved.updated_at > created


# Versions and compare ---------------------------------------------------------------------------


def test_every_change_is_a_version_and_a_restore_loses_nothing(alice):
    resume = _resume(alice)
    editing.save_bullet(
        resume=resume, section="work", index=0, bullet=0, text="Built 5 tools for 40 users"
    )
    editing.set_hidden(resume=resume, section="work", index=1, hidden=True)

    first = resume.versions.get(number=1)
    restored = services.restore(version=first)

    assert list(resume.versions.values_list("number", flat=True)) == [4, 3, 2, 1]
    assert restored.change == "Restored version 1"
    assert restored.document == first.document == Resume.objects.get(pk=resume.pk).document
    assert "Built 5 tools" in resume.versions.get(number=3).document


def test_compare_reads_per_section_entry_and_bullet(alice):
    resume = _resume(alice)
    old = _document(resume)
    editing.save_bullet(
        resume=resume, section="work", index=0, bullet=0, text="Built 5 tools for 40 users"
    )
    editing.save_bullet(resume=resume, section="work", index=0, text="Led 2 launches")
    editing.set_hidden(resume=resume, section="work", index=1, hidden=True)
    editing.move_entry(resume=resume, section="work", index=1, direction="up")
    editing.save_entry(resume=resume, section="skills", values={"name": "SQL"})
    editing.update_basics(resume=resume, values={"name": "Alice L."})

    sections = compare.compare(old, _document(resume))

    by_title = {s.title: s.changes for s in sections}
    assert set(by_title) == {"Basics", "Work", "Skills"}
    assert [(c.kind, c.what, c.old, c.new) for c in by_title["Basics"]] == [
        ("changed", "Name", "Alice", "Alice L.")
    ]
    assert [(c.kind, c.what) for c in by_title["Skills"]] == [("added", "SQL")]
    work = {(c.kind, c.what) for c in by_title["Work"]}
    assert ("hidden", "Intern · Globex") in work
    assert ("moved", "Analyst · Acme") in work
    [acme] = [c for c in by_title["Work"] if c.kind == "changed"]
    assert [(d.kind, d.what, d.old, d.new) for d in acme.details] == [
        ("changed", "Bullet 1", "Built 3 tools", "Built 5 tools for 40 users"),
        ("added", "Bullet 3", "", "Led 2 launches"),
    ]
    assert compare.summary(old, old) == "No change"


# The critique loop ------------------------------------------------------------------------------


def _conversation(owner, organization="Tandem Route"):
    person = network_services.add_person(
        owner=owner, full_name="Grace Liu", organization_name=organization
    )
    return conversation_services.start_conversation(owner=owner, person=person)


def test_the_brief_defaults_to_the_version_tailored_for_their_organization(alice):
    conversation = _conversation(alice)
    base = _resume(alice)
    assert queries.default_resume_for(conversation) == base

    tailored = services.tailor(resume=base, target_role="PM", organization_name="Tandem Route")

    assert queries.default_resume_for(conversation) == tailored
    assert tailored.tailored_from == base and tailored.kind == Resume.Kind.TAILORED
    assert tailored.name == "Base, for PM at Tandem Route"


def test_tailoring_for_an_unknown_employer_says_so(alice):
    base = _resume(alice)

    with pytest.raises(ValidationError, match="isn't one of your organizations"):
        services.tailor(resume=base, organization_name="Nowhere Inc")


def test_suggestions_attach_to_the_version_brought_and_are_addressed_in_a_newer_one(alice):
    conversation = _conversation(alice)
    resume = _resume(alice)
    handout = critique.choose_handout(conversation=conversation, resume=resume)
    editing.save_bullet(resume=resume, section="work", index=0, text="Led 2 launches")

    made = critique.add_suggestions(
        conversation=conversation,
        texts=critique.split_suggestions(
            "- Put numbers on the dispatch work\n\n• Lead with the routing analysis\n"
        ),
    )

    assert [s.text for s in made] == [
        "Put numbers on the dispatch work",
        "Lead with the routing analysis",
    ]
    assert all(s.version == handout.version and s.version.number == 1 for s in made)
    assert all(s.person == conversation.person for s in made)
    latest = resume.versions.get(number=2)
    critique.address(suggestion=made[0], version=latest, note="Added stops per day")
    critique.decline(suggestion=made[1], reason="My manager asked for chronological order")
    assert [
        (s.status, s.addressed_in_id)
        for s in queries.suggestions_from(conversation.person).order_by("pk")
    ] == [("addressed", latest.pk), ("declined", None)]


def test_a_suggestion_cannot_be_addressed_by_the_version_they_saw(alice):
    conversation = _conversation(alice)
    resume = _resume(alice)
    [suggestion] = critique.add_suggestions(conversation=conversation, texts=["Shorter"])

    with pytest.raises(ValidationError, match="not newer"):
        critique.address(suggestion=suggestion, version=resume.versions.get(number=1))

    assert Suggestion.objects.get(pk=suggestion.pk).status == Suggestion.Status.OPEN


def test_declining_needs_a_reason(alice):
    conversation = _conversation(alice)
    _resume(alice)
    [suggestion] = critique.add_suggestions(conversation=conversation, texts=["Shorter"])

    with pytest.raises(ValidationError):
        critique.decline(suggestion=suggestion, reason="  ")


def test_suggestions_without_any_resume_say_what_to_do(alice):
    conversation = _conversation(alice)

    with pytest.raises(ValidationError, match="no resume yet"):
        critique.add_suggestions(conversation=conversation, texts=["Shorter"])


def test_a_pasted_essay_is_not_thirty_one_suggestions(alice):
    conversation = _conversation(alice)
    _resume(alice)

    with pytest.raises(ValidationError, match="at most 30"):
        critique.add_suggestions(conversation=conversation, texts=[f"x{i}" for i in range(31)])
    assert not Suggestion.objects.exists()
