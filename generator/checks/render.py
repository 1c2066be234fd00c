"""Render a page's Markdown as the site will: without the sanitiser, what ``checks.html`` scans in its third pass; with
it (``sanitize=True``), the page's HTML exactly as the site publishes it, which the EPUB builder turns into a book."""

from __future__ import annotations

import logging
from typing import Any

import markdown

from generator.bibliography.cite import EXTENSION as MDEXT
from generator.project import Project

# The extension's warnings are MkDocs' build warnings (``--strict`` fails on them): check reports the same problems
# itself, located, and keeps those of the last render (``warnings``) for what its own rules did not see.
LOG = logging.getLogger("mkdocs.extensions.readings")
LOG.addHandler(logging.NullHandler())


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class Renderer:
    """One Markdown instance configured from mkdocs.yml's ``markdown_extensions``, reused page after page."""

    def __init__(self, project: Project, sanitize: bool = False) -> None:
        names: list[str] = []
        configs: dict[str, dict[str, Any]] = {}
        for name, options in project.config.markdown_extensions:
            names.append(name)
            configs[name] = dict(options)
        if MDEXT not in names:
            names.append(MDEXT)
        configs[MDEXT] = {**configs.get(MDEXT, {}), "sanitize": sanitize, "bibliography": str(project.bibliography_file)}
        self.md = markdown.Markdown(extensions=names, extension_configs=configs)
        self.warnings: list[str] = []  # what the last render warned of

    def render(self, body: str) -> str:
        self.md.reset()
        collect = _Collect()
        LOG.addHandler(collect)
        try:
            return self.md.convert(body)
        finally:
            LOG.removeHandler(collect)
            self.warnings = collect.messages
