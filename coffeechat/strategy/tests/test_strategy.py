"""The strategy document (versions, evidence opening in place, exports, the command) and the
synthesis proposed every third conversation in an option."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from coffeechat.conversations import services as conversations
from coffeechat.strategy import export, obstacles, overview, services, syntheses
from coffeechat.strategy.models import StrategyVersion, Synthesis
from coffeechat.strategy.tests.factories import advice, said, talk

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


@pytest.fixture
def option(alice):
    return services.add_option(owner=alice, title="Healthcare data analyst", status="focus")


@pytest.fixture
def evidence(alice, option):
    ana, bo = said(
        alice, ("Ana Ruiz", "Learn SQL window functions"), ("Bo Chen", "SQL is a must in clinics")
    )
    return [
        services.tag_item(item=ana, tag="gap", option=option),
        services.tag_item(item=bo, tag="fit+", option=option),
    ]


def test_saving_makes_a_dated_version_and_an_unchanged_save_does_not(alice) -> None:
    first = services.save_strategy(owner=alice, body="# Plan\n\nLearn SQL.")
    same = services.save_strategy(owner=alice, body="# Plan\r\n\r\nLearn SQL.  ")
    second = services.save_strategy(owner=alice, body="# Plan\n\nLearn SQL, then Tableau.")

    assert same == first
    assert [v.number for v in StrategyVersion.objects.filter(owner=alice)] == [2, 1]
    assert second.created_at >= first.created_at


def test_restoring_an_old_version_makes_it_current_and_keeps_history(
    alice, alice_client: Client
) -> None:
    first = services.save_strategy(owner=alice, body="Version one text")
    services.save_strategy(owner=alice, body="Version two text")

    alice_client.post(reverse("strategy:restore", args=[first.pk]))

    current = StrategyVersion.objects.filter(owner=alice).first()
    assert (current.number, current.body, current.restored_from) == (3, "Version one text", first)
    versions = alice_client.get(reverse("strategy:versions")).content.decode()
    assert "Version 3" in versions and "restored from an earlier version" in versions


def test_a_reference_to_someone_elses_evidence_is_refused(alice, mallory) -> None:
    [theirs] = said(mallory, ("Mallory's friend", "Something private"))
    other = services.tag_item(item=theirs, tag="fact")

    with pytest.raises(ValidationError, match=rf"\[\[evidence:{other.pk}\]\]"):
        services.save_strategy(owner=alice, body=f"Claim [[evidence:{other.pk}]]")


def test_evidence_opens_in_place_with_the_quote_who_and_when(
    alice, alice_client: Client, evidence
) -> None:
    body = f"# Healthcare data analyst\n\nSQL matters[[evidence:{evidence[0].pk}]].\n\n- Two"
    alice_client.post(reverse("strategy:strategy"), {"body": body})

    page = alice_client.get(reverse("strategy:strategy")).content.decode()

    details = re.search(r'<details class="ref">.*?</details>', page, re.S)
    assert details is not None
    assert "Learn SQL window functions" in details[0] and "Ana Ruiz" in details[0]
    assert "<h2>Healthcare data analyst</h2>" in page and "<li>Two</li>" in page


def test_what_the_user_writes_is_never_read_as_html(alice, alice_client: Client) -> None:
    services.save_strategy(owner=alice, body="<script>alert(1)</script> **bold**")

    page = alice_client.get(reverse("strategy:strategy")).content.decode()

    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_the_markdown_export_has_the_document_notes_and_what_is_beside_it(
    alice, alice_client: Client, evidence, option
) -> None:
    obstacle = obstacles.add_obstacle(owner=alice, title="No SQL in production")
    obstacles.add_action(obstacle=obstacle, text="Finish the SQL module")
    version = services.save_strategy(owner=alice, body=f"Learn SQL [[evidence:{evidence[0].pk}]]")

    response = alice_client.get(reverse("strategy:markdown", args=[version.pk]))

    text = response.content.decode()
    assert response["Content-Type"].startswith("text/markdown")
    assert "Learn SQL [^1]" in text
    assert "[^1]: “Learn SQL window functions” — Ana Ruiz" in text
    assert "### Healthcare data analyst" in text
    assert "- [ ] Finish the SQL module (No SQL in production)" in text
    assert "**SQL** (skill): 2 people" in text


def test_the_pdf_has_real_text_and_looks_right(alice, alice_client: Client, evidence) -> None:
    body = (
        "# Healthcare data analyst\n\nClinics run on scheduling, which is what I did in "
        f"dispatch [[evidence:{evidence[1].pk}]].\n\n- Where: CareLoop, Lakeview\n"
        "- How: SQL first, then a portfolio project"
    )
    version = services.save_strategy(owner=alice, body=body)

    response = alice_client.get(reverse("strategy:pdf", args=[version.pk]))

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in (
        "Career strategy",
        "Healthcare data analyst",
        "Clinics run on scheduling",
        "SQL is a must in clinics",
        "Bo Chen",
        "CONFIRMED THEMES",
    ):
        assert expected in text, expected
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "strategy.pdf"
    pdf.write_bytes(response.content)
    assert shutil.which("pdftoppm"), "apt-get install poppler-utils"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(ARTIFACTS / "strategy-page"),
        ],
        check=True,
    )
    assert list(ARTIFACTS.glob("strategy-page*.png"))


def test_the_command_writes_markdown_and_pdf(alice, evidence, tmp_path) -> None:
    services.save_strategy(owner=alice, body="Learn SQL first.")

    call_command(
        "strategy_export", "--user", "ALICE@example.org", "--format", "md", str(tmp_path / "s.md")
    )
    call_command(
        "strategy_export", "--user", "alice@example.org", "--format", "pdf", str(tmp_path / "s.pdf")
    )

    assert "Learn SQL first." in (tmp_path / "s.md").read_text()
    reader = PdfReader(tmp_path / "s.pdf")
    assert "Learn SQL first." in reader.pages[0].extract_text()
    with pytest.raises(Exception, match="No account"):
        call_command("strategy_export", "--user", "nobody@example.org", "--format", "md", "-")


# Synthesis every third conversation ---------------------------------------------------------------


def _conversation_with(owner, option, name: str, text: str, tag: str):
    conversation = talk(owner, name)
    return services.tag_item(item=advice(conversation, text), tag=tag, option=option)


def test_a_synthesis_is_proposed_after_the_third_conversation_and_the_sixth(
    alice, alice_client: Client, option
) -> None:
    _conversation_with(alice, option, "Ana", "I'd love the clinic hours", "fit+")
    _conversation_with(alice, option, "Bo", "Clinic hours are humane", "fit+")
    assert syntheses.syntheses_due(alice) == []

    _conversation_with(alice, option, "Cy", "On-call weekends are common", "fit-")
    [due] = syntheses.syntheses_due(alice)
    assert (due.option, due.conversations) == (option, 3)
    page = alice_client.get(reverse("strategy:strategy")).content.decode()
    assert "Time to take stock of “Healthcare data analyst”" in page

    proposal = syntheses.propose_synthesis(option)
    assert proposal.likes.startswith("Confirmed by Ana, Bo:")
    assert "On-call weekends are common (Cy)" in proposal.deal_breakers
    alice_client.post(
        reverse("strategy:synthesis", args=[option.pk]),
        {
            "likes": proposal.likes,
            "deal_breakers": "Weekends",
            "gaps": "",
            "open_questions": "",
            "next_prototype": "Shadow a QI analyst",
            "conversations_count": 3,
        },
    )
    assert Synthesis.objects.get().next_prototype == "Shadow a QI analyst"
    assert syntheses.syntheses_due(alice) == []

    for name in ("Dee", "Eve"):
        _conversation_with(alice, option, name, "Fine", "fact")
    assert syntheses.syntheses_due(alice) == []
    _conversation_with(alice, option, "Fay", "Fine too", "fact")
    assert [d.conversations for d in syntheses.syntheses_due(alice)] == [6]


def test_two_items_from_one_conversation_count_once(alice, option) -> None:
    conversation = talk(alice, "Ana")
    for text in ("One", "Two", "Three"):
        services.tag_item(item=advice(conversation, text), tag="fact", option=option)
    note = conversations.add_note(
        person=conversation.person, conversation=conversation, body="Four"
    )
    services.tag_item(item=note, tag="fact", option=option)

    assert syntheses.conversations_by_option(alice) == {option.pk: 1}


# Bounded costs ------------------------------------------------------------------------------------


def _grow(owner, option, people: int) -> None:
    for i in range(people):
        conversation = talk(owner, f"Person {i}", organization=f"Org {i % 9}")
        services.tag_item(
            item=advice(conversation, f"Learn SQL, tip {i}"), tag="gap", option=option
        )
        conversations.add_note(
            person=conversation.person,
            conversation=conversation,
            body=f"Volunteer with a data project, said person {i}",
        )
    services.save_strategy(
        owner=owner,
        body="\n".join(f"Claim [[evidence:{e.pk}]]" for e in option.evidence.all()[:20]),
    )


@pytest.mark.parametrize(
    "name", ["strategy:strategy", "strategy:themes", "strategy:options", "strategy:obstacles"]
)
def test_strategy_pages_cost_the_same_queries_at_two_sizes(
    alice, alice_client: Client, option, name, django_assert_max_num_queries
) -> None:
    obstacle = obstacles.add_obstacle(owner=alice, title="No SQL in production")
    obstacles.add_action(obstacle=obstacle, text="Finish the SQL module")
    url = reverse(name)
    _grow(alice, option, 4)
    alice_client.get(url)
    with django_assert_max_num_queries(60) as small:
        alice_client.get(url)
    counted = len(small.captured_queries)  # the next request empties the log
    _grow(alice, option, 30)
    alice_client.get(url)  # reads the new notes into themes once
    with django_assert_max_num_queries(counted):
        alice_client.get(url)


def test_exports_render_with_nothing_written(alice) -> None:
    assert "No strategy written yet." in export.as_markdown(alice)
    assert export.as_pdf(alice).startswith(b"%PDF")


def test_focus_options_say_where_and_with_whom_from_referrals_and_introductions(
    alice, alice_client: Client, option
) -> None:
    from coffeechat.network import services as network
    from coffeechat.prep import services as prep

    careloop = network.add_organization(owner=alice, name="CareLoop Health")
    services.update_option(option=option, organization_ids=[careloop.pk])
    network.add_person(owner=alice, full_name="Peter Sato", organization_name="CareLoop Health")
    ana = talk(alice, "Ana Ruiz")
    referral = prep.add_referral(
        conversation=ana, full_name="Kevin O'Brien", organization_name="Lakeview"
    )
    services.tag_item(item=referral, tag="lead", option=option)
    hana = network.add_person(owner=alice, full_name="Hana Yoshida")
    network.add_introduction(
        introducer=ana.person, introduced=hana, introduced_on=ana.created_at.date()
    )

    [panel] = overview.focus_panels(alice)

    assert [o.name for o in panel.employers] == ["CareLoop Health"]
    assert [(str(c.person), c.why) for c in panel.contacts] == [
        ("Kevin O'Brien", "suggested by Ana Ruiz"),
        ("Hana Yoshida", "introduced by Ana Ruiz"),
        ("Peter Sato", "at CareLoop Health"),
    ]
