"""The desk: who writes and reviews the notes, declared once in ``docs/people.yaml``.

Data flow: ``docs/people.yaml`` (a mapping of ids to entries, ``Person``'s fields) --``parse`` (hardened YAML,
``safeyaml``; every problem one located line)--> ``People`` (valid entries only, in file order) -->

- ``readings check``: a reading's ``review.by`` names entries by id (``reviewer_problems``); ``check --publish``
  wants at least one, and warns when only teams signed (``checks.sourcing.review_problems``);
- the site: the generated "Editors and reviewers" page (``site.people``), one section per entry with the anchor
  ``anchor(id)``; the review line of a reading and each note's "Added by …" (git's ``%aN``, mapped through
  ``.mailmap``: an entry's ``git`` list says which of those names are this entry) link to it;
- the published data: ClaimReview's ``author`` (``schema_org``) and the W3C export's annotation and body
  ``creator`` (``w3c_agent``).

The rule for ``review.by``: each item is the id of an entry of ``docs/people.yaml`` (its ``name`` is what readers
see). A project without the file keeps free names (shown as text, linked to nothing); ``check --publish`` then
asks for the file. ``.mailmap`` stays the one source of who committed: this file only says who a git name is.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator import safeyaml
from generator.document.addresses import WEB_SCHEMES, malformed_web_address, scheme
from generator.document.schema import unsafe_text
from generator.document.schemes import lowercase_scheme
from generator.errors import InputError, Problem, error, quoted, warning
from generator.fsutil import read_inside
from generator.project import Project

PEOPLE_PAGE = "people.md"  # under docs/: the generated "Editors and reviewers" page
PERSON_TYPES = ("person", "team")
ID_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?")  # the entry's id: part of its anchor on the people page
ORCID_RE = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")
URL_RE = re.compile(r"https?://[^\s<>\"'`]+")  # nothing that could end an attribute or start markup
STR_TAG = "tag:yaml.org,2002:str"
BIO_MAX = 600  # characters: a short bio; a longer one is warned about
ORCID_BASE = "https://orcid.org/"


@dataclass(frozen=True)
class Person:
    """One entry of ``docs/people.yaml``: someone (or a team) who writes or reviews notes."""

    id: str
    """The key the entry is filed under: what a reading's ``review.by`` names, and the entry's anchor
    (``person-<id>``) on the people page. Lowercase letters, digits and '-'."""
    name: str
    """The name readers see, as the person (or team) wants to be named. Required."""
    role: str
    """What they do at the desk, in a few words ("editor", "reviewer", "editorial desk"). Required."""
    type: str = "person"
    """``person`` (the default) or ``team``: a team is published as an Organization, a person as a Person; a
    reading signed only by teams is warned about by ``readings check --publish``."""
    bio: str = ""
    """A short biography: what is true and relevant to their work here (``BIO_MAX`` characters or fewer)."""
    orcid: str = ""
    """An ORCID iD, written 0000-0000-0000-000X (its check digit is verified); linked as https://orcid.org/<iD>."""
    url: str = ""
    """A web page of theirs: an http(s) address only."""
    git: tuple[str, ...] = ()
    """The names git gives their commits (``git log --format=%aN``, as ``.mailmap`` maps them): the notes they
    added link to this entry."""
    line: int = field(default=1, compare=False)
    """Where the entry starts in the file (for located problems)."""

    @property
    def anchor(self) -> str:
        return anchor(self.id)

    @property
    def orcid_url(self) -> str:
        return f"{ORCID_BASE}{self.orcid}" if self.orcid else ""

    @property
    def same_as(self) -> list[str]:
        """Other addresses that name the same person: the ORCID record, their own page."""
        return [u for u in (self.orcid_url, self.url) if u]

    @property
    def is_team(self) -> bool:
        return self.type == "team"


FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Person) if f.name not in ("id", "line"))
REQUIRED = {"name": "the name readers see", "role": "what they do at the desk, in a few words"}  # and what a message says of each


def anchor(ident: str) -> str:
    """An entry's anchor on the people page."""
    return f"person-{ident}"


def orcid_checksum_ok(orcid: str) -> bool:
    """ISO 7064 MOD 11-2 over the first 15 digits, as ORCID computes its check digit ("X" stands for 10)."""
    digits = orcid.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def web_url_problem(value: str) -> str | None:
    """Why ``value`` is not an address a person's link may carry (http or https, written "scheme://host"), or None."""
    if scheme(value) not in WEB_SCHEMES:
        return f"must be an http(s) address, not {quoted(value)} (other schemes, javascript: among them, are refused)"
    if malformed_web_address(value) or not URL_RE.fullmatch(value):
        return f"is not a well-formed http(s) address: {quoted(value)} (write https://host/path, without spaces or quotes)"
    return None


@dataclass
class People:
    """The valid entries of ``docs/people.yaml``, in file order, and where the file is."""

    entries: dict[str, Person] = field(default_factory=dict)
    path: str = ""
    present: bool = False  # whether the project has the file (without it, review.by holds free names)

    def __contains__(self, ident: object) -> bool:
        return ident in self.entries

    def get(self, ident: str) -> Person | None:
        return self.entries.get(ident)

    def by_git_name(self) -> dict[str, Person]:
        """Each git name (``%aN``) an entry claims -> that entry."""
        return {name: person for person in self.entries.values() for name in person.git}

    def suggestion(self, given: str) -> str:
        """A "did you mean" for a name that is no id: the id of the entry with that exact name, else the closest id."""
        for person in self.entries.values():
            if given.strip().casefold() == person.name.casefold():
                return f"; did you mean '{person.id}' (the id of {quoted(person.name)})?"
        close = difflib.get_close_matches(given, list(self.entries), n=1)
        return f"; did you mean '{close[0]}'?" if close else ""


# --- reading the file --------------------------------------------------------------------------------------------------


def _scalar_line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _entry(ident: str, node: yaml.Node, value: Any, key_line: int, shown: str,
           mailmap: frozenset[str] | None) -> tuple[Person | None, list[Problem]]:
    """One entry: its valid fields, and one located problem for each that is not."""
    problems: list[Problem] = []
    if not isinstance(node, yaml.MappingNode) or not isinstance(value, dict):
        return None, [error(shown, key_line, 1, f"[{ident}] an entry is a mapping of {', '.join(FIELDS)}, not"
                            f" {quoted(value)}", "bad-person")]
    lines: dict[str, int] = {}
    kept: dict[str, Any] = {}

    def bad(key: str, message: str, code: str = "bad-person") -> None:
        problems.append(error(shown, lines.get(key, key_line), 1, f"[{ident}] {message}", code))

    for key_node, _value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            if str(key_node.value) in lines:  # YAML would keep the last silently
                problems.append(error(shown, _scalar_line(key_node), 1, f"[{ident}] the key {quoted(key_node.value)} appears"
                                      f" twice (first on line {lines[str(key_node.value)]}): YAML would keep only the last",
                                      "duplicate-key"))
            lines.setdefault(str(key_node.value), _scalar_line(key_node))

    for key, item in value.items():
        if key not in FIELDS:
            close = difflib.get_close_matches(str(key), FIELDS, n=1)
            bad(str(key), f"unknown key {quoted(key)}" + (f"; did you mean '{close[0]}'?" if close else
                                                        f" (an entry has {', '.join(FIELDS)})"), "unknown-key")
            continue
        if key == "git":
            names = item if isinstance(item, list) else None
            if names is None or not all(isinstance(n, str) and n.strip() for n in names):
                bad(key, f"'git' must be a list of names as git gives them (.mailmap), not {quoted(item)}")
                continue
            reasons = [r for n in names if (r := unsafe_text(n))]
            if reasons:
                bad(key, f"'git' {reasons[0]}", "unsafe-front-matter")
                continue
            for name in names:
                if mailmap is not None and name not in mailmap:
                    problems.append(warning(shown, lines.get(key, key_line), 1, f"[{ident}] the git name {quoted(name)} is"
                                            " not a name in .mailmap: git gives commits the names .mailmap maps them to;"
                                            f" add the line {quoted(f'{name} <their-commit-address@example.org>')}",
                                            "unknown-git-name"))
            kept[key] = tuple(dict.fromkeys(names))
            continue
        text = _text(item)
        if text is None or not text.strip():
            bad(key, f"'{key}' must be a non-empty string, not {quoted(item)}")
            continue
        if reason := unsafe_text(text):
            # the rule is front-matter's (schema.unsafe_text); its reason names front-matter, this file is people.yaml
            reason = reason.replace("the theme prints front-matter as HTML", "the site prints this file's values in its pages")
            bad(key, f"'{key}' {reason}", "unsafe-front-matter")
            continue
        text = text.strip()
        if key == "type" and text not in PERSON_TYPES:
            close = difflib.get_close_matches(text, PERSON_TYPES, n=1)
            bad(key, f"'type' must be one of {', '.join(PERSON_TYPES)}, not {quoted(text)}"
                + (f"; did you mean '{close[0]}'?" if close else ""))
            continue
        if key == "orcid":
            if text.startswith(("http://", "https://")) or text.startswith("orcid.org/"):
                bad(key, f"'orcid' is the iD alone, 0000-0000-0000-000X (the link is made from it), not {quoted(text)}",
                    "bad-orcid")
                continue
            if not ORCID_RE.fullmatch(text):
                bad(key, f"'orcid' must be written 0000-0000-0000-000X (four groups of four; the last may end in X), not"
                    f" {quoted(text)}", "bad-orcid")
                continue
            if not orcid_checksum_ok(text):
                bad(key, f"'orcid' {quoted(text)} fails its check digit (ISO 7064 MOD 11-2): a digit is mistyped",
                    "bad-orcid")
                continue
        if key == "url":
            text = lowercase_scheme(text)  # "HTTPS://…" is an https address (RFC 3986: schemes are case-insensitive)
        if key == "url" and (reason := web_url_problem(text)):
            hint = (f"; did you mean 'https://{text}'?" if scheme(text) is None and re.match(r"[A-Za-z0-9-]+\.[A-Za-z]", text)
                    else "")
            bad(key, f"'url' {reason}{hint}", "bad-url")
            continue
        if key == "bio" and len(text) > BIO_MAX:
            problems.append(warning(shown, lines.get(key, key_line), 1, f"[{ident}] 'bio' is {len(text)} characters: a"
                                    f" short bio is {BIO_MAX} or fewer", "long-bio"))
        kept[key] = text
    for key, what in REQUIRED.items():
        if key not in value:
            bad("", f"an entry needs a '{key}' ({what})", "missing-key")
    if "name" not in kept or "role" not in kept:
        return None, problems
    return Person(ident, line=key_line, **kept), problems


def mailmap_names(text: str) -> frozenset[str]:
    """The names ``.mailmap`` gives commits: each line's first name (the canonical one), comments left out."""
    names = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.match(r"([^<]+?)\s*<", line)
        if match:
            names.add(match.group(1).strip())
    return frozenset(names)


def parse(text: str, shown: str, mailmap: frozenset[str] | None = None) -> tuple[People, list[Problem]]:
    """The entries of a people file's text and its problems. Pure. ``mailmap``: the names .mailmap gives commits
    (an entry's ``git`` name outside them is warned about); None: not checked."""
    people = People(path=shown, present=True)
    try:
        node, data = safeyaml.load_node(text)
    except (yaml.YAMLError, ValueError) as exc:
        return people, [safeyaml.problem(exc, shown, "bad-people")]
    if node is None:
        return people, []
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return people, [error(shown, _scalar_line(node), 1, "the people file is a mapping of ids to entries (id: {name,"
                              " role, type, bio, orcid, url, git})", "bad-people")]
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    git_names: dict[str, str] = {}
    for key_node, value_node in node.value:
        line = _scalar_line(key_node)
        # Only a string key is an id (YAML reads 123 or true as a number or a yes/no value, not as text).
        ident = key_node.value if isinstance(key_node, yaml.ScalarNode) and key_node.tag == STR_TAG else None
        if not isinstance(ident, str) or not ID_RE.fullmatch(ident):
            given = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a list or mapping"
            problems.append(error(shown, line, 1, f"an entry's id is text of lowercase letters, digits and '-' (at most 60;"
                                  f" quote one YAML would read as a number or yes/no), not {quoted(given)}", "bad-person-id"))
            continue
        if ident in seen:
            problems.append(error(shown, line, 1, f"the id '{ident}' is used twice (first on line {seen[ident]}): YAML"
                                  " would keep only the last entry", "duplicate-person-id"))
            continue
        seen[ident] = line
        person, found = _entry(ident, value_node, data.get(ident), line, shown, mailmap)
        problems += found
        if person is None:
            continue
        for name in person.git:
            if name in git_names:
                problems.append(error(shown, line, 1, f"[{ident}] the git name {quoted(name)} is already"
                                      f" '{git_names[name]}''s: a commit has one author", "duplicate-git-name"))
            git_names.setdefault(name, ident)
        # A git name claimed twice stays with the first entry: a commit's notes link to one entry.
        people.entries[ident] = dataclasses.replace(person, git=tuple(n for n in person.git if git_names[n] == ident))
    return people, problems


def load(project: Project) -> tuple[People, list[Problem]]:
    """The project's people (none, ``present`` False, without the file) and the file's problems."""
    path = project.people_file
    shown = project.rel(path)
    try:
        text = read_inside(path, project.docs, shown, "bad-people").decode("utf-8-sig")
    except FileNotFoundError:
        return People(path=shown), []
    except InputError as exc:
        return People(path=shown, present=True), exc.problems
    except (OSError, UnicodeDecodeError) as exc:
        return People(path=shown, present=True), [error(shown, 1, 1, f"cannot read the people file: {exc}", "bad-people")]
    mailmap: frozenset[str] | None = None
    try:
        mailmap = mailmap_names(read_inside(project.mailmap_file, project.root, ".mailmap", "bad-people").decode("utf-8", "replace"))
    except (FileNotFoundError, InputError, OSError):
        mailmap = None
    return parse(text, shown, mailmap)


# --- what readings and exports make of it ------------------------------------------------------------------------------


def reviewer_problems(by: tuple[str, ...], people: People, path: str, line: int) -> list[Problem]:
    """Each item of a reading's ``review.by`` that is no entry's id (when the project has a people file). Pure."""
    if not people.present:
        return []
    problems = []
    for given in by:
        if given not in people:
            problems.append(error(path, line, 1, f"'review.by' names {quoted(given)}, which is no id in {people.path}"
                                  f"{people.suggestion(given)} (review.by lists the ids of people entries)", "unknown-reviewer"))
    return problems


def page_url(site_url: str, person: Person) -> str:
    """The entry's address on the published site ("" without ``site_url``)."""
    return f"{site_url.rstrip('/')}/{PEOPLE_PAGE.removesuffix('.md')}/#{person.anchor}" if site_url else ""


def schema_org(person: Person, site_url: str) -> dict[str, Any]:
    """The entry as a schema.org Person (a team: an Organization), named, with its page on the site and the
    addresses that name it elsewhere (``sameAs``)."""
    out: dict[str, Any] = {"@type": "Organization" if person.is_team else "Person", "name": person.name}
    if url := page_url(site_url, person):
        out["@id"] = url
        out["url"] = url
    if person.same_as:
        out["sameAs"] = person.same_as if len(person.same_as) > 1 else person.same_as[0]
    return out


def w3c_agent(person: Person, site_url: str) -> dict[str, Any]:
    """The entry as a W3C Web Annotation Agent: its page on the site as ``id`` (a ``urn:`` without ``site_url``),
    Person or Organization, its name, its id as ``nickname``, its own page as ``homepage``, and its ORCID record and
    page as ``schema:sameAs``."""
    out: dict[str, Any] = {"id": page_url(site_url, person) or f"urn:annotated-readings:person:{person.id}",
                           "type": "Organization" if person.is_team else "Person", "name": person.name, "nickname": person.id}
    if person.url:
        out["homepage"] = person.url
    if person.same_as:
        out["schema:sameAs"] = [{"id": u} for u in person.same_as]
    return out
