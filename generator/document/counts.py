"""How long an article is, per script: words where words are spaced, characters where they are not. Pure.

Latin, Cyrillic, Greek, Arabic, Hebrew, Hangul and the other scripts that put spaces between words are counted in
words (what whitespace separates); Chinese and Japanese (Han, kana) and the scripts of South-East Asia that do
not space their words (Thai, Lao, Khmer, Myanmar) are counted in characters. The reading time adds the minutes
of each part at its own rate (``RATES``). The rates are this tool's assumptions, stated here and in the README:
200 words a minute for spaced scripts (conservative: Brysbaert 2019, "How many words do we read per minute? A
review and meta-analysis of reading rate", Journal of Memory and Language, puts silent reading of English
non-fiction at 238 words a minute), 500 characters a minute for Chinese, 400 for Japanese (where kana are
mixed in), 1,000 characters a minute for Thai, Lao, Khmer and Myanmar text (a word there is several characters).
``words`` front-matter is the sum of both counts: a CJK character counts as one word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

WORDS_PER_MINUTE = 200
LENGTH_META = "readings_length"  # the page.meta key the site plugin sets from ``Length.label``: the header prints it
# Characters a minute, for the scripts counted in characters: the tool's assumptions (see the module docstring).
RATES = {"chinese": 500, "japanese": 400, "southeast-asian": 1000}
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_KANA = r"\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d"
_SEA = r"\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"  # Thai, Lao, Myanmar, Khmer
CHARACTER_RE = re.compile(f"[{_HAN}{_KANA}{_SEA}]")
KANA_RE = re.compile(f"[{_KANA}]")
SEA_RE = re.compile(f"[{_SEA}]")
# CJK punctuation and full-width forms: no word of their own once the characters around them are counted.
CJK_PUNCTUATION_RE = re.compile(r"[\u3000-\u303f\uff01-\uff65\u30fb]")


@dataclass(frozen=True)
class Length:
    """An article's length: words in spaced scripts, and characters in each unspaced one."""

    words: int = 0
    chinese: int = 0  # Han characters in text without kana
    japanese: int = 0  # Han and kana characters in text with kana
    southeast_asian: int = 0  # Thai, Lao, Khmer and Myanmar characters (letters and marks)

    @property
    def total(self) -> int:
        """The ``words`` front-matter: words, plus one for each character counted as such."""
        return self.words + self.chinese + self.japanese + self.southeast_asian

    @property
    def label(self) -> str:
        """The length as a reader is told it: "1122 words", "155 characters", "12 words and 155 characters"."""
        characters = self.chinese + self.japanese + self.southeast_asian
        parts = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in ((self.words, "word"), (characters, "character")) if n]
        return " and ".join(parts)

    @property
    def minutes(self) -> int:
        """Minutes to read, rounded up, at least one (for any text at all)."""
        exact = (self.words / WORDS_PER_MINUTE + self.chinese / RATES["chinese"] + self.japanese / RATES["japanese"]
                 + self.southeast_asian / RATES["southeast-asian"])
        return max(1, -int(-exact // 1)) if self.total else 0


def measure(text: str) -> Length:
    """The length of plain text (Markdown's markup already removed)."""
    text = unicodedata.normalize("NFC", text)
    counted = CHARACTER_RE.findall(text)
    sea = sum(1 for c in counted if SEA_RE.match(c))
    cjk = len(counted) - sea
    japanese = bool(KANA_RE.search(text))
    # Words are what whitespace separates, as they always were (English counts are unchanged), once the characters
    # counted one by one and their punctuation are taken out.
    words = len(CJK_PUNCTUATION_RE.sub(" ", CHARACTER_RE.sub(" ", text)).split())
    return Length(words=words, chinese=0 if japanese else cjk, japanese=cjk if japanese else 0, southeast_asian=sea)
