"""Screenshots of the main pages, to look at by eye.

Usage: scripts/screenshots.py BASE_URL OUTDIR EMAIL PASSWORD [EXTRA_PATH ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = ["/", "/pipeline/", "/people/", "/organizations/", "/settings/"]


def main(base: str, out: str, email: str, password: str, *extra: str) -> None:
    outdir = Path(out)
    outdir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for width, suffix in ((1280, ""), (390, "-phone")):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(base + "/accounts/login/")
            page.screenshot(path=outdir / f"login{suffix}.png", full_page=True)
            page.fill("input[name=login]", email)
            page.fill("input[name=password]", password)
            page.click("button[type=submit]")
            for path in [*PAGES, *extra]:
                page.goto(base + path)
                name = path.strip("/").replace("/", "_") or "today"
                page.screenshot(path=outdir / f"{name}{suffix}.png", full_page=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
