"""Which way a language's text runs: the one place the site, the single file and the EPUB ask. Pure.

A reading's ``language`` (front-matter, a BCP 47 tag the schema has checked) and
the site's (``theme.language`` in mkdocs.yml, ``project.SiteConfig.language``)
come in; ``direction`` gives ``"rtl"`` or ``"ltr"`` and ``Languages`` says, for
one reading, which ``lang``/``dir`` its article text takes and which the desk's
own words take (notes, editorial blocks, headings the site adds).

The direction comes from the tag's script subtag when it has one (``az-Arab``
is right to left, ``sd-Deva`` left to right); otherwise from the language's
usual script, as CLDR's likely-subtags data gives it, for the languages whose
usual script runs right to left (``RTL_LANGUAGES``). No library is needed for
this: the list is short and changes with the Unicode standard's scripts only.

The rule for notes: the desk writes its notes, editorial blocks and everything
the site adds in the site's language; only the article text (and the title,
and what is quoted from the capture) is in the reading's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Direction = Literal["ltr", "rtl"]
LANGUAGES_META = "readings_languages"  # the page.meta key the site plugin sets (Languages.as_meta) on every page

# ISO 15924 codes of the scripts Unicode lays out right to left (Unicode's Bidi_Class R and AL scripts).
RTL_SCRIPTS = frozenset({
    "Adlm", "Arab", "Aran", "Armi", "Avst", "Chrs", "Cprt", "Elym", "Hatr", "Hebr", "Hung", "Khar", "Lydi", "Mand", "Mani",
    "Mend", "Merc", "Mero", "Narb", "Nbat", "Nkoo", "Orkh", "Ougr", "Palm", "Phli", "Phlp", "Phnx", "Prti", "Rohg", "Samr",
    "Sarb", "Sogd", "Sogo", "Syrc", "Thaa", "Yezi",
})
# Languages whose likely script (CLDR likelySubtags) is one of RTL_SCRIPTS, when the tag names no script. Arabic and
# its varieties, Persian and Dari, Hebrew (and its old code iw), Yiddish (and ji), Urdu, Pashto, Sorani Kurdish,
# Dhivehi, Sindhi, Uyghur, Kashmiri, Syriac, Aramaic, N'Ko, South Azerbaijani, Balochi, Gilaki, Northern and
# Southern Luri, Mazanderani, Western and Saraiki Punjabi, Khowar... (Adlam-written Fulah is tagged ff-Adlm:
# its script says).
RTL_LANGUAGES = frozenset({
    "ar", "arb", "arz", "apc", "apd", "ajp", "acm", "acq", "acw", "acx", "acy", "adf", "aeb", "aec", "afb", "ajt", "arq",
    "ars", "ary", "avl", "ayh", "ayl", "ayn", "ayp", "pga", "shu", "ssh",
    "fa", "pes", "prs", "he", "iw", "yi", "ji", "ydd", "yih", "ur", "ps", "pbt", "pbu", "pst", "ckb", "dv", "sd", "ug",
    "ks", "syr", "aii", "cld", "arc", "nqo", "azb", "bal", "bcc", "bgn", "bqi", "glk", "lrc", "luz", "mzn", "pnb", "skr",
    "khw", "sdh", "hac", "ota", "jrb",
})


def direction(tag: str) -> Direction:
    """``"rtl"`` for a tag whose script runs right to left (``ar``, ``fa-IR``, ``az-Arab``), else ``"ltr"``. An empty
    or malformed tag is ``"ltr"``: the caller checks tags (the schema does), this only reads them."""
    parts = tag.strip().replace("_", "-").split("-")
    for part in parts[1:]:
        if len(part) == 1:  # an extension or private use follows: no script after it
            break
        if len(part) == 4 and part.isascii() and part.isalpha():
            return "rtl" if part.title() in RTL_SCRIPTS else "ltr"
    return "rtl" if parts[0].lower() in RTL_LANGUAGES else "ltr"


def same_language(a: str, b: str) -> bool:
    """Whether two tags name the same language and script (``en`` and ``en-GB`` do; ``sr-Latn`` and ``sr`` do
    not, nor ``en`` and ``ar``): the desk's blocks need their own ``lang`` only when this is false."""
    return _base(a) == _base(b)


def _base(tag: str) -> tuple[str, str]:
    parts = tag.strip().replace("_", "-").lower().split("-")
    script = next((p for p in parts[1:2] + parts[2:3] if len(p) == 4 and p.isalpha()), "")
    return parts[0], script


@dataclass(frozen=True)
class Languages:
    """The ``lang``/``dir`` pairs of one reading: its text's, and the desk's (the site's). Templates read these
    (``page.meta.readings_languages``, set by the site plugin) and never a raw front-matter value."""

    text_lang: str
    text_dir: Direction
    desk_lang: str
    desk_dir: Direction

    @property
    def mixed(self) -> bool:
        """Whether the article and the desk write in different languages (the desk's blocks then carry their own)."""
        return not same_language(self.text_lang, self.desk_lang) or self.text_dir != self.desk_dir

    def as_meta(self) -> dict[str, str | bool]:
        return {"text_lang": self.text_lang, "text_dir": self.text_dir, "desk_lang": self.desk_lang,
                "desk_dir": self.desk_dir, "mixed": self.mixed}


def languages(reading: str, site: str) -> Languages:
    """A reading in ``reading`` (its front-matter language, "" when it declares none) on a site in ``site``."""
    text = reading.strip() or site
    return Languages(text, direction(text), site, direction(site))
