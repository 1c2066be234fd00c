"""The reading page format, as text: every marker, pattern, title and id the generator writes or reads.

A reading page (``docs/readings/<slug>.md``) is front-matter (``schema``) and a
Markdown body holding, in order:

- editorial blocks, admonitions such as ``!!! editorial "Editor's introduction"``;
- the article's paragraphs, with annotations laid over them as
  ``==passage==[^kind-id]`` and context links as ``[Name](../context/slug.md "summary")``;
- each paragraph's note definitions below it, ``[^kind-id]: note``;
- the generated blocks: "Detached notes" (notes whose passage a changed seed
  lost) and "Removed from the capture" (the seed's text around the article).

``read`` parses this format, ``write`` writes it and ``site.mdext`` renders it
to HTML; all three take their patterns from here.
"""

from __future__ import annotations

import re

from generator.project import ARCHIVE_DIR, CONTEXT_DIR, DOCS_DIR, READINGS_DIR, SEEDS_DIR

# --- Annotations ---------------------------------------------------------------

ID_PATTERN = r"(?P<kind>[a-z]+)-[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?"
# A passage: no leading/trailing space, no "==" inside, never across a blank line.
PASSAGE_PATTERN = r"(?P<passage>(?=[^\s=])(?:(?!==)(?!\n[ \t]*\n)[\s\S])+?(?<=\S))"
MARK_RE = re.compile(r"==" + PASSAGE_PATTERN + r"==\[\^(?P<id>" + ID_PATTERN + r")\]")
DEF_RE = re.compile(r"^\[\^(?P<id>" + ID_PATTERN + r")\]:[ \t]*(?P<text>.*)$")
DEF_SEARCH_RE = re.compile(DEF_RE.pattern, re.MULTILINE)
# Loose forms, to report mistakes the strict patterns would silently skip.
LOOSE_REF_RE = re.compile(r"(?<!\\)\[\^(?P<id>" + ID_PATTERN + r")\]")
# The key excludes "[" too: otherwise every "[^" of a run would scan to the run's end (quadratic).
ANY_FOOTNOTE_REF_RE = re.compile(r"(?<!\\)\[\^([^\[\]\s]+)\](?!:)")
STRAY_MARK_RE = re.compile(r"==")
# A note is in the desk's language (the site's, theme.language). One written in another language says so first:
# "[^kind-id]: {lang=ar} …" (a BCP 47 tag, checked as front-matter's are); the marker is not part of the note's text.
NOTE_LANGUAGE_RE = re.compile(r"^\{lang=(?P<tag>[^{}\s]*)\}[ \t]*")


def note_language(text: str) -> tuple[str, str]:
    """A note's own language tag ("" when it has none: the desk's) and its text without the marker."""
    match = NOTE_LANGUAGE_RE.match(text)
    return (match.group("tag"), text[match.end():]) if match else ("", text)
CONTINUATION = ("    ", "\t")  # a note's or a block's continuation lines start with one of these

# The notes import generates (capture repairs) have ids "capture-1", "capture-2"... in reading order.
GENERATED_KIND = "capture"
GENERATED_ID_RE = re.compile(r"capture-(?P<number>\d+)")


def generated_id(number: int) -> str:
    return f"{GENERATED_KIND}-{number}"


# --- Inline links ---------------------------------------------------------------

# Pieces of every pattern that finds a Markdown link or image. The text holds no bracket and the address at most one
# level of balanced parentheses, as Python-Markdown reads them ("[a [b](x)" links "b"; "[x](f(1))" is one address).
# Each "[" is so scanned only up to the next bracket or parenthesis: with "[^\]]*" every "[" of a line of unclosed
# brackets rescanned the rest of it, and 80 KB of "[a](" took minutes to import.
LINK_TEXT = r"[^\[\]\n]*"
LINK_ADDRESS = r"(?:[^()\s]|\([^()\s]*\))*"
LINK_INSIDE = r"(?:[^()\n]|\([^()\n]*\))*"  # all between the parentheses: the address and a title

# --- Context links ------------------------------------------------------------

# The link text holds no bracket: in "[ [Name](...)" the first "[" is the article's, not the link's.
CONTEXT_LINK_RE = re.compile(r'\[(?P<text>[^\[\]\n]+)\]\((?P<target>(?:\.\./)*' + CONTEXT_DIR + r'/(?P<slug>[a-z0-9][a-z0-9-]*)\.md)'
                             r'(?:[ \t]+"(?P<title>(?:[^"\\\n]|\\.)*)")?\)')
# A rendered link is a context link only when its address is relative and resolves into the context folder: no
# scheme, no host, no root ("https://elsewhere/context/rt.md" is somebody else's page, styled as ours it would phish).
CONTEXT_HREF_RE = re.compile(r"^(?:\./)?(?:\.\./)*" + CONTEXT_DIR + r"/([a-z0-9][a-z0-9-]*)(?:\.md|/|\.html)(?:#|$)")


def context_target(slug: str, title: str | None = None, prefix: str = "../") -> str:
    """The inside of a context link's parentheses: ``../context/<slug>.md "title"``."""
    target = f"{prefix}{CONTEXT_DIR}/{slug}.md"
    return f'{target} "{title}"' if title is not None else target


def mention_anchor(slug: str) -> str:
    """The id of a reading's first link to a context page (the back-links point at it)."""
    return f"mention-{slug}"


# --- Blocks ---------------------------------------------------------------------

ADMONITION_RE = re.compile(r"^(?:!!!|\?\?\?\+?)[ \t]")
ADMONITION_TITLE_RE = re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]+(?P<type>[\w-]+)(?:[ \t]+"(?P<title>[^"]*)")?')
FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")

EDITORIAL_TYPE = "editorial"

REMOVED_TYPE = "removed"
REMOVED_TITLE = "Removed from the capture"
REMOVED_INTRO = ("The capture held this text around the article. It is not part of the article's text,"
                 " and is kept here verbatim so that nothing is lost.")

DETACHED_TYPE = "detached"
DETACHED_TITLE = "Detached notes"
DETACHED_INTRO = ("These notes lost their passage when the seed changed. To re-attach one, mark its passage in the"
                  " text as ==passage==[^id] and put the note below that paragraph; or delete it.")
DETACHED_ITEM_RE = re.compile(r"^    - `(?P<id>[^`]+)` \((?P<label>[^)]*)\)\. Last passage: “(?P<passage>.*)”\. Note: (?P<note>.*)$")

# --- Generated pages ------------------------------------------------------------------

GENERATED_MARK = f"<!-- Generated by `readings` from {DOCS_DIR}/{READINGS_DIR}/: edit the readings, not this page. -->"
# A readable copy of an archived source comes from its WARC file, not from the readings; it is as generated (rewritten on
# build, removed when its WARC file goes), so ``is_generated`` knows both marks.
ARCHIVED_MARK = (f"<!-- Generated by `readings` from {SEEDS_DIR}/{ARCHIVE_DIR}/: archive the source again"
                 " (readings sources archive --again), not this page. -->")
GENERATED_MARKS = (GENERATED_MARK, ARCHIVED_MARK)


def is_generated(text: str) -> bool:
    """Whether a page's text carries a generated mark: the tool writes it, and may rewrite or remove it."""
    return any(mark in text for mark in GENERATED_MARKS)


BACKLINKS_HEADING = "## Mentioned in"
BACKLINKS_MARK = "<!-- Generated by `readings` from the readings: this section is replaced on import, update and build. -->"
BACKLINKS_PUBLISHED = "Readings it published:"
BACKLINKS_MENTIONS = "Readings that mention it:"
BACKLINKS_NOTES = "Annotations about it:"
BACKLINKS_NONE = "No reading mentions it yet."
# The lines the generated back-links section is made of (besides blank lines): its mark, its sentences, and its
# items, each a link to a reading. The section ends at the first other line: what follows is the editor's.
BACKLINKS_LINE_RE = re.compile(
    "|".join(re.escape(line) for line in (BACKLINKS_MARK, BACKLINKS_PUBLISHED, BACKLINKS_MENTIONS, BACKLINKS_NOTES, BACKLINKS_NONE))
    + rf"|- \[.*\]\(\.\./{READINGS_DIR}/[^()\s]+\.md(?:#[^()\s]*)?\)(?: \(\[first mention\]\(\.\./{READINGS_DIR}/[^()\s]+\)\)| in \*.*\*)?")


def split_backlinks(text: str) -> tuple[str, str, str]:
    """A context page as (before, generated back-links section, after): the section is the line that is exactly
    BACKLINKS_HEADING followed by BACKLINKS_MARK, through its last generated line. A heading that merely starts
    with "Mentioned in", and anything after the section, belong to the editor. No section: (text, "", "")."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        rest = [j for j in range(i + 1, len(lines)) if lines[j].strip()]
        if line.rstrip() != BACKLINKS_HEADING or not rest or lines[rest[0]].strip() != BACKLINKS_MARK:
            continue
        end = i + 1
        for j in range(i + 1, len(lines)):
            if lines[j].strip() and not BACKLINKS_LINE_RE.fullmatch(lines[j].rstrip()):
                break
            if lines[j].strip():
                end = j + 1
        return "\n".join(lines[:i]), "\n".join(lines[i:end]), "\n".join(lines[end:])
    return text, "", ""
