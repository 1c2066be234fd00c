"""Material's partials that we override are Material's own, patched in a few known places.

Each override below is Material's partial with the listed replacements: titles printed
through ``escape.text`` (Material prints them raw, and its tooltips re-read them as
HTML), inline scripts moved into files (the Content Security Policy forbids inline
script), and git dates from page metadata not printed at all. When Material is
upgraded this test fails until ``pytest --regenerate`` re-derives the overrides (then
review the diff). ``base.html`` is patched too, so that even a page that names Material's
base template directly gets the policy and escaped metadata. ``main.html``,
``reading*.html``, ``escape.html`` and ``search.html`` are written by hand.
"""

from __future__ import annotations

from pathlib import Path

import material
import pytest
from conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"
IMPORT = '{% import "partials/escape.html" as escape with context %}\n'
HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}\n"
NOTE = ("{#- Material 9.8's NAME, patched by tests/test_overrides.py (run `pytest --regenerate` there after"
        " upgrading Material): WHY -#}\n")
TITLES = "titles printed through escape.text"
URLS = "addresses escaped (they are built from file names and page metadata)"
SCRIPT = "the inline script moved into a file, as the Content Security Policy forbids inline scripts"

CSP_META = ('<meta charset="utf-8">\n'
            '      {%- if config.extra.content_security_policy %}\n'
            '      <meta http-equiv="Content-Security-Policy" content="{{ config.extra.content_security_policy | e }}">\n'
            '      {%- endif %}')
HEAD = "the Content Security Policy first in the head, and metadata printed through escape.text"

PATCHES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "base.html": (HEAD, [
        ('<meta charset="utf-8">', CSP_META),
        ('<meta name="description" content="{{ page.meta.description }}">',
         '<meta name="description" content="{{ escape.text(page.meta.description) }}">'),
        ('<meta name="description" content="{{ config.site_description }}">',
         '<meta name="description" content="{{ escape.text(config.site_description) }}">'),
        ('<meta name="author" content="{{ page.meta.author }}">', '<meta name="author" content="{{ escape.text(config.site_author) }}">'),
        ('<meta name="author" content="{{ config.site_author }}">', '<meta name="author" content="{{ escape.text(config.site_author) }}">'),
        ("<title>{{ page.meta.title }} - {{ config.site_name }}</title>",
         "<title>{{ escape.text(page.meta.title) }} - {{ escape.text(config.site_name) }}</title>"),
        ("<title>{{ page.title | striptags }} - {{ config.site_name }}</title>",
         "<title>{{ escape.text(page.title) }} - {{ escape.text(config.site_name) }}</title>"),
        ("<title>{{ config.site_name }}</title>", "<title>{{ escape.text(config.site_name) }}</title>"),
        ('<link rel="canonical" href="{{ page.canonical_url }}">', '<link rel="canonical" href="{{ page.canonical_url | e }}">'),
        ('<link rel="prev" href="{{ page.previous_page.url | url }}">', '<link rel="prev" href="{{ page.previous_page.url | url | e }}">'),
        ('<link rel="next" href="{{ page.next_page.url | url }}">', '<link rel="next" href="{{ page.next_page.url | url | e }}">'),
        ('<a href="{{ skip.url | url }}" class="md-skip">', '<a href="{{ skip.url | url | e }}" class="md-skip">'),
        # The readings plugin names its own search worker (the sharded index) unless `search: material` is set.
        ('"search": "assets/javascripts/workers/search.a7633da7.min.js" | url',
         '"search": (config.extra.readings_search_worker or "assets/javascripts/workers/search.a7633da7.min.js") | url'),
    ]),
    "partials/actions.html": (URLS, [
        ('<a href="{{ page.edit_url }}"', '<a href="{{ page.edit_url | e }}"'),
        ("<a href=\"{{ page.edit_url | replace(part, 'raw') }}\"", "<a href=\"{{ page.edit_url | replace(part, 'raw') | e }}\""),
    ]),
    "partials/header.html": (TITLES, [
        ("{{ page.meta.title }}", "{{ escape.text(page.meta.title) }}"),
        ("{{ page.title }}", "{{ escape.text(page.title) }}"),
    ]),
    "partials/content.html": (TITLES, [
        ("{{ page.title | d(config.site_name, true)}}", "{{ escape.text(page.title | d(config.site_name, true)) }}"),
    ]),
    "partials/nav-item.html": (TITLES, [
        ("    {{ nav_item.title }}", "    {{ escape.text(nav_item.title) }}"),
        ("<small>{{ nav_item.meta.subtitle }}</small>", "<small>{{ escape.text(nav_item.meta.subtitle) }}</small>"),
    ]),
    "partials/toc-item.html": (TITLES + "; its address escaped", [
        ("        {{ toc_item.title }}", "        {{ escape.text(toc_item.title) }}"),
        ('<a href="{{ toc_item.url }}" class="md-nav__link">', '<a href="{{ toc_item.url | e }}" class="md-nav__link">'),
    ]),
    "partials/footer.html": (TITLES, [
        ("                {{ page.previous_page.title }}", "                {{ escape.text(page.previous_page.title) }}"),
        ("                {{ page.next_page.title }}", "                {{ escape.text(page.next_page.title) }}"),
    ]),
}
SCRIPTS = {
    "partials/javascripts/base.html": '<script src="{{ \'assets/javascripts/material-bootstrap.js\' | url }}"'
                                      ' data-scope="{{ config.extra.scope | d(base_url) | e }}"></script>\n',
    "partials/javascripts/palette.html": '<script src="{{ \'assets/javascripts/material-palette.js\' | url }}"></script>\n',
    "partials/javascripts/content.html": ('{#- content.tabs.link is not enabled on this site; its inline script is left out. -#}\n'
                                          '<script src="{{ \'assets/javascripts/material-content.js\' | url }}"></script>\n'),
}
REDIRECT = ("{#- Material's redirect.html sends the reader wherever page.meta.location says. No page on this site redirects:"
            " a page that names this template (the readings plugin refuses it) is shown as an ordinary page. -#}\n"
            '{% extends "main.html" %}\n')
SOURCE_FILE = ("{#- Material 9.8's partials/source-file.html prints git dates from page metadata without escaping them; this"
               " site shows none (see tests/test_overrides.py). -#}\n")


def derived() -> dict[str, str]:
    """Every patched override, derived from the installed Material."""
    out: dict[str, str] = {}
    for name, (why, replacements) in PATCHES.items():
        text = (MATERIAL / name).read_text(encoding="utf-8")
        assert text.startswith(HEADER), name
        body = text[len(HEADER):]
        if name == "base.html":
            body = body.replace('{% import "partials/language.html" as lang with context %}\n',
                                '{% import "partials/language.html" as lang with context %}\n' + IMPORT, 1)
        for old, new in replacements:
            assert body.count(old) >= 1, f"{name}: {old!r} is no longer in Material's partial"
            body = body.replace(old, new)
        out[name] = NOTE.replace("NAME", name).replace("WHY", why) + ("" if name == "base.html" else IMPORT) + body
    for name, script in SCRIPTS.items():
        original = (MATERIAL / name).read_text(encoding="utf-8")
        assert original.count("<script>") >= 1, f"{name}: Material's partial has no inline script any more"
        out[name] = NOTE.replace("NAME", name).replace("WHY", SCRIPT) + script
    out["partials/source-file.html"] = SOURCE_FILE
    out["redirect.html"] = REDIRECT
    return out


@pytest.mark.parametrize("name", sorted([*PATCHES, *SCRIPTS, "partials/source-file.html", "redirect.html"]))
def test_override_is_materials_partial_patched(name: str, regenerate: bool) -> None:
    want = derived()[name]
    path = OVERRIDES / name
    if regenerate:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(want, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == want


def test_moved_scripts_are_materials_scripts() -> None:
    """The scripts moved into files are Material's own, word for word (the scope read from the element)."""
    base = (MATERIAL / "partials/javascripts/base.html").read_text(encoding="utf-8")
    ours = (OVERRIDES / "assets/javascripts/material-bootstrap.js").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ours.replace('document.currentScript.getAttribute("data-scope")', '"{{ config.extra.scope | d(base_url) }}"') in base
    for partial, script in (("palette.html", "material-palette.js"), ("content.html", "material-content.js")):
        text = (OVERRIDES / "assets/javascripts" / script).read_text(encoding="utf-8").strip().splitlines()[-1]
        assert f"<script>{text}</script>" in (MATERIAL / "partials/javascripts" / partial).read_text(encoding="utf-8")
