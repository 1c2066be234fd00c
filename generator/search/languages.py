"""Analysers: how the text of a reading in each language becomes search terms (build side; the browser mirrors it).

A reading's ``language`` (BCP 47) chooses its analyser by its primary subtag (``analyser_for``):

- ``en`` (and a page with no language on an English site): ``tokens.terms``, unchanged (lunr's Porter stemmer and
  stop words), so an English collection's index is byte for byte what it was;
- a language with a Snowball stemmer (``ANALYSERS``): ``terms`` below with that stemmer and Snowball's stop words;
- any other language (Chinese, Japanese, Thai, Korean, unknown): ``terms`` with no stemmer and no stop words
  (``NEUTRAL``).

``terms`` is mirrored line for line by ``readings-search.js`` (``foldText``, ``tokenise``, ``analyse``) and compared
with it in Chromium on word lists of every language (tests/test_search_languages.py):

1. NFKC (full-width and compatibility forms folded: "ＡＢＣ" -> "abc"), lower case, then ``FOLD``: ß -> ss,
   ё -> е, Arabic tashkeel and tatweel removed, Arabic-Indic digits -> 0-9 (Persian also: Arabic yeh and kaf -> Persian);
2. words: runs of letters, marks and digits (Unicode general categories L, M, N: word boundaries as UAX #29 draws
   them in alphabetic text, apostrophes and hyphens splitting words);
3. a run of Han, kana, Thai, Lao, Khmer or Myanmar characters (scripts written without spaces) becomes its
   overlapping character bigrams ("垃圾分类" -> 垃圾, 圾分, 分类), so a word inside a sentence is found by typing it;
4. the language's stop words dropped, then its Snowball stemmer (``snowballstemmer``, BSD-3; in the browser the
   JavaScript the same Snowball release generates, vendored in overrides/assets/javascripts/vendor/snowball);
5. Latin, Greek and Cyrillic accents removed from the stem (NFD, U+0300-U+036F dropped): "café" finds "cafe".
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import snowballstemmer

from generator.search import tokens

STOP_DIR = Path(__file__).with_name("stopwords")
ENGLISH = "en"
NEUTRAL = "und"


@dataclass(frozen=True)
class Analyser:
    key: str  # the primary language subtag it serves ("und" for the neutral analyser)
    stemmer: str | None  # a Snowball algorithm's name
    stop: frozenset[str]  # folded


def _stop(algorithm: str) -> frozenset[str]:
    path = STOP_DIR / f"{algorithm}.txt"
    if not path.is_file():
        return frozenset()
    return frozenset(fold(word) for word in path.read_text(encoding="utf-8").split())


# Primary subtag -> Snowball algorithm (those of snowballstemmer vendored for the browser too).
STEMMERS = {"ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek", "es": "spanish",
            "fa": "persian", "fi": "finnish", "fr": "french", "hi": "hindi", "hu": "hungarian", "id": "indonesian",
            "it": "italian", "nl": "dutch", "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "pl": "polish",
            "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "sv": "swedish", "tr": "turkish"}

# Step 1, after NFKC and lower case.
_TASHKEEL = [*range(0x064B, 0x0660), 0x0670]
FOLD: dict[int, str | None] = {ord("ß"): "ss", ord("ё"): "е", 0x0640: None, **{c: None for c in _TASHKEEL},
                                **{0x0660 + d: str(d) for d in range(10)}, **{0x06F0 + d: str(d) for d in range(10)}}
FOLD_FA: dict[int, str | None] = {**FOLD, ord("ي"): "ی", ord("ك"): "ک", ord("ى"): "ی"}

# Step 3: scripts written without spaces between words (code point ranges, the same list in the worker).
BIGRAM_RANGES = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x2E80, 0x2FDF), (0x3005, 0x3007),
                 (0x3021, 0x3029), (0x3040, 0x30FF), (0x31F0, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
                 (0xF900, 0xFAFF), (0x20000, 0x3134F))
_BIGRAM_RE = re.compile("([" + "".join(f"{chr(a)}-{chr(b)}" for a, b in BIGRAM_RANGES) + "]+)")
_ACCENTS_RE = re.compile("[\u0300-\u036f]+")


def fold(text: str, key: str = NEUTRAL) -> str:
    """Step 1."""
    return unicodedata.normalize("NFKC", text).lower().translate(FOLD_FA if key == "fa" else FOLD)


@functools.cache
def _word_re() -> re.Pattern[str]:
    """Runs of letters, marks and digits (``[\\p{L}\\p{M}\\p{N}]+`` in the worker): built once from Unicode's table."""
    ranges, start = [], None
    for code in range(sys.maxunicode + 2):
        inside = code <= sys.maxunicode and unicodedata.category(chr(code))[0] in "LMN"
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    return re.compile("[" + "".join(ranges) + "]+")


def tokenise(folded: str) -> list[str]:
    """Steps 2 and 3: the words of folded text, runs of unspaced scripts as bigrams."""
    out: list[str] = []
    for word in _word_re().findall(folded):
        for number, part in enumerate(_BIGRAM_RE.split(word)):
            if not part:
                continue
            if number % 2 == 0 or len(part) == 1:
                out.append(part)
            else:
                out.extend(part[i:i + 2] for i in range(len(part) - 1))
    return out


@functools.cache
def _stemmer(algorithm: str) -> Callable[[str], str]:
    stemmer = snowballstemmer.stemmer(algorithm)
    return functools.lru_cache(maxsize=1 << 17)(stemmer.stemWord)


def unaccent(word: str) -> str:
    """Step 5."""
    if word.isascii():
        return word
    return unicodedata.normalize("NFC", _ACCENTS_RE.sub("", unicodedata.normalize("NFD", word)))


@functools.cache
def analyser(key: str) -> Analyser:
    algorithm = STEMMERS.get(key)
    return Analyser(key, algorithm, _stop(algorithm) if algorithm else frozenset())


def analyser_for(language: str | None, default: str = ENGLISH) -> str:
    """The analyser's key for a BCP 47 tag (its primary subtag); no tag: ``default``'s."""
    primary = (language or default or ENGLISH).split("-", 1)[0].split("_", 1)[0].strip().lower()
    if primary == ENGLISH or primary in STEMMERS:
        return primary if primary not in ("nb", "nn") else "no"
    return NEUTRAL


def analysed(text: str, key: str) -> Iterator[tuple[str, str, bool]]:
    """Each word of ``text`` as analyser ``key`` sees it: (folded word, term, is a stop word)."""
    if key == ENGLISH:
        for word in tokens.words(text):
            yield word, tokens.stem(word), word in tokens.STOP_WORDS
        return
    found = analyser(key)
    stem = _stemmer(found.stemmer) if found.stemmer else None
    for word in tokenise(fold(text, key)):
        yield word, unaccent(stem(word) if stem else word), word in found.stop


def terms(text: str, key: str) -> Iterator[str]:
    """The indexed terms of ``text`` for analyser ``key`` (English: exactly ``tokens.terms``)."""
    if key == ENGLISH:
        yield from tokens.terms(text)
        return
    for _word, term, stop in analysed(text, key):
        if not stop:
            yield term
