"""An address's scheme, read the one way the project reads it. Pure, and a leaf: the front-matter schema and
``document.addresses`` (where every other rule about addresses lives) both import it.
"""

from __future__ import annotations

import re

SCHEME_RE = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.-]*):", re.IGNORECASE)


def lowercase_scheme(raw: str) -> str:
    """``raw`` with its scheme in lower case ("HTTPS://x.org" -> "https://x.org"): schemes are case-insensitive
    (RFC 3986, 3.1), and the site writes and compares them lower case. Anything else is left as it is."""
    match = SCHEME_RE.match(raw)
    return raw if match is None else match.group("scheme").lower() + raw[match.end("scheme"):]
