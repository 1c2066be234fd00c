"""Review findings on the last layer (the post-build scan) and on outside addresses: each planted file must be
reported by ``scan_site`` as a browser would read it; each address a browser sends to another host is refused by
check and marked by the sanitiser."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from generator.checks.links import outside_link_problems
from generator.document.page import parse_page
from generator.importers.common import repair_links
from generator.outputs.scan import outside_references
from generator.site.sanitize import sanitize
from generator.site.scan import scan_site

POLICY = "default-src 'self'; img-src 'self' data:"
HEAD = f'<!doctype html><html><head><meta charset=utf-8><meta http-equiv="Content-Security-Policy" content="{POLICY}"><title>t</title></head><body>'

# (name, content): markup a browser runs that Python's html.parser reads otherwise.
PLANTED = [
    ("evil.html", HEAD + "<p>x</p><svg><style><img src=x onerror=alert(1)></style></svg>"),
    ("evil2.htm", HEAD + "<p>x</p><!--> <img src=x onerror=alert(2)> -->"),
    ("evil2b.html", HEAD + "<p>x</p><!---> <img src=x onerror=alert(2)> -->"),
    ("evil2c.html", HEAD + "<p>x</p><!-- a --!> <img src=x onerror=alert(2)> -->"),
    ("evil5.html", HEAD + '<p>x</p><noscript><p title="</noscript><img src=x onerror=alert(10)>"></noscript>'),
    ("evil5b.html", HEAD + '<p>x</p><noembed><p title="</noembed><img src=x onerror=alert(10)>"></noembed>'),
    ("evil5c.html", HEAD + '<p>x</p><textarea><p title="</textarea><img src=x onerror=alert(10)>"></textarea>'),
    ("evil6.html", HEAD + '<p>x</p><svg><script href="evil6.js"></script></svg>'),
    ("evil6b.html", HEAD + '<p>x</p><svg><script xlink:href="evil6.js"></script></svg>'),
    ("evil3.shtml", HEAD + '<p>x</p><svg><a><set attributeName="href" to="javascript:alert(7)"/><text y="20">click</text></a></svg>'),
    ("evil3b.html", HEAD + '<p>x</p><svg><a><animate attributeName="href" values="#a;javascript:alert(4)"/></a></svg>'),
    ("evil3c.html", HEAD + '<p>x</p><svg><a><animate attributeName="href" from="#a" by="java\tscript:alert(4)"/></a></svg>'),
    ("smil-handler.html", HEAD + '<p>x</p><svg><set attributeName="onmouseover" to="alert(6)"/></svg>'),
    ("smil-handler.svg", '<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="onmouseover" to="alert(6)"/></svg>'),
    ("evil4.svg", '<svg xmlns="http://www.w3.org/2000/svg"><a><animate attributeName="href" values="#a;javascript:alert(4)" dur="0.001s"'
                  ' fill="freeze"/><text x="10" y="20">click</text></a></svg>'),
]

# (name, content): files served as HTML that do not carry the policy.
WITHOUT_POLICY = [
    ("bare.html", "<p>x</p>"),
    ("bare.shtml", "<!doctype html><html><head></head><body><p>x</p></body></html>"),
    ("late.html", "<!doctype html>" + " " * 3000 + "<html><body>x</body></html>"),
    ("bare.htm", "<title>t</title><p>x</p>"),
]

# Files the scan must leave alone: the site's own scripts, a policy's "data:" source, plain text that mentions a scheme.
CLEAN = [
    ("ok.html", HEAD + '<script src="assets/javascripts/bundle.js"></script><p title="data: 2020">x</p></body></html>'),
    ("ok2.html", HEAD + '<script type="application/json">{"a": 1}</script><img src="data:image/png;base64,AAAA" alt=""></body></html>'),
]


def _scan(tmp_path: Path, name: str, content: str) -> list[str]:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / name).write_text(content, encoding="utf-8")
    return [problem.format() for problem in scan_site(site, POLICY)]


@pytest.mark.parametrize(("name", "content"), PLANTED, ids=[name for name, _ in PLANTED])
def test_planted_script_is_reported(tmp_path: Path, name: str, content: str) -> None:
    found = [line for line in _scan(tmp_path, name, content) if "missing-csp" not in line]
    assert found, f"{name} runs script in a browser, and the scan reports nothing"
    assert all(f"site/{name}" in line for line in found)


@pytest.mark.parametrize(("name", "content"), WITHOUT_POLICY, ids=[name for name, _ in WITHOUT_POLICY])
def test_every_html_file_carries_the_policy(tmp_path: Path, name: str, content: str) -> None:
    assert any("missing-csp" in line for line in _scan(tmp_path, name, content))


@pytest.mark.parametrize(("name", "content"), CLEAN, ids=[name for name, _ in CLEAN])
def test_clean_files_pass(tmp_path: Path, name: str, content: str) -> None:
    assert _scan(tmp_path, name, content) == []


# --- F2: a web address without "//" exactly after its scheme goes to another host --------------------------------

SITE_URL = "https://annotated-readings.github.io/annotated-readings/"

# Markdown destinations ("\\\\" in Markdown is one backslash in the href) that a browser sends to another host.
MALFORMED = [
    "http:evil20.example",
    "HTTP:evil20.example/x",
    "http:/evil22.example",
    "http:///evil.example",
    "http:\\\\\\\\evil8.example",
    "https:\\\\\\\\annotated-readings.github.io.evil.com/x",
    "https:/\\\\evil.example",
]
WELL_FORMED = ["https://example.org/news", "http://evil.example/x", "mailto:a@example.org", "../context/rt.md"]


@pytest.mark.parametrize("destination", MALFORMED)
def test_a_web_address_without_two_slashes_is_refused_and_marked(destination: str) -> None:
    body = f"Text with [RT]({destination}) in it.\n"
    page = parse_page(f"---\ntitle: T\n---\n\n{body}", "docs/readings/x.md")
    problems = outside_link_problems(page, SITE_URL)
    assert [(p.line, p.col, p.code) for p in problems] == [(5, body.index("](") + 3, "malformed-url")]
    link = re.search(r"<a [^>]*>", markdown.Markdown(extensions=["generator.site.mdext"]).convert(body))
    assert link is not None and 'rel="noopener noreferrer"' in link.group(0) and "outside-link" in link.group(0)
    href = destination.replace("\\\\", "\\")  # the href as the browser gets it
    assert 'rel="noopener noreferrer"' in sanitize(f'<p><a href="{href}">x</a></p>')
    text, spans = repair_links(f"Read [the report]({destination}) today.")
    assert "](" not in text and spans, "an import keeps a link the check refuses"


@pytest.mark.parametrize("destination", WELL_FORMED)
def test_well_formed_addresses_are_kept(destination: str) -> None:
    page = parse_page(f"---\ntitle: T\n---\n\nText with [RT]({destination}) in it.\n", "docs/readings/x.md")
    assert outside_link_problems(page, SITE_URL) == []
    text, _spans = repair_links(f"Read [the report]({destination}) today.")
    assert ("](" in text) is (destination.startswith(("http", "mailto")))


# --- The bundle's proof that nothing loads from outside reads the same tree -----------------------------------------

HIDDEN_LOADS = [
    '<p>x</p><svg><style><img src="https://evil.example/a.png"></style></svg>',
    '<p>x</p><!--> <img src="https://evil.example/a.png"> -->',
    '<p>x</p><noscript><p title="</noscript><img src=https://evil.example/a.png>"></noscript>',
    '<p>x</p><svg><script href="https://evil.example/a.js"></script></svg>',
    '<p>x</p><svg><script xlink:href="//evil.example/a.js"></script></svg>',
]


@pytest.mark.parametrize("content", HIDDEN_LOADS)
def test_the_bundle_scan_finds_hidden_loads(tmp_path: Path, content: str) -> None:
    (tmp_path / "page.html").write_text(content, encoding="utf-8")
    assert [p.code for p in outside_references(tmp_path)] == ["outside-reference"]
