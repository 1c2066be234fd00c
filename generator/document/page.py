"""Pages as files: a Markdown page in ``docs/`` is YAML front-matter plus a body.

``read_page``/``parse_page`` split a file into a ``Page`` (the front-matter as a
mapping, the body, and where each key sits, so every problem keeps its line
number); ``schema.load`` then types the mapping. ``dump`` writes a page back:
front-matter through python-frontmatter's YAML handler, in declared key order.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from generator import safeyaml
from generator.document import schema
from generator.errors import InputError, Problem, error
from generator.fsutil import read_here

_HANDLER = YAMLHandler()
WIDTH = 1 << 30  # never fold long values: one value, one line, readable diffs
LIST_ITEM_RE = re.compile(r"^( *)- ")  # "- item" (or "  - item") of a list under a top-level key
NESTED_KEY_RE = re.compile(r"^( +)['\"]?([^\s:'\"#-][^:'\"]*)['\"]?:(?:\s|$)")  # "  key:" under a top-level key


@dataclass
class Page:
    """A page file split in two; ``meta`` is the front-matter as YAML gave it (see ``schema.load`` for typed values)."""

    path: str  # as shown in messages
    meta: dict[str, Any]
    body: str
    body_line: int  # number of file lines before the body
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level keys, and "parent.key" one level under them
    front_matter_text: str = ""  # the front-matter as written (comments included)

    def typed(self, cls: type[schema.Meta]) -> tuple[schema.Meta, list[Problem]]:
        """The front-matter as ``cls`` (``ReadingMeta`` or ``EntityMeta``), and its problems."""
        return schema.load(cls, self.meta, self.path, self.key_lines)


def split(text: str, path: str) -> tuple[str | None, str, int]:
    """Return (front-matter YAML or None, body, lines before the body)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 1
    raise InputError(error(path, 1, 1, "front-matter opened with '---' is never closed", "front-matter"))


MAX_FRONT_MATTER = 256 * 1024


def _check_size(fm: str, path: str) -> None:
    """Refuse front-matter too large to be a page's metadata before PyYAML reads it (aliases: ``safeyaml``)."""
    if len(fm) > MAX_FRONT_MATTER:
        raise InputError(error(path, 2, 1, f"front-matter is over {MAX_FRONT_MATTER // 1024} KB", "front-matter"))


def parse_page(text: str, path: str) -> Page:
    fm, body, body_line = split(text, path)
    meta: Any = {}
    if fm is not None:
        _check_size(fm, path)
        try:
            meta = safeyaml.load(fm) or {}
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            row = (mark.line + 2) if mark else 1
            col = (mark.column + 1) if mark else 1
            what = "front-matter: " if isinstance(exc, safeyaml.YAMLBudgetError) else "front-matter is not valid YAML: "
            raise InputError(error(path, row, col, f"{what}{exc.problem or exc}", "front-matter")) from exc
        except yaml.YAMLError as exc:
            raise InputError(error(path, 1, 1, f"front-matter is not valid YAML: {exc}", "front-matter")) from exc
        except (ValueError, OverflowError) as exc:
            # PyYAML builds dates itself: "2017-02-30" or a year 0 raise here, not as YAML errors.
            raise InputError(error(path, _value_line(fm, str(exc)), 1, f"front-matter holds an impossible value: {exc}",
                                   "front-matter")) from exc
        if not isinstance(meta, dict):
            raise InputError(error(path, 2, 1, "front-matter must be a mapping of keys to values", "front-matter"))
    key_lines: dict[str, int] = {}
    if fm is not None:
        parent, indent = "", ""
        items: dict[str, int] = {}
        dash: str | None = None
        for number, text_line in enumerate(fm.split("\n"), start=2):
            if parent and (item := LIST_ITEM_RE.match(text_line)) and dash in (None, item.group(1)):
                # An item of a list under a top-level key, as "parent.<n>" (0-based): a bad correction is reported at
                # its own line.
                dash = item.group(1)
                key_lines.setdefault(f"{parent}.{items.get(parent, 0)}", number)
                items[parent] = items.get(parent, 0) + 1
                continue
            if text_line and not text_line[0].isspace() and ":" in text_line and not text_line.startswith(("-", "#")):
                dash = None
                key = text_line.split(":", 1)[0].strip().strip("'\"")
                if key in key_lines and key in meta:
                    raise InputError(error(path, number, 1, f"the key '{key}' appears twice (first on line {key_lines[key]}):"
                                           " YAML would keep only the last one", "front-matter"))
                key_lines.setdefault(key, number)
                parent, indent = key, ""
            elif parent and (child := NESTED_KEY_RE.match(text_line)) and indent in ("", child.group(1)):
                # A key one level under a top-level key, as "parent.key": a problem with one entry (a rating) is
                # reported at its own line.
                indent = child.group(1)
                key_lines.setdefault(f"{parent}.{child.group(2)}", number)
    return Page(path, meta, body, body_line, key_lines, fm or "")


def _value_line(fm: str, _message: str) -> int:
    """The first line of ``fm`` holding a date-like value that is not a real date (for the error's location)."""
    for number, line in enumerate(fm.split("\n"), start=2):
        match = re.search(r"(?<![\w.])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w])", line)
        if match:
            try:
                dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                return number
    return 2


def read_page(path: Path, shown: str) -> Page:
    """The page at ``path``: a regular file, not a link (``fsutil.read_inside``), valid UTF-8 with front-matter."""
    try:
        data = read_here(path, shown, "unreadable")
    except OSError as exc:
        raise InputError(error(shown, 1, 1, f"cannot read the file: {exc.strerror}", "unreadable")) from exc
    if not data.strip():
        raise InputError(error(shown, 1, 1, "the file is empty", "empty-page"))
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark, which some editors add, is not part of the text
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(error(shown, line, 1, "not valid UTF-8: save the file as UTF-8", "encoding")) from exc
    return parse_page(text.replace("\r\n", "\n").replace("\r", "\n"), shown)  # Windows and old Mac line ends


def dump(meta: schema.ReadingMeta | schema.EntityMeta | dict[str, Any], body: str) -> str:
    """A page's text: front-matter in declared key order, then the body; one final newline."""
    mapping = meta if isinstance(meta, dict) else schema.dump(meta)
    fm = _HANDLER.export(mapping, sort_keys=False, width=WIDTH)
    return f"---\n{fm}\n---\n\n{body.strip(chr(10))}\n"
