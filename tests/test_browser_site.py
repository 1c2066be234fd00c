"""What a reader sees on the hosted site, in Chromium (the reading page itself: test_browser_reading.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import browser, serve
from conftest import SEED_SLUG

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture
def page(site_url: str) -> Iterator[Any]:
    with browser() as chromium:
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
        outside: list[str] = []
        context.route("**/*", lambda route: (outside.append(route.request.url), route.abort())
                      if not route.request.url.startswith(site_url) else route.continue_())
        tab = context.new_page()
        errors: list[str] = []
        tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        yield tab
        assert errors == [], errors
        assert outside == [], outside
        context.close()


def test_home_page_leads_to_the_reading(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.get_by_role("link", name="ISIS-Daesh Is on the Rise in Afghanistan").first.click()
    page.wait_for_url(f"**/readings/{SEED_SLUG}/")
    assert page.locator("mark.annotation").count() >= 40


def test_generated_pages_have_no_edit_link(page: Any, site_url: str) -> None:
    page.goto(site_url)  # the home page is generated from the readings
    assert page.locator("a[rel=edit]").count() == 0
    page.goto(site_url + f"readings/{SEED_SLUG}/")
    assert page.locator("a[rel=edit]").count() == 1


def test_search_finds_the_reading(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially("helicopters", delay=30)
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=10_000)
    assert "ISIS-Daesh" in page.locator(".md-search-result").inner_text()


def test_dark_mode_toggle(page: Any, site_url: str) -> None:
    page.goto(site_url)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    page.locator("label[title='Switch to dark mode']").first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
