"""The audit log: one service records what happened to an account, for its owner only."""

from __future__ import annotations

from datetime import timedelta

from django.test import RequestFactory, override_settings
from django.utils import timezone

from coffeechat.accounts import audit
from coffeechat.accounts.models import AuditEvent
from coffeechat.exports import queries as export_queries
from coffeechat.exports import walk


def test_it_records_an_event_with_the_client_address_and_browser(alice, mallory) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Firefox/140")

    audit.record(user=alice, kind=audit.Kind.EXPORT, detail="Zip of 3 tables", request=request)

    event = audit.events_for(alice).get()
    assert (event.kind, event.detail, event.ip, event.user_agent) == (
        "export",
        "Zip of 3 tables",
        "203.0.113.9",
        "Firefox/140",
    )
    assert not audit.events_for(mallory).exists()


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_it_records_the_forwarded_address(alice) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")

    event = audit.record(user=alice, kind=audit.Kind.SIGN_IN, request=request)

    assert event.ip == "198.51.100.7"


def test_without_a_trusted_proxy_a_forwarded_header_is_ignored(alice) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")

    event = audit.record(user=alice, kind=audit.Kind.SIGN_IN, request=request)

    assert event.ip == "10.0.0.2"


@override_settings(AUDIT_LOG_DAYS=30)
def test_it_drops_events_older_than_the_kept_days(alice) -> None:
    now = timezone.now()
    audit.record(user=alice, kind=audit.Kind.SIGN_IN, now=now - timedelta(days=31))
    audit.record(user=alice, kind=audit.Kind.SIGN_IN, now=now - timedelta(days=29))

    audit.record(user=alice, kind=audit.Kind.SIGN_OUT, now=now)

    assert [e.kind for e in audit.events_for(alice)] == ["sign_out", "sign_in"]


def test_an_account_deletion_is_a_log_line_not_a_row(
    alice, caplog, django_capture_on_commit_callbacks
) -> None:
    with (
        caplog.at_level("INFO", logger="coffeechat.audit"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert audit.record(user=alice, kind=audit.Kind.ACCOUNT_DELETION) is None

    assert not AuditEvent.objects.exists()
    assert f"account={alice.pk} kind=account_deletion" in caplog.text
    assert alice.email not in caplog.text


def test_the_audit_log_is_exported_but_never_imported_nor_counted_as_data(alice) -> None:
    audit.record(user=alice, kind=audit.Kind.SIGN_IN)

    owned = walk.owned_model(AuditEvent)
    assert owned.is_exported and not owned.is_imported
    # Signing in to an empty account (to import into it) writes events: it stays empty.
    assert export_queries.row_counts(alice) == {}


# What the other apps record ------------------------------------------------------------------


def test_exports_and_downloads_are_in_the_owners_log(alice_client, alice) -> None:
    alice_client.post("/settings/data/export/", REMOTE_ADDR="192.0.2.8")
    alice_client.get("/export/people.csv")

    details = list(audit.events_for(alice).values_list("kind", "detail", "ip"))
    assert details == [
        ("export", "People downloaded (CSV)", "127.0.0.1"),
        ("export", "Account zip requested", "192.0.2.8"),
    ]


def test_an_account_import_is_in_the_owners_log(alice, mallory) -> None:
    import io

    from coffeechat.exports import services as export_services

    zipped = io.BytesIO()
    export_services.write_account_zip(owner=alice, out=zipped)
    zipped.seek(0)

    export_services.import_account(owner=mallory, archive=zipped)

    assert audit.events_for(mallory).get().kind == "account_import"


def test_an_account_deletion_is_logged_for_the_operator_once_done(
    alice, caplog, django_capture_on_commit_callbacks
) -> None:
    from coffeechat.exports import services as export_services

    account_id = alice.pk
    with (
        caplog.at_level("INFO", logger="coffeechat.audit"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        export_services.delete_account(user=alice)

    assert f"account={account_id} kind=account_deletion" in caplog.text
    assert not AuditEvent.objects.exists()
