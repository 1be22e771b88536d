"""The panel /you/ and the overview show, the queries other apps use, and the first-run step."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts import firstrun
from coffeechat.accounts.models import User
from coffeechat.assessment import panels, queries, services, values
from coffeechat.assessment.tests.helpers import answers
from coffeechat.demo.assessment import load as load_demo_chapter
from coffeechat.exports import services as export_services
from coffeechat.lib.testing.exports import export_bytes

pytestmark = pytest.mark.django_db


def render_panel(user: User) -> str:
    """The panel as /you/ and the overview draw it: read once, then only formatted."""
    return render_to_string("assessment/_panel.html", {"panel": panels.assessment_panel(user)})


def fill(owner: User, *, results: int, extra: int, start: int = 0) -> None:
    now = timezone.now()
    for n in range(results):
        services.take_inventory(
            owner=owner, answers=answers({"S": n % 5}), now=now - timedelta(days=results - n)
        )
    services.save_answers(owner=owner, answers={"r1": 1})
    services.choose_values(owner=owner, keys=[v.key for v in values.VALUES][: 3 + extra])
    for n in range(start, start + 2 + extra):
        services.add_talent(owner=owner, text=f"Talent number {n}")


def test_an_empty_panel_invites_to_each_part_and_costs_a_query_per_section(alice):
    with CaptureQueriesContext(connection) as captured:
        html = render_panel(alice)

    assert len(captured) == 3
    assert "Take the 5-minute interest inventory" in html
    assert reverse("assessment:interests") in html
    assert "Choose your values" in html and "Add talents" in html


@pytest.mark.parametrize("size", [(1, 0), (15, 12)])
def test_the_panel_costs_one_query_per_section_whatever_the_data(alice, size):
    fill(alice, results=size[0], extra=size[1])

    with CaptureQueriesContext(connection) as captured:
        html = render_panel(alice)

    assert len(captured) == 3
    assert "Continue your retake (1 of 36)" in html
    assert html.count('class="riasec__row') == 6


def test_the_overview_page_costs_the_same_at_two_sizes(alice, alice_client):
    fill(alice, results=1, extra=0)
    with CaptureQueriesContext(connection) as small:
        alice_client.get(reverse("assessment:overview"))
    fill(alice, results=25, extra=12, start=2)
    with CaptureQueriesContext(connection) as large:
        response = alice_client.get(reverse("assessment:overview"))

    assert len(large) == len(small)
    assert response.content.decode().count('class="history__code"') == queries.HISTORY


def test_the_panel_shows_the_latest_code_with_scores_in_text_values_and_talents(alice):
    services.take_inventory(owner=alice, answers=answers({"S": 4, "I": 3}, default=1))
    services.choose_values(
        owner=alice, keys=["pay", "team", "balance", "mission", "learning", "variety"]
    )
    services.add_talent(owner=alice, text="Explaining numbers")

    html = render_panel(alice)

    assert "Your interest code is SIR:" in html
    assert "Social, Investigative, Realistic" in html
    assert "24 of 24" in html and "18 of 24" in html
    assert '#1<span class="visually-hidden"> in your code</span>' in html
    assert "R, A, E and C tie at 6" in html
    assert "a verdict" in html
    assert html.count("(top 5)") == 5
    assert "Explaining numbers" in html
    assert "Retake" in html


def test_the_queries_other_apps_use_answer_for_the_latest_result_only(alice, mallory):
    assert queries.latest_interest_code(alice) is None
    assert queries.latest_scores(alice) is None
    services.take_inventory(
        owner=alice, answers=answers({"E": 4}), now=timezone.now() - timedelta(days=3)
    )
    services.take_inventory(owner=alice, answers=answers({"C": 4, "S": 3}))
    services.save_answers(owner=alice, answers={"r1": 4})  # a draft doesn't count

    assert queries.latest_interest_code(alice) == "CSR"
    assert queries.latest_scores(alice) == {"R": 12, "I": 12, "A": 12, "S": 18, "E": 12, "C": 24}
    assert queries.latest_interest_code(mallory) is None


def test_the_first_run_step_is_done_once_an_inventory_is_complete(alice):
    def step() -> firstrun.StepState:
        return next(s for s in firstrun.checklist_for(alice) if s.step.key == "interests")

    assert step().step.title == "Know your interests: take the inventory"
    assert step().url == reverse("assessment:interests")
    services.save_answers(owner=alice, answers={"r1": 4})
    assert not step().complete
    services.take_inventory(owner=alice, answers=answers())
    assert step().complete


def test_results_values_and_talents_survive_an_account_export_and_import(alice, db):
    now = timezone.now()
    load_demo_chapter(alice, now=now)
    bob = User.objects.create_user("bob@example.org", "correct horse battery")

    export_services.import_account(owner=bob, archive=io.BytesIO(export_bytes(alice)))

    assert queries.latest_interest_code(bob) == queries.latest_interest_code(alice) == "IES"
    assert queries.latest_scores(bob) == queries.latest_scores(alice)
    assert [a.code for a in queries.history_of(bob)] == ["IES", "ICE"]
    assert [a.answers for a in queries.history_of(bob)] == [
        a.answers for a in queries.history_of(alice)
    ]
    assert [(v.label, v.position) for v in queries.values_of(bob)] == [
        (v.label, v.position) for v in queries.values_of(alice)
    ]
    assert [t.text for t in queries.talents_of(bob)] == [t.text for t in queries.talents_of(alice)]


def test_the_demo_has_two_results_ranked_values_and_talents(alice, alice_client):
    counts = load_demo_chapter(alice, now=timezone.now())

    assert counts == {"interest results": 2, "values": 8, "talents": 4}
    assert [a.code for a in queries.history_of(alice)] == ["IES", "ICE"]
    assert [v.label for v in queries.values_of(alice)][:3] == [
        "Learning",
        "Autonomy",
        "Patients first",
    ]
    assert alice_client.get(reverse("assessment:overview")).status_code == 200


def test_the_command_records_a_result_from_a_file_and_shows_it(alice, tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers({"A": 4, "I": 3})))
    out = io.StringIO()

    call_command("self_assessment", "--user", "ALICE@example.org", "--take", str(path), stdout=out)

    assert out.getvalue().splitlines()[0].startswith("Interests: AIR (R 12, I 18, A 24")
    assert queries.latest_interest_code(alice) == "AIR"
    path.write_text(json.dumps({"r1": 4}))
    with pytest.raises(CommandError, match="35 of 36 activities still need an answer"):
        call_command("self_assessment", "--user", alice.email, "--take", str(path))
    assert len(queries.history_of(alice)) == 1
    assert queries.draft_of(alice) is None  # all or nothing
