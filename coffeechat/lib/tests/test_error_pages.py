"""Error pages keep a signed-in person in the app: the usual navigation where the page is rendered
with the request (404, 403), and on every error page the ways back (Today, People, a search).

The 500 page stays bare: Django renders it without the request, and what broke may be the
database, so it must not query anything (templates/errors/_bare.html).
"""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.views import defaults

from coffeechat.lib.testing.people import make_person


def nav_links(html: str, label: str) -> list[str]:
    nav = re.search(rf'<nav aria-label="{label}"[^>]*>(.*?)</nav>', html, re.S)
    assert nav is not None, f"no {label} navigation"
    return [
        " ".join(re.sub(r"<[^>]+>", "", text).split())
        for text in re.findall(r"<a [^>]*>(.*?)</a>", nav.group(1), re.S)
    ]


def ways_back(html: str) -> None:
    assert 'href="/today/">Go to Today</a>' in html
    assert 'href="/people/">People</a>' in html
    assert re.search(r'<form method="get" action="/people/" role="search"', html)
    assert 'name="q"' in html


def test_a_missing_page_keeps_the_signed_in_navigation(alice_client: Client) -> None:
    response = alice_client.get("/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert nav_links(html, "Main") == [
        "Today",
        "Targets",
        "People",
        "Pipeline",
        "Strategy",
        "Resumes",
        "Progress",
    ]
    assert nav_links(html, "Account") == ["You", "Settings", "Sign out"]
    assert 'aria-current="page"' not in html  # none of them is where you are
    ways_back(html)


def test_a_missing_page_offers_sign_in_to_a_visitor(client: Client) -> None:
    html = client.get("/no-such-page/").content.decode()

    assert nav_links(html, "Account") == ["Sign in", "Create account"]
    assert 'aria-label="Main"' not in html
    ways_back(html)


def test_another_users_row_and_a_missing_one_answer_with_the_same_bytes(
    alice, mallory_client: Client
) -> None:
    # The navigation must not bring anything that differs per request (a CSRF token would).
    grace = make_person(alice, "Grace Hopper", "Navy")

    theirs = mallory_client.get(f"/people/{grace.pk}/")
    nobodys = mallory_client.get(f"/people/{grace.pk + 10_000}/")

    assert theirs.status_code == nobodys.status_code == 404
    assert theirs.content == nobodys.content
    assert b"csrfmiddlewaretoken" not in theirs.content
    assert 'aria-current="page">People' in theirs.content.decode()  # still under People


def test_a_refused_page_keeps_the_navigation_too(alice, rf: RequestFactory) -> None:
    request = rf.get("/people/")
    request.user = alice

    response = defaults.permission_denied(request, PermissionDenied())

    html = response.content.decode()
    assert response.status_code == 403
    assert "Settings" in nav_links(html, "Account")
    ways_back(html)


@pytest.mark.django_db
def test_the_500_page_queries_nothing_and_still_offers_the_ways_back(
    rf: RequestFactory, django_assert_num_queries
) -> None:
    with django_assert_num_queries(0):
        response = defaults.server_error(rf.get("/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert "<nav" not in html  # no user to show it for: Django renders it without the request
    ways_back(html)
