"""Static assets as the server really serves them (after collectstatic): content-hashed
names, compressed, cached for a year and marked immutable, so a page's CSS and JavaScript
cost nothing after the first visit."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # (Changing STORAGES makes Django build the static storage anew.)
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.mark.parametrize("asset", ["css/app.css", "js/app.js", "js/combobox.js"])
def test_assets_are_served_compressed_and_cached_for_a_year(collected, asset: str) -> None:
    url = staticfiles_storage.url(asset)
    assert re.search(r"\.[0-9a-f]{12}\.(css|js)$", url), url  # the name changes with the file

    response = Client().get(url, headers={"Accept-Encoding": "gzip, br"})

    assert response.status_code == 200
    assert response["Content-Encoding"] in ("gzip", "br")
    assert "max-age=315360000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]


def test_pages_link_the_hashed_assets(collected, db) -> None:
    html = Client().get("/accounts/login/").content.decode()

    assert re.search(r'href="/static/css/app\.[0-9a-f]{12}\.css"', html)
    assert re.search(r'src="/static/js/combobox\.[0-9a-f]{12}\.js"', html)
