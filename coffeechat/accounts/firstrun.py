"""The first-run checklist Today shows on a new or thin account.

The steps belong to different apps (your profile, your network, the inventory, the target
list...), and most of those apps sit above this one, so each app registers its own step from its
AppConfig.ready() instead of this module importing them:

    firstrun.register(firstrun.Step(key="targets", order=40, title="List 40 target employers",
                                    url_name="targets:targets", progress=targets_progress))

`progress(user)` returns (done, goal): the step is done when done >= goal. Each step costs one
or two queries whatever the size of the account, so the checklist's cost is constant.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from coffeechat.accounts.models import User


@dataclass(frozen=True)
class Step:
    key: str
    order: int
    title: str
    url_name: str
    progress: Callable[[User], tuple[int, int]]
    why: str = ""  # one line: what the step is for, in the method's words


@dataclass(frozen=True)
class StepState:
    step: Step
    done: int
    goal: int

    @property
    def complete(self) -> bool:
        return self.done >= self.goal

    @property
    def url(self) -> str:
        return reverse(self.step.url_name)


_steps: dict[str, Step] = {}


def register(step: Step) -> None:
    """Add (or replace, on a second ready()) the step with this key."""
    _steps[step.key] = step


def checklist_for(user: User) -> list[StepState]:
    """Every registered step in order, with how far `user` has come."""
    states = []
    for step in sorted(_steps.values(), key=lambda s: (s.order, s.key)):
        done, goal = step.progress(user)
        states.append(StepState(step=step, done=min(done, goal), goal=goal))
    return states


@dataclass(frozen=True)
class Checklist:
    """The checklist as Today shows it: the steps, and how many of them are done."""

    steps: list[StepState]

    @property
    def done(self) -> int:
        return sum(1 for state in self.steps if state.complete)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def percent(self) -> int:
        return self.done * 100 // self.total if self.total else 100

    @property
    def next_step(self) -> StepState | None:
        return next((state for state in self.steps if not state.complete), None)


def checklist_panel(user: User) -> Checklist | None:
    """The checklist for Today, or None once every step is done or the user dismissed it."""
    if user.checklist_dismissed_at is not None:
        return None
    checklist = Checklist(steps=checklist_for(user))
    return checklist if checklist.next_step is not None else None
