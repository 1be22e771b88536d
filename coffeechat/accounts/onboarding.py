"""The first-run onboarding at /welcome/: a few short steps, each skippable and saved on its own.

It never blocks anything: no middleware sends people here; sign-up lands here once, and the
first-run checklist on Today links back. `User.onboarding_step` remembers the furthest step
reached so /welcome/ resumes there; `User.onboarded_at` is set when the user finishes or skips
the rest.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from coffeechat.accounts.models import User
from coffeechat.lib.businessdays import supported_countries


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    fields: tuple[str, ...]  # the User fields the step saves


STEPS = (
    Step("you", "You and how you sign", ("display_name", "signature")),
    Step("calendar", "Your working week", ("time_zone", "working_days", "holiday_country")),
    Step(
        "field", "What you're exploring", ("school", "field_broad", "field_narrow", "profile_url")
    ),
    # method.md RULE-A3: deciding starts from the gap to close, and by when.
    Step("decision", "The decision ahead", ("decision", "decision_by")),
    Step("start", "Bring your people in", ()),
)
BY_KEY = {step.key: step for step in STEPS}
KEYS = tuple(BY_KEY)


def step_of(key: str) -> Step | None:
    return BY_KEY.get(key)


def next_key(key: str) -> str | None:
    """The step after `key`; None after the last one."""
    index = KEYS.index(key)
    return KEYS[index + 1] if index + 1 < len(KEYS) else None


def resume_key(user: User) -> str:
    """Where /welcome/ opens: the furthest step the user reached, else the first."""
    return user.onboarding_step if user.onboarding_step in BY_KEY else KEYS[0]


def reached(user: User, key: str) -> bool:
    """Whether `key` is at or before the furthest step reached."""
    return KEYS.index(key) <= KEYS.index(resume_key(user))


# Which country's public holidays a time zone suggests -----------------------------------------


def _tzdata_table(name: str) -> str:
    """One of tzdata's tables (the Python package's copy, else the system's); '' if neither."""
    try:
        return (resources.files("tzdata.zoneinfo") / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        system = Path("/usr/share/zoneinfo") / name
        return system.read_text(encoding="utf-8") if system.exists() else ""


def _rows(name: str) -> list[list[str]]:
    return [
        line.split("\t")
        for line in _tzdata_table(name).splitlines()
        if line.strip() and not line.startswith("#")
    ]


@functools.cache
def holiday_countries() -> list[tuple[str, str]]:
    """(code, name) of the countries whose public holidays the calendar knows, by name.

    The holidays package lists each country under its two- and three-letter codes and names
    neither; tzdata's iso3166.tab names the two-letter ones ("DE" -> "Germany").
    """
    names = {cells[0]: cells[1].strip() for cells in _rows("iso3166.tab") if len(cells) >= 2}
    names["XK"] = "Kosovo"  # a user-assigned code, not in ISO 3166
    # "UK" is the holidays package's alias of GB: one entry for Britain is enough.
    codes = [code for code, _ in supported_countries() if len(code) == 2 and code != "UK"]
    return sorted(((code, names.get(code, code)) for code in codes), key=lambda c: c[1])


@functools.cache
def zone_countries() -> dict[str, str]:
    """Time zone -> the ISO country code zone.tab lists it under ("Europe/Berlin" -> "DE").

    zone.tab names one country per zone line (the country the zone was made for), which is a
    suggestion the user confirms, never a fact about them.
    """
    found: dict[str, str] = {}
    for cells in _rows("zone.tab"):
        if len(cells) >= 3:
            found.setdefault(cells[2].strip(), cells[0].strip())
    return found


def holiday_country_for(zone: str, supported: set[str]) -> str:
    """The holiday country a time zone suggests, if the holiday calendar knows it; else ''."""
    country = zone_countries().get(zone, "")
    return country if country in supported else ""
