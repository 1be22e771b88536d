"""Business days in the user's own calendar (method.md 5.1-5.2; security.md D8)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from coffeechat.lib.businessdays import MORNING_HOUR, WorkingCalendar

NEW_YORK = ZoneInfo("America/New_York")
US = WorkingCalendar(zone=NEW_YORK, holiday_country="US")
PLAIN_UTC = WorkingCalendar(zone=ZoneInfo("UTC"))
SUNDAY_TO_THURSDAY = WorkingCalendar(
    zone=ZoneInfo("Asia/Jerusalem"), working_days=frozenset({6, 0, 1, 2, 3})
)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# Weekends ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 9), date(2026, 1, 12)),  # Friday -> Monday
        (date(2026, 1, 10), date(2026, 1, 12)),  # Saturday -> Monday
        (date(2026, 1, 11), date(2026, 1, 12)),  # Sunday -> Monday, not Tuesday
        (date(2026, 1, 12), date(2026, 1, 13)),  # Monday -> Tuesday
    ],
)
def test_the_next_business_day_after_a_weekend_day_is_monday(day: date, expected: date) -> None:
    assert PLAIN_UTC.next_business_day(day) == expected


def test_the_next_business_morning_skips_a_holiday_monday() -> None:
    # Sunday 17 Jan 2027 in New York; Monday is Martin Luther King Jr. Day.
    assert US.next_business_morning(utc(2027, 1, 17, 18)) == utc(2027, 1, 19, 14)


def test_it_skips_the_weekend_so_friday_plus_three_is_wednesday() -> None:
    assert PLAIN_UTC.add_business_days(date(2026, 1, 9), 3) == date(2026, 1, 14)


def test_it_counts_within_the_week_when_no_weekend_is_crossed() -> None:
    assert PLAIN_UTC.add_business_days(date(2026, 1, 12), 3) == date(2026, 1, 15)


def test_it_counts_a_saturday_request_from_monday() -> None:
    # method.md 5.2: "if sent on weekend, D = next business day", so Sat + 3B = Mon + 3B = Thu.
    assert PLAIN_UTC.add_business_days(date(2026, 1, 10), 3) == date(2026, 1, 15)
    assert PLAIN_UTC.add_business_days(date(2026, 1, 11), 3) == date(2026, 1, 15)


def test_it_gives_the_next_business_day_for_zero_days_on_a_weekend() -> None:
    assert PLAIN_UTC.add_business_days(date(2026, 1, 10), 0) == date(2026, 1, 12)
    assert PLAIN_UTC.add_business_days(date(2026, 1, 12), 0) == date(2026, 1, 12)


def test_it_puts_seven_business_days_a_week_and_a_half_later() -> None:
    assert PLAIN_UTC.add_business_days(date(2026, 1, 9), 7) == date(2026, 1, 20)


# Holidays ------------------------------------------------------------------------------------


def test_it_skips_thanksgiving_for_a_us_user() -> None:
    assert not US.is_business_day(date(2026, 11, 26))
    assert US.add_business_days(date(2026, 11, 23), 3) == date(2026, 11, 27)


def test_it_counts_thanksgiving_for_a_user_without_holidays() -> None:
    assert PLAIN_UTC.add_business_days(date(2026, 11, 23), 3) == date(2026, 11, 26)


def test_it_skips_christmas_and_new_year_across_the_year_end() -> None:
    assert US.add_business_days(date(2026, 12, 23), 3) == date(2026, 12, 29)
    assert US.add_business_days(date(2026, 12, 30), 2) == date(2027, 1, 4)


def test_it_skips_an_observed_holiday() -> None:
    # 4 July 2026 is a Saturday; the federal holiday is observed on Friday the 3rd.
    assert not US.is_business_day(date(2026, 7, 3))
    assert US.add_business_days(date(2026, 7, 2), 1) == date(2026, 7, 6)


def test_it_moves_a_request_sent_on_a_holiday_to_the_next_business_day() -> None:
    assert US.first_business_day_from(date(2026, 11, 26)) == date(2026, 11, 27)
    assert US.add_business_days(date(2026, 11, 26), 1) == date(2026, 11, 30)


# Other working weeks -------------------------------------------------------------------------


def test_it_follows_a_sunday_to_thursday_working_week() -> None:
    cal = SUNDAY_TO_THURSDAY
    assert cal.is_business_day(date(2026, 1, 11))  # Sunday
    assert not cal.is_business_day(date(2026, 1, 9))  # Friday
    assert not cal.is_business_day(date(2026, 1, 10))  # Saturday
    # Thursday + 1 is Sunday; Thursday + 3 is Tuesday.
    assert cal.add_business_days(date(2026, 1, 8), 1) == date(2026, 1, 11)
    assert cal.add_business_days(date(2026, 1, 8), 3) == date(2026, 1, 13)
    # Sent on their Friday: counted from Sunday.
    assert cal.add_business_days(date(2026, 1, 9), 3) == date(2026, 1, 14)


# Time zones ----------------------------------------------------------------------------------


def test_it_counts_from_the_local_date_in_auckland() -> None:
    cal = WorkingCalendar(zone=ZoneInfo("Pacific/Auckland"))
    sent = utc(2026, 1, 8, 20)  # Thursday in UTC, Friday 09:00 NZDT (UTC+13)
    due = cal.business_days_after(sent, 3)
    assert due.astimezone(cal.zone) == datetime(2026, 1, 14, MORNING_HOUR, tzinfo=cal.zone)
    assert due == utc(2026, 1, 13, 20)  # the day before, in UTC


def test_it_counts_from_the_local_saturday_at_utc_plus_fourteen() -> None:
    cal = WorkingCalendar(zone=ZoneInfo("Pacific/Kiritimati"))
    sent = utc(2026, 1, 9, 11)  # Friday in UTC, already Saturday 01:00 in Kiritimati
    due = cal.business_days_after(sent, 3)
    assert due.astimezone(cal.zone).date() == date(2026, 1, 15)  # Mon + 3B
    assert due == utc(2026, 1, 14, 19)


def test_it_counts_from_the_local_friday_at_utc_minus_ten() -> None:
    cal = WorkingCalendar(zone=ZoneInfo("Pacific/Honolulu"))
    sent = utc(2026, 1, 10, 8)  # Saturday in UTC, still Friday 22:00 in Honolulu
    due = cal.business_days_after(sent, 3)
    assert due.astimezone(cal.zone).date() == date(2026, 1, 14)  # Fri + 3B
    assert due == utc(2026, 1, 14, 19)


def test_it_stores_the_morning_as_aware_utc() -> None:
    morning = US.morning_of(date(2026, 1, 14))
    assert morning.tzinfo is UTC
    assert morning == utc(2026, 1, 14, 14)


# Daylight saving -----------------------------------------------------------------------------


def test_it_lands_at_nine_local_across_the_spring_change() -> None:
    sent = datetime(2026, 3, 5, 9, tzinfo=NEW_YORK)  # Thursday, EST (UTC-5)
    assert sent.astimezone(UTC).hour == 14
    due = US.business_days_after(sent, 3)
    assert due.astimezone(NEW_YORK) == datetime(2026, 3, 10, 9, tzinfo=NEW_YORK)
    assert due == utc(2026, 3, 10, 13)  # EDT (UTC-4): a different UTC hour


def test_it_lands_at_nine_local_across_the_autumn_change() -> None:
    sent = datetime(2026, 10, 28, 14, tzinfo=NEW_YORK)  # Wednesday, EDT (UTC-4)
    due = US.business_days_after(sent, 3)
    assert due.astimezone(NEW_YORK) == datetime(2026, 11, 2, 9, tzinfo=NEW_YORK)
    assert due == utc(2026, 11, 2, 14)  # EST (UTC-5)


def test_it_gives_nine_local_on_the_days_of_the_change_themselves() -> None:
    assert US.morning_of(date(2026, 3, 8)) == utc(2026, 3, 8, 13)
    assert US.morning_of(date(2026, 11, 1)) == utc(2026, 11, 1, 14)


@pytest.mark.parametrize("fold", [0, 1])
def test_it_counts_a_request_sent_in_the_repeated_hour_from_the_next_business_day(fold) -> None:
    # 01:30 on 2026-11-01 happens twice in New York; either way it is a Sunday.
    sent = datetime(2026, 11, 1, 1, 30, fold=fold, tzinfo=NEW_YORK).astimezone(UTC)
    assert US.business_days_after(sent, 3) == utc(2026, 11, 5, 14)


def test_it_counts_a_request_sent_in_the_skipped_hour_from_the_next_business_day() -> None:
    # 02:30 on 2026-03-08 never happens on a New York clock; the instant is still a Sunday.
    sent = utc(2026, 3, 8, 7, 30)
    assert US.local_date(sent) == date(2026, 3, 8)
    assert US.business_days_after(sent, 3) == utc(2026, 3, 12, 13)


# Properties ----------------------------------------------------------------------------------

ZONES = sorted(available_timezones() - {"Factory", "localtime"})
COUNTRIES = ["", "US", "GB", "NZ", "DE", "IL", "JP"]


def _business_days_between(cal: WorkingCalendar, after: date, until: date) -> int:
    """Business days in (after, until]."""
    return sum(
        cal.is_business_day(after + timedelta(days=i)) for i in range(1, (until - after).days + 1)
    )


calendars = st.builds(
    WorkingCalendar,
    zone=st.sampled_from(ZONES).map(ZoneInfo),
    working_days=st.frozensets(st.integers(0, 6), min_size=1),
    holiday_country=st.sampled_from(COUNTRIES),
)


@settings(max_examples=300, deadline=None, database=None)
@given(
    cal=calendars, start=st.dates(date(2000, 1, 1), date(2045, 12, 31)), count=st.integers(0, 40)
)
def test_it_always_lands_exactly_count_business_days_after_the_first_business_day(
    cal: WorkingCalendar, start: date, count: int
) -> None:
    result = cal.add_business_days(start, count)
    first = cal.first_business_day_from(start)
    assert first >= start
    assert cal.is_business_day(first)
    assert not any(
        cal.is_business_day(start + timedelta(days=i)) for i in range((first - start).days)
    )
    assert cal.is_business_day(result)
    assert _business_days_between(cal, first, result) == count


@settings(max_examples=300, deadline=None, database=None)
@given(
    cal=calendars,
    moment=st.datetimes(datetime(2000, 1, 1), datetime(2045, 12, 31), timezones=st.just(UTC)),
    count=st.integers(0, 15),
)
@example(
    cal=WorkingCalendar(zone=ZoneInfo("Pacific/Apia"), working_days=frozenset(range(7))),
    moment=datetime(2011, 12, 29, 20, tzinfo=UTC),
    count=1,
)
@example(cal=US, moment=datetime(2026, 3, 8, 7, 30, tzinfo=UTC), count=0)
@example(cal=US, moment=datetime(2026, 11, 1, 5, 30, tzinfo=UTC), count=0)
def test_it_always_fires_at_nine_local_on_a_business_day(
    cal: WorkingCalendar, moment: datetime, count: int
) -> None:
    due = cal.business_days_after(moment, count)
    assert due.tzinfo is UTC
    local = due.astimezone(cal.zone)
    assert (local.hour, local.minute, local.second) == (MORNING_HOUR, 0, 0)
    day = cal.add_business_days(cal.local_date(moment), count)
    assert cal.is_business_day(day)
    if _exists_on_the_clock(cal.zone, day):
        assert local.date() == day
    else:  # Samoa skipped 30 Dec 2011: the reminder comes the next morning instead
        assert local.date() == day + timedelta(days=1)
    if count > 0:
        assert due > moment


def _exists_on_the_clock(zone: ZoneInfo, day: date) -> bool:
    noon = datetime(day.year, day.month, day.day, 12, tzinfo=zone)
    return noon.astimezone(UTC).astimezone(zone).date() == day


def test_it_fires_the_next_morning_for_a_day_the_zone_skipped() -> None:
    cal = WorkingCalendar(zone=ZoneInfo("Pacific/Apia"))
    assert cal.morning_of(date(2011, 12, 30)).astimezone(cal.zone) == datetime(
        2011, 12, 31, MORNING_HOUR, tzinfo=cal.zone
    )
