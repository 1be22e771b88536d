"""Debian's Chromium for the browser tests (Playwright; `playwright install` can't run here).

`in_chromium` runs a test's steps in a fresh browser on a thread of its own: Playwright's sync
API refuses to start a second browser on a thread that already runs one (the journey test keeps
a session-wide browser on the main thread), and a thread of its own never collides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.test import Client
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}


def require_chromium() -> None:
    """Fail, never skip: CI and `make test` install Debian's chromium."""
    assert Path(CHROMIUM).exists(), (
        f"{CHROMIUM} is missing: apt-get install chromium (make test does it as root)"
    )


def label(text: str) -> re.Pattern[str]:
    """Match a label exactly, with or without Django's trailing colon."""
    return re.compile(rf"^{re.escape(text)}:?$")


class ConsoleErrors(list[str]):
    """Console errors and uncaught exceptions seen by a page, with the URL they came from."""

    def watch(self, page: Page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.append(f"pageerror on {page.url}: {error}"))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.append(f"console error {message.location.get('url', '')}: {message.text}")


def session_cookie(site: str, user) -> dict[str, str]:
    """A cookie that signs the browser in as `user` on `site` (a live server)."""
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "url": site,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
    }


def in_chromium[T](
    steps: Callable[[BrowserContext], T],
    *,
    timezone_id: str | None = None,
    height: int = 900,
    timeout_ms: int = 8_000,
    cookies: Iterable[dict] = (),
    wait_seconds: float = 300,
) -> T:
    """Run `steps` with a fresh browser context on a thread of its own; return what it returns.

    A failure in `steps` is raised again in the test's thread.
    """
    require_chromium()

    def run() -> T:
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
                )
                try:
                    context = browser.new_context(
                        viewport={"width": 1280, "height": height},
                        locale="en-US",
                        timezone_id=timezone_id,
                    )
                    context.set_default_timeout(timeout_ms)
                    context.add_cookies(list(cookies))
                    return steps(context)
                finally:
                    browser.close()
        finally:
            connections.close_all()  # this thread's own database connection

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result(timeout=wait_seconds)


def on_a_phone[T](
    site: str,
    user,
    steps: Callable[[Page], T],
    *,
    viewport: dict[str, int] = PHONE,
    timeout_ms: int = 8_000,
    **options,
) -> T:
    """Run `steps` on a fresh page of a touch phone (390 by 844 unless `viewport` says), signed
    in as `user`, and return what it returns; `options` go to Playwright's new_context (a time
    zone, JavaScript off...)."""
    cookie = session_cookie(site, user)

    def run(context: BrowserContext) -> T:
        browser = context.browser
        assert browser is not None
        phone = browser.new_context(
            viewport=viewport,  # type: ignore[arg-type]  # a ViewportSize dict
            has_touch=True,
            is_mobile=True,
            device_scale_factor=2,
            locale="en-US",
            **options,
        )
        phone.set_default_timeout(timeout_ms)
        phone.add_cookies([cookie])  # type: ignore[list-item]  # a SetCookieParam dict
        try:
            return steps(phone.new_page())
        finally:
            phone.close()

    return in_chromium(run)
