"""The resume pages through HTTP, as a browser without JavaScript (and htmx) uses them."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coffeechat.conversations import services as conversation_services
from coffeechat.network import services as network_services
from coffeechat.resumes import critique, editing, services
from coffeechat.resumes import document as doc
from coffeechat.resumes.models import Resume, Suggestion

pytestmark = pytest.mark.django_db


def _resume(owner, entries: int = 2) -> Resume:
    work = [
        {
            "name": f"Employer {n}",
            "position": "Analyst",
            "startDate": "2020-01",
            "highlights": ["Built 3 tools", "Responsible for reports"],
        }
        for n in range(entries)
    ]
    return services.create_resume(
        owner=owner,
        name="Base",
        document={"basics": {"name": "Alice"}, "work": work, "skills": [{"name": "SQL"}]},
    )


def _document(resume: Resume) -> dict:
    resume.refresh_from_db()
    return doc.loads(resume.document)


# Import -----------------------------------------------------------------------------------------


def test_an_invalid_upload_lists_every_problem_by_pointer_and_saves_nothing(alice_client):
    upload = SimpleUploadedFile(
        "resume.json",
        json.dumps({"basics": {"email": "nope"}, "work": [{"startDate": "Spring 2020"}]}).encode(),
    )

    response = alice_client.post(reverse("resumes:import"), {"file": upload})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Not imported: 2 problems" in page and "Nothing was saved" in page
    assert "<code>/basics/email</code>" in page and "<code>/work/0/startDate</code>" in page
    assert "&quot;Spring 2020&quot; isn&#x27;t a date" in page
    assert not Resume.objects.exists()


def test_a_pasted_document_is_imported_and_opened(alice_client):
    response = alice_client.post(
        reverse("resumes:import"), {"text": '{"basics": {"name": "Dana"}}', "name": ""}
    )

    resume = Resume.objects.get()
    assert response.status_code == 302 and response["Location"] == resume.get_absolute_url()
    assert resume.name == "Dana's resume"


def test_an_empty_import_form_says_what_to_do(alice_client):
    response = alice_client.post(reverse("resumes:import"), {"text": "  "})

    assert response.status_code == 400
    assert "Choose a file or paste its content." in response.content.decode()


# The editor without JavaScript ------------------------------------------------------------------


def test_the_editor_shows_each_bullets_findings_and_the_preview(alice, alice_client):
    resume = _resume(alice)

    page = alice_client.get(reverse("resumes:edit", args=[resume.pk])).content.decode()

    assert "RB1" in page and "“Responsible” is a weak opener" in page
    assert page.count('class="resume-sheet"') == 1
    assert "Employer 1" in page


def test_a_bad_date_is_refused_with_its_reason_and_the_typed_value_kept(alice, alice_client):
    resume = _resume(alice)

    response = alice_client.post(
        reverse("resumes:entry", args=[resume.pk, "work", 0]),
        {"work-0-name": "Employer 0", "work-0-startDate": "Jan 2020", "revision": resume.revision},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "isn&#x27;t a date we can print" in page
    assert 'value="Jan 2020"' in page
    assert _document(resume)["work"][0]["startDate"] == "2020-01"


def test_saving_an_entry_redirects_back_to_it(alice, alice_client):
    resume = _resume(alice)

    response = alice_client.post(
        reverse("resumes:entry", args=[resume.pk, "work", 1]),
        {
            "work-1-name": "Globex",
            "work-1-position": "Lead",
            "work-1-startDate": "2021-05-04",
            "revision": resume.revision,
        },
    )

    assert response["Location"].endswith("?at=work-1#work-1")
    assert _document(resume)["work"][1]["name"] == "Globex"


def test_hide_move_and_bullet_forms_work_as_plain_posts(alice, alice_client):
    resume = _resume(alice)
    base = [resume.pk, "work", 0]

    alice_client.post(reverse("resumes:hide-bullet", args=[*base, 1]), {"hidden": "1"})
    alice_client.post(reverse("resumes:add-bullet", args=base), {"text": "Led 4 launches"})
    alice_client.post(reverse("resumes:move-entry", args=base), {"direction": "down"})
    alice_client.post(reverse("resumes:hide-entry", args=[resume.pk, "skills", 0]), {"hidden": "1"})

    document = _document(resume)
    assert document["work"][1]["highlights"] == [
        "Built 3 tools",
        "Responsible for reports",
        "Led 4 launches",
    ]
    assert doc.hidden_of(document) == ["/work/1/highlights/1", "/skills/0"]
    preview = alice_client.get(reverse("resumes:resume", args=[resume.pk])).content.decode()
    # Both entries had that bullet; the one hidden is left out of what prints.
    assert "Led 4 launches" in preview and preview.count("Responsible for reports") == 1
    assert resume.versions.count() == 5


def test_a_change_from_a_stale_tab_is_refused_with_a_message(alice, alice_client):
    resume = _resume(alice)
    stale = resume.revision
    editing.save_bullet(resume=resume, section="work", index=0, bullet=0, text="Led 2 teams")

    response = alice_client.post(
        reverse("resumes:bullet", args=[resume.pk, "work", 0, 0]),
        {"text": "Old text", "revision": stale},
        follow=True,
    )

    assert "changed since you opened the page" in response.content.decode()
    assert _document(resume)["work"][0]["highlights"][0] == "Led 2 teams"


def test_htmx_gets_the_editor_back_with_errors_and_a_200(alice, alice_client):
    resume = _resume(alice)

    response = alice_client.post(
        reverse("resumes:add-entry", args=[resume.pk, "education"]),
        {"education-new-startDate": "2020-14"},
        headers={"HX-Request": "true", "HX-Boosted": "true"},
    )

    assert response.status_code == 200
    assert "no month 14" in response.content.decode()


def test_the_lint_answers_as_you_type_in_the_context_of_the_entry(alice, alice_client):
    resume = _resume(alice)

    response = alice_client.post(
        reverse("resumes:lint", args=[resume.pk]),
        {"text": "Built a new report", "section": "work", "index": "0", "bullet": "1"},
    )

    page = response.content.decode()
    assert "RB5" in page  # "Built" already starts bullet 1 of this entry
    assert "RB2" in page


def test_an_unknown_section_is_404(alice, alice_client):
    resume = _resume(alice)

    response = alice_client.post(reverse("resumes:add-entry", args=[resume.pk, "hobbies"]))

    assert response.status_code == 404


# Versions, compare, restore ---------------------------------------------------------------------


def test_compare_shows_what_changed_side_by_side_in_words(alice, alice_client):
    resume = _resume(alice)
    editing.save_bullet(
        resume=resume, section="work", index=0, bullet=1, text="Led weekly reports for 30 managers"
    )
    old, new = resume.versions.get(number=1), resume.versions.get(number=2)

    page = alice_client.get(
        reverse("resumes:compare", args=[resume.pk]), {"a": old.pk, "b": new.pk}
    ).content.decode()

    assert "1 change from version 1 to version 2" in page
    assert "<del" in page and "Responsible for reports" in page
    assert "<ins" in page and "Led weekly reports for 30 managers" in page
    assert ">Changed</span> Bullet 2" in page  # said in words, not only in colour


def test_restoring_a_version_makes_it_current_as_a_new_version(alice, alice_client):
    resume = _resume(alice)
    editing.delete_entry(resume=resume, section="skills", index=0)

    alice_client.post(reverse("resumes:restore", args=[resume.versions.get(number=1).pk]))

    assert _document(resume)["skills"] == [{"name": "SQL"}]
    assert resume.versions.count() == 3


# The critique loop on other apps' pages ---------------------------------------------------------


@pytest.fixture
def meeting(alice):
    person = network_services.add_person(
        owner=alice, full_name="Grace Liu", organization_name="Tandem Route"
    )
    return conversation_services.start_conversation(owner=alice, person=person)


def test_the_brief_names_the_version_to_bring_and_lets_you_pick(alice, alice_client, meeting):
    base = _resume(alice)
    tailored = services.tailor(resume=base, target_role="PM", organization_name="Tandem Route")
    brief = reverse("prep:brief", args=[meeting.pk])

    page = alice_client.get(brief).content.decode()
    assert "Suggested: <a" in page and f"{tailored.name}</a>, version 1" in page
    assert "hand one over only if" in page

    alice_client.post(reverse("resumes:handout", args=[meeting.pk]), {"resume": base.pk})
    page = alice_client.get(brief).content.decode()
    assert "You'll bring <a" in page and "Base</a>, version 1" in page


def test_suggestions_typed_on_the_live_page_land_on_the_resume(alice, alice_client, meeting):
    resume = _resume(alice)
    live = reverse("prep:live", args=[meeting.pk])

    response = alice_client.post(
        reverse("resumes:add-suggestions", args=[meeting.pk]),
        {"text": "Cut the summary\nLead with numbers", "next": live},
    )

    assert response["Location"] == live + "#resume"
    assert list(Suggestion.objects.values_list("text", flat=True)) == [
        "Cut the summary",
        "Lead with numbers",
    ]
    assert "Cut the summary" in alice_client.get(live).content.decode()
    page = alice_client.get(resume.get_absolute_url()).content.decode()
    assert "2 open" in page and "Grace Liu" in page


def test_the_after_page_offers_the_feedback_noted_during_the_meeting(alice, alice_client, meeting):
    from coffeechat.prep import services as prep_services

    _resume(alice)
    prep_services.save_live(
        conversation=meeting,
        answers={},
        brief={"resume_feedback": "- shorter summary\n- add numbers"},
    )

    page = alice_client.get(reverse("prep:after", args=[meeting.pk])).content.decode()

    assert "shorter summary\nadd numbers</textarea>" in page


def test_the_person_page_shows_what_came_of_their_advice(alice, alice_client, meeting):
    resume = _resume(alice)
    first, second = critique.add_suggestions(
        conversation=meeting, texts=["Add numbers", "Drop the photo"]
    )
    version = editing.save_bullet(
        resume=resume, section="work", index=0, bullet=1, text="Wrote 52 weekly reports"
    )
    alice_client.post(
        reverse("resumes:address", args=[first.pk]),
        {"version": version.number, "note": "Numbers in every bullet"},
    )
    alice_client.post(reverse("resumes:decline", args=[second.pk]), {"reason": "No photo"})

    page = alice_client.get(reverse("network:person", args=[meeting.person.pk])).content.decode()

    assert "1 of 2 taken in" in page
    assert "version 2</a>: Numbers in every bullet" in page
    assert "Not taken: No photo" in page


def test_declining_without_a_reason_keeps_it_open(alice, alice_client, meeting):
    _resume(alice)
    [suggestion] = critique.add_suggestions(conversation=meeting, texts=["Add numbers"])

    alice_client.post(reverse("resumes:decline", args=[suggestion.pk]), {"reason": ""})

    assert Suggestion.objects.get().status == Suggestion.Status.OPEN


# Bounded pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["resumes:resume", "resumes:edit", "resumes:versions", "resumes:compare"]
)
def test_resume_pages_take_the_same_queries_at_two_sizes(
    name, alice, alice_client, meeting, django_assert_max_num_queries
):
    counts = []
    for entries, edits in ((1, 1), (8, 25)):
        resume = _resume(alice, entries)
        for n in range(edits):
            editing.save_bullet(resume=resume, section="work", index=0, text=f"Led {n} teams")
        critique.add_suggestions(
            conversation=meeting, texts=[f"s{n}" for n in range(edits)], resume=resume
        )
        services.tailor(resume=resume, target_role=f"Role {entries}")
        url = reverse(name, args=[resume.pk])
        with django_assert_max_num_queries(40) as captured:
            assert alice_client.get(url).status_code == 200
        counts.append(len(captured.captured_queries))

    assert counts[0] == counts[1]


def test_the_list_takes_the_same_queries_for_one_resume_or_twenty(
    alice, alice_client, django_assert_max_num_queries
):
    counts = []
    for total in (1, 20):
        while Resume.objects.filter(owner=alice).count() < total:
            _resume(alice)
        with django_assert_max_num_queries(30) as captured:
            alice_client.get(reverse("resumes:list"))
        counts.append(len(captured.captured_queries))

    assert counts[0] == counts[1]


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_the_way_back_never_leaves_the_site(target, alice, alice_client, meeting):
    _resume(alice)

    response = alice_client.post(
        reverse("resumes:add-suggestions", args=[meeting.pk]), {"text": "Shorter", "next": target}
    )

    assert response["Location"] == reverse("prep:live", args=[meeting.pk]) + "#resume"
