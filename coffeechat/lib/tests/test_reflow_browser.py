"""Every main page reflows at 320 CSS pixels: nothing wider than the screen, no sideways scroll
(WCAG 2.2 1.4.10, Reflow: 320 px is the width the criterion names).

The demo account supplies realistic data (long names, notes, tables). Wide content that has its
own scroller (a table in .table-wrap, the board's columns) may scroll inside it; the page itself
may not. Screenshots: test-artifacts/screenshots/reflow-*-320.png. Any console error or uncaught
page error (a CSP violation shows up as one) fails the test.
"""

from __future__ import annotations

import pytest
from django.db.models import Count
from django.urls import reverse
from playwright.sync_api import Page

from coffeechat.lib.testing.browser import SCREENSHOTS, ConsoleErrors, on_a_phone

pytestmark = pytest.mark.browser
NARROW = {"width": 320, "height": 640}

# Elements sticking out past the right edge of the page, outermost first, described by tag,
# id and classes. Those inside an element that scrolls or clips sideways don't count: their
# overflow scrolls there, not the page. Hidden ones (display: none) have no box.
OVERFLOWING = """
() => {
  const edge = document.documentElement.clientWidth;
  const contained = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const x = getComputedStyle(up).overflowX;
      if (x === "auto" || x === "scroll" || x === "hidden" || x === "clip") return true;
    }
    return false;
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].map((c) => "." + c).join("");
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= edge + 0.5 || contained(el)) continue;
    if (found.some((outer) => outer.contains(el))) continue;
    found.push(el);
  }
  return found.map((el) => `${describe(el)} right=${el.getBoundingClientRect().right}`
    + ` in ${describe(el.parentElement)}`);
}
"""
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def demo_user(db):
    from coffeechat.accounts.models import User
    from coffeechat.demo.services import load_demo

    load_demo(force=True)
    return User.objects.get(email="demo@coffeechat.test")


def main_pages(user) -> dict[str, str]:
    """The pages a user reaches from the menu, and one of each kind of row page."""
    from coffeechat.conversations.models import Conversation, Stage
    from coffeechat.network.models import Organization, Person
    from coffeechat.resumes.models import Resume
    from coffeechat.targets.models import Target

    # A conversation at each stage (each shows other panels), and the busiest person.
    conversations = {
        f"conversation-{c.stage}": reverse("conversations:conversation", args=[c.pk])
        for c in Conversation.objects.filter(owner=user).order_by("stage", "-pk").distinct()
    }
    person = (
        Person.objects.filter(owner=user).annotate(n=Count("conversations")).order_by("-n", "pk")[0]
    )
    organization = Organization.objects.filter(owner=user).order_by("pk")[0]
    target = Target.objects.filter(owner=user).order_by("pk").first()
    resume = Resume.objects.filter(owner=user).order_by("pk").first()
    replied = Conversation.objects.filter(owner=user, stage=Stage.REPLIED).order_by("pk")[0]
    assert target is not None and resume is not None
    return {
        "today": reverse("conversations:today"),
        "people": reverse("network:people"),
        "person": reverse("network:person", args=[person.pk]),
        "organizations": reverse("network:organizations"),
        "organization": reverse("network:organization", args=[organization.pk]),
        **conversations,
        "board": reverse("conversations:pipeline"),
        "targets": reverse("targets:targets"),
        "target": reverse("targets:target", args=[target.pk]),
        "compose": reverse("outreach:compose", args=[replied.pk]),
        "strategy": reverse("strategy:strategy"),
        "strategy-themes": reverse("strategy:themes"),
        "strategy-options": reverse("strategy:options"),
        "strategy-obstacles": reverse("strategy:obstacles"),
        "strategy-evidence": reverse("strategy:evidence-list"),
        "resumes": reverse("resumes:list"),
        "resume": reverse("resumes:resume", args=[resume.pk]),
        "resume-edit": reverse("resumes:edit", args=[resume.pk]),
        "progress": reverse("insights:progress"),
        "you": reverse("profile:you"),
        "settings": reverse("accounts:settings"),
        "your-data": reverse("exports:your-data"),
        "imports": reverse("imports:imports"),
        "import-new": reverse("imports:new"),
        **import_pages(user),
        "cards": reverse("cards:capture"),
    }


def import_pages(user) -> dict[str, str]:
    """An import's preview, its possible duplicates and a spreadsheet's column choices."""
    from coffeechat.imports import services

    linkedin = services.analyse(
        contact_import=services.receive_file(owner=user, filename="Connections.csv", data=CSV)
    )
    spreadsheet = services.receive_file(owner=user, filename="contacts.csv", data=SHEET)
    return {
        "import-preview": reverse("imports:import", args=[linkedin.pk]),
        "import-matches": reverse("imports:matches", args=[linkedin.pk]),
        "import-columns": reverse("imports:mapping", args=[spreadsheet.pk]),
    }


# A demo person again (a possible duplicate), a long name and address, a row without a name.
CSV = (
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    b"Kai,Nakamura,,,Green Corridor Alliance,Data Lead,03 Feb 2024\n"
    b"Maximiliana,Featherstonehaugh-Wolfeschlegelsteinhausen,"
    b"https://www.linkedin.com/in/maximiliana-featherstonehaugh-wolfeschlegelsteinhausen,"
    b"maximiliana.featherstonehaugh@international-development-consortium.example.org,"
    b"International Development Consortium for Sustainable Infrastructure,"
    b"Senior Principal Programme Manager,04 Feb 2024\n"
    b",,,,Somewhere,Someone,05 Feb 2024\n"
)
SHEET = (
    b"Full name,Work email address,Employer organization name,Job title,Mobile phone number\n"
    b"Ada Lovelace,ada@example.org,Analytical Engines,Programmer,+1 312 555 0101\n"
)


def overflow_at_320(page: Page, site: str, pages: dict[str, str]) -> dict[str, list[str]]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[str]] = {}
    for name, path in pages.items():
        response = page.goto(site + path)
        assert response is not None and response.status == 200, (name, response)
        page.screenshot(path=SCREENSHOTS / f"reflow-{name}-320.png", full_page=True)
        # What a disclosure folds must fit too, once someone opens it.
        page.evaluate(
            "document.querySelectorAll('main details').forEach((d) => { d.open = true; })"
        )
        wide = page.evaluate(OVERFLOWING)
        scroll = page.evaluate(SIDEWAYS)
        if wide or scroll > 0:
            found[name] = [f"scrolls sideways by {scroll}px", *wide]
    return found


@pytest.mark.django_db(transaction=True)
def test_every_main_page_fits_a_320_pixel_screen(live_server, demo_user) -> None:
    pages = main_pages(demo_user)

    def steps(page: Page) -> dict[str, list[str]]:
        errors = ConsoleErrors()
        errors.watch(page)
        found = overflow_at_320(page, live_server.url, pages)
        assert errors == [], errors
        return found

    # Playwright's own 30 s per action: the walk opens some 35 pages of a full demo account.
    found = on_a_phone(live_server.url, demo_user, steps, viewport=NARROW, timeout_ms=30_000)

    assert found == {}, "\n".join(f"{name}: {items}" for name, items in found.items())
