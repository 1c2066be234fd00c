"""Front-matter, declared once: the keys of reading and context pages, their order, types and meaning.

Each key is a field of a frozen dataclass (``ReadingMeta``, ``EntityMeta``) whose
metadata holds its type and its documentation. ``load`` turns a page's YAML
mapping into that dataclass and returns what it found wrong (missing keys, wrong
types, HTML where the theme prints text, unknown keys with a "did you mean");
``dump`` gives the mapping back in declared order, leaving empty values out.
Keys the schema does not declare (Material's own, such as ``hide``) are kept, in
their order, in ``extra``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import enum
import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from generator.document import language
from generator.document.schemes import lowercase_scheme
from generator.errors import Problem, error, quoted, warning


class FieldType(enum.StrEnum):
    STR = "str"
    LIST = "list"
    DATE = "date"
    INT = "int"
    SHA256 = "sha256"
    ABOUT = "about"
    URL = "url"
    REVIEW = "review"
    CORRECTIONS = "corrections"
    RATINGS = "ratings"
    ORIGINS = "origins"
    OVERRIDE = "override"
    LANGUAGE = "language"


TYPE_WORDS = {FieldType.STR: "a non-empty string", FieldType.LIST: "a list of strings", FieldType.DATE: "an ISO date (YYYY-MM-DD)",
              FieldType.INT: "a whole number", FieldType.SHA256: "64 lowercase hex digits",
              FieldType.ABOUT: "a mapping with 'page' and 'summary'", FieldType.URL: "an http(s) address",
              FieldType.REVIEW: "a mapping: status (draft or reviewed), and for a reviewed reading 'by' (a list of ids of entries of the people file)"
                                " and 'date' (YYYY-MM-DD)",
              FieldType.CORRECTIONS: "a list of mappings, each with 'date' (YYYY-MM-DD) and 'text', and 'report' (the"
                                    " http(s) address of the reader's report that led to it) where there was one",
              FieldType.RATINGS: "a mapping of note ids to a verdict (" + ", ".join(repr(r) for r in ("false", "misleading",
                                 "unsupported", "mostly accurate", "accurate")) + ") or to {verdict, claimant, claimant_type, claim,"
                                 " first_appearance}",
              FieldType.ORIGINS: "a mapping of note ids to {by: a name, date: YYYY-MM-DD or a date-time with its zone,"
                                 " via: where it came from, modified: the same as date, optional}",
              FieldType.LANGUAGE: "a BCP 47 language tag (e.g. 'en', 'en-GB')",
              FieldType.OVERRIDE: "a mapping: file, reason, and include/exclude (lists of CSS selectors) or starts_with/ends_with"}
LANGUAGE_TAG_RE = language.TAG_RE  # a tag's shape; ``language.tag_problem`` checks it against the registry too
EMPTY: dict[FieldType, Any] = {FieldType.STR: "", FieldType.URL: "", FieldType.LANGUAGE: "", FieldType.SHA256: "", FieldType.LIST: (),
                               FieldType.DATE: None, FieldType.INT: None, FieldType.ABOUT: None, FieldType.REVIEW: None,
                               FieldType.CORRECTIONS: ()}
DICT_TYPES = (FieldType.RATINGS, FieldType.ORIGINS, FieldType.OVERRIDE)  # mappings: each field gets its own empty one
# Verdicts a claim or correction note can carry, from worst to best: published as schema.org ClaimReview.
RATED_KINDS = ("claim", "correction")  # the kinds of note a verdict may rate
RATING_SCALE = ("false", "misleading", "unsupported", "mostly accurate", "accurate")
# What each verdict means, said once: the methodology page ("How we annotate", ``site.policies``), the contributors'
# guide's pointer to it and the ClaimReview's rating name (``annotations.claimreview``) all print these texts.
RATING_MEANINGS = {
    "false": "Wrong in its substance: the evidence shows otherwise, and no part of it that matters is borne out.",
    "misleading": "Accurate in part, or an accurate fact presented to suggest what it does not show (the right fact with"
                  " the wrong person, group, status or date), so that a reader would conclude something the evidence"
                  " does not support.",
    "unsupported": "The evidence does not settle it: none is given, we found none either way, or the sources we found"
                   " disagree.",
    "mostly accurate": "Right in substance; a detail is wrong or unproven, and correcting it does not change what a reader"
                       " would conclude.",
    "accurate": "The evidence bears it out, in substance and in detail.",
}
# The one rule for a claim that is neither wholly right nor wholly wrong (published on the methodology page).
RATING_RULE = (
    "A claim that is accurate in part is never rated false. Ask what a reader would conclude from the claim as the text"
    " makes it: if the inaccurate part (a wrong name, group, status, date or figure, or a true fact put where it suggests"
    " something else) changes that conclusion, the claim is misleading; if it does not, it is mostly accurate. Where the"
    " evidence is missing, or sources of equal standing disagree, the claim is unsupported, whatever we believe. A verdict"
    " rates the claim of the person the text says made it: a passage in which the author accurately reports what someone"
    " else said is rated as that person's claim, not as the author's."
)
# A rating's claimant is a schema.org Person (the default) or Organization; its summary, published as claimReviewed,
# is what fact-checkers publish there: a short statement of the claim (a longer one is warned about, not refused).
CLAIMANT_TYPES = ("Person", "Organization")
CLAIM_SUMMARY_MAX = 75
# The verdicts on an ordinal truth scale, published as ClaimReview's ratingValue (worst 1, best 4). "unsupported" has
# no place on it: it says the evidence is missing, not how true the claim is, so it is published as words only.
RATING_VALUES = {"false": 1, "misleading": 2, "mostly accurate": 3, "accurate": 4}
NOTE_ID_RE = re.compile(r"^[a-z]+-[a-z0-9][a-z0-9-]*$")
WEB_ADDRESS_RE = re.compile(r"https?://[^\s<>\"']+")  # what a front-matter address (FieldType.URL) must be, whole
REVIEW_STATUSES = ("draft", "reviewed")
HIDE_VALUES = {"navigation", "toc", "footer", "tags", "feedback", "path"}
# Keys Material for MkDocs reads itself that contributors may set, each with what its value must be. Material's
# ``template`` is not among them: a page must not choose a template that skips the site's head.
MATERIAL_KEYS: dict[str, tuple[str, Any]] = {
    "hide": ("a list of: " + ", ".join(sorted(HIDE_VALUES)),
             lambda v: isinstance(v, list) and all(isinstance(x, str) and x in HIDE_VALUES for x in v)),
    "search": ("a mapping with 'exclude' (true or false) or 'boost' (a number)",
               lambda v: isinstance(v, dict) and set(v) <= {"exclude", "boost"}
               and isinstance(v.get("exclude", False), bool) and isinstance(v.get("boost", 1), int | float)),
    "status": ("a status name such as 'new' or 'deprecated'", lambda v: isinstance(v, str) and bool(re.fullmatch(r"[a-z][a-z-]*", v))),
    "subtitle": ("a non-empty string", lambda v: isinstance(v, str) and bool(v.strip())),
    "icon": ("an icon name such as 'material/pencil'", lambda v: isinstance(v, str) and bool(re.fullmatch(r"[a-z0-9-]+(?:/[a-z0-9-]+)+", v))),
}
# Bidirectional overrides, embeddings and isolates: text that reads other than it is stored (Trojan Source).
BIDI_CONTROLS_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
CONTROL_CHARS_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def unsafe_text(value: str) -> str | None:
    """Why a front-matter string cannot be printed as it is, or None.

    The theme prints some values without escaping, and its tooltips re-read text as HTML, so
    "<", ">" and character references ("&lt;", "&#60;") are refused along with invisible controls.
    """
    if "<" in value or ">" in value:
        return "holds '<' or '>': the theme prints front-matter as HTML, so use ‹ › or words instead"
    if html.unescape(value) != value:
        return "holds a character reference (such as &lt; or &#60;): write the character itself, or ‹ › for angle brackets"
    if BIDI_CONTROLS_RE.search(value):
        return "holds a bidirectional control character, which makes text read other than it is stored"
    if CONTROL_CHARS_RE.search(value):
        return "holds a control character"
    return None


def _field(doc: str, type_: FieldType, *, required: bool = False, derived: bool = False) -> Any:
    """A front-matter key: ``required`` keys must be present; ``derived`` ones are always recomputed by import."""
    metadata = {"doc": doc, "type": type_, "required": required, "derived": derived}
    if type_ in DICT_TYPES:
        return field(default_factory=dict, metadata=metadata)
    return field(default=EMPTY[type_], metadata=metadata)


@dataclass(frozen=True)
class AboutSource:
    """The reading header's "About the source", from the publisher's context page."""

    page: str
    summary: str


@dataclass(frozen=True)
class Review:
    """Where a reading stands in review: a draft, or reviewed by whom and when."""

    status: str  # "draft" or "reviewed"
    by: tuple[str, ...] = ()  # who signed: ids of docs/people.yaml entries (free names in a project without it)
    date: dt.date | None = None


@dataclass(frozen=True)
class Correction:
    """A change to the editors' own notes after review, dated and said."""

    date: dt.date
    text: str
    report: str = ""
    """The address of the reader's report that led to it (an issue, say), when one did: shown in the corrections log."""


@dataclass(frozen=True)
class FirstAppearance:
    """Where a rated claim first appeared, where the desk has found it: published as the ``Claim``'s ``firstAppearance``
    (a schema.org ``CreativeWork``) and its ``datePublished``. Written ``{date, title, publisher, url}``: the date and
    at least a title or an address, so that a reader can find it."""

    date: dt.date
    """When the claim first appeared (YYYY-MM-DD): the work's ``datePublished``, and the claim's."""
    title: str = ""
    """The work's title as it gives it (an article's headline, a programme's name): its ``name``."""
    publisher: str = ""
    """Who published it (an outlet, a broadcaster, a platform): its ``publisher``, an Organization."""
    url: str = ""
    """Its address (http or https), only when known exactly: its ``url``."""


FIRST_APPEARANCE_KEYS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(FirstAppearance))


@dataclass(frozen=True)
class Rating:
    """A verdict on a claim or correction note, and whose claim it rates: ``note-id: verdict`` (the short form, the
    article's author is the claimant) or ``note-id: {verdict, claimant, claimant_type, claim}``."""

    verdict: str
    """One of ``RATING_SCALE``: the desk's verdict, published as the ClaimReview's ``reviewRating``."""
    claimant: str = ""
    """Who made the claim, as the article names them (the ``Claim``'s ``author``); empty: the article's author(s)."""
    claimant_type: str = "Person"
    """What the claimant is, as schema.org types it: ``Person`` (the default) or ``Organization``."""
    claim: str = ""
    """The claim, stated neutrally in a short summary (``CLAIM_SUMMARY_MAX`` characters or fewer), published as
    ``claimReviewed``; empty: the rated passage itself."""
    first_appearance: FirstAppearance | None = None
    """Where the claim first appeared (``FirstAppearance``); none: the article, when its author made the claim, else
    unknown (a claim the article only reports first appeared elsewhere)."""


RATING_KEYS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Rating))


@dataclass(frozen=True)
class NoteOrigin:
    """Who wrote a note that came from elsewhere (a Hypothesis annotation, a W3C export), and when."""

    by: str
    date: dt.date
    via: str = ""
    time: str = ""  # when ``date`` was given as a date-time: that moment in UTC, YYYY-MM-DDTHH:MM:SSZ
    modified: str = ""  # when its text last changed, where the file said (a date-time in UTC, or YYYY-MM-DD)
    # The id the annotation had where it came from (a Hypothesis or W3C id): an import skips an annotation whose id
    # a note of the page already records, so that importing the same file twice adds nothing.
    source_id: str = ""


@dataclass(frozen=True, kw_only=True)
class ReadingMeta:
    """A reading page's front-matter."""

    title: str = _field("The article's headline, as the source gives it.", FieldType.STR, required=True)
    authors: tuple[str, ...] = _field("The byline: one entry per author, as the source names them.", FieldType.LIST)
    publisher: str = _field("The outlet that published the article.", FieldType.STR)
    published: dt.date | None = _field("Publication date, ISO 8601 (YYYY-MM-DD).", FieldType.DATE)
    regions: tuple[str, ...] = _field("The source's own region labels.", FieldType.LIST)
    themes: tuple[str, ...] = _field("The source's own theme labels.", FieldType.LIST)
    reports: tuple[str, ...] = _field("The source's 'In-depth Report' labels.", FieldType.LIST)
    tags: tuple[str, ...] = _field("Themes then regions, for Material's tags plugin and the tag pages.", FieldType.LIST)
    description: str = _field("The lede as plain text: the page's meta description.", FieldType.STR)
    rights: str = _field("The source's copyright line, verbatim.", FieldType.STR)
    permission: str = _field("The publisher's reprint terms, verbatim.", FieldType.STR)
    url: str = _field("The article's canonical web address, as the page gives it.", FieldType.URL)
    retrieved: dt.date | None = _field("The UTC date the seed was fetched from the web (readings fetch), from its capture record"
                                       " beside the seed, which also holds the exact time and the server's headers.",
                                       FieldType.DATE, derived=True)
    language: str = _field("The article's language: a BCP 47 tag (e.g. 'en', 'de-CH', 'zh-Hant'), in its normalised form."
                           " Import takes the capture record's Content-Language, else the page's own (<html lang>, a"
                           " Markdown seed's 'language'), unless the text contradicts it; else the language identified"
                           " in the text (document.language).", FieldType.LANGUAGE)
    language_basis: str = _field("Where import took 'language' from, and why (the header or tag it trusted, or the"
                                 " identifier's verdict and what it overruled).", FieldType.STR, derived=True)
    source: str = _field("Path of the seed this page was imported from, relative to the project.", FieldType.STR,
                         required=True, derived=True)
    source_sha256: str = _field("SHA-256 of the seed file when it was imported: tells when the seed changed.", FieldType.SHA256,
                                required=True, derived=True)
    generated_sha256: str = _field("SHA-256 of the page import made from the seed alone, this line left out: a page that no"
                                   " longer matches it holds contributors' edits, which a plain import never overwrites.",
                                   FieldType.SHA256, derived=True)
    extraction_override: dict[str, Any] = _field("The extraction override this page was made with, if any: its file beside"
                                                 " the seed and what it said (so a change to it can be carried over).",
                                                 FieldType.OVERRIDE, derived=True)
    words: int | None = _field("Words in the article text; in Chinese, Japanese, Thai, Lao, Khmer and Myanmar text each"
                               " character counts as one (document.counts).", FieldType.INT, derived=True)
    reading_time: int | None = _field("Minutes to read the article text: 200 words a minute, 500 Chinese or 400 Japanese"
                                      " characters a minute (document.counts).", FieldType.INT, derived=True)
    about_source: AboutSource | None = _field("Generated from the publisher's context page: its slug ('page') and 'summary'.",
                                              FieldType.ABOUT, derived=True)
    no_context: tuple[str, ...] = _field("Context page slugs whose mentions the generator must not link in this reading.",
                                         FieldType.LIST)
    review: Review | None = _field("Review status: {status: draft} while the editors work on it, {status: reviewed, by:"
                                   " [ids of entries of the people file, people.yaml], date: YYYY-MM-DD} once reviewed."
                                   " Without it (as imported) the reading is a draft too. A draft shows a banner, is not"
                                   " indexed by search engines (noindex, not in the sitemap), publishes no ClaimReview, and"
                                   " fails `readings check --publish` (``is_draft``).", FieldType.REVIEW)
    corrections: tuple[Correction, ...] = _field("Changes to the editors' own notes after review: a list of {date, text},"
                                                 " with report: the address of the reader's report that led to the change,"
                                                 " if one did; shown as \"Corrections and updates\" and on the Corrections"
                                                 " page.",
                                                 FieldType.CORRECTIONS)
    ratings: dict[str, Rating] = _field("Verdicts on claim and correction notes, published as fact-check markup (schema.org"
                                        " ClaimReview): note id -> one of 'false', 'misleading', 'unsupported',"
                                        " 'mostly accurate', 'accurate', or a mapping {verdict, claimant (who made the claim;"
                                        " the article's author if left out), claimant_type (Person or Organization), claim (a"
                                        " short summary), first_appearance (where the claim first appeared: {date, title,"
                                        " publisher, url})} (README, 'Fact-check markup').", FieldType.RATINGS)
    note_origins: dict[str, NoteOrigin] = _field("Notes imported from elsewhere (readings annotations import): note id ->"
                                                 " {by, date, via, modified, source_id (the annotation's id where it came from: importing it again skips it)},"
                                                 " shown as the note's provenance; git gives the rest.",
                                                 FieldType.ORIGINS)
    extra: dict[str, Any] = field(default_factory=dict)  # keys the schema does not declare, verbatim and in order


DRAFT_META = "readings_draft"  # the page.meta key the site plugin sets from ``is_draft``: templates read only this
# The page.meta key for "keep out of search engines and the sitemap": drafts, and the readable copies of archived
# sources (other publishers' articles, kept as evidence, not republished for search engines).
NOINDEX_META = "readings_noindex"


def is_draft(meta: ReadingMeta) -> bool:
    """The one rule of what is a draft: a reading is published as reviewed only when its ``review`` says so.

    No ``review:`` key (what an imported reading has) is a draft, as ``{status: draft}`` is, and as a review the schema
    cannot read is. ``readings check --publish`` refuses drafts; the site shows them with a banner, marks them
    ``noindex``, leaves them out of the sitemap and publishes no ClaimReview for them (the plugin sets
    ``page.meta.readings_draft`` from this, which the templates read).
    """
    return meta.review is None or meta.review.status != "reviewed"


@dataclass(frozen=True, kw_only=True)
class EntityMeta:
    """A context page's front-matter."""

    name: str = _field("The entity's usual name, as the context page's title.", FieldType.STR, required=True)
    kind: str = _field("One of: person, place, organisation, publisher, event, term.", FieldType.STR, required=True)
    aliases: tuple[str, ...] = _field("Other names it goes by in texts; matched like the name. All-capital names match"
                                      " case-sensitively.", FieldType.LIST)
    summary: str = _field("One neutral sentence: shown as the tooltip of linked mentions.", FieldType.STR, required=True)
    wikidata: str = _field("Its Wikidata id (Q followed by digits), if known.", FieldType.STR)
    sources: tuple[str, ...] = _field("Where the longer context comes from: titles or addresses a reader can check (prefer"
                                      " citations, [@key], in the body).", FieldType.LIST)
    as_of: dt.date | None = _field("The date its facts were last checked (YYYY-MM-DD): things that change (offices, bases,"
                                   " who controls what) are true as of then.", FieldType.DATE)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class PageMeta:
    """The front-matter of any other page in docs/ (about, contributing, the generated listings)."""

    title: str = _field("The page's title.", FieldType.STR)
    description: str = _field("One sentence: the page's meta description.", FieldType.STR)
    extra: dict[str, Any] = field(default_factory=dict)


Meta = TypeVar("Meta", ReadingMeta, EntityMeta, PageMeta)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: FieldType
    required: bool
    derived: bool
    doc: str


def _specs(cls: type[ReadingMeta] | type[EntityMeta] | type[PageMeta]) -> tuple[FieldSpec, ...]:
    return tuple(FieldSpec(f.name, f.metadata["type"], f.metadata["required"], f.metadata["derived"], f.metadata["doc"])
                 for f in dataclasses.fields(cls) if "doc" in f.metadata)


_SPECS = {ReadingMeta: _specs(ReadingMeta), EntityMeta: _specs(EntityMeta), PageMeta: _specs(PageMeta)}


def specs(cls: type[ReadingMeta] | type[EntityMeta] | type[PageMeta]) -> tuple[FieldSpec, ...]:
    """The declared keys of ``cls``, in order."""
    return _SPECS[cls]


READING_FIELDS = specs(ReadingMeta)
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in READING_FIELDS)
DERIVED_FIELDS: tuple[str, ...] = tuple(f.name for f in READING_FIELDS if f.derived)


def _convert(type_: FieldType, value: Any) -> tuple[Any, bool]:
    """``value`` as the field's Python type, and whether it is valid."""
    if type_ is FieldType.STR:
        return value, isinstance(value, str) and bool(value.strip())
    if type_ is FieldType.LIST:
        ok = isinstance(value, list | tuple) and all(isinstance(v, str) and v.strip() for v in value)
        return (tuple(value) if ok else value), ok
    if type_ is FieldType.DATE:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value, True
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value), True
            except ValueError:
                return value, False
        return value, False
    if type_ is FieldType.INT:
        return value, isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if type_ is FieldType.ABOUT:
        if isinstance(value, AboutSource):
            return value, True
        ok = (isinstance(value, dict) and set(value) == {"page", "summary"}
              and all(isinstance(v, str) and v.strip() for v in value.values())
              and bool(re.fullmatch(r"[a-z0-9][a-z0-9-]*", value["page"])))
        return (AboutSource(value["page"], value["summary"]) if ok else value), ok
    if type_ is FieldType.URL:
        value = lowercase_scheme(value) if isinstance(value, str) else value  # "HTTPS://…" is https (RFC 3986)
        return value, isinstance(value, str) and bool(WEB_ADDRESS_RE.fullmatch(value))
    if type_ is FieldType.SHA256:
        return value, isinstance(value, str) and bool(re.fullmatch(r"[0-9a-f]{64}", value))
    if type_ is FieldType.LANGUAGE:
        return value, isinstance(value, str) and bool(LANGUAGE_TAG_RE.fullmatch(value))
    if type_ is FieldType.REVIEW:
        return _review(value)
    if type_ is FieldType.CORRECTIONS:
        return _corrections(value)
    if type_ is FieldType.RATINGS:
        ratings, problems = _ratings(value, "", {})
        return (ratings if not problems else value), not problems
    if type_ is FieldType.ORIGINS:
        return _origins(value)
    if type_ is FieldType.OVERRIDE:
        lists_ok = all(isinstance(value.get(k, []), list) and all(isinstance(v, str) for v in value.get(k, []))
                       for k in ("include", "exclude")) if isinstance(value, dict) else False
        ok = (lists_ok and set(value) <= {"file", "reason", "include", "exclude", "starts_with", "ends_with"}
              and all(isinstance(value.get(k, ""), str) for k in ("file", "reason", "starts_with", "ends_with")))
        return value, ok
    raise AssertionError(type_)


def _ratings(value: Any, path: str, lines: Mapping[str, int]) -> tuple[dict[str, Rating], list[Problem]]:
    """The ratings, and one located problem per bad entry (at its own line: ``lines`` maps ``ratings.<id>``)."""
    if isinstance(value, dict) and all(isinstance(v, Rating) for v in value.values()):
        return dict(value), []
    top = lines.get("ratings", 1)
    if not isinstance(value, dict):
        return {}, [error(path, top, 1, f"'ratings' must be {TYPE_WORDS[FieldType.RATINGS]}, not {value!r}", "bad-value")]
    scale = ", ".join(repr(r) for r in RATING_SCALE)
    out: dict[str, Rating] = {}
    problems: list[Problem] = []
    for key, item in value.items():
        line = lines.get(f"ratings.{key}", top)
        before = len(problems)

        def bad(message: str, code: str = "bad-value", line: int = line) -> None:
            problems.append(error(path, line, 1, message, code))

        if not (isinstance(key, str) and NOTE_ID_RE.match(key)):
            bad(f"'ratings' must be a mapping of note ids to a verdict: {key!r} is no note id (kind-words, such as claim-x)")
            continue
        entry = dict(item) if isinstance(item, dict) else {"verdict": item}
        unknown = [k for k in entry if k not in RATING_KEYS]
        for name in unknown:
            close = difflib.get_close_matches(str(name), RATING_KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            bad(f"unknown key '{name}' in the rating of [^{key}]{hint} (a rating has {', '.join(RATING_KEYS)})", "unknown-key")
        verdict = entry.get("verdict")
        if isinstance(verdict, bool):
            # YAML reads unquoted false, no, off (and true, yes, on) alike as a boolean: which was meant is lost.
            bad(f"the rating of [^{key}]: quote the verdict ('false', not false): YAML reads an unquoted false, no or off"
                " as a yes/no value, not a verdict")
        elif verdict not in RATING_SCALE:
            said = "no verdict" if "verdict" not in entry else f"the verdict {entry['verdict']!r}"
            bad(f"'ratings' must be a mapping of note ids to a verdict: [^{key}] has {said}, not one of {scale}")
        for name in ("claimant", "claim"):
            text = entry.get(name, "")
            if not isinstance(text, str) or (name in entry and not text.strip()):
                bad(f"the rating of [^{key}]: '{name}' must be a non-empty string, not {text!r}")
            elif reason := unsafe_text(text):
                bad(f"the rating of [^{key}]: '{name}' {reason}", "unsafe-front-matter")
        if entry.get("claimant_type", "Person") not in CLAIMANT_TYPES:
            bad(f"the rating of [^{key}]: 'claimant_type' must be one of {', '.join(CLAIMANT_TYPES)}, not {entry['claimant_type']!r}")
        elif "claimant_type" in entry and "claimant" not in entry:
            bad(f"the rating of [^{key}] gives a 'claimant_type' but no 'claimant': the article's author is a Person")
        first = _first_appearance(entry["first_appearance"], key, bad) if "first_appearance" in entry else None
        if len(problems) == before:
            out[key] = Rating(str(verdict), entry.get("claimant", ""), entry.get("claimant_type", "Person"), entry.get("claim", ""),
                              first)
    return out, problems


def _first_appearance(value: Any, key: str, bad: Callable[..., None]) -> FirstAppearance | None:
    """A rating's ``first_appearance``, or None with each thing wrong with it said through ``bad(message, code)`` (at
    the rating's own line)."""
    if isinstance(value, FirstAppearance):
        return value
    where = f"the rating of [^{key}]: 'first_appearance'"
    if not isinstance(value, dict):
        bad(f"{where} must be a mapping {{date, title, publisher, url}}, not {quoted(value)}")
        return None
    problems: list[tuple[str, str]] = []
    for name in value:
        if name not in FIRST_APPEARANCE_KEYS:
            close = difflib.get_close_matches(str(name), FIRST_APPEARANCE_KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append((f"{where} has an unknown key {quoted(name)}{hint} (it has {', '.join(FIRST_APPEARANCE_KEYS)})",
                             "unknown-key"))
    unknown = bool(problems)  # a misspelt key is the one thing wrong: what it leaves missing is not said again
    date = _date(value["date"]) if "date" in value else None
    if date is None and ("date" in value or not unknown):
        said = f", not {quoted(value['date'])}" if "date" in value else ""
        problems.append((f"{where} needs 'date', when the claim first appeared (YYYY-MM-DD){said}", "bad-value"))
    for name in ("title", "publisher", "url"):
        text = value.get(name, "")
        if not isinstance(text, str) or (name in value and not text.strip()):
            problems.append((f"{where}: '{name}' must be a non-empty string, not {quoted(text)}", "bad-value"))
        elif reason := unsafe_text(text):
            problems.append((f"{where}: '{name}' {reason}", "unsafe-front-matter"))
        elif name == "url" and text and not _convert(FieldType.URL, text)[1]:
            problems.append((f"{where}: 'url' must be {TYPE_WORDS[FieldType.URL]}, not {quoted(text)}", "bad-value"))
    if not (value.get("title") or value.get("url")) and not unknown:
        problems.append((f"{where} needs a 'title' or a 'url': what the work is, or where it is, so that a reader can"
                         " find it", "bad-value"))
    for message, code in problems:
        bad(message, code)
    if problems or date is None:
        return None
    return FirstAppearance(date, *(str(value.get(k, "")) for k in ("title", "publisher", "url")))


def _origins(value: Any) -> tuple[Any, bool]:
    if not isinstance(value, dict):
        return value, False
    out: dict[str, NoteOrigin] = {}
    for key, item in value.items():
        if isinstance(item, NoteOrigin):
            out[key] = item
            continue
        if not (isinstance(key, str) and NOTE_ID_RE.match(key) and isinstance(item, dict) and set(item) <= {"by", "date", "via", "modified", "source_id"}
                and isinstance(item.get("by"), str) and item["by"].strip() and isinstance(item.get("via", ""), str)
                and isinstance(item.get("source_id", ""), str)):
            return value, False
        created = moment(item.get("date"))
        modified = moment(item["modified"]) if "modified" in item else (None, "")
        if created is None or modified is None:
            return value, False
        out[key] = NoteOrigin(item["by"], created[0], item.get("via", ""), created[1],
                              modified[1] or (modified[0].isoformat() if modified[0] else ""), item.get("source_id", ""))
    return out, True


DATE_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")


def moment(value: Any) -> tuple[dt.date, str] | None:
    """A date or a date-time with its zone (as YAML or a string gives it): (its day, the moment in UTC as
    YYYY-MM-DDTHH:MM:SSZ, or "" for a date alone); None for anything else. A date-time without a zone is refused."""
    if isinstance(value, str) and DATE_TIME_RE.fullmatch(value):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return None
        utc = value.astimezone(dt.UTC)
        return utc.date(), utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    date = _date(value)
    return (date, "") if date is not None else None


def _date(value: Any) -> dt.date | None:
    converted, ok = _convert(FieldType.DATE, value)
    return converted if ok else None


def _review(value: Any) -> tuple[Any, bool]:
    if isinstance(value, Review):
        return value, True
    if not isinstance(value, dict) or not set(value) <= {"status", "by", "date"} or value.get("status") not in REVIEW_STATUSES:
        return value, False
    by, by_ok = _convert(FieldType.LIST, value.get("by", []))
    date = _date(value["date"]) if "date" in value else None
    if not by_ok or ("date" in value and date is None):
        return value, False
    if value["status"] == "reviewed" and (not by or date is None):
        return value, False
    return Review(value["status"], by, date), True


def _corrections(value: Any) -> tuple[Any, bool]:
    if isinstance(value, tuple) and all(isinstance(v, Correction) for v in value):
        return value, True
    if not isinstance(value, list):
        return value, False
    out = []
    for item in value:
        if (not isinstance(item, dict) or not {"date", "text"} <= set(item) <= {"date", "text", "report"}
                or not isinstance(item["text"], str) or not item["text"].strip()):
            return value, False
        report, report_ok = _convert(FieldType.URL, item.get("report", ""))
        if "report" in item and not report_ok:
            return value, False
        date = _date(item["date"])
        if date is None:
            return value, False
        out.append(Correction(date, item["text"], report))
    return tuple(out), True


def _correction_problems(value: list[Any], path: str, lines: Mapping[str, int]) -> list[Problem]:
    """One located problem per bad item of ``corrections`` (``lines`` maps ``corrections.<n>`` to the item's line),
    naming the field and the reason, as the people file's are."""
    top = lines.get("corrections", 1)
    problems: list[Problem] = []
    for number, item in enumerate(value):
        where = lines.get(f"corrections.{number}", top)
        what = f"correction {number + 1} of 'corrections'"
        if not isinstance(item, dict):
            problems.append(error(path, where, 1, f"{what} must be a mapping with 'date' and 'text' (and 'report' where a"
                                  f" reader's report led to it), not {quoted(item)}", "bad-value"))
            continue
        for key in item:
            if key not in ("date", "text", "report"):
                close = difflib.get_close_matches(str(key), ["date", "text", "report"], n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                problems.append(error(path, where, 1, f"{what}: unknown key {quoted(key)}{hint} (a correction has date, text"
                                      " and report)", "unknown-key"))
        for key in ("date", "text"):
            if key not in item:
                problems.append(error(path, where, 1, f"{what} lacks '{key}'", "bad-value"))
        if "date" in item and _date(item["date"]) is None:
            problems.append(error(path, where, 1, f"{what}: 'date' must be a date (YYYY-MM-DD), not {quoted(item['date'])}",
                                  "bad-value"))
        if "text" in item and not (isinstance(item["text"], str) and item["text"].strip()):
            problems.append(error(path, where, 1, f"{what}: 'text' must be non-empty text, not {quoted(item['text'])}",
                                  "bad-value"))
        if "report" in item and not _convert(FieldType.URL, item["report"])[1]:
            problems.append(error(path, where, 1, f"{what}: 'report' must be the http(s) address of the reader's report"
                                  f" (https://…), not {quoted(item['report'])}", "bad-value"))
    return problems or [error(path, top, 1, f"'corrections' must be {TYPE_WORDS[FieldType.CORRECTIONS]}", "bad-value")]


def _strings(value: Any) -> list[str]:
    if isinstance(value, AboutSource):
        return [value.page, value.summary]
    if isinstance(value, Review):
        return list(value.by)
    if isinstance(value, tuple) and value and isinstance(value[0], Correction):
        return [s for c in value for s in (c.text, c.report)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in ([v.by, v.via, v.source_id] if isinstance(v, NoteOrigin) else [v] if isinstance(v, str) else [])]
    return [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)] if isinstance(value, list | tuple) else []


def load(cls: type[Meta], raw: Mapping[Any, Any], path: str, key_lines: Mapping[str, int] | None = None) -> tuple[Meta, list[Problem]]:
    """The typed front-matter of a page, and the problems found; invalid values are left out (and reported)."""
    lines = key_lines or {}
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    declared = specs(cls)
    names: tuple[str, ...] = tuple(f.name for f in declared)
    for spec in declared:
        if spec.name not in raw:
            if spec.required:
                problems.append(error(path, 1, 1, f"front-matter lacks the required key '{spec.name}' ({spec.doc})", "missing-key"))
            continue
        if spec.type is FieldType.RATINGS:
            ratings, rating_problems = _ratings(raw[spec.name], path, lines)
            problems += rating_problems
            if not rating_problems:  # a bad rating publishes none: the whole key is left out, as any invalid value
                values[spec.name] = ratings
            continue
        value, ok = _convert(spec.type, raw[spec.name])
        if not ok and spec.type is FieldType.CORRECTIONS and isinstance(raw[spec.name], list):
            problems += _correction_problems(raw[spec.name], path, lines)  # each bad item at its own line, named
            continue
        if spec.type is FieldType.LANGUAGE and (why := language.tag_problem(raw[spec.name])):
            problems.append(error(path, lines.get(spec.name, 1), 1, why, "bad-value"))
            continue
        if spec.type is FieldType.LANGUAGE and language.normalise(value) != value:
            problems.append(warning(path, lines.get(spec.name, 1), 1, f"'language' is written {value!r}: its normalised form"
                                    f" is '{language.normalise(value)}' (BCP 47's canonical form)", "language-form"))
        if not ok:
            problems.append(error(path, lines.get(spec.name, 1), 1,
                                  f"'{spec.name}' must be {TYPE_WORDS[spec.type]}, not {quoted(raw[spec.name])}", "bad-value"))
            continue
        # An override's selectors hold ">" and its reason is shown only as the capture note's (escaped) text: no
        # template prints this key, so it is exempt from the rule for values templates print.
        reason = None if spec.type is FieldType.OVERRIDE else next((r for v in _strings(value) if (r := unsafe_text(v))), None)
        if reason:
            problems.append(error(path, lines.get(spec.name, 1), 1, f"'{spec.name}' {reason}", "unsafe-front-matter"))
        values[spec.name] = value
    extra: dict[str, Any] = {}
    for key, value in raw.items():
        if key in names:
            continue
        extra[str(key)] = value
        where = lines.get(str(key), 1)
        if key in MATERIAL_KEYS:
            words, valid = MATERIAL_KEYS[key]
            if not valid(value):
                problems.append(error(path, where, 1, f"{quoted(key)} must be {words}, not {quoted(value)}", "bad-value"))
            elif key == "subtitle" and (reason := unsafe_text(value)):
                problems.append(error(path, where, 1, f"{quoted(key)} {reason}", "unsafe-front-matter"))
            continue
        close = difflib.get_close_matches(str(key), [*names, *MATERIAL_KEYS], n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        problems.append(error(path, where, 1, f"unknown front-matter key {quoted(key)}{hint}: the site prints some keys as they"
                              " are, so only declared keys are allowed", "unknown-key"))
    return cls(**values, extra=extra), problems


def from_values(cls: type[Meta], values: Mapping[str, Any]) -> Meta:
    """Typed front-matter from values an importer read; values that do not fit their key are left out, never guessed."""
    meta, _problems = load(cls, {k: v for k, v in values.items() if k in {f.name for f in specs(cls)}}, "")
    return meta


def dump(meta: ReadingMeta | EntityMeta | PageMeta) -> dict[str, Any]:
    """The front-matter as a mapping in declared order, empty values left out, then the undeclared keys."""
    out: dict[str, Any] = {}
    for spec in specs(type(meta)):
        value = getattr(meta, spec.name)
        if value is None or value == "" or value == () or value == {}:
            continue
        if isinstance(value, dict):
            value = {k: _dump_item(v) for k, v in value.items()}
        elif isinstance(value, tuple):
            value = [{"date": c.date, "text": c.text, **({"report": c.report} if c.report else {})} if isinstance(c, Correction)
                     else c for c in value]
        elif isinstance(value, AboutSource):
            value = {"page": value.page, "summary": value.summary}
        elif isinstance(value, Review):
            value = {"status": value.status, **({"by": list(value.by)} if value.by else {}), **({"date": value.date} if value.date else {})}
        out[spec.name] = value
    out.update(meta.extra)
    return out


def _dump_item(value: Any) -> Any:
    if isinstance(value, NoteOrigin):
        return {"by": value.by, "date": value.time or value.date, **({"via": value.via} if value.via else {}),
                **({"modified": value.modified} if value.modified else {}), **({"source_id": value.source_id} if value.source_id else {})}
    if isinstance(value, Rating):  # the short form when it says all, else the keys that differ from their default
        if value == Rating(value.verdict):
            return value.verdict
        out = {"verdict": value.verdict, **{k: getattr(value, k) for k, d in (("claimant", ""), ("claimant_type", "Person"),
                                                                              ("claim", "")) if getattr(value, k) != d}}
        if value.first_appearance is not None:
            first = value.first_appearance
            out["first_appearance"] = {"date": first.date, **{k: getattr(first, k) for k in ("title", "publisher", "url")
                                                              if getattr(first, k)}}
        return out
    return value


def replace(meta: Meta, **changes: Any) -> Meta:
    """``meta`` with some keys changed (lists given as lists are stored as tuples)."""
    fixed: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in changes.items()}
    return dataclasses.replace(meta, **fixed)
