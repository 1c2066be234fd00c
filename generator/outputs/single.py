"""One reading as one self-contained HTML file: styles, scripts and icons inlined, no search.

Data flow: the offline site (``offline.build_offline``) --the reading's page-->
links made whole (``self_contained``: site navigation dropped; links to other pages
of the site point to the published site when ``site_url`` is set, or become plain
text) --> stylesheets, scripts and icons inlined as text or data: URIs --search
box and worker removed--> dist/<slug>.html.

No link in the file points to a file that is not beside it: a single file travels
alone (by e-mail, on a USB stick). What the notes rely on travels with it: each
"More about …" link in a note carries the context page's summary, which the file
shows (``ar-single``).
"""

from __future__ import annotations

import base64
import hashlib
import html as htmllib
import json
import mimetypes
import posixpath
import re
import tempfile
from pathlib import Path

import lxml.html

from generator.errors import BuildError, InputError, error
from generator.fsutil import atomic_write_bytes
from generator.outputs.base import Option
from generator.outputs.offline import build_offline
from generator.outputs.scan import OUTSIDE_RE, is_outside
from generator.project import READINGS_DIR, Project
from generator.site.scan import scan_html
from generator.slug import SLUG_RE

WORKER_SHIM = "iframe-worker"


def _data_uri(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _resolve(page: Path, root: Path, ref: str) -> Path | None:
    ref = ref.split("#", 1)[0].split("?", 1)[0]
    if not ref or is_outside(ref):
        return None
    path = (page.parent / ref).resolve()
    return path if path.is_file() and path.is_relative_to(root.resolve()) else None


def _inline_css(css: str, css_path: Path, root: Path) -> str:
    def repl(match: re.Match[str]) -> str:
        target = _resolve(css_path, root, match.group(2))
        return f"url({_data_uri(target)})" if target else match.group(0)
    return re.sub(r"""url\((["']?)([^"')]+)\1\)""", lambda m: repl(m), css)


def single_file(project: Project, slug: str, dist: Path) -> Path:
    """``dist/<slug>.html``: one reading with its styles, scripts and icons inlined."""
    if not SLUG_RE.match(slug):
        raise InputError(error(project.rel(project.readings), 1, 1, f"'{slug[:60]}' is not a reading's slug: lowercase letters,"
                               f" digits and hyphens, as in the file name {project.rel(project.readings)}/<slug>.md", "unknown-slug"))
    if not project.reading_path(slug).is_file():
        raise InputError(error(project.rel(project.reading_path(slug)), 1, 1, f"no reading with the slug '{slug}'", "unknown-slug"))
    with tempfile.TemporaryDirectory(prefix="readings-single-") as tmp:
        root = Path(tmp) / "site"
        build_offline(project, root)
        page = root / READINGS_DIR / f"{slug}.html"
        if not page.is_file():
            raise InputError(error(project.rel(project.reading_path(slug)), 1, 1, f"no reading with the slug '{slug}'", "unknown-slug"))
        html = self_contained(page.read_text(encoding="utf-8"), f"{READINGS_DIR}/{slug}.html", project.config.site_url)

        # The policy allows exactly what this builder inlines, by hash: nothing else inline could run.
        scripts: list[str] = []
        styles: list[str] = []

        def stylesheet(match: re.Match[str]) -> str:
            target = _resolve(page, root, match.group(1))
            if not target:
                return match.group(0)
            styles.append(_inline_css(target.read_text(encoding="utf-8"), target, root))
            return f"<style>{styles[-1]}</style>"

        def script(match: re.Match[str]) -> str:
            target = _resolve(page, root, match.group(1))
            if not target:
                return match.group(0)
            if WORKER_SHIM in match.group(1):
                return ""  # it runs the search worker over file://, and a single file has no search
            scripts.append(target.read_text(encoding="utf-8").replace("</script", "<\\/script"))
            return f"<script{match.group(2)}>" + scripts[-1] + "</script>"

        def icon(match: re.Match[str]) -> str:
            target = _resolve(page, root, match.group(1))
            return match.group(0).replace(match.group(1), _data_uri(target)) if target else match.group(0)

        html = re.sub(r'<link rel="stylesheet" href="([^"]+)"\s*/?>', stylesheet, html)
        html = re.sub(r'<script src="([^"]+)"([^>]*)></script>', script, html)
        html = re.sub(r'<link rel="icon" href="([^"]+)"', icon, html)
        html = _with_policy(_without_search(html), project.config.content_security_policy, scripts, styles)
        problems = scan_html(html, f"{slug}.html", project.config.content_security_policy, inline_scripts=True)
        if problems:
            raise BuildError(problems)
        target_file = dist / f"{slug}.html"
        atomic_write_bytes(target_file, html.encode("utf-8"))
    return target_file


# The site's navigation: in a file that travels alone it leads nowhere.
SITE_NAVIGATION = ('//*[contains(concat(" ", @class, " "), " md-sidebar--primary ")]',
                   '//*[contains(concat(" ", @class, " "), " md-footer__inner ")]',
                   '//*[contains(concat(" ", @class, " "), " md-tabs ")]',
                   '//a[contains(concat(" ", @class, " "), " md-logo ")]',
                   '//label[@for="__drawer"]')  # the menu button: its drawer held the navigation


def published_url(site_url: str, target: str) -> str:
    """The published address of ``target``, a path in the offline site (``context/rt.html#x``)."""
    path, _, fragment = target.partition("#")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")] + "/"
    return site_url.rstrip("/") + "/" + path + (f"#{fragment}" if fragment else "")


def self_contained(html: str, page: str, site_url: str) -> str:
    """The reading at ``page`` (its path in the offline site) with every link either inside the file or absolute.

    Links to the page itself keep their fragment; links to other pages of the site point to
    ``site_url`` when it is set and otherwise become plain text; the site's navigation is dropped.
    """
    doc = lxml.html.document_fromstring(html)
    for xpath in SITE_NAVIGATION:
        for element in doc.xpath(xpath):
            element.getparent().remove(element)
    here = posixpath.dirname(page)
    for link in doc.iter("a"):
        href = link.get("href")
        if href is None or href.startswith("#") or OUTSIDE_RE.match(href):
            continue  # inside the page, or an absolute address (another site, mailto:)
        target = posixpath.normpath(posixpath.join(here, href.split("?", 1)[0]))
        if target.split("#", 1)[0] == page:
            link.set("href", "#" + href.split("#", 1)[1] if "#" in href else "#")
        elif site_url:
            link.set("href", published_url(site_url, target))
        else:
            link.tag = "span"  # plain text: the page it named is not in this file
            for name in ("href", "rel", "title", "hreflang"):
                link.attrib.pop(name, None)
    # "More about X →" whose page is not in the file: the summary it carries says it instead.
    for context in doc.xpath('//span[contains(concat(" ", @class, " "), " annotation-context ")][not(.//a)]'):
        summary = context.xpath('.//span[contains(concat(" ", @class, " "), " context-summary ")]')
        text = " ".join(summary[0].text_content().split()) if summary else ""
        for child in list(context):
            context.remove(child)
        context.text = text
        context.set("class", "annotation-context context-summary-only")
    body = doc.find("body")
    if body is not None:
        body.set("class", " ".join(filter(None, [body.get("class"), "ar-single"])))
    return "<!doctype html>\n" + str(lxml.html.tostring(doc, encoding="unicode"))


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _with_policy(html: str, policy: str, scripts: list[str], styles: list[str]) -> str:
    """The site's policy, with the ``scripts`` and ``styles`` this builder inlined allowed by their hashes (nothing else)."""
    if not policy:
        return html
    directives = []
    for directive in policy.split(";"):
        name = directive.split()[0] if directive.split() else ""
        if name == "script-src":
            directive = "script-src " + " ".join(sorted({_hash(s) for s in scripts})) if scripts else "script-src 'none'"
        elif name == "style-src":
            directive = "style-src " + " ".join(sorted({_hash(s) for s in styles})) if styles else "style-src 'none'"
        directives.append(directive.strip())
    meta = f'<meta http-equiv="Content-Security-Policy" content="{htmllib.escape("; ".join(directives))}">'
    return re.sub(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', lambda _m: meta, html, count=1)


def _without_search(html: str) -> str:
    """A single file has no search index: drop the search box and Material's search worker."""
    html = re.sub(r'<div class="md-search" data-md-component="search".*?</div>\s*</div>\s*</div>\s*</div>\s*</div>', "", html, flags=re.DOTALL)
    html = re.sub(r'<label class="md-header__button md-icon" for="__search">.*?</label>', "", html, flags=re.DOTALL)

    def config(match: re.Match[str]) -> str:
        data = json.loads(match.group(2))
        data.pop("search", None)
        return match.group(1) + json.dumps(data, sort_keys=True) + match.group(3)

    return re.sub(r'(<script id="__config" type="application/json">)(.*?)(</script>)', config, html, flags=re.DOTALL)


class SingleFile:
    """``readings bundle --single SLUG``: dist/SLUG.html."""

    name = "single"
    option: Option | None = Option("--single", "SLUG", "write dist/<SLUG>.html: one reading, styles and scripts inlined")
    help = "one reading as one self-contained HTML file"

    def build(self, project: Project, dist: Path, argument: str | None = None) -> Path:
        if not argument:
            raise InputError(error(project.rel(project.readings), 1, 1, "--single needs a reading's slug", "unknown-slug"))
        return single_file(project, argument, dist)


BUILDER = SingleFile()
