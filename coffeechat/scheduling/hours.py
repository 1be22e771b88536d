"""Whether an offered time suits both people: a warning per time, never a block.

method.md RULE-S5 (be flexible with their times) and RULE-C3 (mind their time zone): a time
at night, on a weekend or a public holiday, or outside the other person's usual working hours
on their own clock, is probably a slip. The user may mean it (an early call across the
world), so the page says it beside the time and lets it stand.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from coffeechat.accounts.models import User
from coffeechat.accounts.onboarding import holiday_country_for
from coffeechat.lib.businessdays import WorkingCalendar, supported_country_codes
from coffeechat.network.models import Person
from coffeechat.scheduling import zones

YOUR_WAKING_HOURS = (time(7), time(21))  # outside: "at night" on your clock
THEIR_WORKING_HOURS = (time(9), time(18))  # the usual working day on their clock


def slot_warnings(*, owner: User, person: Person, starts_at: datetime, minutes: int) -> list[str]:
    """Sentences about what may be wrong with this time, for each side; [] when it's fine."""
    yours = owner.calendar
    theirs = _their_calendar(owner, person)
    ends_at = starts_at + timedelta(minutes=minutes)
    who = person.first_name or str(person)
    same_place = (
        yours.zone.key == theirs.zone.key and yours.holiday_country == theirs.holiday_country
    )
    warnings = []
    your_day = _day_problem(yours, zones.local(starts_at, yours.zone).date())
    their_day = _day_problem(theirs, zones.local(starts_at, theirs.zone).date())
    if same_place and your_day:
        warnings.append(f"{your_day} for you both")
    else:
        if your_day:
            warnings.append(f"{your_day} for you")
        if their_day:
            warnings.append(f"{their_day} for {who}")
    if not _within(starts_at, ends_at, yours, YOUR_WAKING_HOURS):
        warnings.append(f"{zones.local(starts_at, yours.zone):%H:%M} on your clock: at night")
    if not _within(starts_at, ends_at, theirs, THEIR_WORKING_HOURS):
        start, end = THEIR_WORKING_HOURS
        warnings.append(
            f"{zones.local(starts_at, theirs.zone):%H:%M} on {who}’s clock: "
            f"outside usual working hours ({start:%H:%M}–{end:%H:%M})"
        )
    return warnings


def _their_calendar(owner: User, person: Person) -> WorkingCalendar:
    zone = zones.zone_of_person(person, owner)
    if zone.key == owner.time_zone:
        country = owner.holiday_country  # same zone, nothing known: same holidays as yours
    else:
        country = holiday_country_for(zone.key, set(supported_country_codes()))
    return WorkingCalendar(zone=zone, holiday_country=country)


def _day_problem(calendar: WorkingCalendar, day: date) -> str:
    holiday = calendar.holiday_name(day)
    if holiday:
        return f"{day:%A} {day.day} {day:%b} is a public holiday ({holiday})"
    if day.weekday() not in calendar.working_days:
        return f"{day:%A} is not a working day"
    return ""


def _within(
    starts_at: datetime, ends_at: datetime, calendar: WorkingCalendar, hours: tuple[time, time]
) -> bool:
    start, end = zones.local(starts_at, calendar.zone), zones.local(ends_at, calendar.zone)
    return start.date() == end.date() and hours[0] <= start.time() and end.time() <= hours[1]
