"""Writing the target list, the strategy and resumes through the API, as a script would: the
same answers (and refusals) as the pages, and ids in a body that name someone else's rows are
not found."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from coffeechat.api import services
from coffeechat.conversations import services as conversation_services
from coffeechat.lib.testing.people import make_organization, make_person
from coffeechat.network.models import Organization
from coffeechat.prep import services as prep_services
from coffeechat.resumes import services as resume_services
from coffeechat.resumes.models import Version
from coffeechat.strategy import obstacles as strategy_obstacles
from coffeechat.strategy import services as strategy_services
from coffeechat.strategy import themes
from coffeechat.strategy.models import Option, Theme
from coffeechat.targets import services as target_services
from coffeechat.targets.models import Target


class Api:
    """A script holding one token."""

    def __init__(self, client: Client, secret: str) -> None:
        self.client, self.headers = client, {"Authorization": f"Bearer {secret}"}

    def get(self, path: str, query: dict | None = None) -> Any:
        return self.client.get(f"/api/v1{path}", query or {}, headers=self.headers)

    def send(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        return self.client.generic(
            method,
            f"/api/v1{path}",
            json.dumps(body or {}),
            content_type="application/json",
            headers={**self.headers, **headers},
        )


@pytest.fixture
def api(alice, client: Client) -> Api:
    return Api(client, services.create_token(owner=alice, name="script", scope="write").secret)


@pytest.fixture
def mallory_api(mallory, client: Client) -> Api:
    return Api(client, services.create_token(owner=mallory, name="hers", scope="write").secret)


def theme_said_twice(owner: Any, word: str, names: tuple[str, str]) -> Theme:
    """A theme: two different people said `word`."""
    for name in names:
        conversation = conversation_services.start_conversation(
            owner=owner, person=make_person(owner, name)
        )
        prep_services.add_capture(conversation=conversation, kind="advice", text=f"Learn {word}")
    themes.refresh(owner)
    return Theme.objects.get(owner=owner, key=word.lower())


# The target list ------------------------------------------------------------------------------


def test_it_puts_an_employer_on_the_list_by_name_and_says_it_entered_the_top_five(
    alice, api: Api
) -> None:
    response = api.send(
        "POST", "/targets", {"name": "Northwind", "source": "dream", "motivation": 5, "posting": 3}
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["organization"]["name"], body["motivation"], body["posting"]) == (
        "Northwind",
        5,
        3,
    )
    assert body["in_top_five"] is True
    assert body["top_five"] == ["Northwind moved into your top five."]
    assert Organization.objects.filter(owner=alice, name="Northwind").count() == 1


def test_it_creates_one_target_for_a_retried_post_with_an_idempotency_key(alice, api: Api) -> None:
    first = api.send("POST", "/targets", {"name": "Northwind"}, **{"Idempotency-Key": "k1"})
    again = api.send("POST", "/targets", {"name": "Northwind"}, **{"Idempotency-Key": "k1"})

    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Idempotent-Replayed"] == "true"
    assert Target.objects.filter(owner=alice).count() == 1


def test_it_refuses_an_employer_already_on_the_list_in_the_pages_words(alice, api: Api) -> None:
    api.send("POST", "/targets", {"name": "Northwind"})

    response = api.send("POST", "/targets", {"name": "northwind"})

    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Northwind is already on your target list."


def test_it_adds_pasted_names_at_once_once_the_near_ones_are_settled(alice, api: Api) -> None:
    contoso = make_organization(alice, "Contoso Inc.")
    names = "Fabrikam\nContoso Inc\nNorthwind Traders\n"

    asked = api.send("POST", "/targets/paste", {"names": names, "source": "dream"})
    nothing_yet = api.get("/targets").json()
    settled = api.send(
        "POST", "/targets/paste", {"names": names, "source": "dream", "choices": {"2": contoso.pk}}
    )

    assert asked.status_code == 400
    assert "Line 2" in asked.json()["error"]["message"]
    assert nothing_yet == []
    assert settled.status_code == 201, settled.content
    assert settled.json()["added"] == 3
    targets = api.get("/targets").json()
    assert sorted(t["organization"]["name"] for t in targets) == [
        "Contoso Inc.",
        "Fabrikam",
        "Northwind Traders",
    ]
    assert {t["source"] for t in targets} == {"dream"}


def test_it_does_not_settle_a_pasted_name_with_someone_elses_organization(
    alice, mallory, mallory_api: Api
) -> None:
    alices = make_organization(alice, "Contoso Inc.")
    make_organization(mallory, "Contoso Inc.")

    response = mallory_api.send(
        "POST", "/targets/paste", {"names": "Contoso Inc", "choices": {"1": alices.pk}}
    )

    assert response.status_code == 404
    assert not Target.objects.exists()


def test_it_rescores_a_target_and_reorders_the_list(alice, api: Api) -> None:
    low = target_services.add_target(
        owner=alice, organization=make_organization(alice, "Contoso"), motivation=2
    )
    target_services.add_target(
        owner=alice, organization=make_organization(alice, "Fabrikam"), motivation=4
    )

    response = api.send("PATCH", f"/targets/{low.pk}", {"motivation": 5, "notes": "Met Dana"})

    assert response.status_code == 200, response.content
    assert (response.json()["motivation"], response.json()["notes"]) == (5, "Met Dana")
    order = [t["organization"]["name"] for t in api.get("/targets").json()]
    assert order == ["Contoso", "Fabrikam"]


def test_it_confirms_a_motivation_kept_after_a_conversation(alice, api: Api) -> None:
    target = target_services.add_by_name(owner=alice, name="Contoso")
    target_services.rate(target=target, motivation=4, now=timezone.now() - timedelta(days=30))

    response = api.send("PATCH", f"/targets/{target.pk}", {"confirm_motivation": True})

    assert response.json()["motivation"] == 4
    target.refresh_from_db()
    assert target.motivation_rated_at > timezone.now() - timedelta(minutes=1)


def test_it_asks_how_a_target_closed(alice, api: Api) -> None:
    target = target_services.add_by_name(owner=alice, name="Contoso")

    refused = api.send("POST", f"/targets/{target.pk}/status", {"status": "closed"})
    closed = api.send(
        "POST", f"/targets/{target.pk}/status", {"status": "closed", "outcome": "exhausted"}
    )

    assert refused.status_code == 400
    assert refused.json()["error"] == {
        "code": "invalid",
        "field": "outcome",
        "message": "Say how it closed: offer, declined or exhausted.",
    }
    assert (closed.json()["status"], closed.json()["outcome"]) == ("closed", "exhausted")


def test_it_removes_a_target_and_keeps_the_organization(alice, api: Api) -> None:
    target = target_services.add_by_name(owner=alice, name="Contoso")

    response = api.send("DELETE", f"/targets/{target.pk}")

    assert response.status_code == 204
    assert not Target.objects.filter(pk=target.pk).exists()
    assert Organization.objects.filter(owner=alice, name="Contoso").exists()


def test_it_opens_a_request_to_someone_at_the_target_without_sending_it(alice, api: Api) -> None:
    person = make_person(alice, "Dana Whitfield", "Contoso")
    target = target_services.add_target(owner=alice, organization=person.organization)

    response = api.send("POST", f"/targets/{target.pk}/ask", {"person_id": person.pk})

    assert response.status_code == 200, response.content
    assert response.json()["stage"] == "identified"


def test_it_does_not_find_someone_elses_person_named_in_the_body(
    alice, mallory, mallory_api: Api
) -> None:
    alices = make_person(alice, "Dana Whitfield", "Contoso")
    hers = target_services.add_by_name(owner=mallory, name="Contoso")

    response = mallory_api.send("POST", f"/targets/{hers.pk}/ask", {"person_id": alices.pk})

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert not alices.conversations.exists()


# The strategy ---------------------------------------------------------------------------------


def test_it_adds_an_option_at_an_employer_and_focuses_it(alice, api: Api) -> None:
    contoso = make_organization(alice, "Contoso")

    made = api.send(
        "POST", "/strategy/options", {"title": "Data analyst", "organization_ids": [contoso.pk]}
    )
    focused = api.send("PATCH", f"/strategy/options/{made.json()['id']}", {"status": "focus"})

    assert made.status_code == 201, made.content
    assert made.json()["organizations"] == [{"id": contoso.pk, "name": "Contoso"}]
    assert focused.json()["status"] == "focus"
    assert [o["title"] for o in api.get("/strategy/options").json()] == ["Data analyst"]


def test_it_does_not_link_someone_elses_organization_to_an_option(
    alice, mallory, mallory_api: Api
) -> None:
    alices = make_organization(alice, "Contoso")
    hers = strategy_services.add_option(owner=mallory, title="Analyst")

    created = mallory_api.send(
        "POST", "/strategy/options", {"title": "Spy", "organization_ids": [alices.pk]}
    )
    changed = mallory_api.send(
        "PATCH", f"/strategy/options/{hers.pk}", {"organization_ids": [alices.pk]}
    )

    assert (created.status_code, changed.status_code) == (404, 404)
    assert list(Option.objects.filter(owner=mallory)) == [hers]
    assert not hers.organizations.exists()


def test_it_works_an_obstacle_through_its_actions(alice, api: Api) -> None:
    obstacle = api.send("POST", "/strategy/obstacles", {"title": "No SQL on my resume"}).json()

    action = api.send(
        "POST",
        f"/strategy/obstacles/{obstacle['id']}/actions",
        {"text": "Take the evening SQL course", "due_on": "2026-03-01"},
    )
    done = api.send("PATCH", f"/strategy/actions/{action.json()['id']}", {"done": True})
    now = api.get(f"/strategy/obstacles/{obstacle['id']}").json()

    assert action.status_code == 201, action.content
    assert done.json()["done_at"] is not None
    assert now["status"] == "working"  # an action on an open obstacle: you're working on it
    assert [a["text"] for a in now["actions"]] == ["Take the evening SQL course"]


def test_it_refuses_the_same_obstacle_written_another_way(alice, api: Api) -> None:
    api.send("POST", "/strategy/obstacles", {"title": "No SQL on my resume"})

    response = api.send("POST", "/strategy/obstacles", {"title": "no sql on my résumé!"})

    assert response.status_code == 400
    assert response.json()["error"]["field"] == "title"
    assert "You already have this obstacle" in response.json()["error"]["message"]


def test_it_raises_an_obstacle_in_a_conversation_and_asks_about_it_once(alice, api: Api) -> None:
    conversation = conversation_services.start_conversation(
        owner=alice, person=make_person(alice, "Dana Whitfield")
    )
    existing = api.send("POST", "/strategy/obstacles", {"title": "No SQL on my resume"}).json()
    path = f"/conversations/{conversation.pk}/obstacles"

    raised = api.send("POST", path, {"title": "no SQL on my  resume"})
    asked = api.send("POST", f"{path}/{existing['id']}/ask")
    again = api.send("POST", f"{path}/{existing['id']}/ask")
    dropped = api.send("POST", f"{path}/{existing['id']}/raise", {"raised": False})

    assert raised.status_code == 201, raised.content
    assert (raised.json()["id"], raised.json()["conversation_count"]) == (existing["id"], 1)
    assert asked.status_code == 201, asked.content
    assert "No SQL on my resume" in asked.json()["text"]
    assert again.json()["id"] == asked.json()["id"]
    assert (dropped.json()["conversation_count"], dropped.json()["question_count"]) == (0, 1)


def test_it_links_advice_to_an_obstacle_but_not_someone_elses(
    alice, mallory, api: Api, mallory_api: Api
) -> None:
    conversation = conversation_services.start_conversation(
        owner=alice, person=make_person(alice, "Dana Whitfield")
    )
    advice = prep_services.add_capture(conversation=conversation, kind="advice", text="Learn SQL")
    obstacle = strategy_obstacles.add_obstacle(owner=alice, title="No SQL on my resume")
    hers = strategy_obstacles.add_obstacle(owner=mallory, title="No SQL on my resume")

    linked = api.send("POST", f"/strategy/obstacles/{obstacle.pk}/advice/{advice.pk}")
    stolen = mallory_api.send("POST", f"/strategy/obstacles/{hers.pk}/advice/{advice.pk}")

    assert linked.status_code == 200, linked.content
    assert linked.json()["advice_count"] == 1
    assert stolen.status_code == 404
    assert not hers.captures.exists()


def test_it_merges_one_theme_into_another_and_dismisses_one(alice, api: Api) -> None:
    course = theme_said_twice(alice, "Kwazmoq", ("Ana Lopez", "Bo Chen"))
    sql = theme_said_twice(alice, "Vorbentil", ("Cy Park", "Di Moss"))

    merged = api.send("POST", f"/strategy/themes/{course.pk}/merge", {"into_id": sql.pk})
    dismissed = api.send("POST", f"/strategy/themes/{sql.pk}/dismiss", {})

    assert merged.status_code == 200, merged.content
    assert merged.json()["id"] == sql.pk
    assert dismissed.json()["status"] == "dismissed"
    assert api.get("/strategy/themes").json() == []


def test_it_does_not_merge_into_someone_elses_theme(alice, mallory, mallory_api: Api) -> None:
    alices = theme_said_twice(alice, "Kwazmoq", ("Ana Lopez", "Bo Chen"))
    hers = theme_said_twice(mallory, "Vorbentil", ("Cy Park", "Di Moss"))

    response = mallory_api.send("POST", f"/strategy/themes/{hers.pk}/merge", {"into_id": alices.pk})

    assert response.status_code == 404
    hers.refresh_from_db()
    assert hers.status == Theme.Status.CONFIRMED


def test_it_tags_what_someone_said_for_an_option_and_untags_it(alice, api: Api) -> None:
    conversation = conversation_services.start_conversation(
        owner=alice, person=make_person(alice, "Dana Whitfield")
    )
    capture = prep_services.add_capture(conversation=conversation, kind="advice", text="Learn SQL")
    option = strategy_services.add_option(owner=alice, title="Data analyst")

    tagged = api.send("POST", f"/captures/{capture.pk}/tag", {"tag": "gap", "option_id": option.pk})
    untagged = api.send("POST", f"/captures/{capture.pk}/tag", {"tag": ""})

    assert tagged.status_code == 200, tagged.content
    assert (tagged.json()["tag"], tagged.json()["option_id"]) == ("gap", option.pk)
    assert tagged.json()["person_id"] == conversation.person_id
    assert (untagged.status_code, untagged.json()) == (200, None)


def test_it_does_not_tag_for_someone_elses_option(alice, mallory, mallory_api: Api) -> None:
    alices = strategy_services.add_option(owner=alice, title="Data analyst")
    conversation = conversation_services.start_conversation(
        owner=mallory, person=make_person(mallory, "Quentin")
    )
    hers = prep_services.add_capture(conversation=conversation, kind="advice", text="Learn SQL")

    response = mallory_api.send(
        "POST", f"/captures/{hers.pk}/tag", {"tag": "gap", "option_id": alices.pk}
    )

    assert response.status_code == 404
    assert not alices.evidence.exists()


def test_it_saves_the_strategy_document_as_versions(alice, api: Api) -> None:
    before = api.get("/strategy/document")

    first = api.send("PUT", "/strategy/document", {"body": "# Data analyst\r\n\nFocus on SQL."})
    same = api.send("PUT", "/strategy/document", {"body": "# Data analyst\n\nFocus on SQL."})
    now = api.get("/strategy/document")

    assert (before.status_code, before.json()) == (200, None)
    assert first.json()["number"] == same.json()["number"] == 1
    assert now.json()["body"] == "# Data analyst\n\nFocus on SQL."


def test_it_refuses_a_document_citing_someone_elses_evidence_like_a_missing_one(
    alice, mallory, mallory_api: Api
) -> None:
    conversation = conversation_services.start_conversation(
        owner=alice, person=make_person(alice, "Dana Whitfield")
    )
    capture = prep_services.add_capture(conversation=conversation, kind="advice", text="SQL")
    evidence = strategy_services.tag_item(item=capture, tag="fit+")
    assert evidence is not None

    theirs = mallory_api.send("PUT", "/strategy/document", {"body": f"[[evidence:{evidence.pk}]]"})
    nobodys = mallory_api.send("PUT", "/strategy/document", {"body": "[[evidence:987654]]"})

    assert theirs.status_code == 400
    assert theirs.json()["error"]["message"] == nobodys.json()["error"]["message"].replace(
        "987654", str(evidence.pk)
    )
    assert mallory_api.get("/strategy/document").json() is None


def test_it_restores_an_old_strategy_version_as_a_new_one(alice, api: Api) -> None:
    first = strategy_services.save_strategy(owner=alice, body="# Data analyst")
    strategy_services.save_strategy(owner=alice, body="# Product manager")

    listed = api.get("/strategy/versions").json()["items"]
    restored = api.send("POST", f"/strategy/versions/{first.pk}/restore")

    assert [(v["number"], v["restored_from_id"]) for v in listed] == [(1, None), (2, None)]
    assert "body" not in listed[0]
    assert restored.status_code == 201, restored.content
    assert (restored.json()["number"], restored.json()["restored_from_id"]) == (3, first.pk)
    assert api.get("/strategy/document").json()["body"] == "# Data analyst"


def test_it_downloads_a_strategy_version_as_markdown_and_pdf(alice, api: Api) -> None:
    version = strategy_services.save_strategy(owner=alice, body="# Data analyst\n\nLearn SQL.")

    markdown = api.get(f"/strategy/versions/{version.pk}/download/md")
    pdf = api.get(f"/strategy/versions/{version.pk}/download/pdf")
    other = api.get(f"/strategy/versions/{version.pk}/download/docx")

    assert markdown.status_code == 200
    assert markdown["Content-Disposition"].startswith('attachment; filename="strategy-v1-')
    assert "Learn SQL." in markdown.content.decode()
    assert (pdf["Content-Type"], pdf.content[:5]) == ("application/pdf", b"%PDF-")
    assert (other.status_code, other.json()["error"]["field"]) == (400, "format")


# Resumes --------------------------------------------------------------------------------------


def test_it_builds_a_resume_and_edits_its_entries(alice, api: Api) -> None:
    made = api.send("POST", "/resumes", {"name": "Analyst", "source": "blank"})
    rid = made.json()["id"]

    api.send("POST", f"/resumes/{rid}/sections/work", {"values": {"name": "Contoso"}})
    api.send("POST", f"/resumes/{rid}/sections/work", {"values": {"name": "Fabrikam"}})
    api.send(
        "PUT",
        f"/resumes/{rid}/sections/work/0",
        {"values": {"position": "Analyst", "summary": "Reporting for 40 managers"}},
    )
    moved = api.send("POST", f"/resumes/{rid}/sections/work/0/move", {"direction": "down"})

    assert made.status_code == 201, made.content
    assert made.json()["document"]["basics"]["email"] == alice.email
    work = moved.json()["document"]["work"]
    assert [w["name"] for w in work] == ["Fabrikam", "Contoso"]
    assert work[1]["summary"] == "Reporting for 40 managers"
    assert moved.json()["revision"] == 5


def test_each_change_answers_the_resume_as_it_then_reads(alice, api: Api) -> None:
    rid = api.send("POST", "/resumes", {"name": "Analyst", "source": "blank"}).json()["id"]
    make_organization(alice, "Contoso")
    first = Version.objects.get(resume_id=rid, number=1)
    changes = [
        ("PATCH", f"/resumes/{rid}", {"organization_name": "Contoso"}),
        ("PUT", f"/resumes/{rid}/basics", {"values": {"label": "Analyst"}}),
        ("POST", f"/resumes/{rid}/sections/work", {"values": {"name": "Acme"}}),
        ("POST", f"/resumes/{rid}/sections/work/0/bullets", {"text": "Led 3 teams"}),
        ("POST", f"/resumes/{rid}/sections/work/0/hide", {"hidden": True}),
        ("POST", f"/resumes/versions/{first.pk}/restore", {}),
    ]

    for method, path, body in changes:
        answer = api.send(method, path, body)
        assert answer.json() == api.get(f"/resumes/{rid}").json(), path

    assert answer.json()["revision"] == 6
    assert answer.json()["target_organization"]["name"] == "Contoso"


def test_it_refuses_a_change_over_a_newer_revision(alice, api: Api) -> None:
    resume = resume_services.create_resume(
        owner=alice, name="Analyst", document={"work": [{"name": "Contoso"}]}
    )
    api.send("PUT", f"/resumes/{resume.pk}/basics", {"values": {"label": "Data analyst"}})

    stale = api.send("DELETE", f"/resumes/{resume.pk}/sections/work/0?revision=1")

    assert stale.status_code == 400
    assert stale.json()["error"]["message"] == resume_services.STALE
    assert api.get(f"/resumes/{resume.pk}").json()["document"]["work"] == [{"name": "Contoso"}]


def test_it_hides_an_entry_from_the_download_but_keeps_it(alice, api: Api) -> None:
    resume = resume_services.create_resume(
        owner=alice, name="Analyst", document={"skills": [{"name": "SQL"}, {"name": "Cobol"}]}
    )

    api.send("POST", f"/resumes/{resume.pk}/sections/skills/1/hide", {"hidden": True})
    download = api.get(f"/resumes/{resume.pk}/download/json")

    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="analyst.json"'
    assert [s["name"] for s in json.loads(download.content)["skills"]] == ["SQL", "Cobol"]


def test_it_edits_an_entrys_bullets_one_by_one(alice, api: Api) -> None:
    resume = resume_services.create_resume(
        owner=alice, name="Analyst", document={"work": [{"name": "Contoso"}]}
    )
    bullets = f"/resumes/{resume.pk}/sections/work/0/bullets"

    api.send("POST", bullets, {"text": "Built 3 dashboards"})
    api.send("POST", bullets, {"text": "Cut reporting   time by half"})
    api.send("PUT", f"{bullets}/0", {"text": "Built 3 dashboards for 40 managers"})
    moved = api.send("POST", f"{bullets}/1/move", {"direction": "up"})
    empty = api.send("PUT", f"{bullets}/0", {"text": "   "})

    assert moved.status_code == 200, moved.content
    assert moved.json()["document"]["work"][0]["highlights"] == [
        "Cut reporting time by half",
        "Built 3 dashboards for 40 managers",
    ]
    assert empty.status_code == 400
    assert empty.json()["error"]["message"] == "A bullet can't be empty: remove it instead."


def test_it_renames_a_resume_but_not_to_a_name_taken(alice, api: Api) -> None:
    resume_services.create_resume(owner=alice, name="Base", document={})
    other = resume_services.create_resume(owner=alice, name="Analyst", document={})

    taken = api.send("PATCH", f"/resumes/{other.pk}", {"name": "base"})
    renamed = api.send("PATCH", f"/resumes/{other.pk}", {"name": "Analyst, Contoso"})

    assert taken.status_code == 400
    assert taken.json()["error"]["field"] == "name"
    assert renamed.json()["name"] == "Analyst, Contoso"


def test_it_deletes_a_resume(alice, api: Api) -> None:
    resume = resume_services.create_resume(owner=alice, name="Analyst", document={})

    response = api.send("DELETE", f"/resumes/{resume.pk}")

    assert response.status_code == 204
    assert api.get(f"/resumes/{resume.pk}").status_code == 404


def test_it_names_a_version_and_restores_it_as_a_new_one(alice, api: Api) -> None:
    resume = resume_services.create_resume(
        owner=alice, name="Analyst", document={"work": [{"name": "Contoso"}]}
    )
    api.send("DELETE", f"/resumes/{resume.pk}/sections/work/0")
    versions = api.get(f"/resumes/{resume.pk}/versions").json()["items"]
    first = versions[0]["id"]

    named = api.send("PATCH", f"/resumes/versions/{first}", {"label": "  Before   the cut "})
    restored = api.send("POST", f"/resumes/versions/{first}/restore", {"revision": 2})
    after = api.get(f"/resumes/{resume.pk}/versions").json()["items"]

    assert [v["number"] for v in versions] == [1, 2]
    assert named.json()["label"] == "Before the cut"
    assert restored.status_code == 200, restored.content
    assert restored.json()["document"]["work"] == [{"name": "Contoso"}]
    assert [v["change"] for v in after][-1] == "Restored version 1"
    assert api.get(f"/resumes/versions/{first}").json()["document"]["work"] == [{"name": "Contoso"}]


def test_it_refuses_to_restore_over_a_newer_revision(alice, api: Api) -> None:
    resume = resume_services.create_resume(
        owner=alice, name="Analyst", document={"work": [{"name": "Contoso"}]}
    )
    api.send("PUT", f"/resumes/{resume.pk}/basics", {"values": {"label": "Data analyst"}})
    first = resume.versions.get(number=1)

    stale = api.send("POST", f"/resumes/versions/{first.pk}/restore", {"revision": 1})

    assert stale.status_code == 400
    assert stale.json()["error"]["message"] == resume_services.STALE
    assert api.get(f"/resumes/{resume.pk}").json()["revision"] == 2


def test_it_imports_a_json_resume_file_named_after_its_person(alice, api: Api) -> None:
    document = {
        "basics": {"name": "Alice Doe"},
        "work": [{"name": "Contoso", "position": "Analyst"}],
    }
    upload = SimpleUploadedFile("cv.json", json.dumps(document).encode(), "application/json")

    made = api.client.post("/api/v1/resumes/import", {"file": upload}, headers=api.headers)

    assert made.status_code == 201, made.content
    assert made.json()["name"] == "Alice Doe's resume"
    assert made.json()["document"]["work"] == document["work"]
    assert api.get(f"/resumes/{made.json()['id']}/versions").json()["items"][0]["change"] == (
        "Imported from cv.json"
    )


def test_it_refuses_a_file_that_is_not_a_json_resume_and_saves_nothing(alice, api: Api) -> None:
    upload = SimpleUploadedFile("cv.json", b'{"work": "Contoso"}', "application/json")

    refused = api.client.post(
        "/api/v1/resumes/import", {"file": upload, "name": "Mine"}, headers=api.headers
    )

    assert refused.status_code == 400
    assert refused.json()["error"]["field"] == "file"
    assert "Work" in refused.json()["error"]["message"]
    assert api.get("/resumes").json() == []


def test_it_tailors_a_copy_for_an_employer_of_the_network(alice, api: Api) -> None:
    make_organization(alice, "Contoso")
    base = resume_services.create_resume(
        owner=alice, name="Base", document={"work": [{"name": "Fabrikam"}]}
    )

    tailored = api.send(
        "POST",
        f"/resumes/{base.pk}/tailor",
        {"target_role": "Analyst", "organization_name": "Contoso"},
    )
    unknown = api.send("POST", f"/resumes/{base.pk}/tailor", {"organization_name": "Initech"})
    nothing = api.send("POST", f"/resumes/{base.pk}/tailor", {})

    assert tailored.status_code == 201, tailored.content
    assert tailored.json()["name"] == "Base, for Analyst at Contoso"
    assert (tailored.json()["kind"], tailored.json()["target_organization"]["name"]) == (
        "tailored",
        "Contoso",
    )
    assert tailored.json()["document"]["work"] == [{"name": "Fabrikam"}]
    assert (unknown.status_code, unknown.json()["error"]["field"]) == (400, "organization_name")
    assert nothing.status_code == 400
    assert len(api.get("/resumes").json()) == 2
