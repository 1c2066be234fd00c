"""Links: relative links between pages resolve to a file in the docs folder (reads the file system, writes nothing);
outside links carry a scheme and are not on a look-alike of the site's host (pure)."""

from __future__ import annotations

import bisect
import contextlib
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from generator.document import read
from generator.document.addresses import REFERENCE_RE, inline_links, malformed_web_address
from generator.document.addresses import address as browser_address
from generator.document.page import Page
from generator.document.syntax import LINK_TEXT
from generator.errors import Problem, error, quoted, warning

LINK_RE = re.compile(r"(?<!!)\[" + LINK_TEXT + r"\]\(\s*<?((?:[^()\s>]|\([^()\s>]*\))+)>?(?:\s+\"[^\"]*\")?\s*\)")
SCHEME_OR_ROOT_RE = re.compile(r"^[a-z][a-z0-9+.-]*:|^/", re.IGNORECASE)


def check_links(page: Page, path: Path, docs: Path) -> list[Problem]:
    """Relative links to other pages (and their anchors' files) resolve inside ``docs``."""
    problems: list[Problem] = []
    lines = page.body.split("\n")
    _editorial, code = read.block_regions(lines)
    for index, line in enumerate(lines):
        if index in code:
            continue
        for match in LINK_RE.finditer(line):
            target = match.group(1).split("#", 1)[0]
            if not target or SCHEME_OR_ROOT_RE.match(target):
                continue
            resolved = (path.parent / target).resolve()
            if not resolved.is_relative_to(docs.resolve()) or not resolved.exists():
                problems.append(error(page.path, index + 1 + page.body_line, match.start() + 1,
                                      f"link to '{match.group(1)}' does not resolve to a page in {docs.name}/", "broken-link"))
    return problems


# --- Outside links ---------------------------------------------------------------------------------------------

PROTOCOL_RELATIVE_RE = re.compile(r"^/[/\\]")  # "//host" and "/\host" (with "\" read as "/", "\\host" too)
# After http(s): any run of "/" (none included), as browsers read it; other schemes: "//".
HOST_RE = re.compile(r"^(?:https?:/*|[a-z][a-z0-9+.-]*://)(?:[^@/?#]*@)?(?P<host>[^:/?#]+)", re.IGNORECASE)
# Letters of other scripts that look like Latin ones, and digits that pass for letters: enough for the usual tricks.
HOMOGLYPHS = str.maketrans("аеорсухіјѕԁɡοαυνρκтмнвℓ01", "aeopcyxijsdgoauvpktmhblol")
MAX_EDITS = 2


def _skeleton(host: str) -> str:
    """A host as it looks: punycode labels decoded, look-alike letters folded to Latin ones, case and dots ignored."""
    labels = []
    for label in host.lower().rstrip(".").split("."):
        if label.startswith("xn--"):
            with contextlib.suppress(UnicodeError):
                label = label.encode("ascii").decode("idna")
        labels.append(unicodedata.normalize("NFKC", label).translate(HOMOGLYPHS))
    return ".".join(labels)


def _edits(a: str, b: str, cap: int) -> int:
    """Levenshtein distance, stopped at ``cap + 1`` (hosts are short)."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        if min(current) > cap:
            return cap + 1
        previous = current
    return previous[-1]


def look_alike(host: str, own: str) -> bool:
    """Whether ``host`` is not the site's host ``own`` (nor one of its subdomains) but could pass for it."""
    host, own = host.lower().rstrip("."), own.lower().rstrip(".")
    if not own or host == own or host.endswith("." + own):
        return False
    if _skeleton(host) == _skeleton(own) or _edits(_skeleton(host), _skeleton(own), MAX_EDITS) <= MAX_EDITS:
        return True
    name = next((label for label in own.split(".") if label != "www"), own)  # "annotated-readings"
    return len(name) >= 4 and any(label.startswith(name) or label.endswith(name) for label in _skeleton(host).split("."))


def outside_link_problems(page: Page, site_url: str) -> list[Problem]:
    """Protocol-relative addresses (they leave the site, and offline become ``file://host/``) and http(s) addresses
    without "//" exactly (a browser finds another host in them) are errors; an address on a host that looks like
    the site's own is a warning (a phishing copy of the site)."""
    own = urlsplit(site_url).hostname or ""
    text = read.without_code(page.body)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    problems: list[Problem] = []
    found = [(link.url_start, link.url) for link in inline_links(page.body)]
    found += [(m.start("url"), m.group("url")) for m in REFERENCE_RE.finditer(text)]
    for offset, url in sorted(found):
        address = browser_address(url).replace("\\", "/")
        line = bisect.bisect_right(starts, offset) - 1
        where = (page.path, line + 1 + page.body_line, offset - starts[line] + 1)
        shown = quoted(url, 60)
        if PROTOCOL_RELATIVE_RE.match(address):
            problems.append(error(*where, f"the address {shown} has no scheme but a host: it leaves the site (and in the"
                                  " offline bundle opens a file on the reader's network); write https:// in full",
                                  "protocol-relative-url"))
        elif malformed_web_address(url):
            problems.append(error(*where, f"the address {shown} is not written scheme://host: a browser reads a host after"
                                  " any run of '/' and '\\' (or none) and goes there; write https:// and the host in full",
                                  "malformed-url"))
        elif (host := HOST_RE.match(address)) and look_alike(host.group("host"), own):
            problems.append(warning(*where, f"the address {shown} is on a host that looks like this site's own ({own}):"
                                    " check that it is the page you mean", "look-alike-host"))
    return problems
