"""Desk checks: what a fact-checking desk looks at before it signs a verdict. Pure; warnings only, never errors.

Each rule reads a reading's ``ratings`` (``schema.Rating``) beside its annotation layer (``read.locate`` for the
article text and the passages' spans, ``read.page_notes`` for the notes), or a page's present-tense sentences
beside the bibliography's ``issued`` dates, and returns problems located at the rating's line in front-matter or
at the note's (the sentence's) line:

- ``off-claim-rating``: the rating's ``claim`` summary shares no word with the rated passage, or most of what it
  claims lies in the passage's sentence outside the passage (the passage marks the wrong words);
- ``unsettled-verdict``: the rated note asks a question, concedes part of the claim under a "false" verdict
  ("did speak", "in part", "not formally"), or states nothing contrary to a "false" or "misleading" claim;
- ``rated-twice``: two ratings of one reading rate the same claim (the same words, or the same passage); across
  readings, the same claim carries different verdicts (``rated_twice_across``);
- ``unnamed-claimant``: a rating with no claimant, or the article's author, on a passage whose sentence gives
  the words to someone else ("X said", "according to", quotation marks around the passage);
- ``undated-present``: a sentence in the present tense about a state that changes ("is run by", "is active",
  "leads", "currently"), without "as of", whose cited sources are all older than ``stale_after_years`` (mkdocs.yml,
  ``plugins: - readings: {stale_after_years: N}``) on the date the page vouches for (a context page's ``as_of``, a
  reading's review date, else today). A context page's ``summary`` is weighed against every source the page cites.

The word matching is deliberately crude (lower case, a light suffix strip, a shared prefix of four letters or more,
stop words out), so each rule says what it saw and leaves the judgement to a person: the README lists its limits.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.annotations.text import plain
from generator.bibliography import Bibliography
from generator.bibliography.cite import CITATION_RE, keys_in
from generator.checks.suggest import MONTHS, sentences
from generator.document import read
from generator.document.page import Page
from generator.document.schema import RATED_KINDS, EntityMeta, Rating, ReadingMeta
from generator.document.syntax import split_backlinks
from generator.errors import Problem, warning

_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before being below between both but
by can could did do does doing down during each few for from further had has have having he her here hers him his how
i if in into is it its itself just may me might more most my no nor not now of off on once only or other our out over
own same she should so some such than that the their them then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your us one two given unit
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
SUFFIXES = ("ing", "ed", "es", "s")


def _stem(word: str) -> str:
    word = re.sub(r"['’]s$", "", word.lower())
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not (suffix == "s" and word.endswith(("ss", "is", "us"))):
            return word[:-len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    """The stemmed words of ``text`` that carry its content (citations, stop words and one-letter words out)."""
    text = CITATION_RE.sub(" ", text)
    return {_stem(w) for w in WORD_RE.findall(text) if w.lower() not in STOP_WORDS and len(w) > 1}


def _same(a: str, b: str) -> bool:
    """One word, give or take an ending: "russia"/"russian", "income"/"incom" (a shared start of four letters)."""
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def _found(words: Iterable[str], among: set[str]) -> set[str]:
    return {w for w in words if any(_same(w, other) for other in among)}


def _shown(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class _Rated:
    """A rating of a note that has a passage: the passage and the rest of its sentence as a reader sees them (no
    markup), the note's text, and the rating's line in front-matter."""

    ident: str
    rating: Rating
    passage: str
    before: str
    after: str
    note: str
    line: int


def _present(text: str) -> bool:
    """A statement in the present tense about a state that changes, not dated in the sentence."""
    changing = PRESENT_RE.search(text) or (PRESENT_BE_RE.search(text) and CHANGEABLE_RE.search(text))
    return bool(changing) and not DATED_RE.search(text)


def _rated(page: Page) -> list[_Rated]:
    meta, _problems = page.typed(ReadingMeta)
    if not meta.ratings:
        return []
    layer = read.locate(page.body)
    notes = read.page_notes(page.body, page.body_line)
    found = []
    spans = sentences(layer.text)
    for ident in sorted(meta.ratings, key=lambda i: layer.spans.get(i, (1 << 30, 0))):
        note = notes.get(ident)
        if note is None or not note.attached or ident not in layer.spans or note.kind not in RATED_KINDS:
            continue  # ``rating_problems`` reports these
        start, end = layer.spans[ident]
        covering = [(b, t) for b, t in spans if b < end and start < b + len(t)]
        first = covering[0][0] if covering else start
        last = covering[-1][0] + len(covering[-1][1]) if covering else end
        shown = plain(layer.text[first:last])
        a, b = shown.span(start - first, end - first)
        line = page.key_lines.get(f"ratings.{ident}", page.key_lines.get("ratings", 1))
        found.append(_Rated(ident, meta.ratings[ident], shown.text[a:b], shown.text[:a], shown.text[b:], note.text, line))
    return found


# --- off-claim-rating ---------------------------------------------------------------------------------------------

def off_claim_problems(page: Page, given: Sequence[_Rated] | None = None) -> list[Problem]:
    """A rating whose ``claim`` summary is not what its passage says: no word shared, or the claim's words lie mostly
    in the rest of the passage's sentence (the desk rated the accurate half and left the claim unmarked)."""
    problems = []
    for rated in (_rated(page) if given is None else given):
        if not rated.rating.claim:
            continue  # the passage itself is the claim reviewed
        claim = content_words(rated.rating.claim) - content_words(rated.rating.claimant)
        inside = _found(claim, content_words(rated.passage))
        outside = _found(claim - inside, content_words(rated.before + " " + rated.after))
        if not inside:
            problems.append(warning(page.path, rated.line, 1, f"the rated passage of [^{rated.ident}], “{_shown(rated.passage)}”,"
                                    f" shares no word with the claim it rates, “{_shown(rated.rating.claim)}”: rate the"
                                    " passage that makes the claim, or correct the summary", "off-claim-rating"))
        elif len(outside) >= 2 and len(outside) >= len(inside):
            problems.append(warning(page.path, rated.line, 1, f"the claim rated by [^{rated.ident}], “{_shown(rated.rating.claim)}”,"
                                    f" is made by words of its sentence outside the passage ({', '.join(sorted(outside))}):"
                                    f" the passage, “{_shown(rated.passage)}”, marks only part of it; mark the words that make"
                                    " the claim (or rate the claim the passage makes)", "off-claim-rating"))
    return problems


# --- unsettled-verdict --------------------------------------------------------------------------------------------

QUOTED_RE = re.compile(r"“[^”]{0,2000}”|\"[^\"\n]{0,2000}\"")
# A note that grants part of the claim: an emphatic "did" ("Karzai did speak of…"), "in part", "partly", a hedged
# denial ("not formally charged": true in another sense?) or "accounts differ".
CONCESSION_RE = re.compile(r"\b(?:did|does|do)\s+(?!not\b|n['’]t\b)(?:\w+ly\s+)?(?!\w+ly\b)[a-z]+|\bin part\b|\bpartly\b|"
                           r"\bpartially\b|\bnot (?:formally|technically|strictly|officially)\b|\b(?:accounts|reports|sources)"
                           r" (?:differ|disagree|conflict)\b|\bmixed\b", re.I)
CONTRARY_RE = re.compile(r"\b(?:not|no|never|neither|nor|none|nothing|only|rather|instead|but|however|although|though|"
                         r"wrong|incorrect|false|differ\w*|contrary|contradict\w*|denied|denies|n['’]t)\b", re.I)
QUESTION_RE = re.compile(r"\?(?=\s|$)")


def unsettled_problems(page: Page, given: Sequence[_Rated] | None = None) -> list[Problem]:
    """A verdict the rated note's own words do not settle, by the house's scale (``schema.RATING_MEANINGS``)."""
    problems = []
    for rated in (_rated(page) if given is None else given):
        text = QUOTED_RE.sub("“…”", CITATION_RE.sub(" ", rated.note))  # a question it quotes is the speaker's
        verdict, where = rated.rating.verdict, (page.path, rated.line, 1)
        if QUESTION_RE.search(text):
            problems.append(warning(*where, f"the note of [^{rated.ident}] asks a question, yet its rating gives the verdict"
                                    f" '{verdict}': a verdict says what the evidence settles; answer the question in the note"
                                    " with its evidence, or leave the note unrated (a question)", "unsettled-verdict"))
        elif verdict == "false" and (match := CONCESSION_RE.search(text)):
            problems.append(warning(*where, f"the note of [^{rated.ident}] grants part of the claim (“{_shown(match.group(0), 30)}”)"
                                    " under the verdict 'false': by the scale, a claim accurate in part is 'misleading', and"
                                    " mixed evidence is cited from both sides; change the verdict or say in the note why"
                                    " the claim is wrong", "unsettled-verdict"))
        elif verdict in ("false", "misleading") and not CONTRARY_RE.search(text):
            problems.append(warning(*where, f"the note of [^{rated.ident}] states nothing contrary to the claim it rates"
                                    f" '{verdict}': say what the evidence shows instead, with its source", "unsettled-verdict"))
    return problems


# --- rated-twice --------------------------------------------------------------------------------------------------

def _claim_key(text: str) -> frozenset[str]:
    return frozenset(content_words(text))


def rated_twice_problems(page: Page, given: Sequence[_Rated] | None = None) -> list[Problem]:
    """Two ratings of one reading on the same claim (the same words, order and endings aside) or the same passage."""
    problems = []
    claims: dict[frozenset[str], _Rated] = {}
    passages: dict[frozenset[str], _Rated] = {}
    for rated in (_rated(page) if given is None else given):
        for seen, key, what in ((claims, _claim_key(rated.rating.claim or rated.passage), "claim"),
                                (passages, _claim_key(rated.passage), "passage")):
            first = seen.get(key)
            if len(key) < 2:
                continue
            if first is None:
                seen[key] = rated
                continue
            problems.append(warning(page.path, rated.line, 1, f"[^{rated.ident}] rates the same {what} as [^{first.ident}] (line"
                                    f" {first.line}): one claim gets one verdict; rate it once and let the other note refer to"
                                    " it", "rated-twice"))
            break
    return problems


def rated_twice_across(pages: Sequence[tuple[Path, Page]]) -> list[Problem]:
    """The same claim rated with different verdicts in two readings: readers would see the desk contradict itself."""
    problems = []
    seen: dict[frozenset[str], tuple[str, str, str]] = {}
    for _path, page in pages:
        meta, _problems = page.typed(ReadingMeta)
        for ident, rating in meta.ratings.items():
            key = _claim_key(rating.claim)
            if len(key) < 2:
                continue  # a claim with no summary is its passage: a different article words it differently
            first = seen.setdefault(key, (page.path, ident, rating.verdict))
            if first[0] != page.path and first[2] != rating.verdict:
                problems.append(warning(page.path, page.key_lines.get(f"ratings.{ident}", 1), 1, f"[^{ident}] rates “"
                                        f"{_shown(rating.claim)}” '{rating.verdict}', and {first[0]} rates the same claim"
                                        f" '{first[2]}' ([^{first[1]}]): one claim gets one verdict; align them, or word the"
                                        " summaries so that they say how the claims differ", "rated-twice"))
    return problems


# --- unnamed-claimant ---------------------------------------------------------------------------------------------

# Verbs that give the words after them to a speaker ("he blamed the US for…", "according to X, …"); "alleged" only
# with "that" (as an adjective, "the alleged act", it attributes nothing). After a passage, only a verb that can follow
# what was said ("…”, he said"), within a few words of its end: "…, he once talked of" introduces something else.
SPEECH = (r"said|says|told|tells|claimed|stated|added|argued|alleged that|asserted|insisted|announced|warned|blamed|"
          r"accused|declared|quoted|admits|admitted|maintained|maintains|contended|explained|noted|went on to say|"
          r"talked (?:of|about)|spoke (?:of|about)|according to")
SPEECH_RE = re.compile(rf"\b(?:{SPEECH})\b", re.I)
OPENING_SPEECH_RE = re.compile(rf"^\W{{0,3}}(?:[\w.’'-]+\s+){{0,4}}(?:{SPEECH})\b", re.I)  # "He maintained that…" marked whole
AFTER_SPEECH_RE = re.compile(r"^[”\"’»]?\s*[,—–-]?\s*(?:[\w.’'-]+\s+){0,3}(?:said|says|told|added|claimed|stated|insisted|"
                             r"argued|warned|declared|announced)\b", re.I)
OPEN_QUOTES, CLOSE_QUOTES = "“\"«‘", "”\"»’"


def unnamed_claimant_problems(page: Page, given: Sequence[_Rated] | None = None) -> list[Problem]:
    """A rating that leaves the claim to the article's author on a passage its sentence gives to someone else."""
    meta, _problems = page.typed(ReadingMeta)
    authors = {" ".join(a.split()).casefold() for a in meta.authors}
    problems = []
    for rated in (_rated(page) if given is None else given):
        claimant = " ".join(rated.rating.claimant.split()).casefold()
        if claimant and claimant not in authors:
            continue
        if SPEECH_RE.search(rated.rating.claim):
            continue  # the summary itself is about what someone said ("Karzai spoke of…"): the author's claim
        speech = (SPEECH_RE.search(rated.before) or OPENING_SPEECH_RE.search(rated.passage)
                  or AFTER_SPEECH_RE.search(rated.after.lstrip()))
        before, after = rated.before.rstrip(), rated.after.lstrip()
        quoted = (rated.passage[:1] in OPEN_QUOTES or before[-1:] in OPEN_QUOTES) and \
                 (rated.passage[-1:] in CLOSE_QUOTES or after[:1] in CLOSE_QUOTES)
        if not speech and not quoted:
            continue
        how = f"“{_shown(speech.group(0).strip(',”’»-—– '), 40)}”" if speech else "quotation marks"
        who = f"names the article's author, {rated.rating.claimant}," if claimant else "names no claimant (the article's author is assumed)"
        problems.append(warning(page.path, rated.line, 1, f"the rating of [^{rated.ident}] {who} but its sentence gives the words"
                                f" to someone else ({how}): name the claimant (claimant: …), or, if the error is the"
                                " author's own wording, say so in the claim summary", "unnamed-claimant"))
    return problems


def rating_desk_problems(page: Page) -> list[Problem]:
    """Every desk rule about a reading's ratings (the rated passages worked out once)."""
    rated = _rated(page)
    return (off_claim_problems(page, rated) + unsettled_problems(page, rated) + rated_twice_problems(page, rated)
            + unnamed_claimant_problems(page, rated))


# --- undated-present ----------------------------------------------------------------------------------------------

PRESENT_VERB = (r"runs|leads|heads|controls|holds|owns|operates|manages|edits|chairs|funds|lives|resides|serves as|"
                r"remains|remain")
CHANGEABLE = (r"run|led|headed|owned|controlled|operated|managed|edited|chaired|funded|based|active|alive|still|currently|"
              r"in (?:office|power|charge|control|the post|exile)|at present|presently")
OFFICE = (r"president|prime minister|minister|spokes\w+|head|leader|director|chief|governor|commander|chair\w*|editor|"
          r"owner|member|branch|affiliate|capital")
# Both searched for anywhere in the sentence, separately: one pattern with a look-ahead from each "is" would cost
# quadratic time on a hostile sentence of "is is is…".
PRESENT_RE = re.compile(rf"\b(?:{PRESENT_VERB})\b|\b(?:is|are)\s+(?:\S+\s+){{0,4}}?(?:{OFFICE})\b", re.I)
PRESENT_BE_RE = re.compile(r"\b(?:is|are|has been|have been)\b", re.I)
CHANGEABLE_RE = re.compile(rf"\b(?:{CHANGEABLE})\b", re.I)
DATED_RE = re.compile(rf"\bas (?:of|at)\b|\bat the time\b|\blatest\b[^.;]{{0,40}}\bcheck|\bwhen (?:last )?checked\b|"
                      rf"\bstill\b[^.;]{{0,60}}\b(?:(?:{MONTHS}) )?(?:19|20)\d\d\b", re.I)


def _issued(bibliography: Bibliography, key: str) -> dt.date | None:
    """The last day an entry's ``issued`` date can mean (a year means its 31 December): the most favourable reading."""
    entry = bibliography.entries.get(key)
    issued = entry.csl.get("issued") if entry else None
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    if not (isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]):
        return None
    year, month = int(parts[0][0]), int(parts[0][1]) if len(parts[0]) > 1 else 12
    day = int(parts[0][2]) if len(parts[0]) > 2 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


def _years_before(day: dt.date, years: int) -> dt.date:
    """``day`` less ``years`` years (29 February becomes the 28th); a year before 1 clamps to ``date.min``, so a page
    vouching for the year 2 or a plugin option out of range never raises."""
    year = day.year - years
    if year < dt.MINYEAR:
        return dt.date.min
    return day.replace(year=min(year, dt.MAXYEAR), day=28 if (day.month, day.day) == (2, 29) else day.day)


def _newest(keys: Iterable[str], bibliography: Bibliography) -> dt.date | None:
    """The newest date among the sources cited; None when any is unknown or undated (reported elsewhere)."""
    dates = [_issued(bibliography, key) for key in keys]
    known = [d for d in dates if d is not None]
    return max(known) if known and len(known) == len(dates) else None


def _stale_sentences(text: str, bibliography: Bibliography, limit: dt.date) -> list[tuple[int, str, dt.date]]:
    """Present-tense sentences about a changeable state in ``text`` (one paragraph), undated, whose sources (their own
    citations, else the paragraph's) are all issued before ``limit``: each with its offset and newest source's date."""
    found = []
    for offset, sentence in sentences(text):
        words = CITATION_RE.sub(" ", QUOTED_RE.sub("“…”", sentence))
        if sentence.rstrip().endswith("?") or not _present(words):
            continue
        newest = _newest(keys_in(sentence) or keys_in(text), bibliography)
        if newest is not None and newest < limit:
            found.append((offset, sentence, newest))
    return found


def _stale_message(sentence: str, newest: dt.date, vouched: str, years: int) -> str:
    return (f"“{_shown(CITATION_RE.sub('', sentence).strip())}” states in the present tense what can change, but its newest"
            f" source is of {newest.isoformat()}, more than {years} year(s) before {vouched}: date it (“as of …”) or"
            " re-check it and cite a newer source")


def undated_present_problems(page: Page, bibliography: Bibliography, years: int, today: dt.date,
                             is_reading: bool) -> list[Problem]:
    """Present-tense facts resting on old sources: a reading's notes, or a context page's text and summary."""
    if is_reading:
        meta, _problems = page.typed(ReadingMeta)
        reference = meta.review.date if meta.review and meta.review.date else today
        vouched = f"its review ({reference.isoformat()})" if reference != today else f"today ({today.isoformat()})"
        paragraphs = [(d.line, d.text) for d in read.parse(page.body, page.body_line).definitions]
    else:
        entity, _problems = page.typed(EntityMeta)
        reference = entity.as_of or today
        vouched = f"its as_of date ({reference.isoformat()})" if entity.as_of else f"today ({today.isoformat()})"
        before, _section, _after = split_backlinks(page.body)
        paragraphs = []
        lines = read.without_code(before).split("\n")
        start: int | None = None
        for number, text in enumerate([*lines, ""]):
            if text.strip() and start is None:
                start = number
            elif not text.strip() and start is not None:
                block = "\n".join(lines[start:number])
                if not block.lstrip().startswith(("#", "<!--", "!!!", "???", "|")):
                    paragraphs.append((page.body_line + 1 + start, block))
                start = None
    limit = _years_before(reference, years)
    problems = []
    for line, text in paragraphs:
        for offset, sentence, newest in _stale_sentences(text, bibliography, limit):
            problems.append(warning(page.path, line + text.count("\n", 0, offset), 1, _stale_message(sentence, newest, vouched, years),
                                    "undated-present"))
    if not is_reading:
        summary = str(page.meta.get("summary") or "")
        page_newest = _newest(keys_in(page.body), bibliography)
        words = CITATION_RE.sub(" ", summary)
        if summary and _present(words) and page_newest is not None and page_newest < limit:
            problems.append(warning(page.path, page.key_lines.get("summary", 1), 1, "the summary: "
                                    + _stale_message(summary, page_newest, vouched, years).replace("its newest source", "the page's newest source"),
                                    "undated-present"))
    return problems
