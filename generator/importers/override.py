"""Extraction overrides: a contributor's fix for a bad extraction of one web page, kept beside its seed.

When the extractor takes boilerplate for article text, or misses a paragraph,
the fix is not an edit of the article text (which must stay what the seed
gives) but ``seeds/<seed file name>.extraction.yaml``::

    reason: The extractor kept the newsletter sign-up box as the last paragraph.
    exclude: [".newsletter"]         # CSS selectors removed before extraction
    include: ["article .story"]      # CSS selectors: the article is only what they match
    starts_with: The harbour reopened  # the article's first words (a paragraph's start)
    ends_with: a week's sales.         # the article's last words (a paragraph's end)

``load_seed`` reads it and the HTML importer applies it on every import and
re-import; the page gets a ``capture`` note saying so, and what it removed goes
to "Removed from the capture" like everything else the import leaves out. An
override that no longer matches the page is an error at its line, so
``readings check`` (which re-imports every seed) sees it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import safeyaml
from generator.errors import InputError, Problem, error, quoted
from generator.fsutil import read_inside

OVERRIDE_SUFFIX = ".extraction.yaml"
KEYS = ("reason", "include", "exclude", "starts_with", "ends_with")


@dataclass(frozen=True)
class ExtractionOverride:
    """How to extract the article from one page, when the extractor alone gets it wrong."""

    path: str  #: the override file, as shown in messages
    reason: str  #: Why the extraction needed a fix, in one sentence: shown to readers in the capture note.
    include: tuple[str, ...] = ()  #: CSS selectors: only the elements they match (in page order) hold the article.
    exclude: tuple[str, ...] = ()  #: CSS selectors: elements removed from the page before the article is extracted.
    starts_with: str = ""  #: The article's first words: paragraphs before the one that starts with them are left out.
    ends_with: str = ""  #: The article's last words: paragraphs after the one that ends with them are left out.
    lines: dict[str, int] = field(default_factory=dict, compare=False)  #: each key's line, for messages

    def at(self, key: str, message: str, code: str = "stale-override") -> Problem:
        return error(self.path, self.lines.get(key, 1), 1, message, code)


def override_path(seed: Path) -> Path:
    return seed.with_name(seed.name + OVERRIDE_SUFFIX)


def is_override(path: Path) -> bool:
    return path.name.endswith(OVERRIDE_SUFFIX)


def _strings(value: object) -> tuple[str, ...] | None:
    if isinstance(value, str) and value.strip():
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(value)
    return None


def parse(text: str, shown: str) -> ExtractionOverride:
    """An override from its YAML; every problem is an ``InputError`` at its line."""
    try:
        node, data = safeyaml.load_node(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError(error(shown, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
                               f"the extraction override is not valid YAML: {exc.problem or exc}", "bad-override")) from exc
    except (yaml.YAMLError, ValueError) as exc:
        raise InputError(error(shown, 1, 1, f"the extraction override is not valid YAML: {exc}", "bad-override")) from exc
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise InputError(error(shown, 1, 1, "the extraction override must be a mapping of keys to values", "bad-override"))
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    problems: list[Problem] = []
    for key in data:
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            problems.append(error(shown, lines.get(str(key), 1), 1, f"unknown key {quoted(key)} in the extraction override"
                                  + (f" (did you mean {close[0]!r}?)" if close else ""), "bad-override"))
    reason = data.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        problems.append(error(shown, lines.get("reason", 1), 1, "the extraction override needs a 'reason': one sentence saying"
                              " what the extractor got wrong (readers see it)", "bad-override"))
    values: dict[str, tuple[str, ...]] = {}
    for key in ("include", "exclude"):
        if key in data:
            found = _strings(data[key])
            if found is None:
                problems.append(error(shown, lines.get(key, 1), 1, f"'{key}' must be a CSS selector or a list of them", "bad-override"))
            else:
                values[key] = found
    quotes: dict[str, str] = {}
    for key in ("starts_with", "ends_with"):
        if key in data:
            if not isinstance(data[key], str) or not data[key].strip():
                problems.append(error(shown, lines.get(key, 1), 1, f"'{key}' must be the article's words, as text", "bad-override"))
            else:
                quotes[key] = " ".join(data[key].split())
    if not values and not quotes and not problems:
        problems.append(error(shown, 1, 1, "the extraction override changes nothing: give include, exclude, starts_with or"
                              " ends_with", "bad-override"))
    if problems:
        raise InputError(problems)
    return ExtractionOverride(shown, " ".join(str(reason).split()), values.get("include", ()), values.get("exclude", ()),
                              quotes.get("starts_with", ""), quotes.get("ends_with", ""), lines)


OVERRIDE_MAX_BYTES = 1024 * 1024  # a few selectors and quotes


def load(seed: Path, shown: str, within: Path) -> ExtractionOverride | None:
    """The override beside ``seed``, or None; read only from inside the folder ``within`` (``fsutil.read_inside``)."""
    try:
        text = read_inside(override_path(seed), within, shown + OVERRIDE_SUFFIX, "bad-override",
                           limit=OVERRIDE_MAX_BYTES).decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(error(shown + OVERRIDE_SUFFIX, 1, 1, f"cannot read the extraction override: {exc}", "bad-override")) from exc
    return parse(text, shown + OVERRIDE_SUFFIX)


def apply_selectors(text: str, override: ExtractionOverride) -> str:
    """The page with ``exclude`` removed and, with ``include``, only what it matches left in the body."""
    if not override.include and not override.exclude:
        return text
    from cssselect import SelectorError
    from lxml import etree
    from lxml import html as lxml_html

    try:
        doc = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(override.at("include", f"the page cannot be parsed to apply the override: {exc}")) from exc
    problems: list[Problem] = []

    def select(key: str, selector: str) -> list[etree._Element]:
        try:
            found: list[etree._Element] = doc.cssselect(selector)
        except SelectorError as exc:
            problems.append(override.at(key, f"{quoted(selector)} is not a valid CSS selector: {exc}", "bad-override"))
            return []
        if not found:
            problems.append(override.at(key, f"{quoted(selector)} no longer matches anything in the page: update the override"))
        return found

    page = {"html", "head", "body"}  # the page itself: excluding it leaves nothing; including it changes nothing
    for selector in override.exclude:
        for element in select("exclude", selector):
            if element.tag in page:
                problems.append(override.at("exclude", f"{quoted(selector)} matches the whole page (<{element.tag}>): exclude"
                                            " the parts that are not the article", "bad-override"))
            elif element.getparent() is not None:
                element.drop_tree()
    if override.include:
        order = {element: number for number, element in enumerate(doc.iter())}
        chosen = [e for selector in override.include for e in select("include", selector)]
        chosen = sorted(dict.fromkeys(chosen), key=lambda e: order.get(e, 0))
        outermost = [e for e in chosen if not any(a in chosen for a in e.iterancestors())]
        body = doc.find("body")
        if any(e.tag in page for e in outermost):
            outermost = []  # the whole page is the article: nothing to narrow
        if body is not None and outermost and not problems:
            for child in list(body):
                body.remove(child)
            body.text = None
            for element in outermost:
                element.tail = None
                body.append(element)
    if problems:
        raise InputError(problems)
    return str(lxml_html.tostring(doc, encoding="unicode"))


def _plain(text: str) -> str:
    return " ".join(text.split())


def trim(paragraphs: list[str], plain: list[str], override: ExtractionOverride) -> tuple[int, int]:
    """The range of paragraphs that are the article, by ``starts_with`` and ``ends_with`` (compared as plain text)."""
    start, end = 0, len(paragraphs)
    problems: list[Problem] = []
    if override.starts_with:
        found = [i for i, p in enumerate(plain) if _plain(p).startswith(override.starts_with)]
        if not found:
            problems.append(override.at("starts_with", f"no paragraph of the extracted article starts with “{override.starts_with}”"
                                        " any more: update the override"))
        else:
            start = found[0]
    if override.ends_with:
        found = [i + 1 for i, p in enumerate(plain) if i >= start and _plain(p).endswith(override.ends_with)]
        # The first paragraph after the start that ends so: the article ends where it first says those words.
        if not found:
            problems.append(override.at("ends_with", f"no paragraph of the extracted article ends with “{override.ends_with}”"
                                        " any more: update the override"))
        else:
            end = found[0]
    if problems:
        raise InputError(problems)
    return start, end



def as_front_matter(fix: ExtractionOverride) -> dict[str, object]:
    """What a page records of the override it was made with (``extraction_override``)."""
    data: dict[str, object] = {"file": fix.path, "reason": fix.reason}
    for key in ("include", "exclude"):
        if getattr(fix, key):
            data[key] = list(getattr(fix, key))
    for key in ("starts_with", "ends_with"):
        if getattr(fix, key):
            data[key] = getattr(fix, key)
    return data


def from_front_matter(data: dict[str, object]) -> ExtractionOverride | None:
    """The override a page records, or None if it records none (or something that is not one)."""
    if not data:
        return None
    try:
        return parse(yaml.safe_dump({k: v for k, v in data.items() if k != "file"}), str(data.get("file", "")))
    except InputError:
        return None
