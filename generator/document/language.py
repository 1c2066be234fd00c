"""A reading's language: its BCP 47 tag checked and normalised, the text's language identified, and the one chosen.

Data flow: an importer reads what the seed declares (a Markdown seed's ``language:``, an HTML page's ``<html
lang>``) and ``importers.with_record`` adds what the server said (the capture record's ``Content-Language``);
``choose`` then takes, in that order, the first declared tag that is valid and that the article text does not
contradict, else the language an offline identifier reads in the text (py3langid, BSD: measured against
lingua-language-detector in ``bench/language.py``; see the README, "Languages"). The result is the reading's
``language`` and, in its own words, ``language_basis``: the one place a page says where its language came from.
``readings check`` uses ``tag_problem`` and ``normalise`` on a page's ``language`` and ``contradiction`` on its
text; ``mixed_scripts`` finds a title written in scripts that do not belong together. Everything here is pure
(the identifier's model is loaded once, on first use).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import langcodes

from generator.errors import quoted

# RFC 5646's shape (well-formed; ``tag_problem`` checks the registry too): a language, then subtags of letters and
# digits, or a private-use tag. The value reaches lang/xml:lang attributes: nothing else may pass.
TAG_RE = re.compile(r"(?:[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*|[xX](?:-[A-Za-z0-9]{1,8})+)", re.ASCII)
IDENTIFIER = "py3langid"  # named in every basis that relies on it
# The identifier's verdict overrules a declared tag only when it is this sure, on at least this much text: a
# headline or a caption is too short to say (measured in bench/language.py: short texts are where it errs).
CONFIDENCE = 0.95
MIN_LETTERS = 120
# What the identifier reads of a text: its start. Every corpus page is read right from its first 2,000 characters as
# from all of it (bench/language.py), and the cost of a long article stays that of a short one.
SAMPLE = 2000
# Languages an identifier confuses with each other, or that one tag covers (a Wu or Cantonese verdict on a text
# declared zh, Indonesian on Malay): never "a wide margin".
SIBLINGS = ({"zh", "wuu", "yue", "cmn", "gan", "hak", "nan"}, {"ar", "arz", "ary", "apc", "acm", "ajp", "aeb"},
            {"ms", "id"}, {"hr", "sr", "bs", "sh", "cnr"}, {"no", "nb", "nn", "da"}, {"fa", "prs", "tg"})

# Spoken varieties the model knows, and the written language an unsure verdict of them stands for.
VARIETIES = {"wuu": "zh", "yue": "zh", "cmn": "zh", "gan": "zh", "hak": "zh", "nan": "zh", "arz": "ar", "ary": "ar",
             "apc": "ar", "acm": "ar", "ajp": "ar", "aeb": "ar"}


def normalise(tag: str) -> str | None:
    """``tag`` in its canonical form (``en-us`` -> ``en-US``, ``EN`` -> ``en``, ``iw`` -> ``he``), or None when it is
    no valid BCP 47 tag (see ``tag_problem`` for why)."""
    tag = tag.strip().replace("_", "-")
    if not TAG_RE.fullmatch(tag) or not langcodes.tag_is_valid(tag):
        return None
    return str(langcodes.standardize_tag(tag))


def _suggestion(value: str) -> str | None:
    """The tag a contributor probably meant: a language's name in any language ("German", "Deutsch"), else a
    known tag close in spelling."""
    found = None
    words = value.strip()
    # Only a name is looked up (letters, spaces, hyphens): the names trie fails on control and other characters.
    if words and len(words) <= 40 and all(c.isalpha() or c in " -'" for c in words):
        try:
            found = langcodes.find(words)
        except (LookupError, ValueError, SystemError):
            found = None
    if found is not None and not _special(str(found)):
        return str(found)
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    close = difflib.get_close_matches(primary, sorted(_known_languages()), n=1) if len(primary) >= 2 else []
    return close[0] if close else None


# Codes that name no language a text is written in (ISO 639-2's special-purpose codes: no linguistic content,
# undetermined, multiple, uncoded; qaa-qtz are reserved for local use): never a suggestion, a "did you mean 'zxx'?"
# for a misspelt tag is nonsense.
SPECIAL = frozenset({"zxx", "und", "mul", "mis"})


def _special(tag: str) -> bool:
    code = primary(tag)
    return code in SPECIAL or (len(code) == 3 and "qaa" <= code <= "qtz")


@functools.cache
def _known_languages() -> frozenset[str]:
    return frozenset(str(c) for c in _identifier().nb_classes if not _special(str(c)))


def tag_problem(value: object, key: str = "'language'") -> str | None:
    """Why ``value`` is no language tag a reading can carry (with a did-you-mean), or None. ``key`` names where it was
    written in the message ("'language'", "the note's {lang=…} marker")."""
    if not isinstance(value, str) or not value.strip():
        return f"{key} must be a BCP 47 language tag (such as 'en', 'de-CH' or 'zh-Hant'), not {quoted(value, 40)}"
    if normalise(value) is not None:
        return None
    hint = _suggestion(value)
    said = f"; did you mean '{hint}'?" if hint else ""
    shape = "is not written as one" if not TAG_RE.fullmatch(value.strip().replace("_", "-")) else "is not in the IANA registry"
    return (f"{key} must be a BCP 47 language tag (such as 'en', 'de-CH' or 'zh-Hant'): {quoted(value, 40)} {shape}{said}")


def name(tag: str) -> str:
    """A tag as people say it, in English: "German (de)"."""
    try:
        return f"{langcodes.Language.get(tag).display_name()} ({tag})"
    except (LookupError, ValueError):
        return tag


def primary(tag: str) -> str:
    """The language subtag alone, lowercase ("zh-Hant-TW" -> "zh")."""
    return tag.split("-")[0].lower()


@dataclass(frozen=True)
class Guess:
    """What the identifier reads in a text: an ISO 639 code, how sure it is (0 to 1), on how many letters."""

    language: str
    confidence: float
    letters: int

    @property
    def sure(self) -> bool:
        return self.confidence >= CONFIDENCE and self.letters >= MIN_LETTERS


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import _load_identifier  # the package's own loader: its model, probabilities normalised

    return _load_identifier(norm_probs=True)


def identify(text: str) -> Guess | None:
    """The language of ``text`` (its first ``SAMPLE`` characters), or None when it has no letters."""
    text = text[:SAMPLE]
    letters = sum(1 for c in text if c.isalpha())
    if not letters:
        return None
    ranked = _identifier().rank(text)
    best, own = str(ranked[0][0]), float(ranked[0][1])
    if best in VARIETIES and own < CONFIDENCE:
        best = VARIETIES[best]  # a Chinese text the model half reads as Wu is Chinese: only a sure verdict says Wu
    # Siblings share the verdict's weight (a Chinese text is part Mandarin, part Wu to the model): their sum is how
    # sure it is of the language.
    return Guess(best, min(1.0, float(sum(p for lang, p in ranked if same_language(str(lang), best)))), letters)


def same_language(a: str, b: str) -> bool:
    """Whether two tags name one language as far as identifying text goes (their language subtags, or siblings)."""
    x, y = primary(a), primary(b)
    return x == y or any(x in group and y in group for group in SIBLINGS)


def contradiction(declared: str, text: str) -> Guess | None:
    """The identifier's verdict when it contradicts ``declared`` by a wide margin (sure of another language that is
    no sibling of it), else None."""
    guess = identify(text)
    if guess is None or not guess.sure or same_language(declared, guess.language):
        return None
    return guess


@dataclass(frozen=True)
class Issue:
    """Something the choice overruled, for the importer to report where it was said (``where``, as in ``declared``)."""

    where: str
    message: str
    code: str


@dataclass(frozen=True)
class Choice:
    """The reading's language ("" when nothing says it and the text is too short to tell), why, in words, and what
    it overruled (a tag that is none, a tag the text contradicts): one ``Issue`` each, for the importer to print."""

    language: str
    basis: str
    issues: tuple[Issue, ...] = field(default=(), compare=False)


def choose(declared: list[tuple[str, str]], text: str) -> Choice:
    """The reading's language from what the seed declares and its text.

    ``declared``: (where it was said, the tag), most trusted first (the capture record's Content-Language, then the
    page's own). The first valid tag that the text does not contradict wins; when none does, the identifier's
    verdict (if it is sure); else the first valid tag all the same (an identifier unsure of a short text is no
    reason to drop what the page says).
    """
    guess = identify(text)
    valid: list[tuple[str, str]] = []
    notes: list[str] = []
    overruled: list[tuple[str, str, str]] = []  # (where, what was wrong, code): completed with the choice below
    for where, raw in declared:
        tag = normalise(raw.split(",")[0]) if raw.strip() else None  # Content-Language may list several: the first
        if tag is None:
            shown = re.sub(r"[^A-Za-z0-9_-]", "?", raw.strip()[:40])  # printed in front-matter: no markup, no quotes
            notes.append(f"{where} said '{shown}', which is no valid language tag")
            hint = _suggestion(raw)
            overruled.append((where, f"{where} {quoted(raw.strip(), 40)} is not a BCP 47 tag"
                                     + (f" (did you mean '{hint}'?)" if hint else ""), "language-tag"))
            continue
        valid.append((where, tag))
    chosen: tuple[str, str, str] | None = None  # (tag, basis, how the issues say it)
    for where, tag in valid:
        if guess is None or not guess.sure or same_language(tag, guess.language):
            chosen = (tag, "; ".join([f"{where} ({tag})", *notes]), f"{tag} ({where})")
            break
        notes.append(f"{where} said {tag}, which the text contradicts")
        overruled.append((where, f"{where} says {tag}, its text reads as {primary(guess.language)} ({IDENTIFIER}"
                                 f" {guess.confidence:.2f})", "language-mismatch"))
    if chosen is None and guess is not None and guess.sure:
        tag = normalise(guess.language) or guess.language
        chosen = (tag, "; ".join([f"identified from the article text by {IDENTIFIER} ({tag}, confidence"
                                  f" {guess.confidence:.2f})", *notes]),
                  f"{tag} (identified by {IDENTIFIER}, {guess.confidence:.2f})")
    if chosen is None and valid:
        chosen = (valid[0][1], "; ".join([f"{valid[0][0]} ({valid[0][1]})", *notes]), f"{valid[0][1]} ({valid[0][0]})")
    if chosen is None:
        chosen = ("", "; ".join([f"not declared, and the text is too short for {IDENTIFIER} to tell", *notes]),
                  f"no language (the text is too short for {IDENTIFIER} to tell)")
    issues = tuple(Issue(where, f"{what}: using {chosen[2]}", code) for where, what, code in overruled)
    return Choice(chosen[0], chosen[1], issues)


# Scripts that are written together in one language: a title mixing them is ordinary ("東京タワー", "서울大").
SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "CJK": "CJK", "HANGUL": "CJK", "KATAKANA-HIRAGANA": "CJK"}


def script_of(char: str) -> str | None:
    """The script of a letter, from its Unicode name ("CYRILLIC", "ARABIC", "CJK" for Han, kana and Hangul)."""
    if not char.isalpha():
        return None
    try:
        first = unicodedata.name(char).split(" ")[0]
    except ValueError:
        return None
    return SCRIPT_GROUPS.get(first, first)


def mixed_scripts(title: str) -> str | None:
    """Why a title's scripts do not belong together, or None.

    A word in two scripts ("Mоscow" with a Cyrillic "о") is a look-alike; a title in two scripts other than Latin
    (Cyrillic and Arabic, say) is two titles in one. Latin beside one other script is ordinary (a brand, an
    acronym: "iPhone 15 在中国发布") and not reported.
    """
    for word in re.findall(r"\w+", title):
        scripts = {s for c in word if (s := script_of(c))}
        if len(scripts) > 1 and "CJK" not in scripts:  # Chinese and Japanese put no space before a Latin name
            return f"the word {word!r} mixes {' and '.join(sorted(s.title() for s in scripts))} letters (a look-alike?)"
    scripts = {s for c in title if (s := script_of(c))} - {"LATIN"}
    if len(scripts) > 1:
        return f"it is written in {' and '.join(sorted(s.title() for s in scripts))} letters"
    return None
