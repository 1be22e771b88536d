"""Rating the target list with the keyboard alone, as the browser tests do (a person's way)."""

from __future__ import annotations

from playwright.sync_api import Page


def tab_to(page: Page, prefix: str, limit: int = 60) -> str:
    """Press Tab until a radio named `prefix<id>` has focus; return its employer's name."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if (page.evaluate("document.activeElement.name || ''")).startswith(prefix):
            legend = page.evaluate(
                "document.activeElement.closest('fieldset').querySelector('legend').textContent"
            )
            return legend.split(" for ", 1)[1]
    raise AssertionError(f"Tab never reached a {prefix} radio group")


def choose(page: Page, score: int) -> None:
    """From the focused radio group, arrow to `score` (each step is saved, as a person's is)."""
    current = page.evaluate("document.activeElement.value")
    steps = score - (int(current) if current else 0)
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")
    assert page.evaluate("document.activeElement.value") == str(score)
