"""Issues 12 and 14: the import at bulk speed (a constant number of statements whatever the
size of the file), a short write lock that other users' writes wait out, and parsing that
stops at the row limit in bounded memory."""

from __future__ import annotations

import io
import threading
import time
import tracemalloc
import zipfile

import pytest
from django.db import DataError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from coffeechat.imports import applying, bulk, services
from coffeechat.imports.models import ContactImport
from coffeechat.imports.parsers import archive
from coffeechat.imports.tests.bigfile import linkedin_csv
from coffeechat.network import services as network_services
from coffeechat.network.models import Organization, Person, Tag

Status = ContactImport.Status


def queries_to_import(owner, rows: int) -> tuple[int, int]:
    """(queries of the preview, queries of applying it) for a file of `rows` connections,
    each at its own organization."""
    contact_import = services.receive_file(
        owner=owner, filename="c.csv", data=linkedin_csv(rows, organizations=rows)
    )
    with CaptureQueriesContext(connection) as analysing:
        contact_import = services.analyse(contact_import=contact_import)
    with CaptureQueriesContext(connection) as writing:
        contact_import = applying.start_import(contact_import=contact_import)
    assert contact_import.status == Status.DONE
    return len(analysing), len(writing)


def test_preview_and_apply_cost_the_same_queries_at_any_size(alice, mallory) -> None:
    small = queries_to_import(alice, 40)
    large = queries_to_import(mallory, 400)

    assert small == large
    assert Organization.objects.filter(owner=mallory).count() == 392  # 8 hidden rows


def test_a_reimport_merges_without_a_query_per_row(alice, mallory) -> None:
    for owner, rows in ((alice, 40), (mallory, 400)):
        applying.start_import(
            contact_import=services.analyse(
                contact_import=(
                    services.receive_file(owner=owner, filename="c.csv", data=linkedin_csv(rows))
                )
            )
        )
    small = queries_to_import(alice, 40)
    large = queries_to_import(mallory, 400)

    assert small == large


@pytest.mark.django_db(transaction=True)
def test_another_users_write_waits_out_a_big_import_instead_of_failing(alice, mallory) -> None:
    """The import's transaction holds SQLite's write lock; a write from another connection
    meanwhile waits inside the busy timeout and succeeds (PostgreSQL doesn't block it)."""
    contact_import = services.analyse(
        contact_import=services.receive_file(
            owner=alice, filename="c.csv", data=linkedin_csv(3_000)
        )
    )
    ContactImport.objects.filter(pk=contact_import.pk).update(status=Status.IMPORTING)
    writing, outcome = threading.Event(), {}

    def slow_first_insert(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not writing.is_set() and sql.startswith('INSERT INTO "network_person"'):
            writing.set()
            time.sleep(0.5)  # hold the lock long enough for the other write to meet it
        return result

    def run_import() -> None:
        try:
            with connection.execute_wrapper(slow_first_insert):
                # What the worker runs for a file this size (start_import queues it).
                outcome["import"] = applying.run_import(contact_import=contact_import)
        finally:
            connections.close_all()

    worker = threading.Thread(target=run_import)
    worker.start()
    assert writing.wait(30)
    started = time.perf_counter()
    person = network_services.add_person(owner=mallory, full_name="Written meanwhile")
    waited = time.perf_counter() - started
    worker.join(60)

    assert outcome["import"].status == Status.DONE
    assert Person.objects.get(pk=person.pk).owner == mallory
    assert Person.objects.filter(owner=alice).count() == 2_940
    if connection.vendor == "sqlite":
        assert 0.2 < waited < 20  # it waited for the import's commit, inside the timeout


def peak_while_checking(owner, raw: bytes) -> tuple[int, str]:
    tracemalloc.start()
    try:
        services.check_file(owner=owner, data=raw)
        message = ""
    except Exception as error:
        message = " ".join(getattr(error, "messages", [str(error)]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, message


def test_a_file_over_the_row_limit_is_refused_without_holding_all_its_rows(
    alice, monkeypatch
) -> None:
    raw = linkedin_csv(40_000)
    monkeypatch.setattr(services, "MAX_ROWS", 500)

    peak, message = peak_while_checking(alice, raw)

    assert "more than 500 rows" in message
    # The parse stopped at row 501: about the file's text, never 40,000 rows of contacts
    # (reading them all took 20 times the file's size).
    assert peak < 3 * len(raw)


def zipped(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_whose_csvs_inflate_beyond_the_budget_together_is_refused(alice, monkeypatch) -> None:
    part = linkedin_csv(2_000)
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", len(part) + 1_000)
    raw = zipped(**{"Connections.csv": part, "old/Connections.csv": part})

    contact_import = services.analyse(
        contact_import=services.receive_file(owner=alice, filename="export.zip", data=raw)
    )

    assert contact_import.status == Status.FAILED
    assert "inflate" in contact_import.error
    assert contact_import.rows.count() == 0


def test_a_zipped_connections_file_stops_at_the_row_limit(alice, monkeypatch) -> None:
    monkeypatch.setattr(services, "MAX_ROWS", 100)

    contact_import = services.analyse(
        contact_import=services.receive_file(
            owner=alice,
            filename="export.zip",
            data=zipped(**{"Connections.csv": linkedin_csv(5_000)}),
        )
    )

    assert contact_import.status == Status.FAILED
    assert "more than 100 rows" in contact_import.error
    assert contact_import.rows.count() == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite doesn't enforce lengths")
@pytest.mark.parametrize("write", ["insert", "update"])
def test_a_value_too_long_for_its_column_is_refused_not_cut(alice, write) -> None:
    """PostgreSQL: the bulk statements read values as text before they go into a varchar(n)
    column, so a value over its length fails as a plain INSERT would (a cast to varchar(n)
    would have cut it without a word)."""
    tag = Tag.objects.create(owner=alice, name="short")
    with pytest.raises(DataError), transaction.atomic():
        if write == "insert":
            bulk.insert(Tag, [{"owner_id": alice.pk, "name": "x" * 51}])
        else:
            bulk.update(Tag, ["name"], [[tag.pk, "x" * 51]])

    tag.refresh_from_db()
    assert tag.name == "short"
    assert not Tag.objects.filter(name__startswith="xxx").exists()
