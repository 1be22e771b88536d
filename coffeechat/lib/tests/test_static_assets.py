"""Static assets as the server really serves them (after collectstatic): content-hashed
names, compressed, cached for a year and marked immutable, so a page's CSS and JavaScript
cost nothing after the first visit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client, override_settings


def served_as_in_production(storages: dict) -> dict:
    return {
        **storages,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }


@pytest.fixture(scope="module")
def collected_root(tmp_path_factory) -> Path:
    """collectstatic's output, once for the module (hashing and compressing every asset costs
    2 s of CPU); the tests only read it."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(
        STATIC_ROOT=root, STORAGES=served_as_in_production(django_settings.STORAGES)
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def collected(settings, collected_root: Path) -> None:
    settings.STATIC_ROOT = collected_root
    # (Changing STORAGES makes Django build the static storage anew.)
    settings.STORAGES = served_as_in_production(settings.STORAGES)


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
