"""The question bank and its suggestions (method.md 7.2 RULE-P1, 8.2)."""

from __future__ import annotations

from coffeechat.prep import questions


def keys(suggestions) -> list[str]:
    return [s.question.key for s in suggestions]


def test_the_bank_covers_every_tiara_step() -> None:
    categories = {q.category for q in questions.BANK}

    assert {"trends", "insights", "advice", "resources", "assignments"} <= categories
    assert len({q.key for q in questions.BANK}) == len(questions.BANK)


def test_it_suggests_the_core_set_without_any_hint() -> None:
    suggested = questions.suggest(purpose="", title="")

    assert keys(suggested) == ["rapport", "trends", "surprise", "advice", "referral", "missed"]
    assert [s.question.key for s in suggested if s.must_ask] == ["trends", "advice", "referral"]


def test_it_adds_what_the_purpose_asks_for() -> None:
    suggested = questions.suggest(purpose="What a typical week looks like", title="")

    assert {"week", "likes"} <= set(keys(suggested))
    assert next(s for s in suggested if s.question.key == "week").reason == "fits your purpose"


def test_it_adds_what_the_persons_role_can_answer() -> None:
    senior = keys(questions.suggest(purpose="", title="Director of Analytics"))
    junior = keys(questions.suggest(purpose="", title="Junior Analyst"))

    assert "formative" in senior
    assert {"entry", "week"} <= set(junior)


def test_it_asks_about_the_users_gaps() -> None:
    assert "skills" in keys(questions.suggest(purpose="", title="", has_obstacles=True))


def test_it_keeps_tiara_order_three_must_asks_and_at_most_eight() -> None:
    suggested = questions.suggest(
        purpose="How to break into the field, the culture, the future and a typical day",
        title="Senior recruiter",
    )

    order = [questions.ORDER[k] for k in keys(suggested)]
    assert order == sorted(order)
    assert len(suggested) <= questions.MAX_SUGGESTED
    assert sum(s.must_ask for s in suggested) == 3
    assert {"advice", "referral"} <= set(keys(suggested))
