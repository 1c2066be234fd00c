"""Words as search sees them, the same in Python (at build time) and JavaScript (in the browser's worker).

A text becomes terms in four steps, each mirrored line for line in
``overrides/assets/javascripts/readings-search.js`` (``terms``) and tested
against it in Chromium on the same inputs:

1. Unicode NFKD, combining marks removed ("café" and "cafe" are one word), lower case;
2. split on anything that is not a letter or a digit;
3. English stop words dropped (lunr's list, as Material's search drops them);
4. Porter stemming ("reports", "reported" -> "report"), as lunr.js 2.3.9 implements it
   (``stem`` is a line-for-line port of its ``lunr.stemmer``; MIT, Oliver Nightingale).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

# lunr.js 2.3.9's English stop words (lunr.stopWordFilter).
STOP_WORDS = frozenset((
    "a", "able", "about", "across", "after", "all", "almost", "also", "am", "among", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "but", "by", "can", "cannot", "could", "dear", "did", "do", "does", "either",
    "else", "ever", "every", "for", "from", "get", "got", "had", "has", "have", "he", "her", "hers", "him", "his",
    "how", "however", "i", "if", "in", "into", "is", "it", "its", "just", "least", "let", "like", "likely", "may",
    "me", "might", "most", "must", "my", "neither", "no", "nor", "not", "of", "off", "often", "on", "only", "or",
    "other", "our", "own", "rather", "said", "say", "says", "she", "should", "since", "so", "some", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "tis", "to", "too", "twas", "us", "wants",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would",
    "yet", "you", "your",
))
SPLIT_RE = re.compile(r"[\W_]+")  # \w without "_" is letters and digits: JavaScript's [\p{L}\p{N}]


def normalise(text: str) -> str:
    """NFKD with combining marks removed, then lower case."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.category(c).startswith("M")).lower()


def words(text: str) -> list[str]:
    """The words of ``text``, normalised, stop words included."""
    return [w for w in SPLIT_RE.split(normalise(text)) if w]


def terms(text: str) -> Iterator[str]:
    """The indexed terms of ``text``: its words without stop words, stemmed."""
    for word in words(text):
        if word not in STOP_WORDS:
            yield stem(word)


_STEP2 = {"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble", "alli": "al",
          "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate", "ator": "ate", "alism": "al",
          "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log"}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_c, _v = "[^aeiou]", "[aeiouy]"
_C, _V = _c + "[^aeiouy]*", _v + "[aeiou]*"
_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_S_V = re.compile("^(" + _C + ")?" + _v)
_1A, _1A2 = re.compile(r"^(.+?)(ss|i)es$"), re.compile(r"^(.+?)([^s])s$")
_1B, _1B2 = re.compile(r"^(.+?)eed$"), re.compile(r"^(.+?)(ed|ing)$")
_LAST = re.compile(r".$")
_1B_AT, _1B_DOUBLE, _1B_CVC = re.compile(r"(at|bl|iz)$"), re.compile(r"([^aeiouylsz])\1$"), re.compile("^" + _C + _v + "[^aeiouwxy]$")
_1C = re.compile(r"^(.+?[^aeiou])y$")
_2 = re.compile(r"^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|"
                r"ousness|aliti|iviti|biliti|logi)$")
_3 = re.compile(r"^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$")
_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
_4B = re.compile(r"^(.+?)(s|t)(ion)$")
_5, _5_LL, _5_CVC = re.compile(r"^(.+?)e$"), re.compile(r"ll$"), re.compile("^" + _C + _v + "[^aeiouwxy]$")


@functools.lru_cache(maxsize=1 << 17)  # a collection's vocabulary: each distinct word is stemmed once
def stem(w: str) -> str:
    """Porter's stemmer as lunr.js 2.3.9 implements it (its steps in its order, so the port stays checkable)."""
    if len(w) < 3:
        return w
    first = w[0]
    if first == "y":
        w = "Y" + w[1:]
    if _1A.search(w):
        w = _1A.sub(r"\1\2", w, count=1)
    elif _1A2.search(w):
        w = _1A2.sub(r"\1\2", w, count=1)
    if m := _1B.search(w):
        if _MGR0.search(m.group(1)):
            w = _LAST.sub("", w, count=1)
    elif m := _1B2.search(w):
        stem_ = m.group(1)
        if _S_V.search(stem_):
            w = stem_
            if _1B_AT.search(w):
                w += "e"
            elif _1B_DOUBLE.search(w):
                w = _LAST.sub("", w, count=1)
            elif _1B_CVC.search(w):
                w += "e"
    if m := _1C.search(w):
        w = m.group(1) + "i"
    if (m := _2.search(w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP2[m.group(2)]
    if (m := _3.search(w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP3[m.group(2)]
    if m := _4.search(w):
        if _MGR1.search(m.group(1)):
            w = m.group(1)
    elif (m := _4B.search(w)) and _MGR1.search(m.group(1) + m.group(2)):
        w = m.group(1) + m.group(2)
    if m := _5.search(w):
        stem_ = m.group(1)
        if _MGR1.search(stem_) or (_MEQ1.search(stem_) and not _5_CVC.search(stem_)):
            w = stem_
    if _5_LL.search(w) and _MGR1.search(w):
        w = _LAST.sub("", w, count=1)
    if first == "y":
        w = "y" + w[1:]
    return w
