"""The reading page as a reader meets it, in Chromium: at 1280×800 (desktop), 390×844 (phone, touch) and
1680×1000 (wide), light and dark.

Every highlight opens its note (by hover, tap and keyboard) with the URL unchanged and the note inside the
viewport; one box at a time; filters by kind in the URL; search lands on a note; the article starts on the
first screen; axe finds nothing, of any impact, before and after a note opens and with a filter on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import browser, serve
from conftest import ROOT, SEED_SLUG

pytestmark = pytest.mark.browser
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
READING = f"readings/{SEED_SLUG}/"
SCREENS = {"desktop": (1280, 800), "phone": (390, 844), "wide": (1680, 1000)}

# The box that shows the open note, wherever it is (popover, bottom sheet or sidenote), and where it is.
SHOWN_NOTE = """() => {
  const pop = document.querySelector('.annotation-popover');
  const box = pop && !pop.hidden ? pop : document.querySelector('.sidenote.is-active');
  if (!box) return null;
  const r = box.getBoundingClientRect();
  const open = [...document.querySelectorAll('.annotation-popover:not([hidden]), [role=tooltip].md-tooltip2--active, .md-tooltip--active')];
  return {text: box.innerText, top: r.top, bottom: r.bottom, left: r.left, right: r.right, boxes: open.length,
          width: document.documentElement.clientWidth, height: window.innerHeight};
}"""
# The centre of a passage's first line: where a finger lands on a highlight that wraps.
FIRST_LINE = """(id) => {
  const mark = document.getElementById(id);
  mark.scrollIntoView({block: 'center'});
  const r = mark.getClientRects()[0];
  return {x: r.left + Math.min(r.width / 2, 30), y: r.top + r.height / 2};
}"""


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with browser() as instance:
        yield instance


class Tab:
    """A page at one screen size and colour scheme; nothing outside the site is loaded, and the console stays clean."""

    def __init__(self, chromium: Any, site_url: str, screen: str, scheme: str = "light", axe: bool = False) -> None:
        width, height = SCREENS[screen]
        phone = screen == "phone"
        self.context = chromium.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                            has_touch=phone, is_mobile=phone, bypass_csp=axe)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", lambda route: (self.outside.append(route.request.url), route.abort())
                           if not route.request.url.startswith(site_url) else route.continue_())
        self.page = self.context.new_page()
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.site_url = site_url

    def open(self, path: str = READING) -> Any:
        self.page.goto(self.site_url + path)
        self.page.wait_for_function("document.querySelector('.annotation-legend button') !== null")
        return self.page

    def close(self) -> None:
        self.context.close()
        assert self.errors == [], self.errors
        assert self.outside == [], self.outside


@pytest.fixture
def tab(chromium: Any, site_url: str, request: pytest.FixtureRequest) -> Iterator[Tab]:
    screen, scheme = getattr(request, "param", ("desktop", "light"))
    opened = Tab(chromium, site_url, screen, scheme)
    yield opened
    opened.close()


def passages(page: Any) -> list[dict[str, str]]:
    """Every highlight, with the start of its note's text as the Notes list gives it."""
    return page.evaluate("""() => [...document.querySelectorAll('mark.annotation')].map(m => ({
        id: m.id, note: document.getElementById(m.getAttribute('aria-describedby'))
                          .querySelector('.annotation-text').innerText.slice(0, 40)}))""")


def assert_shown(page: Any, note: str, where: str) -> None:
    shown = page.evaluate(SHOWN_NOTE)
    assert shown is not None, f"{where}: no note shown"
    assert " ".join(note.split()) in " ".join(shown["text"].split()), f"{where}: the wrong note: {shown['text'][:80]!r}"
    assert shown["boxes"] <= 1, f"{where}: {shown['boxes']} boxes at once"
    assert shown["top"] >= 0 and shown["bottom"] <= shown["height"] + 0.5, f"{where}: outside the viewport vertically {shown}"
    assert shown["left"] >= 0 and shown["right"] <= shown["width"] + 0.5, f"{where}: outside the viewport horizontally {shown}"


@pytest.mark.parametrize("tab", [("phone", "light"), ("phone", "dark")], indirect=True)
def test_every_highlight_opens_its_note_by_tap(tab: Tab) -> None:
    page = tab.open()
    url = page.url
    for passage in passages(page):
        point = page.evaluate(FIRST_LINE, passage["id"])
        page.touchscreen.tap(point["x"], point["y"])
        page.wait_for_timeout(30)
        assert page.url == url, f"tapping {passage['id']} navigated to {page.url}"
        assert_shown(page, passage["note"], passage["id"])
        assert page.locator(".annotation-popover").get_attribute("role") == "dialog"
        page.keyboard.press("Escape")
        assert page.locator(".annotation-popover").is_hidden()


@pytest.mark.parametrize("tab", [("phone", "light")], indirect=True)
def test_a_second_tap_on_a_link_in_a_highlight_follows_it(tab: Tab) -> None:
    page = tab.open()
    link = page.locator("mark.annotation#context-karzai a.context-link")
    link.scroll_into_view_if_needed()
    link.tap()
    assert page.url.endswith(READING) and "Hamid Karzai led Afghanistan" in page.evaluate(SHOWN_NOTE)["text"]
    sheet = page.locator(".annotation-popover")
    assert "More about" in sheet.inner_text() and sheet.locator("a.context-link").count() == 1
    link.tap()
    page.wait_for_url("**/context/hamid-karzai/")


@pytest.mark.parametrize("tab", [("desktop", "light"), ("desktop", "dark"), ("wide", "light"), ("wide", "dark")], indirect=True)
def test_every_highlight_opens_its_note_by_hover(tab: Tab) -> None:
    page = tab.open()
    url = page.url
    for passage in passages(page):
        point = page.evaluate(FIRST_LINE, passage["id"])
        page.mouse.move(point["x"], point["y"])
        page.wait_for_timeout(30)
        assert_shown(page, passage["note"], passage["id"])
        assert page.url == url
        page.mouse.move(1, 1)  # off the passage (and off its box, which may cover the next passage), then close
        page.keyboard.press("Escape")
    page.mouse.move(1, 1)
    page.wait_for_timeout(400)
    assert page.locator(".annotation-popover").is_hidden() or page.locator(".annotation-popover").count() == 0


@pytest.mark.parametrize("tab", [("desktop", "light"), ("phone", "light"), ("wide", "dark")], indirect=True)
def test_every_highlight_opens_its_note_by_keyboard(tab: Tab) -> None:
    page = tab.open()
    url = page.url
    expected = {p["id"]: p["note"] for p in passages(page)}
    page.evaluate("document.querySelector('.reading-body').setAttribute('tabindex', '-1')")
    page.locator(".reading-body").focus()
    reached: set[str] = set()
    for _ in range(300):
        page.keyboard.press("Tab")
        focused = page.evaluate("(() => { const m = document.activeElement.closest('mark.annotation'); return m ? m.id : ''; })()")
        if focused:
            assert_shown(page, expected[focused], f"Tab to {focused}")
            reached.add(focused)
        if reached == set(expected):
            break
    assert reached == set(expected)
    page.keyboard.press("Escape")
    assert page.evaluate(SHOWN_NOTE) is None or page.locator(".annotation-popover").is_hidden()
    assert page.url == url


def test_a_context_link_outside_passages_shows_its_summary_in_the_same_box(tab: Tab) -> None:
    page = tab.open()
    link = page.locator("a.context-link#mention-kunar")
    assert link.get_attribute("title") is None  # no browser tooltip beside the box
    link.focus()
    assert_shown(page, "Kunar is a province in eastern Afghanistan", "focus on Kunar")
    page.locator("mark.annotation#source-reports").focus()
    assert_shown(page, "The “reports” about French and Algerian", "then the next passage")


def test_arriving_at_a_passage_shows_it_without_opening_boxes(tab: Tab) -> None:
    page = tab.open(READING + "#mention-maria-zakharova")  # as from "Mentioned in" on the context page
    page.wait_for_timeout(100)
    assert page.locator("mark.annotation#context-zakharova").evaluate("m => m.classList.contains('is-target')")
    assert page.locator(".annotation-popover:not([hidden])").count() == 0
    assert page.locator(".md-tooltip2--active, .md-tooltip--active").count() == 0


def test_the_article_starts_on_the_first_screen(tab: Tab) -> None:
    page = tab.open()
    top = page.evaluate("""() => {
        const p = [...document.querySelectorAll('.reading-body > p')].find(p => p.closest('.admonition') === null);
        return p.getBoundingClientRect().top; }""")
    assert top < SCREENS["desktop"][1] - 60, f"the first article paragraph starts at {top}px"


@pytest.mark.parametrize("tab", [("phone", "light")], indirect=True)
def test_note_numbers_are_big_enough_to_tap(tab: Tab) -> None:
    page = tab.open()
    sizes = page.evaluate("""() => [...document.querySelectorAll('sup.annotation-ref a')].map(a => {
        const r = a.getBoundingClientRect(); return [r.width, r.height]; })""")
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), min(sizes)


def test_kinds_are_told_apart_without_colour(tab: Tab) -> None:
    page = tab.open()
    badges = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.annotation-legend [data-kind]')].map(c =>
        [c.dataset.kind, getComputedStyle(c.querySelector('.kind-badge'), '::before').content]))""")
    assert len(badges) >= 6 and len(set(badges.values())) == len(badges), badges
    refs = page.evaluate("""() => [...document.querySelectorAll('sup.annotation-ref')].every(s =>
        getComputedStyle(s.querySelector('.kind-badge'), '::before').content.length === 3)""")
    assert refs  # every note number carries its kind's letter ('"S"')


def test_filters_are_in_the_url_and_persist(tab: Tab) -> None:
    page = tab.open(READING + "?kinds=claim,correction")
    state = page.evaluate("""() => [...document.querySelectorAll('mark.annotation')].map(m =>
        [m.dataset.kind, m.classList.contains('is-filtered'), getComputedStyle(m.nextElementSibling).display])""")
    assert {kind for kind, off, _ in state if not off} == {"claim", "correction"}
    assert all(display == "none" for _kind, off, display in state if off)  # their note numbers are hidden
    assert all(display != "none" for _kind, off, display in state if not off)
    # A chip toggles its kind and the URL says so; a reader arriving without ?kinds gets the last choice back.
    page.locator(".annotation-legend button[data-kind='question']").click()
    assert "kinds=claim%2Ccorrection%2Cquestion" in page.url or "kinds=claim,correction,question" in page.url
    page.goto(tab.site_url + READING)
    page.wait_for_function("document.querySelector('.annotation-legend button') !== null")
    assert "question" in page.url and page.locator("mark.annotation[data-kind='source'].is-filtered").count() > 0
    page.locator(".annotation-legend .legend-all", has_text="None").click()
    assert "kinds=none" in page.url and page.locator("mark.annotation:not(.is-filtered)").count() == 0
    page.locator(".annotation-legend .legend-all", has_text="All").click()
    assert "kinds" not in page.url and page.locator("mark.annotation.is-filtered").count() == 0
    # A filtered passage is plain text: hovering it opens nothing.
    page.goto(tab.site_url + READING + "?kinds=none")
    page.wait_for_function("document.querySelector('.annotation-legend button') !== null")
    page.locator("mark.annotation#source-opinion").hover()
    assert page.locator(".annotation-popover:not([hidden])").count() == 0


def test_a_word_only_in_a_note_lands_on_that_note(tab: Tab) -> None:
    page = tab.page
    page.goto(tab.site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially("dismissive", delay=30)
    result = page.locator(".md-search-result__item a[href*='#rhetoric-potato-small']").first
    result.wait_for(timeout=15_000)
    assert "dismissive" in result.inner_text().lower() and result.locator("mark").count() >= 1  # the note, word marked
    result.click()
    page.wait_for_url("**#rhetoric-potato-small")
    page.wait_for_timeout(100)
    mark = page.locator("mark.annotation#rhetoric-potato-small")
    assert mark.evaluate("m => m.classList.contains('is-target')")
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] < SCREENS["desktop"][1]
    page.wait_for_function("document.querySelector('.annotation-popover:not([hidden]), .sidenote.is-active') !== null")
    assert_shown(page, "A dismissive image", "arrival from search")  # the searched word is in the note: it opens


@pytest.mark.parametrize("tab", [("phone", "light")], indirect=True)
def test_a_note_number_opens_the_note(tab: Tab) -> None:
    page = tab.open()
    url = page.url
    number = page.locator("mark.annotation#source-opinion + sup.annotation-ref a")
    number.scroll_into_view_if_needed()
    number.tap()
    assert page.url == url
    assert_shown(page, "Widely held by whom?", "tap on the number")


def test_a_typo_in_the_filter_shows_everything_and_a_hidden_passage_is_shown_on_arrival(tab: Tab) -> None:
    page = tab.open(READING + "?kinds=Bogus")
    assert page.locator("mark.annotation.is-filtered").count() == 0 and "kinds" not in page.url
    assert page.evaluate("localStorage.getItem('ar-kinds')") == "all"
    page = tab.open(READING + "?kinds=CLAIM")  # kinds are read without regard to case
    assert page.locator("mark.annotation:not(.is-filtered)").evaluate_all("ms => [...new Set(ms.map(m => m.dataset.kind))]") == ["claim"]
    page = tab.open(READING + "?kinds=claim#context-kabul-bombings")  # a passage the filter hides, asked for by its address
    assert page.locator("mark.annotation#context-kabul-bombings").evaluate("m => !m.classList.contains('is-filtered')")
    assert page.locator("mark.annotation#source-opinion").evaluate("m => m.classList.contains('is-filtered')")


AXE_CASES = [(screen, scheme, state) for screen in ("desktop", "phone") for scheme in ("light", "dark")
             for state in ("before", "open", "filter")]


@pytest.mark.parametrize(("screen", "scheme", "state"), AXE_CASES)
def test_accessibility_of_the_reading(chromium: Any, site_url: str, screen: str, scheme: str, state: str) -> None:
    tab = Tab(chromium, site_url, screen, scheme, axe=True)  # axe is an inline script: the test's own tool is let in
    try:
        page = tab.open(READING + ("?kinds=claim,correction" if state == "filter" else ""))
        if state == "open":
            point = page.evaluate(FIRST_LINE, "context-karzai")
            if screen == "phone":
                page.touchscreen.tap(point["x"], point["y"])
            else:
                page.mouse.move(point["x"], point["y"])
            assert page.evaluate(SHOWN_NOTE) is not None
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        assert violations == []
    finally:
        tab.close()
