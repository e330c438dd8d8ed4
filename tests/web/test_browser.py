"""The pages in a real headless Chromium (Debian's ``chromium``, driven by pytest-playwright).

Each test saves a screenshot under its temporary folder. The record is the one the API tests
use; the position change shown is the fictional Ashgrove pair's (see ``web_record``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from web_record import CHANGED_SPEAKER, HOSTILE_ID

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="Debian's chromium is not installed (apt-get install -y chromium;"
                              " .ci/run installs it)"),
]

if CHROMIUM.exists():
    from playwright.sync_api import Page, expect
else:  # keep the module importable so the skip reason is what the run reports
    Page = Any  # type: ignore[assignment,misc]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": ["--disable-gpu", "--no-sandbox", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"],
    }


def shoot(page: Page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000
    return path


def test_home_shows_counts_changes_and_dodged_questions(
    page: Page, live_server: str, tmp_path: Path
) -> None:
    page.goto(live_server + "/")
    expect(page).to_have_title(re.compile("onrecord"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Recent position changes")).to_be_visible()
    expect(page.locator(".changes").get_by_role("link", name=CHANGED_SPEAKER).first).to_be_visible()
    expect(page.locator(".counts")).to_contain_text("articles")
    shoot(page, tmp_path, "home")


def test_search_from_the_home_page_highlights_matches(
    page: Page, live_server: str, tmp_path: Path
) -> None:
    page.goto(live_server + "/")
    page.get_by_label("Search what was said").fill("incinerator")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=incinerator"))
    marks = page.locator(".results mark")
    expect(marks.first).to_have_text(re.compile("incinerator", re.I))
    expect(page.locator(".results li").first).to_be_visible()
    shoot(page, tmp_path, "search")


def test_speaker_page_draws_the_timeline_with_the_change(
    page: Page, live_server: str, tmp_path: Path
) -> None:
    page.goto(live_server + "/speakers")
    page.get_by_role("link", name=CHANGED_SPEAKER, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CHANGED_SPEAKER)
    chart = page.locator("svg.timeline").first
    expect(chart).to_be_visible()
    expect(chart.locator(".change-label")).to_have_text("changed: against to favor")
    expect(chart.locator("path.mark.stance-against")).to_have_count(1)
    expect(chart.locator("path.mark.stance-favor")).to_have_count(1)
    against = chart.locator("path.mark.stance-against").bounding_box()
    favor = chart.locator("path.mark.stance-favor").bounding_box()
    assert against and favor and against["x"] < favor["x"], "2016 is drawn left of 2022"
    shoot(page, tmp_path, "speaker")
    if target := os.environ.get("ONRECORD_SCREENSHOT"):  # how docs/speaker-page.png is made
        page.set_viewport_size({"width": 1000, "height": 900})
        page.screenshot(path=target, full_page=False)


def test_timeline_marks_link_to_their_article(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/speakers/{quote(CHANGED_SPEAKER)}")
    page.locator("svg.timeline a").first.click()
    page.wait_for_url(re.compile(r"/articles/ashgrove-incinerator-2016#q\d+"))
    expect(page.locator(".side li:target")).to_have_count(1)


def test_article_page_highlights_quotes_with_a_side_list(
    page: Page, live_server: str, tmp_path: Path
) -> None:
    page.goto(live_server + "/articles/ashgrove-incinerator-2022")
    quotes = page.locator("article mark.quote")
    expect(quotes.first).to_be_visible()
    colour = quotes.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    expect(page.locator(".side .quotes li").first).to_contain_text(CHANGED_SPEAKER)
    shoot(page, tmp_path, "article")


def test_hostile_article_runs_no_script(page: Page, live_server: str, tmp_path: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server}/articles/{quote(HOSTILE_ID, safe='')}")
    expect(page.locator("article")).to_contain_text("<script>alert(1)</script>")
    page.locator("article").hover()
    assert dialogs == [] and page.locator("article script").count() == 0
    shoot(page, tmp_path, "hostile")


def test_phone_width_has_no_sideways_scroll(page: Page, live_server: str, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    for path in ["/", f"/speakers/{quote(CHANGED_SPEAKER)}", "/articles/penhaligon-nuclear-2021"]:
        page.goto(live_server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px"
    shoot(page, tmp_path, "phone-article")


def test_keyboard_reaches_the_search_box_and_the_timeline(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    page.goto(f"{live_server}/speakers/{quote(CHANGED_SPEAKER)}")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('svg') !== null"):
            break
    else:
        pytest.fail("no timeline mark could be reached with the keyboard")
