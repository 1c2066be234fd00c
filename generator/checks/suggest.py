"""``readings check --suggest``: what is left unexamined. Hints, never errors.

Each sentence of a reading's article text that no passage touches is a hint when it
carries a figure, a date, a named official or an unattributed "reports say": the
kinds of statement a fact-checking desk looks at first. Printed as
``path:line:col: hint: ... [suggest]``; the exit code does not change.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.document import read
from generator.document.page import read_page
from generator.document.text import PARAGRAPH_BREAK, paragraph_of, paragraph_starts
from generator.errors import InputError
from generator.project import Project

# A full stop after a title, month or initialism does not end a sentence ("Gen. Dostum", "Dec. 9").
ABBREVIATION = r"\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|Gov|Sen|Rep|St|Prof|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|No|vs|etc|[A-Z])\."
# What a sentence never ends inside: a Markdown link or image (its text and its address, one level of parentheses in
# the address), an autolink, a bare address, and a stop with no space after it ("3.5", "example.org"). Each is
# bounded, so that a hostile line of "[" costs a linear scan, not a quadratic one.
LINK = r"!?\[[^\]\n]{0,500}\]\((?:[^()\s]|\([^()\s]{0,200}\)){0,2000}(?:\s+\"[^\"\n]{0,500}\")?\)"
AUTOLINK = r"<[a-zA-Z][a-zA-Z0-9+.-]{0,30}:[^\s<>]{0,2000}>"
BARE_URL = r"\b(?:https?://|www\.)[^\s<>\[\]]{0,2000}[^\s<>\[\].,;:!?\"'’”)]"
CLOSERS = "\"”’)*"
INNER_STOP = rf"[.!?]+(?=[^\s{CLOSERS}.!?])"
SENTENCE_RE = re.compile(rf"(?:{LINK}|{AUTOLINK}|{BARE_URL}|{ABBREVIATION}|{INNER_STOP}|[^.!?\n])+(?:[.!?]+[{CLOSERS}]*|\n|$)")
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.")
SIGNALS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an unattributed report", re.compile(r"\b(?:reports?|sources?)\s+(?:say|said|says|indicate[sd]?|suggest(?:s|ed)?|show(?:s|ed)?|"
                                          r"inform|claim(?:s|ed)?|reveal(?:s|ed)?|uncover)\b|\bit is (?:said|reported|believed|"
                                          r"claimed)\b|\breportedly\b|\ballegedly\b|\baccording to (?:reports|sources)\b", re.I)),
    ("a named official", re.compile(r"\b(?:president|prime minister|minister|gen\.|general|spokes(?:man|woman|person)|envoy|"
                                    r"ambassador|governor|commander|officials?|secretary|ministry)\b", re.I)),
    ("a date", re.compile(rf"\b(?:{MONTHS})\b|\b(?:19|20)\d\d\b|\b(?:Dec|Jan)\.\s*\d{{1,2}}\b|\b(?:last|next) (?:week|month|year)\b|"
                          r"\b(?:yesterday|today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("a figure", re.compile(r"\d|\b(?:thousands?|hundreds?|millions?|billions?|dozens?)\b", re.I)),
)


def sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of ``text`` (Markdown), each with its offset: links and addresses are never cut."""
    return [(match.start(), match.group(0)) for match in SENTENCE_RE.finditer(text) if match.group(0).strip()]


def _hints_for(shown: str, body: str, line_offset: int) -> list[str]:
    hints = []
    layer = read.locate(body)
    starts = paragraph_starts(layer.text.split(PARAGRAPH_BREAK))
    lines = [line for line, _raw in read.raw_paragraphs(body, line_offset)]
    for begin, text in sentences(layer.text):
        if any(begin < e and s < begin + len(text) for s, e in layer.spans.values()):
            continue
        found = [name for name, pattern in SIGNALS if pattern.search(text)]
        if not found:
            continue
        at = begin + len(text) - len(text.lstrip())
        index = paragraph_of(at, starts)
        line = (lines[index] if index < len(lines) else line_offset + 1) + layer.text.count("\n", starts[index], at)
        snippet = " ".join(text.split())
        snippet = snippet if len(snippet) <= 70 else snippet[:70].rsplit(" ", 1)[0] + "…"
        hints.append(f"{shown}:{line}:1: hint: unannotated sentence with {', '.join(found)}: “{snippet}” [suggest]")
    return hints


def suggestions(project: Project, files: list[Path]) -> list[str]:
    """Hints for every reading among ``files``."""
    hints: list[str] = []
    for path in files:
        if not project.is_reading(path) or path.suffix != ".md":
            continue
        try:
            page = read_page(path, project.rel(path))
        except InputError:
            continue  # reported by the rules
        hints += _hints_for(page.path, page.body, page.body_line)
    return hints
