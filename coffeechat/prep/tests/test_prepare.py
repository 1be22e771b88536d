"""The brief, the question plan, the agenda and the printable PDF."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from coffeechat.lib.testing.people import make_scheduled
from coffeechat.prep import pdf, queries, services
from coffeechat.prep.models import Brief, Question

NOW = datetime(2026, 3, 4, 15, tzinfo=UTC)


@pytest.fixture
def conversation(alice):
    return make_scheduled(alice, now=NOW)


def plan(conversation) -> list[str]:
    return [q.text for q in queries.questions_of(conversation)]


def test_it_creates_the_brief_on_first_save_and_keeps_other_fields(conversation) -> None:
    services.update_brief(conversation=conversation, introduction=" I ran retail ops. ")
    services.update_brief(
        conversation=conversation, research_done=["profile", "made-up"], bring_done=["questions"]
    )

    brief = Brief.objects.get(conversation=conversation)
    assert brief.introduction == "I ran retail ops."
    assert brief.research_done == ["profile"]
    assert brief.bring_done == ["questions"]


def test_it_merges_reflection_answers(conversation) -> None:
    services.update_brief(conversation=conversation, reflection={"learned": "A lot"})
    services.update_brief(conversation=conversation, reflection={"view": "Changed", "x": "no"})

    assert Brief.objects.get().reflection == {"learned": "A lot", "view": "Changed"}


def test_it_adds_questions_from_the_bank_and_in_own_words(conversation) -> None:
    services.add_question(conversation=conversation, bank_key="advice")
    own = services.add_question(conversation=conversation, text="  How do   you pick metrics? ")

    assert plan(conversation)[1] == "How do you pick metrics?"
    assert own.category == "own"
    assert own.position == 1


@pytest.mark.parametrize("kwargs", [{"text": "  "}, {"bank_key": "nope"}])
def test_it_refuses_an_empty_or_unknown_question(conversation, kwargs) -> None:
    with pytest.raises(ValidationError):
        services.add_question(conversation=conversation, **kwargs)

    assert Question.objects.count() == 0


def test_it_adds_the_suggestions_once_and_keeps_the_users_must_asks(conversation) -> None:
    mine = services.add_question(conversation=conversation, text="Mine?", must_ask=True)

    first = services.add_suggested(conversation=conversation)
    again = services.add_suggested(conversation=conversation)

    assert len(first) >= 5
    assert again == []
    assert [q.pk for q in Question.objects.filter(must_ask=True)] == [mine.pk]


def test_it_moves_a_question_up_and_down(conversation) -> None:
    a, b, c = (services.add_question(conversation=conversation, text=t) for t in "ABC")

    services.move_question(question=c, direction="up")
    services.move_question(question=a, direction="up")  # already first: stays
    services.move_question(question=b, direction="down")

    assert plan(conversation) == ["A", "C", "B"]


def test_the_agenda_fits_small_talk_questions_and_next_steps(conversation) -> None:
    for text in ["One?", "Two?", "Three?"]:
        services.add_question(conversation=conversation, text=text)

    agenda = queries.agenda_for(list(queries.questions_of(conversation)), 20)

    assert [(s.starts, s.ends) for s in agenda.slots] == [
        (0, 2),
        (2, 7),
        (7, 13),
        (13, 18),
        (18, 20),
    ]
    assert agenda.fits
    assert "Prepare at least 5 questions (you have 3)." in agenda.warnings


def test_the_agenda_warns_when_the_plan_does_not_fit(conversation) -> None:
    for n in range(10):
        services.add_question(conversation=conversation, text=f"Q{n}?", must_ask=n == 9)

    agenda = queries.agenda_for(list(queries.questions_of(conversation)), 20)

    assert not agenda.fits
    assert sum(s.if_time for s in agenda.slots) == 2  # 16 minutes hold 8 questions
    assert agenda.warnings[0].startswith("10 questions don't fit in 16 minutes")
    assert "A must-ask question falls outside the time. Move it up." in agenda.warnings
    assert "Mark your top 3 as “must ask” (you have 1)." in agenda.warnings


def test_it_renders_a_one_page_pdf_brief(conversation) -> None:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: apt-get install poppler-utils")
    services.update_brief(conversation=conversation, introduction="I ran retail operations.")
    services.add_question(conversation=conversation, bank_key="advice", must_ask=True)

    data = pdf.brief_pdf(conversation, now=NOW)

    assert data.startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True)
    assert b"Pages:           1" in info.stdout
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert "Dana Okafor" in text
    assert "MUST ASK" in text
    assert "I ran retail operations." in text
