"""HTML and addresses in a page's Markdown: raw HTML is a warning; anything executable is an error. Pure.

Three passes over every page, because the site publishes every page:

1. the body's raw HTML, read with a real HTML parser (tags split across lines,
   attributes without spaces between them, entity-encoded values), outside code;
2. every Markdown link, image and reference definition, with its address read as
   a browser would (character references decoded, whitespace and controls dropped);
3. the page rendered by the site's own Markdown pipeline, before the sanitiser,
   and scanned like the built site (``site.scan``): whatever the first two passes
   missed, the rendered HTML shows.

The sanitiser removes all of it from the site anyway; these errors stop such a
page at review, where it can be fixed.
"""

from __future__ import annotations

import re

from generator.document import read
from generator.document.addresses import NOISE_RE, REFERENCE_RE, inline_links, refused_scheme
from generator.document.page import Page
from generator.document.schema import BIDI_CONTROLS_RE
from generator.document.syntax import is_generated
from generator.errors import Problem, error, warning
from generator.site.sanitize import TAGS
from generator.site.scan import EXECUTABLE_SCHEME_RE, URL_ATTRIBUTES, HostileHTMLParser, scan_html

DANGEROUS_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "meta", "base", "form",
                  "svg", "math", "template", "portal", "noscript", "input", "button", "textarea", "select"}
AUTOLINK_RE = re.compile(r"<(?:(?:https?|ftp)://[^<>\s]*|mailto:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>", re.IGNORECASE)  # Markdown, not HTML
def masked(body: str) -> str:
    """The body with code and Markdown autolinks blanked out, offsets and lines kept: code is shown, never run."""
    return AUTOLINK_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), read.without_code(body))


class _RawHtml(HostileHTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str, str, bool]] = []  # line, col, tag, what, executable

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        values = {name.lower(): value or "" for name, value in attrs}
        handlers = sorted(name for name in values if name.startswith("on"))
        bad_urls = [name for name, value in values.items() if name in URL_ATTRIBUTES and EXECUTABLE_SCHEME_RE.match(NOISE_RE.sub("", value))]
        if tag in DANGEROUS_TAGS or handlers or bad_urls:
            what = f"<{tag}>" + (f" with {', '.join(handlers + bad_urls)}" if handlers or bad_urls else "")
            self.found.append((line, col, tag, what, True))
        else:
            self.found.append((line, col, tag, f"<{tag}>", False))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    # A browser ends "<![CDATA[" and "<?" at the first ">", this parser at "]]>": what lies between could hide
    # markup from the check, so neither is allowed.
    def unknown_decl(self, data: str) -> None:
        line, col = self.getpos()
        self.found.append((line, col, "<![", f"<![{data[:12]}…]]> (a marked section)", True))

    def handle_pi(self, data: str) -> None:
        line, col = self.getpos()
        self.found.append((line, col, "<?", f"<?{data[:12]}…> (a processing instruction)", True))


def raw_html_problems(page: Page) -> list[Problem]:
    """Raw HTML tags in the body: executable ones are errors, the rest warnings (the sanitiser keeps few of them)."""
    parser = _RawHtml()
    parser.feed(masked(page.body))
    parser.close()
    problems = []
    # The generated pages (listings) write <span lang dir> and <bdi> themselves, around escaped values: only what
    # could run is worth a word there.
    generated = is_generated(page.body)
    for line, col, tag, what, executable in parser.found:
        where = (page.path, line + page.body_line, col + 1)
        if generated and not executable:
            continue
        if executable:
            problems.append(error(*where, f"executable or unsafe HTML {what} is not allowed", "unsafe-html"))
        elif tag in TAGS:
            problems.append(warning(*where, f"raw HTML <{tag}>: use Markdown instead", "raw-html"))
        else:
            problems.append(warning(*where, f"raw HTML <{tag}> is not allowed on the site and will be removed: use Markdown", "raw-html"))
    return problems


def address_problems(page: Page) -> list[Problem]:
    """Markdown links, images and reference definitions whose address the site does not allow: found and read as
    the importers' neutraliser finds and reads them (``document.addresses``), so the two never disagree."""
    text = read.without_code(page.body)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found = [(link.url_start, link.url) for link in inline_links(page.body)]
    found += [(m.start("url"), m.group("url")) for m in REFERENCE_RE.finditer(text)]
    problems = []
    for offset, url in sorted(found):
        scheme = refused_scheme(url)
        if scheme:
            line = max(i for i, start in enumerate(starts) if start <= offset)
            problems.append(error(page.path, line + 1 + page.body_line, offset - starts[line] + 1,
                                  f"{scheme}: links are not allowed", "unsafe-url"))
    return problems


def rendered_problems(page: Page, rendered: str) -> list[Problem]:
    """What the site's Markdown pipeline would make executable, were there no sanitiser (located as well as it can be)."""
    problems = []
    for found in scan_html(rendered, page.path):
        name = re.search(r"<\w+ ([\w:-]+)=", found.message)
        at = page.body.find(name.group(1)) if name else -1
        line = page.body.count("\n", 0, at) + 1 if at >= 0 else 1
        problems.append(error(page.path, line + page.body_line, 1, f"the rendered page would hold {found.message}", "unsafe-html"))
    return problems


def bidi_problems(page: Page) -> list[Problem]:
    """Bidirectional controls make text display in another order than it is stored (and read by tools)."""
    problems = []
    for number, line in enumerate(page.body.split("\n"), start=page.body_line + 1):
        match = BIDI_CONTROLS_RE.search(line)
        if match:
            problems.append(warning(page.path, number, match.start() + 1, f"a bidirectional control character (U+{ord(match.group(0)):04X})"
                                    " makes this line display in another order than it is stored", "bidi-control"))
    return problems


def check_html(page: Page, rendered: str | None = None) -> list[Problem]:
    """All three passes; the rendered one only speaks when the others found nothing executable."""
    problems = raw_html_problems(page) + address_problems(page) + bidi_problems(page)
    if rendered is not None and not any(p.is_error for p in problems):
        problems += rendered_problems(page, rendered)
    return problems
