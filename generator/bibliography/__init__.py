"""The collection's bibliography: one CSL-YAML file every reading and context page cites from.

``docs/sources.yaml`` holds a list of CSL entries under ``references:`` (the
layout Pandoc reads; Zotero exports CSL-JSON, whose entries are the same). An
entry is entered once and cited by any number of notes. ``load`` reads and
validates it, returning ``Entry`` values and located problems (unknown keys with
a "did you mean", missing title, author or publisher, or date, duplicate ids,
values the site could not print as text). ``cite`` parses Pandoc citations
(``[@key]``, ``[@a; @b]``, ``[@key, p. 4]``) and has pandoc's citeproc format them with a CSL
style (``cite.STYLES``). Dates are date-parts (the CSL-JSON schema's form) or quoted strings pandoc reads;
each entry, as CSL-JSON, is also checked against the vendored CSL-JSON schema (``csl-data.json``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from generator import safeyaml
from generator.document.schema import unsafe_text
from generator.errors import InputError, Problem, error, quoted, warning
from generator.fsutil import read_here, read_inside
from generator.project import Project

# The CSL 1.0.2 variables an entry may hold (with CSL's own spelling), and its item types.
NAME_VARIABLES = {"author", "editor", "translator", "collection-editor", "container-author", "interviewer", "recipient",
                  "editorial-director", "illustrator", "original-author", "composer"}
DATE_VARIABLES = {"issued", "accessed", "original-date", "event-date", "submitted"}
TEXT_VARIABLES = {"title", "title-short", "container-title", "container-title-short", "collection-title", "publisher",
                  "publisher-place", "URL", "DOI", "ISBN", "ISSN", "archive", "archive_location", "archive-place", "page",
                  "volume", "issue", "number", "edition", "section", "genre", "medium", "event", "event-place", "language",
                  "note", "abstract", "source", "version", "dimensions", "status", "jurisdiction", "authority",
                  "original-title", "original-publisher", "chapter-number", "collection-number", "number-of-pages"}
KEYS = {"id", "type"} | NAME_VARIABLES | DATE_VARIABLES | TEXT_VARIABLES
TYPES = {"article", "article-journal", "article-magazine", "article-newspaper", "book", "chapter", "dataset", "document",
         "entry", "entry-dictionary", "entry-encyclopedia", "interview", "legal_case", "legislation", "manuscript", "map",
         "motion_picture", "pamphlet", "paper-conference", "personal_communication", "post", "post-weblog", "report",
         "review", "software", "speech", "thesis", "treaty", "webpage", "broadcast", "graphic", "song",
         # the rest of the CSL-JSON schema's (1.0.2) enumeration
         "bill", "classic", "collection", "figure", "hearing", "musical_score", "patent", "performance", "periodical",
         "regulation", "review-book", "standard"}
# The CSL-JSON schema (vendored, MIT: csl-data.NOTICE): what we hand pandoc's citeproc is checked against it, so an
# entry our own rules let through but CSL-JSON does not describe is reported at its line, not mis-formatted.
CSL_SCHEMA_FILE = Path(__file__).with_name("csl-data.json")
KEY_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_:.-]*")
DATE_RE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")
URL_RE = re.compile(r"https?://[^\s<>\"']+")
# CSL's own rich text, which pandoc's citeproc reads in a field: italics, bold, super/subscript, and case kept as
# written (a style that re-cases titles leaves "IS" in <span class="nocase">IS</span> alone). Nothing else.
CSL_MARKUP_RE = re.compile(r'<(?P<tag>i|b|sup|sub)>(?P<a>[^<>]*)</(?P=tag)>|<span class="nocase">(?P<b>[^<>]*)</span>')


def _without_csl_markup(text: str) -> str:
    """``text`` with CSL's rich-text elements (each closed, innermost first) replaced by what they hold."""
    while (stripped := CSL_MARKUP_RE.sub(lambda m: m.group("a") or m.group("b") or "", text)) != text:
        text = stripped
    return text


@dataclass
class Entry:
    """One bibliography entry: its CSL data (dates as date-parts), and where it sits in the file."""

    key: str
    csl: dict[str, Any]
    line: int
    fields: dict[str, int] = field(default_factory=dict)  # key -> line

    @property
    def title(self) -> str:
        return str(self.csl.get("title", ""))


def _date_parts(value: Any) -> dict[str, Any] | None:
    """A CSL date from '2017', '2017-12', '2017-12-10', a YAML date, or CSL's own {date-parts: ...}."""
    if isinstance(value, dt.date):
        return {"date-parts": [[value.year, value.month, value.day]]}
    if isinstance(value, int) and 1000 <= value <= 9999:
        return {"date-parts": [[value]]}
    parts: list[int] | None = None
    if isinstance(value, str) and (match := DATE_RE.fullmatch(value.strip())):
        parts = [int(match.group("y"))] + [int(p) for p in (match.group("m"), match.group("d")) if p]
    elif isinstance(value, dict) and set(value) == {"date-parts"} and isinstance(value["date-parts"], list) \
            and len(value["date-parts"]) == 1:
        first = value["date-parts"][0]
        if isinstance(first, list) and 1 <= len(first) <= 3 and all(isinstance(p, int) and not isinstance(p, bool) for p in first):
            parts = list(first)
    if parts is None:
        return None
    try:  # an impossible date (2017-02-30, month 13) is no date, however it is written
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None
    return {"date-parts": [parts]}


def _names(value: Any) -> list[dict[str, str]] | None:
    """CSL names: a list of {family, given} or {literal}; a plain string reads as one literal name (and is reported:
    ``_plain_names``), anything else as none."""
    if isinstance(value, str) and value.strip():
        return [{"literal": value.strip()}]
    if not isinstance(value, list) or not value:
        return None
    names = []
    for name in value:
        if isinstance(name, str) and name.strip():
            names.append({"literal": name.strip()})
        elif isinstance(name, dict) and set(name) <= {"family", "given", "literal", "suffix", "dropping-particle",
                                                       "non-dropping-particle"} and all(isinstance(v, str) for v in name.values()):
            names.append({k: str(v) for k, v in name.items()})
        else:
            return None
    return names


def _plain_names(value: Any) -> list[str]:
    """The names given as plain strings (``author: Sami Karimi``, ``author: [Sami Karimi]``): CSL-JSON has none."""
    return [value.strip()] if isinstance(value, str) else [n.strip() for n in value if isinstance(n, str)]


def _how_to_write_names(plain: list[str]) -> str:
    """What to say of names written as plain strings: which, and how CSL-YAML writes a person and an organisation."""
    first = plain[0]
    *given, family = first.split()
    person = f"{{family: {family}, given: {' '.join(given)}}}" if given else f"{{family: {family}, given: …}}"
    more = f" (and {len(plain) - 1} more)" if len(plain) > 1 else ""
    return (f"gives {quoted(first, 60)}{more} as a plain string, which CSL-JSON does not read as a name: write a person as"
            f" '- {person}' and an organisation as '- {{literal: {first}}}', one list item per name")


class _YamlDate(str):
    """A date YAML read as a timestamp (unquoted): CSL-JSON has no such type, its dates are strings or date-parts."""


class _MarkedLoader(safeyaml.SAFE_LOADER):  # type: ignore[misc,valid-type]
    """Safe YAML that also records the line of every mapping key (for located problems)."""


def _mapping_with_lines(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping["__lines__"] = {str(k.value): k.start_mark.line + 1 for k, _v in node.value if isinstance(k, yaml.ScalarNode)}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_lines)
# Dates stay text until checked here, so "2017-02-30" is a located problem, not a YAML crash.
_MarkedLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: _YamlDate(loader.construct_scalar(node)))


def _clean(value: Any) -> Any:
    """A value without the line bookkeeping of nested mappings."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if k not in ("__lines__", "__line__")}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _entry(raw: dict[str, Any], shown: str) -> tuple[Entry | None, list[Problem]]:
    lines: dict[str, int] = raw.pop("__lines__", {})
    line: int = raw.pop("__line__", 1)
    raw = _clean(raw)
    problems: list[Problem] = []

    def bad(key: str, message: str, code: str = "bad-source-entry") -> None:
        problems.append(error(shown, lines.get(key, line), 1, message, code))

    key = raw.get("id")
    if not isinstance(key, str) or not KEY_RE.fullmatch(key):
        bad("id", f"an entry needs an 'id' of letters, digits and '_:.-' (the key citations use), not {quoted(key)}")
        return None, problems
    csl: dict[str, Any] = {"id": key, "type": "document"}
    for name, value in raw.items():
        if name == "id":
            continue
        if name not in KEYS:
            close = difflib.get_close_matches(str(name), sorted(KEYS), n=1)
            bad(str(name), f"[{key}] unknown key {quoted(name)}" + (f"; did you mean '{close[0]}'?" if close else " (not a CSL variable)"),
                "unknown-key")
            continue
        if name == "type":
            if value not in TYPES:
                close = difflib.get_close_matches(str(value), sorted(TYPES), n=1)
                bad(name, f"[{key}] unknown CSL type {quoted(value)}" + (f"; did you mean '{close[0]}'?" if close else ""))
            else:
                csl["type"] = value
        elif name in DATE_VARIABLES:
            date = _date_parts(value)
            if date is None:
                bad(name, f"[{key}] '{name}' must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not {quoted(value)}")
            else:
                csl[name] = date
                if isinstance(value, _YamlDate | int):
                    # CSL-JSON has no YAML date or number for a date: written so, the file is not CSL-JSON as it stands.
                    problems.append(warning(shown, lines.get(name, line), 1, f"[{key}] '{name}: {value}' is a YAML"
                                            f" {'date' if isinstance(value, str) else 'number'}, not CSL-JSON: write it"
                                            f" quoted, '{name}: \"{value}\"'", "not-csl-json"))
        elif name in NAME_VARIABLES:
            names = _names(value)
            if names is None:
                bad(name, f"[{key}] '{name}' must be a list of names ({{family, given}} or {{literal}}), not {quoted(value)}")
            else:
                if plain := _plain_names(value):  # read as literal names meanwhile: the entry's other checks still apply
                    bad(name, f"[{key}] '{name}' {_how_to_write_names(plain)}", "not-csl-json")
                csl[name] = names
        else:
            text = str(value) if isinstance(value, str | int | float) and not isinstance(value, bool) else None
            reason = unsafe_text(_without_csl_markup(text)) if text is not None else "must be text"
            if text is None or not text.strip() or reason:
                bad(name, f"[{key}] '{name}' {reason or 'is empty'}")
            elif name in ("URL", "archive_location") and text.startswith(("http", "//")) and not URL_RE.fullmatch(text):
                bad(name, f"[{key}] '{name}' is not an http(s) address: {quoted(text)}")
            else:
                csl[name] = text
    if "title" not in raw:  # (one that is there but unusable is reported above, once)
        bad("id", f"[{key}] an entry needs a 'title'")
    if not any(k in csl for k in ("author", "publisher", "container-title")):
        bad("id", f"[{key}] an entry needs an 'author', a 'publisher' or a 'container-title': who stands behind it")
    if "issued" not in raw:  # (one that is there but no date is reported above, once)
        bad("id", f"[{key}] an entry needs an 'issued' date")
    if not problems:  # the second layer: what pandoc will read is CSL-JSON
        for name, message in schema_problems(csl):
            bad(name, f"[{key}] not valid CSL-JSON at {message}", "not-csl-json")
    return Entry(key, csl, line, lines), problems


@functools.cache
def _csl_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(CSL_SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def schema_problems(csl: dict[str, Any]) -> list[tuple[str, str]]:
    """Where one entry, as CSL-JSON, breaks the CSL-JSON schema: (its top-level key, the schema's message, briefly). Pure."""
    found = []
    for err in sorted(_csl_validator().iter_errors([csl]), key=lambda e: [str(p) for p in e.absolute_path]):
        path = [str(p) for p in list(err.absolute_path)[1:]]
        found.append((path[0] if path else "id", f"{'/'.join(path) or 'the entry'}: {quoted(err.message, 120)}"))
    return found


@dataclass
class Bibliography:
    entries: dict[str, Entry] = field(default_factory=dict)
    path: str = ""

    def __contains__(self, key: object) -> bool:
        return key in self.entries


def parse(text: str, shown: str) -> tuple[Bibliography, list[Problem]]:
    """Parse and validate a bibliography file's text. Pure."""
    bibliography = Bibliography(path=shown)
    try:
        data = safeyaml.load(text, _MarkedLoader)
    except (yaml.YAMLError, ValueError) as exc:
        return bibliography, [safeyaml.problem(exc, shown, "bad-bibliography")]
    if data is None:
        return bibliography, []
    items = data.get("references") if isinstance(data, dict) else data
    if not isinstance(items, list):
        return bibliography, [error(shown, 1, 1, "the bibliography is a list of entries under 'references:'", "bad-bibliography")]
    problems: list[Problem] = []
    for raw in items:
        if not isinstance(raw, dict):
            problems.append(error(shown, 1, 1, "each entry is a mapping (id, type, title, author, issued...)", "bad-bibliography"))
            continue
        entry, found = _entry(dict(raw), shown)
        problems += found
        if entry is None:
            continue
        if entry.key in bibliography.entries:
            problems.append(error(shown, entry.line, 1, f"the id '{entry.key}' is used twice (first on line"
                                  f" {bibliography.entries[entry.key].line})", "duplicate-source-id"))
            continue
        bibliography.entries[entry.key] = entry
    return bibliography, problems


def load(project: Project) -> tuple[Bibliography, list[Problem]]:
    """The project's bibliography (empty if there is none)."""
    path = project.bibliography_file
    try:
        text = read_inside(path, project.docs, project.rel(path), "bad-bibliography").decode("utf-8-sig")
    except FileNotFoundError:
        return Bibliography(path=project.rel(path)), []
    except InputError as exc:
        return Bibliography(path=project.rel(path)), exc.problems
    except (OSError, UnicodeDecodeError) as exc:
        return Bibliography(path=project.rel(path)), [error(project.rel(path), 1, 1, f"cannot read the bibliography: {exc}",
                                                            "bad-bibliography")]
    return parse(text, project.rel(path))


def load_file(path: Path, shown: str) -> Bibliography:
    """The bibliography at ``path``, valid entries only (for rendering: problems are ``readings check``'s to report)."""
    try:
        return parse(read_here(path, shown, "bad-bibliography").decode("utf-8-sig"), shown)[0]
    except (InputError, OSError, UnicodeDecodeError):
        return Bibliography(path=shown)
