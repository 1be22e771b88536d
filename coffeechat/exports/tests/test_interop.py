"""Real clients read our exports (formats.md 7, rows 2 and 5).

Marked `interop`. khard (address book CLI) and Radicale (CardDAV server) are dev dependencies,
so these run everywhere the suite runs; they fail, not skip, when a tool is missing.
Radicale listens on a free loopback port, keeps its data in tmp_path and is stopped by pid.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

import pytest
import vobject

from coffeechat.exports import formats, queries
from coffeechat.lib.testing.people import make_person
from coffeechat.lib.testing.servers import free_port

pytestmark = pytest.mark.interop
KHARD = Path(sys.executable).parent / "khard"
HOST = "app.example"


@pytest.fixture
def dana(alice):
    return make_person(
        alice,
        "Dana Whitfield",
        "Northwind Analytics",
        title="Staff Data Engineer",
        email="dana.whitfield@example.com",
        phone="+1 555 010 4477",
        linkedin_url="https://www.linkedin.com/in/dana-whitfield-example",
        notes="Met at PyCascades 2026; intro via Priya.",
        tag_names=["mentors"],
    )


@pytest.fixture
def people(alice, dana):
    make_person(alice, "Zoë Ångström-Ndiaye", "Contoso Labs", email="zoe@example.net")
    return list(queries.people_for_export(alice))


# khard -----------------------------------------------------------------------------------------


@pytest.fixture
def khard(tmp_path):
    """Run khard against a vdir in tmp_path; returns (vdir, run)."""
    vdir = tmp_path / "contacts"
    vdir.mkdir()
    config = tmp_path / "khard.conf"
    config.write_text(
        f"[addressbooks]\n[[people]]\npath = {vdir}\n\n[general]\ndefault_action = list\n"
    )

    def run(*args: str) -> str:
        result = subprocess.run(
            [str(KHARD), "-c", str(config), *args],
            capture_output=True,
            text=True,
            timeout=30,
            env={"HOME": str(tmp_path), "LANG": "C.UTF-8"},
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    return vdir, run


def test_khard_lists_every_card_of_the_bulk_vcf(khard, people) -> None:
    vdir, run = khard
    # A vdir holds one card per file: split the bulk file as an address book app would.
    for card in vobject.readComponents(formats.vcards(people, host=HOST)):
        (vdir / f"{card.uid.value}.vcf").write_text(card.serialize())

    listed = run("list", "--parsable")

    assert "Dana Whitfield" in listed
    assert "Zoë Ångström-Ndiaye" in listed


def test_khard_shows_the_fields_of_a_single_card(khard, dana) -> None:
    vdir, run = khard
    person = queries.get_person_for_export(dana.owner, dana.pk)
    (vdir / "dana.vcf").write_text(formats.vcard(person, host=HOST))

    shown = run("show", "--format", "yaml", "Dana")

    for expected in (
        "Whitfield",
        "Dana",
        "Northwind Analytics",
        "Staff Data Engineer",
        "dana.whitfield@example.com",
        "+1 555 010 4477",
        "https://www.linkedin.com/in/dana-whitfield-example",
        "Met at PyCascades 2026; intro via Priya.",
    ):
        assert expected in shown


# Radicale (CardDAV) ----------------------------------------------------------------------------


@pytest.fixture
def radicale(tmp_path):
    port = free_port()
    config = tmp_path / "radicale.conf"
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n[auth]\ntype = none\ndelay = 0\n"
        f"[rights]\ntype = owner_only\n[storage]\n"
        f"filesystem_folder = {tmp_path / 'collections'}\n"
        "[logging]\nlevel = warning\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "-C", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield f"{base}/alice/"
    finally:
        process.terminate()
        process.wait(10)


def _wait_until_up(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"Radicale exited: {process.stderr.read().decode()}")
        try:
            urllib.request.urlopen(f"{base}/.web/", timeout=1)
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("Radicale did not start within 15 s")


def _dav(
    method: str, url: str, body: str = "", headers: dict[str, str] | None = None
) -> tuple[int, str]:
    request = urllib.request.Request(
        url,
        data=body.encode() or None,
        method=method,
        headers={
            "Authorization": "Basic YWxpY2U6eA==",  # alice:x
            **(headers or {}),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


MKCOL = """<?xml version="1.0"?>
<mkcol xmlns="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><set><prop>
<resourcetype><collection/><CR:addressbook/></resourcetype></prop></set></mkcol>"""
QUERY = """<?xml version="1.0"?>
<CR:addressbook-query xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
<D:prop><D:getetag/><CR:address-data/></D:prop>
<CR:filter><CR:prop-filter name="FN">
<CR:text-match collation="i;unicode-casemap" match-type="contains">{text}</CR:text-match>
</CR:prop-filter></CR:filter></CR:addressbook-query>"""


def test_radicale_stores_each_card_and_finds_it_by_name(radicale, people) -> None:
    book = f"{radicale}contacts/"
    assert _dav("MKCOL", book, MKCOL, {"Content-Type": "application/xml"})[0] == 201

    for person in people:
        card = formats.vcard(person, host=HOST)
        status, _ = _dav(
            "PUT",
            f"{book}person-{person.pk}.vcf",
            card,
            {"Content-Type": "text/vcard; charset=utf-8"},
        )
        assert status == 201
        status, stored = _dav("GET", f"{book}person-{person.pk}.vcf")
        assert status == 200
        read_back, ours = vobject.readOne(stored), vobject.readOne(card)
        for field in ("fn", "email", "org", "title", "uid"):
            assert (getattr(read_back, field).value if field in read_back.contents else None) == (
                getattr(ours, field).value if field in ours.contents else None
            )

    status, found = _dav(
        "REPORT",
        book,
        QUERY.format(text="whitfield"),
        {"Content-Type": "application/xml", "Depth": "1"},
    )

    assert status == 207
    hrefs = [e.text for e in ElementTree.fromstring(found).iter("{DAV:}href")]
    assert hrefs == [f"/alice/contacts/person-{people[0].pk}.vcf"]
    assert "Dana Whitfield" in found
