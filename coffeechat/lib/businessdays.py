"""Business-day arithmetic in the user's own calendar: working days, public holidays, time zone.

The method's timers (3B7, method.md section 5) count business days and fire
"first thing in the morning", so every deadline is a local date at MORNING_HOUR, stored in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from types import ModuleType
from zoneinfo import ZoneInfo

MORNING_HOUR = 9
MONDAY_TO_FRIDAY = frozenset(range(5))


@cache
def _holidays() -> ModuleType:
    # Imported on first use: the package's country modules cost about half a second of CPU,
    # which every manage.py process would otherwise pay at Django's set-up.
    import holidays

    return holidays


@cache
def supported_country_codes() -> frozenset[str]:
    """Every country code the holidays package knows (two- and three-letter ones)."""
    return frozenset(_holidays().list_supported_countries())


@lru_cache(maxsize=256)
def _holidays_for(country: str, year: int) -> frozenset[date]:
    return frozenset(_holidays().country_holidays(country, years=year).keys())


def supported_countries() -> list[tuple[str, str]]:
    """(code, name) pairs for every country the holidays package knows, sorted by name."""
    names = {code: _country_name(code) for code in _holidays().list_supported_countries()}
    return sorted(names.items(), key=lambda item: item[1])


def _country_name(code: str) -> str:
    cls = _holidays().country_holidays(code).__class__
    return getattr(cls, "country_name", None) or cls.__name__.replace("_", " ") or code


@dataclass(frozen=True)
class WorkingCalendar:
    """One person's working week: which weekdays count, whose holidays, which clock."""

    zone: ZoneInfo
    working_days: frozenset[int] = MONDAY_TO_FRIDAY
    holiday_country: str = ""

    def is_business_day(self, day: date) -> bool:
        if day.weekday() not in self.working_days:
            return False
        return not (self.holiday_country and day in _holidays_for(self.holiday_country, day.year))

    def holiday_name(self, day: date) -> str:
        """The public holiday on `day` in the calendar's country, or ''."""
        if not self.holiday_country:
            return ""
        return _holidays().country_holidays(self.holiday_country, years=day.year).get(day) or ""

    def first_business_day_from(self, day: date) -> date:
        """`day` itself if it is a business day, otherwise the next one."""
        if not self.working_days:
            return day  # nobody can have no working days; forms forbid it, so be total here
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def next_business_day(self, day: date) -> date:
        """The first business day strictly after `day`: "tomorrow, or Monday after a weekend".

        Not `add_business_days(day, 1)`: that counts a weekend start from Monday (a request
        sent on Sunday is Monday's), so Sunday + 1 would be Tuesday.
        """
        return self.first_business_day_from(day + timedelta(days=1))

    def next_business_morning(self, moment: datetime) -> datetime:
        """MORNING_HOUR on the business day after the local date of `moment`."""
        return self.morning_of(self.next_business_day(self.local_date(moment)))

    def add_business_days(self, day: date, count: int) -> date:
        """The business day `count` business days after `day`.

        A start on a weekend or holiday counts from the next business day (method.md 5.2:
        "if sent on weekend, D = next business day").
        """
        day = self.first_business_day_from(day)
        remaining = count
        while remaining > 0:
            day += timedelta(days=1)
            if self.is_business_day(day) or not self.working_days:
                remaining -= 1
        return day

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def morning_of(self, day: date) -> datetime:
        """MORNING_HOUR local time on `day`, as an aware UTC datetime."""
        local = datetime.combine(day, time(MORNING_HOUR), tzinfo=self.zone)
        return local.astimezone(UTC)

    def business_days_after(self, moment: datetime, count: int) -> datetime:
        """The morning `count` business days after the local date of `moment`."""
        return self.morning_of(self.add_business_days(self.local_date(moment), count))
