"""Render a page's Markdown as the site will, minus the sanitiser: what ``checks.html`` scans in its third pass."""

from __future__ import annotations

import logging
from typing import Any

import markdown

from generator.project import Project

MDEXT = "generator.site.mdext"


# The extension's warnings are MkDocs' build warnings; check reports the same problems itself, located.
logging.getLogger("mkdocs.extensions.readings").addHandler(logging.NullHandler())


class Renderer:
    """One Markdown instance configured from mkdocs.yml's ``markdown_extensions``, reused page after page."""

    def __init__(self, project: Project) -> None:
        names: list[str] = []
        configs: dict[str, dict[str, Any]] = {}
        for name, options in project.config.markdown_extensions:
            names.append(name)
            configs[name] = dict(options)
        if MDEXT not in names:
            names.append(MDEXT)
        configs[MDEXT] = {**configs.get(MDEXT, {}), "sanitize": False, "bibliography": str(project.bibliography_file)}
        self.md = markdown.Markdown(extensions=names, extension_configs=configs)

    def render(self, body: str) -> str:
        self.md.reset()
        return self.md.convert(body)
