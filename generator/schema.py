"""Front-matter of a reading, declared once: order, types and meaning of each key.

``render`` writes keys in this order; ``check`` validates pages against it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any

from generator.errors import Problem, error, warning


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # "str", "list", "date", "int", "sha256"
    required: bool
    doc: str


READING_FIELDS: tuple[Field, ...] = (
    Field("title", "str", True, "The article's headline, as the source gives it."),
    Field("authors", "list", False, "The byline: one entry per author, as the source names them."),
    Field("publisher", "str", False, "The outlet that published the article."),
    Field("published", "date", False, "Publication date, ISO 8601 (YYYY-MM-DD)."),
    Field("regions", "list", False, "The source's own region labels."),
    Field("themes", "list", False, "The source's own theme labels."),
    Field("reports", "list", False, "The source's 'In-depth Report' labels."),
    Field("tags", "list", False, "Themes then regions, for Material's tags plugin and the tag pages."),
    Field("description", "str", False, "The lede as plain text: the page's meta description."),
    Field("rights", "str", False, "The source's copyright line, verbatim."),
    Field("permission", "str", False, "The publisher's reprint terms, verbatim."),
    Field("url", "url", False, "The article's canonical web address, as the page gives it."),
    Field("language", "str", False, "The article's language, as the page declares it (BCP 47, e.g. 'en')."),
    Field("source", "str", True, "Path of the seed this page was imported from, relative to the project."),
    Field("source_sha256", "sha256", True, "SHA-256 of the seed file when it was imported: tells when the seed changed."),
    Field("words", "int", False, "Words in the article text."),
    Field("reading_time", "int", False, "Minutes to read the article text, at 200 words a minute."),
    Field("about_source", "about", False, "Generated from the publisher's context page: its slug ('page') and 'summary'."),
    Field("no_context", "list", False, "Context page slugs whose mentions the generator must not link in this reading."),
)
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in READING_FIELDS)
# Keys Material for MkDocs reads itself; contributors may set them.
MATERIAL_KEYS = ("hide", "search", "status", "icon", "subtitle", "template")


def ordered(meta: dict[str, Any]) -> dict[str, Any]:
    """The front-matter in declared order; unknown keys keep their order after the known ones."""
    known = {name: meta[name] for name in FIELD_NAMES if name in meta}
    return known | {k: v for k, v in meta.items() if k not in known}


def _type_ok(kind: str, value: Any) -> bool:
    if kind == "str":
        return isinstance(value, str) and bool(value.strip())
    if kind == "list":
        return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    if kind == "date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return True
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            return False
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if kind == "about":
        return (isinstance(value, dict) and set(value) == {"page", "summary"}
                and all(isinstance(v, str) and v.strip() for v in value.values())
                and bool(re.fullmatch(r"[a-z0-9][a-z0-9-]*", value["page"])))
    if kind == "url":
        return isinstance(value, str) and bool(re.fullmatch(r"https?://[^\s<>\"']+", value))
    if kind == "sha256":
        return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
    raise AssertionError(kind)


TYPE_WORDS = {"str": "a non-empty string", "list": "a list of strings", "date": "an ISO date (YYYY-MM-DD)",
              "int": "a whole number", "sha256": "64 lowercase hex digits",
              "about": "a mapping with 'page' and 'summary'", "url": "an http(s) address"}


def _strings(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def check_fields(meta: dict[str, Any], path: str, key_lines: dict[str, int], fields: tuple[Field, ...]) -> list[Problem]:
    """Check front-matter against ``fields``; ``key_lines`` locates each key in the file."""
    names = tuple(f.name for f in fields)
    problems: list[Problem] = []
    for f in fields:
        if f.name not in meta:
            if f.required:
                problems.append(error(path, 1, 1, f"front-matter lacks the required key '{f.name}' ({f.doc})", "missing-key"))
            continue
        if not _type_ok(f.type, meta[f.name]):
            problems.append(error(path, key_lines.get(f.name, 1), 1,
                                  f"'{f.name}' must be {TYPE_WORDS[f.type]}, not {meta[f.name]!r}", "bad-value"))
        elif f.type in ("str", "list") and any("<" in v or ">" in v for v in _strings(meta[f.name])):
            problems.append(error(path, key_lines.get(f.name, 1), 1, f"'{f.name}' holds '<' or '>': the theme prints"
                                  " front-matter as HTML, so use ‹ › or words instead", "html-in-front-matter"))
    for key in meta:
        if key in names or key in MATERIAL_KEYS:
            continue
        close = difflib.get_close_matches(str(key), names + MATERIAL_KEYS, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        problems.append(warning(path, key_lines.get(str(key), 1), 1, f"unknown front-matter key '{key}'{hint}", "unknown-key"))
    return problems


def validate(meta: dict[str, Any], path: str, key_lines: dict[str, int]) -> list[Problem]:
    """Check a reading's front-matter against ``READING_FIELDS``."""
    return check_fields(meta, path, key_lines, READING_FIELDS)
