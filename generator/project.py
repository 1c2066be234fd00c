"""The project: where everything lives, said once.

A ``Project`` is resolved from a folder holding ``mkdocs.yml``: the docs folder
comes from the configuration's ``docs_dir``; readings, context pages and seeds
sit at fixed places under it and under the root. Every other module asks the
project for a path instead of spelling one, so a renamed folder changes here
only. The project also owns the per-project files: the write lock and the cache.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from generator import safeyaml
from generator.document.schema import unsafe_text
from generator.errors import InputError, Problem, error
from generator.fsutil import MISSING, inside, project_lock

CONFIG_FILE = "mkdocs.yml"
OFFLINE_CONFIG_FILE = "mkdocs.offline.yml"
DOCS_DIR = "docs"  # MkDocs' default, when mkdocs.yml does not say
SITE_DIR = "site"
# A present-tense fact ("is run by", "is active") whose newest source is older than this many years, on the date its
# page vouches for, is warned about unless dated ("as of …"): the default of the readings plugin's stale_after_years.
STALE_AFTER_YEARS = 3
# stale_after_years is bounded: a century covers any desk's horizon, and a bound keeps date arithmetic in range.
STALE_AFTER_YEARS_MAX = 100
READINGS_DIR = "readings"  # under docs/: one page per seed
CONTEXT_DIR = "context"  # under docs/: one page per entity
TOOL_URL = "https://annotated-readings.github.io/annotated-readings/"  # the project's home, named in the fetch User-Agent
SEEDS_DIR = "seeds"  # under the root: the captures, as received
ARCHIVE_DIR = "sources"  # under seeds/: each cited source's archived copy, <key>.warc.gz (readings sources archive)
ARCHIVED_PAGES_DIR = "archived"  # under docs/: the generated readable copy of each archived source, <key>.md
DIST_DIR = "dist"
OVERRIDES_DIR = "overrides"  # the theme's custom_dir: templates, styles and scripts
CONTEXT_INDEX = "index.md"  # the generated index in the context folder
BIBLIOGRAPHY_NAME = "sources.yaml"  # under docs/: the collection's CSL-YAML bibliography (published for download)
BIBLIOGRAPHY_PATH = f"{DOCS_DIR}/{BIBLIOGRAPHY_NAME}"  # as the Markdown extension finds it from the project's root
PEOPLE_NAME = "people.yaml"  # under docs/: who writes and reviews the notes (generator.people; published for download)
MAILMAP_NAME = ".mailmap"  # at the root: the names git gives commits (who committed), which people.yaml maps to entries
CACHE_NAME = ".readings-cache.json"
SERVE_CONFIG_NAME = ".readings-serve.yml"  # written by `readings serve`: the site's configuration for live preview
LOCK_NAME = ".readings.lock"
ANNOTATIONS_DIR = "annotations"  # in the built site: one W3C AnnotationCollection per reading, and our vocabulary
# What a file or folder under docs/ may be called: its name becomes part of addresses the theme prints
# (edit links, canonical and prev/next links), so nothing there can be markup or a quote.
SAFE_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# File extensions, said once: what docs/ may hold (readings check refuses the rest), and what a web server may
# serve as a document that runs script (the built site's scan reads every such file; none may be in docs/).
PAGE_SUFFIX = ".md"
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})
PUBLISHED_SUFFIXES = frozenset({PAGE_SUFFIX, *IMAGE_SUFFIXES})
HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".shtm", ".stm"})  # served as text/html
XML_SUFFIXES = frozenset({".xhtml", ".xht", ".xml", ".svg", ".svgz", ".xsl", ".xslt", ".rss", ".atom", ".rdf", ".mml",
                          ".xsd", ".xbl", ".xul"})  # served as XML, XHTML or SVG: parsed as XML, with namespaces
ARCHIVE_SUFFIXES = frozenset({".mht", ".mhtml", ".hta"})  # web archives and HTML applications: refused unread
MARKUP_SUFFIXES = HTML_SUFFIXES | XML_SUFFIXES | ARCHIVE_SUFFIXES
DRIVE_RE = re.compile(r"^[A-Za-z]:")  # "C:/..." names a disk, not a path in the project


class SourceRefusedError(ValueError):
    """A page's ``source`` that names no seed the tool may read; the message says why."""

    def __init__(self, message: str, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


def unsafe_name(relative: str) -> str | None:
    """The first part of ``relative`` (a path under docs/, with '/') that is not a safe name, or None."""
    return next((part for part in relative.split("/") if not SAFE_NAME_RE.match(part)), None)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for the few keys we need; tags such as ``!ENV`` or ``!!python/name`` read as None."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_multi_constructor("!", _ignore_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def _doc(text: str, *, required: bool = True) -> Any:
    """A configuration field: its documentation, and whether ``readings check --publish`` requires it."""
    return field(default="", metadata={"doc": text, "required": required})


@dataclass(frozen=True)
class PublisherConfig:
    """``extra.publisher`` in mkdocs.yml: who runs the site, who owns and funds it, and how readers reach it.

    The "Who we are" page (``site.policies``) prints every field; the "Report an error" links write to ``contact``.
    These are the disclosures the International Fact-Checking Network's Code of Principles asks of a signatory
    (transparency of funding and organisation). ``readings check --publish`` refuses a site that lacks a required one:
    write only what is true, and leave a field out rather than guess it.
    """

    name: str = _doc("The name of the organisation or group that publishes the site and answers for it.")
    ownership: str = _doc("Who owns or controls the publisher, and its legal form (a company, a charity, an unincorporated"
                          " group of volunteers...).")
    funding: str = _doc("How the site is paid for: its sources of money and what share each gives, or that it has none.")
    contact: str = _doc("An e-mail address readers can write to with questions and error reports (the \"Report an error\""
                        " e-mail links go there).")
    location: str = _doc("Where the publisher is based (a city and country, or a postal address), if it says.", required=False)


PUBLISHER_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(PublisherConfig))
# no "%" (it would smuggle encoded line breaks and headers into the mailto: link), no quoting: a plain address only
EMAIL_RE = re.compile(r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", re.ASCII)
REPOSITORY_RE = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]+)?/[A-Za-z0-9._~/-]*[A-Za-z0-9_~-]", re.ASCII)


def _config_lines(text: str) -> dict[str, int]:
    """The line of each key of mkdocs.yml down to ``extra.publisher.<key>``, by dotted path ("extra.publisher.name")."""
    try:
        root = yaml.compose(text, _ConfigLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}

    def walk(node: yaml.Node | None, prefix: str, depth: int) -> None:
        if not isinstance(node, yaml.MappingNode) or depth > 2:
            return
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                path = f"{prefix}{key.value}"
                lines.setdefault(path, key.start_mark.line + 1)
                if path in ("extra", "extra.publisher") or (depth == 0 and key.value == "extra"):
                    walk(value, f"{path}.", depth + 1)

    walk(root, "", 0)
    return lines


def _option_line(text: str, plugin: str, option: str) -> int:
    """The line of ``plugins: - <plugin>: {<option>: …}`` in mkdocs.yml (1 when it cannot be found)."""
    try:
        root = yaml.compose(text, _ConfigLoader)
    except yaml.YAMLError:
        return 1
    if not isinstance(root, yaml.MappingNode):
        return 1
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "plugins" and isinstance(value, yaml.SequenceNode):
            for entry in value.value:
                if not isinstance(entry, yaml.MappingNode):
                    continue
                for name, options in entry.value:
                    if isinstance(name, yaml.ScalarNode) and name.value == plugin and isinstance(options, yaml.MappingNode):
                        for field, _ in options.value:
                            if isinstance(field, yaml.ScalarNode) and field.value == option:
                                return int(field.start_mark.line) + 1
    return 1


def read_publisher(value: Any, lines: Mapping[str, int], path: str = CONFIG_FILE) -> tuple[PublisherConfig, list[Problem], list[Problem]]:
    """``extra.publisher`` typed: the value, its problems (always errors), and the gaps ``--publish`` refuses.

    ``lines`` maps dotted keys to their line in mkdocs.yml (``_config_lines``). A value that is not what its field
    says is left out and reported; an unknown key is reported with the closest field's name.
    """
    top = lines.get("extra.publisher", lines.get("extra", 1))
    problems: list[Problem] = []
    if value is None:
        value = {}
    if not isinstance(value, dict):
        problems.append(error(path, top, 1, f"'extra.publisher' must be a mapping of {', '.join(PUBLISHER_FIELDS)}, not"
                              f" {value!r}", "config"))
        value = {}
    found: dict[str, str] = {}
    for key, item in value.items():
        where = lines.get(f"extra.publisher.{key}", top)
        if key not in PUBLISHER_FIELDS:
            close = difflib.get_close_matches(str(key), PUBLISHER_FIELDS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append(error(path, where, 1, f"unknown key '{key}' in 'extra.publisher'{hint} (its keys:"
                                  f" {', '.join(PUBLISHER_FIELDS)})", "unknown-key"))
            continue
        if not isinstance(item, str) or not item.strip():
            problems.append(error(path, where, 1, f"'extra.publisher.{key}' must be a non-empty string, not {item!r}", "config"))
            continue
        text = " ".join(item.split())
        if reason := unsafe_text(text):
            problems.append(error(path, where, 1, f"'extra.publisher.{key}' {reason}", "config"))
            continue
        if key == "contact" and not EMAIL_RE.fullmatch(text):
            problems.append(error(path, where, 1, f"'extra.publisher.contact' must be an e-mail address (name@example.org:"
                                  f" letters, digits and . _ + - before the @), not {text!r}", "config"))
            continue
        found[str(key)] = text
    gaps = [error(path, top, 1, f"'extra.publisher.{f.name}' is missing: {f.metadata['doc']} Readers are told who runs a"
                  " fact-checking site before they trust it: write only what is true", "publisher-disclosure")
            for f in fields(PublisherConfig) if f.metadata["required"] and f.name not in found]
    return PublisherConfig(**found), problems, gaps


@dataclass(frozen=True)
class SiteConfig:
    """What the generator reads from ``mkdocs.yml`` (MkDocs itself reads the rest)."""

    docs_dir: str = DOCS_DIR
    site_dir: str = SITE_DIR
    site_name: str = "site"
    site_url: str = ""
    language: str = "en"  # theme.language: the site's language, for what has none of its own
    content_security_policy: str = ""  # extra.content_security_policy: the policy every page carries
    markdown_extensions: tuple[tuple[str, dict[str, Any]], ...] = ()  # (name, options), as MkDocs will load them
    # extra.repository: the repository's web address (https://github.com/owner/name), said once. The notes' dates link
    # to its commits, and each "Report an error" link opens its issue form (.github/ISSUE_TEMPLATE/report-an-error.yml).
    repository: str = ""
    publisher: PublisherConfig = PublisherConfig()  # extra.publisher: see PublisherConfig
    problems: tuple[Problem, ...] = ()  # what is wrong in extra.publisher and extra.repository: readings check reports it
    publish_gaps: tuple[Problem, ...] = ()  # the disclosures extra.publisher lacks: readings check --publish refuses them
    # plugins: - readings: {stale_after_years: N}: a present-tense fact whose sources are all older than this, on the
    # date its page vouches for, is warned about by ``readings check`` (``checks.desk``); the plugin declares the option
    stale_after_years: int = STALE_AFTER_YEARS

    @classmethod
    def read(cls, path: Path) -> SiteConfig:
        try:
            source = path.read_text(encoding="utf-8")
            data: Any = safeyaml.load(source, _ConfigLoader)
        except FileNotFoundError:
            return cls()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise InputError(error(path.name, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
                                   f"the site configuration is not valid YAML: {exc.problem or exc.context}", "config")) from exc
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise InputError(error(path.name, 1, 1, f"cannot read the site configuration: {' '.join(str(exc).split())}",
                                   "config")) from exc
        if not isinstance(data, dict):
            return cls()

        def text(key: str, default: str) -> str:
            value = data.get(key)
            return value.strip() if isinstance(value, str) and value.strip() else default

        extra = data.get("extra")
        policy = extra.get("content_security_policy") if isinstance(extra, dict) else None
        extensions: list[tuple[str, dict[str, Any]]] = []
        for entry in data.get("markdown_extensions") or []:
            if isinstance(entry, str):
                extensions.append((entry, {}))
            elif isinstance(entry, dict) and len(entry) == 1:
                name, options = next(iter(entry.items()))
                extensions.append((str(name), dict(options) if isinstance(options, dict) else {}))
        stale = STALE_AFTER_YEARS
        for entry in data.get("plugins") or []:
            options = entry.get("readings") if isinstance(entry, dict) else None
            if isinstance(options, dict) and "stale_after_years" in options:
                stale = options["stale_after_years"]
                if isinstance(stale, bool) or not isinstance(stale, int) or not 1 <= stale <= STALE_AFTER_YEARS_MAX:
                    shown = repr(stale) if len(repr(stale)) <= 40 else repr(stale)[:40] + "…"
                    raise InputError(error(path.name, _option_line(source, "readings", "stale_after_years"), 1,
                                           "plugins: readings: stale_after_years must be a whole number of years from 1"
                                           f" to {STALE_AFTER_YEARS_MAX}, not {shown}", "config"))
        theme = data.get("theme")
        language = theme.get("language") if isinstance(theme, dict) else None
        lines = _config_lines(source)
        publisher, problems, gaps = read_publisher(extra.get("publisher") if isinstance(extra, dict) else None, lines, path.name)
        repository = extra.get("repository") if isinstance(extra, dict) else None
        if repository is not None and not (isinstance(repository, str) and REPOSITORY_RE.fullmatch(repository.strip().rstrip("/"))):
            problems.append(error(path.name, lines.get("extra.repository", 1), 1, "'extra.repository' must be the repository's"
                                  f" https address (https://github.com/owner/name), not {repository!r}", "config"))
            repository = None
        return cls(text("docs_dir", DOCS_DIR), text("site_dir", SITE_DIR), text("site_name", "site"), text("site_url", ""),
                   language.strip() if isinstance(language, str) and re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", language.strip()) else "en",
                   " ".join(policy.split()) if isinstance(policy, str) else "", tuple(extensions),
                   repository.strip().rstrip("/") if isinstance(repository, str) else "", publisher, tuple(problems), tuple(gaps),
                   stale)


@dataclass(frozen=True)
class Project:
    """A project folder and the places in it."""

    root: Path
    config: SiteConfig

    @classmethod
    def at(cls, root: Path) -> Project:
        root = root.resolve()
        project = cls(root, SiteConfig.read(root / CONFIG_FILE))
        if not project.docs.is_relative_to(root):
            raise InputError(error(CONFIG_FILE, 1, 1, f"docs_dir '{project.config.docs_dir}' is outside the project: the"
                                   " generator writes pages there, so it must be a folder inside it", "config"))
        return project

    # --- places -------------------------------------------------------------
    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def serve_config_file(self) -> Path:
        return self.root / SERVE_CONFIG_NAME

    @property
    def offline_config_file(self) -> Path:
        return self.root / OFFLINE_CONFIG_FILE

    @property
    def docs(self) -> Path:
        return (self.root / self.config.docs_dir).resolve()

    @property
    def readings(self) -> Path:
        return self.docs / READINGS_DIR

    @property
    def context(self) -> Path:
        return self.docs / CONTEXT_DIR

    @property
    def seeds(self) -> Path:
        return self.root / SEEDS_DIR

    @property
    def archives(self) -> Path:
        return self.seeds / ARCHIVE_DIR

    @property
    def overrides(self) -> Path:
        return self.root / OVERRIDES_DIR

    @property
    def site_dir(self) -> Path:
        return self.root / self.config.site_dir

    @property
    def bibliography_file(self) -> Path:
        return self.docs / BIBLIOGRAPHY_NAME

    @property
    def people_file(self) -> Path:
        return self.docs / PEOPLE_NAME

    @property
    def mailmap_file(self) -> Path:
        return self.root / MAILMAP_NAME

    @property
    def dist(self) -> Path:
        return self.root / DIST_DIR

    @property
    def cache_file(self) -> Path:
        return self.root / CACHE_NAME

    @property
    def lock_file(self) -> Path:
        return self.root / LOCK_NAME

    def reading_path(self, slug: str) -> Path:
        return self.readings / f"{slug}.md"

    def reading_url(self, slug: str) -> str:
        """The reading's address on the published site (``site_url`` from mkdocs.yml), or "" when none is set."""
        base = self.config.site_url
        return f"{base.rstrip('/')}/{READINGS_DIR}/{slug}/" if base else ""

    def site_url(self, path: str) -> str:
        """A path of the built site (``annotations/x.jsonld``) on the published site, or "" when none is set."""
        base = self.config.site_url
        return f"{base.rstrip('/')}/{path}" if base else ""

    def context_path(self, slug: str) -> Path:
        return self.context / f"{slug}.md"

    # --- listings of files ---------------------------------------------------
    def reading_paths(self) -> list[Path]:
        """Every reading page, in name order."""
        return sorted(self.readings.glob("*.md"))

    def context_paths(self) -> list[Path]:
        """Every context page (not the generated index), in name order."""
        return sorted(p for p in self.context.glob("*.md") if p.name != CONTEXT_INDEX)

    def is_reading(self, path: Path) -> bool:
        return path.resolve().parent == self.readings

    def is_context(self, path: Path) -> bool:
        return path.resolve().parent == self.context and path.name != CONTEXT_INDEX

    # --- reading project data ---------------------------------------------------
    def seed_file(self, source: str) -> Path:
        """The seed a page's ``source`` names (a path relative to the root, as pages store it), or ``SourceRefusedError``.

        Only a regular file inside the seeds folder qualifies: no absolute path, drive or ``..``, no symbolic link
        on the way (``fsutil.inside``), no FIFO or device, nothing over the size cap. ``missing`` says the name was
        fine but no file has it.
        """
        if (not source or source.startswith(("/", "\\")) or ".." in source.replace("\\", "/").split("/")
                or DRIVE_RE.match(source) or "\0" in source):
            raise SourceRefusedError(f"'source' must name a seed in {SEEDS_DIR}/ (a path relative to the project), not {source!r}")
        path = self.root / source
        why = inside(path, self.seeds)
        if why == MISSING:
            raise SourceRefusedError(f"the seed '{source}' does not exist", missing=True)
        if why:
            raise SourceRefusedError(f"'source' must name a seed in {SEEDS_DIR}/, and {source!r} may not be read: {why}")
        return path

    # --- names ------------------------------------------------------------------
    def rel(self, path: Path) -> str:
        """``path`` as shown in messages and stored in pages: relative to the root, with '/' (absolute if outside)."""
        resolved = path.resolve() if not path.is_symlink() else path.absolute()
        try:
            return resolved.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def docs_rel(self, path: Path) -> str:
        """``path`` relative to the docs folder, with '/'."""
        return path.resolve().relative_to(self.docs).as_posix()

    # --- per-project files ----------------------------------------------------
    @contextmanager
    def lock(self, wait: float, on_wait: Callable[[], None]) -> Iterator[None]:
        """Hold the project's write lock (see ``fsutil.project_lock``)."""
        with project_lock(self.lock_file, wait, on_wait):
            yield
