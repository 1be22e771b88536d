"""The RIASEC comparison drawn on the occupation page (an SVG with a table behind it)."""

from __future__ import annotations

from dataclasses import dataclass

from coffeechat.assessment.inventory import max_score
from coffeechat.occupations.models import RIASEC
from coffeechat.occupations.queries import RIASEC_NAMES

# Percentages of the SVG's width (text keeps its size, so it reads the same on a phone).
LABEL_WIDTH, BAR_END = 34, 80


@dataclass(frozen=True)
class InterestRow:
    letter: str
    name: str
    level: float | None  # the occupation's OI level, 1-7
    user: int | None  # the user's score, 0 to the inventory's maximum (RULE-A1)
    y: int

    @property
    def level_width(self) -> str:
        return _share(0 if self.level is None else (self.level - 1) / 6)

    @property
    def user_width(self) -> str:
        return _share(0 if self.user is None else self.user / max_score())

    @property
    def level_x(self) -> str:
        return f"{LABEL_WIDTH + float(self.level_width):.2f}"

    @property
    def user_x(self) -> str:
        return f"{LABEL_WIDTH + float(self.user_width):.2f}"


def _share(fraction: float) -> str:
    return f"{(BAR_END - LABEL_WIDTH) * max(0.0, min(fraction, 1.0)):.2f}"


@dataclass(frozen=True)
class InterestChart:
    rows: list[InterestRow]
    with_user: bool
    height: int
    summary: str


def interests(levels: dict[str, float], scores: dict[str, int] | None) -> InterestChart | None:
    if not levels:
        return None
    step = 40 if scores else 28
    rows = [
        InterestRow(
            letter,
            RIASEC_NAMES[letter],
            levels.get(letter),
            scores.get(letter) if scores else None,
            8 + i * step,
        )
        for i, letter in enumerate(RIASEC)
    ]
    occupation_top = _top(levels)
    summary = f"Interest profile of this occupation: strongest {', '.join(occupation_top)}."
    if scores:
        mine = _top(scores)
        shared = [RIASEC_NAMES[x] for x in top_letters(levels) if x in top_letters(scores)]
        summary += (
            f" Yours: strongest {', '.join(mine)}. In common in the top three: "
            f"{', '.join(shared) or 'none'}."
        )
    return InterestChart(rows=rows, with_user=bool(scores), height=8 + 6 * step, summary=summary)


def top_letters(values: dict[str, float] | dict[str, int]) -> str:
    ranked = sorted(
        (letter for letter in RIASEC if values.get(letter) is not None),
        key=lambda x: (-values[x], RIASEC.index(x)),
    )
    return "".join(ranked[:3])


def _top(values: dict[str, float] | dict[str, int]) -> list[str]:
    return [RIASEC_NAMES[x] for x in top_letters(values)]
