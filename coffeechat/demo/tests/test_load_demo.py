from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.conversations.models import (
    Activity,
    Conversation,
    Meeting,
    Note,
    Reminder,
    Stage,
)
from coffeechat.conversations.today import end_of_local_day
from coffeechat.demo import data
from coffeechat.demo.services import DemoBuilder, load_demo
from coffeechat.network.models import Introduction, Organization, Person

# Each loads the whole demo account (a second or more): make test-fast leaves them out.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def run(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def demo_user() -> User:
    return User.objects.get(email=data.DEMO_EMAIL)


def reminder_buckets(user: User, now: datetime) -> dict[str, int]:
    """Open reminders by the user's local day: before today, today, within the next week."""
    end_of_today = end_of_local_day(user, now)
    start_of_today = end_of_today - timedelta(days=1)
    reminders = Reminder.objects.filter(owner=user, status=Reminder.Status.OPEN)
    return {
        "overdue": reminders.filter(due_at__lt=start_of_today).count(),
        "today": reminders.filter(due_at__gte=start_of_today, due_at__lt=end_of_today).count(),
        "upcoming": reminders.filter(
            due_at__gte=end_of_today, due_at__lt=end_of_today + timedelta(days=7)
        ).count(),
    }


def snapshot(user: User) -> dict[str, int]:
    return {
        "organizations": Organization.objects.filter(owner=user).count(),
        "people": Person.objects.filter(owner=user).count(),
        "conversations": Conversation.objects.filter(owner=user).count(),
        "reminders": Reminder.objects.filter(owner=user).count(),
        "activities": Activity.objects.filter(owner=user).count(),
        "introductions": Introduction.objects.filter(owner=user).count(),
    }


def test_loads_a_lived_in_account_into_an_empty_database():
    output = run()

    assert "Demo account ready: demo@coffeechat.test / coffeechat-demo" in output
    user = demo_user()
    assert user.check_password(data.DEMO_PASSWORD)
    assert (user.display_name, user.time_zone, user.holiday_country) == (
        "Sam Rivera",
        "America/Chicago",
        "US",
    )
    assert user.digest_enabled is False
    assert EmailAddress.objects.filter(
        user=user, email=data.DEMO_EMAIL, verified=True, primary=True
    ).exists()

    counts = snapshot(user)
    assert counts["organizations"] >= 40
    assert counts["people"] >= 80
    assert counts["introductions"] >= 5
    stages = set(Conversation.objects.filter(owner=user).values_list("stage", flat=True))
    assert stages == set(Stage.values)
    connections = set(Person.objects.filter(owner=user).values_list("connection", flat=True))
    assert connections == set(Person.Connection.values)

    now = timezone.now()
    buckets = reminder_buckets(user, now)
    assert buckets["overdue"] > 0
    assert buckets["today"] > 0
    assert buckets["upcoming"] > 0
    assert Meeting.objects.filter(
        owner=user, starts_at__gte=now, starts_at__lt=now + timedelta(days=7)
    ).exists()
    assert Conversation.objects.filter(owner=user).exclude(follow_up_sent_at=None).exists()
    assert (
        Note.objects.filter(owner=user, conversation__stage__in=[Stage.MET, Stage.THANKED]).count()
        >= 5
    )
    # The timeline is history: nothing happened after the load.
    assert not Activity.objects.filter(owner=user, occurred_at__gt=timezone.now()).exists()


def test_running_again_without_force_is_a_no_op():
    run()
    user = demo_user()
    before = snapshot(user)

    output = run()

    assert "Skipped" in output and "already exists" in output
    assert demo_user().pk == user.pk
    assert snapshot(user) == before


def test_an_existing_user_means_the_demo_is_skipped(alice):
    output = run()

    assert "Skipped" in output and "already has users" in output
    assert not User.objects.filter(email=data.DEMO_EMAIL).exists()
    assert list(User.objects.all()) == [alice]


def test_force_adds_the_demo_next_to_other_users(alice):
    output = run("--force")

    assert "Demo account ready" in output
    assert User.objects.count() == 2
    assert Person.objects.filter(owner=alice).count() == 0


def test_force_replaces_only_the_demo_users_data(alice):
    from coffeechat.conversations.services import start_conversation
    from coffeechat.network.services import add_person

    alices_person = add_person(owner=alice, full_name="Bea Someone", organization_name="Alice Co")
    start_conversation(owner=alice, person=alices_person, purpose="Alice's own thread")
    run("--force")
    old = demo_user()
    before = snapshot(old)

    output = run("--force")

    assert "Demo account ready" in output
    new = demo_user()
    assert new.pk != old.pk
    assert snapshot(new) == before
    assert not Person.objects.filter(owner_id=old.pk).exists()
    assert EmailAddress.objects.filter(email=data.DEMO_EMAIL).count() == 1
    # Alice's data is untouched.
    assert User.objects.filter(pk=alice.pk).exists()
    assert list(Person.objects.filter(owner=alice)) == [alices_person]
    assert Conversation.objects.filter(owner=alice).count() == 1
    assert Organization.objects.filter(owner=alice).count() == 1


def test_a_failure_leaves_nothing_half_loaded(monkeypatch):
    def explode(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(DemoBuilder, "_people", explode)
    with pytest.raises(RuntimeError):
        run()

    assert not User.objects.exists()
    assert not Organization.objects.exists()


@pytest.mark.parametrize(
    "local_moment",
    [
        datetime(2026, 12, 26, 23, 50),  # Saturday night after Christmas
        datetime(2027, 1, 4, 6, 0),  # early Monday after New Year's Day
        datetime(2027, 3, 14, 3, 30),  # the night clocks go forward
    ],
)
def test_every_day_of_the_calendar_gives_a_full_today(local_moment):
    zone = ZoneInfo(data.DEMO_PROFILE["time_zone"])
    now = local_moment.replace(tzinfo=zone).astimezone(UTC)

    outcome = load_demo(now=now)

    assert outcome.loaded
    user = demo_user()
    assert all(reminder_buckets(user, now).values())
    assert Meeting.objects.filter(
        owner=user, starts_at__gte=now, starts_at__lt=now + timedelta(days=7)
    ).exists()
    assert not Activity.objects.filter(owner=user, occurred_at__gt=now).exists()


def test_the_script_replays_without_adjustments():
    """Every scripted step finds its reminder and comes after the step before it."""
    user = User.objects.create_user(data.DEMO_EMAIL, data.DEMO_PASSWORD, **data.DEMO_PROFILE)
    builder = DemoBuilder(user, timezone.now())

    builder.build()

    assert builder.skipped == []
    assert builder.reordered == []


def test_the_load_is_deterministic():
    now = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)
    load_demo(now=now)
    first = people_fingerprint()

    load_demo(force=True, now=now)

    assert people_fingerprint() == first


def people_fingerprint() -> list[tuple[str, str, str]]:
    return list(
        Person.objects.filter(owner=demo_user())
        .order_by("full_name")
        .values_list("full_name", "email", "phone")
    )


def test_people_were_added_before_anything_happened_with_them():
    run()
    user = demo_user()

    for person in Person.objects.filter(owner=user).prefetch_related("activities"):
        events = [a.occurred_at for a in person.activities.all()]
        assert not events or person.created_at < min(events), person
