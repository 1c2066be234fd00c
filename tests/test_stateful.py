"""Every command leaves a project that checks and builds: a Hypothesis state machine over the project's commands.

A small project (the site's set-up and context pages, no readings) is driven by rules that do what contributors and
editors do: import new Markdown seeds (several at once, with titles sharing their first 60+ characters), edit a seed
(insert, delete and reword sentences, including those holding rated notes) and ``import --update`` it,
``import --relink``, add and remove context pages and bibliography entries, add, edit, rate and remove notes by
editing a reading's Markdown, edit a front-matter value, ``annotations import`` a Hypothesis export with hostile
bodies, and ``readings fetch`` pages from a server on 127.0.0.1. After every step:

- a command either succeeded, and ``readings check`` passes; or it refused with located lines
  (``path:line:col: error: … [code]``) and changed nothing under docs/ and seeds/ (file digests);
- a contributor's edit (made to be valid) leaves ``readings check`` passing;
- no contributor text is lost: every note body and edited value written so far, and every word of an imported
  annotation, is still in its reading (in place or in its Detached notes block);
- nothing raises: commands run in-process through ``generator.cli.main``, so an exception is a failure, and no
  output holds a traceback.

``readings build`` is slower: it runs at the end of some runs (every run in the long profile).

CI runs a small fixed, derandomised profile; ``READINGS_STATEFUL_PROFILE=long`` (``make stateful``) runs more and
longer sequences.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from conftest import copy_context, make_project
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from generator.cli import main
from generator.document.syntax import CONTEXT_LINK_RE, MARK_RE
from generator.slug import slugify

pytestmark = pytest.mark.slow

PROFILE = os.environ.get("READINGS_STATEFUL_PROFILE", "ci")
LONG = PROFILE == "long"
BUILD_EVERY = 1 if LONG else 3  # build at the end of every n-th run (a build takes ~10 s)

REFRESHING = {"import", "fetch", "build"}  # commands that refresh the generated pages
LOCATED_RE = re.compile(r"^.+:\d+:\d+: error: .+ \[[a-z0-9-]+\]$")
TRACEBACK = "Traceback (most recent call last)"

# Titles share their first 60+ characters (slugs are cut at 60), so new seeds meet each other's slugs.
TITLE_PREFIX = "The harbour authority of the northern coast announced on Tuesday that the "
TITLE_ENDS = ["ferry resumes", "ferry resumes", "port reopens", "fleet returns home", "storm has passed"]

# Context pages the machine may add; seeds mention them, so --relink and --update have links to make.
ENTITIES = [("Port Velmora", "place", "Velmora harbour"), ("Aldric Fenwright", "person", "Fenwright"),
            ("Northern Trawler Guild", "organisation", "the Guild"), ("Brannock Strait", "place", "the Strait")]
# A name the repository's own context pages hold (copy_context), so readings link from the start.
KNOWN_NAMES = ["Tartous", "Hamid Karzai", "Helmand"]
KNOWN_SLUGS = {"tartus", "hamid-karzai", "helmand"}
WORDS = ["harbour", "boats", "ferry", "storm", "council", "market", "fishermen", "wharf", "tide", "engineers", "repairs", "inspection", "week",
         "morning", "traders", "sales", "breakwater", "timetable", "cargo", "crew", "lighthouse", "pier", "weather", "warning", "officials", "report"]
VERBS = ["said", "reported", "inspected", "closed", "reopened", "repaired", "visited", "described", "announced", "expected"]
# Text a seed may hold that must never become markup (README, "Seeds").
HOSTILE_SEED_BITS = ["==", "[^x]", "<b>bold</b>", "<!-- c -->", "*", "&amp;"]
VERDICTS = ["false", "misleading", "unsupported", "mostly accurate", "accurate"]
NOTE_KINDS = ["claim", "correction", "question", "context", "rhetoric", "source"]
CITED_KINDS = {"claim", "correction", "context"}
RATED_KINDS = {"claim", "correction"}


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=8))
    name = draw(st.sampled_from(["", "", *KNOWN_NAMES, *(e[0] for e in ENTITIES), *(e[2] for e in ENTITIES)]))
    verb = draw(st.sampled_from(VERBS))
    bit = draw(st.sampled_from([""] * 12 + HOSTILE_SEED_BITS))
    parts = [words[0].capitalize(), *words[1:2], verb, *words[2:], *([name] if name else []), *([bit] if bit else [])]
    return " ".join(parts) + "."


paragraphs = st.lists(sentences(), min_size=1, max_size=3)
articles = st.lists(paragraphs, min_size=2, max_size=4)
note_words = st.lists(st.sampled_from(WORDS + VERBS + ["why", "who", "evidence", "source", "unclear"]), min_size=2, max_size=7)


@dataclass
class Seed:
    """What the machine wrote as a seed."""

    name: str  # file name in seeds/
    title: str
    paragraphs: list[list[str]]
    html: bool = False

    def markdown(self) -> str:
        body = "\n\n".join(" ".join(p) for p in self.paragraphs)
        return (f"---\ntitle: {json.dumps(self.title)}\nauthor: Ana Lima\ndate: 2024-03-02\n"
                f"url: https://news.example.org/{self.name.removesuffix('.md')}\n---\n\n{body}\n")

    def page(self) -> bytes:
        body = "".join(f"<p>{' '.join(p)}</p>\n" for p in self.paragraphs)
        return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{self.title}</title>"
                f"<meta name=\"author\" content=\"Ana Lima\"></head><body><nav><a href=\"/\">Home</a></nav>"
                f"<article><h1>{self.title}</h1>\n{body}</article><footer>Copyright Example News</footer></body></html>").encode()


@dataclass
class Note:
    seed: str
    kind: str
    body: str
    verdict: str | None = None


@dataclass
class Outcome:
    code: int
    out: str
    err: str


class Pages(BaseHTTPRequestHandler):
    """Serves ``pages`` on 127.0.0.1 for ``readings fetch``."""

    protocol_version = "HTTP/1.1"
    pages: ClassVar[dict[str, bytes]] = {}

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = self.pages.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass


@contextlib.contextmanager
def page_server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


SERVER: list[str] = []  # the address of the module's page server, set by the test


def front_matter_bounds(lines: list[str]) -> int:
    """The index of the front-matter's closing ``---``."""
    assert lines[0] == "---"
    return lines.index("---", 1)


def plain_spans(paragraph: str) -> list[tuple[int, int]]:
    """Runs of plain words in an article paragraph, outside notes, links and markup: where a contributor may mark
    a passage."""
    covered = [False] * len(paragraph)
    for pattern in (MARK_RE, CONTEXT_LINK_RE, re.compile(r"\[[^\]\n]*\]\([^)\n]*\)"), re.compile(r"\[\^[^\]]*\]"),
                    re.compile(r"<[^>]*>"), re.compile(r"&\w+;")):
        for match in pattern.finditer(paragraph):
            for i in range(match.start(), match.end()):
                covered[i] = True
    spans = []
    for match in re.finditer(r"[A-Za-z]+(?: [A-Za-z]+){0,3}", paragraph):
        start, end = match.span()
        before = paragraph[start - 1] if start else " "
        after = paragraph[end] if end < len(paragraph) else " "
        if any(covered[start:end]) or before not in " " or after not in " .,;":
            continue
        spans.append((start, end))
    return spans


def article_paragraphs(lines: list[str]) -> list[int]:
    """The line numbers of the article's paragraphs (one line each, as import writes them)."""
    end = front_matter_bounds(lines)
    found = []
    for i in range(end + 1, len(lines)):
        line = lines[i]
        if line.startswith(("???", "!!!")) and ("removed" in line or "detached" in line):
            break
        if line and (i == 0 or not lines[i - 1]) and line[0].isalnum() and not line.startswith(("[^", "    ")):
            found.append(i)
    return found


def keep_context(project: Path) -> None:
    """Keep the context pages of ``KNOWN_NAMES`` only, and the bibliography entries they cite: every ``readings
    check`` formats the whole bibliography (about 0.1 s an entry), and the machine runs it after every step."""
    context = project / "docs" / "context"
    for page in context.glob("*.md"):
        if page.stem not in KNOWN_SLUGS:
            page.unlink()
    cited = {match.group(1) for page in context.glob("*.md") for match in re.finditer(r"@([\w-]+)", page.read_text(encoding="utf-8"))}
    path = project / "docs" / "sources.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["references"] = [entry for entry in data["references"] if entry["id"] in cited | {"karimi-2017"}]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")


class CommandsMachine(RuleBasedStateMachine):
    """Contributors and editors at work on one small project."""

    runs = 0

    def __init__(self) -> None:
        super().__init__()
        CommandsMachine.runs += 1
        self.run_number = CommandsMachine.runs
        self.tmp = Path(tempfile.mkdtemp(prefix="readings-stateful-"))
        self.project = make_project(self.tmp, with_docs=False)
        copy_context(self.project)
        keep_context(self.project)
        shutil.rmtree(self.project / "seeds")
        (self.project / "seeds").mkdir()
        self.seeds: dict[str, Seed] = {}  # imported seeds, by file name
        self.notes: dict[str, Note] = {}
        self.required: list[tuple[str, str, str]] = []  # (seed, text, what): text that must stay in the seed's reading
        self.entities: dict[str, str] = {}  # added context pages: slug -> name
        self.sources: list[str] = ["karimi-2017"]
        self.counter = 0
        self.last: Outcome | None = None
        self.stale_ok = False  # a contributor's edit may leave generated pages stale until the next import

    # --- helpers ----------------------------------------------------------------------------------------------

    def next_id(self) -> int:
        self.counter += 1
        return self.counter

    def readings(self, *args: str) -> Outcome:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--project", str(self.project), "--wait", "30", *args])
        outcome = Outcome(code, out.getvalue(), err.getvalue())
        assert TRACEBACK not in outcome.out + outcome.err, f"readings {' '.join(args)}:\n{outcome.err}"
        return outcome

    def digests(self) -> dict[str, str]:
        return {p.relative_to(self.project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for folder in ("docs", "seeds") for p in sorted((self.project / folder).rglob("*")) if p.is_file()}

    def command(self, *args: str) -> bool:
        """Run a command that may write; True if it succeeded. A refusal must be located lines and change nothing."""
        before = self.digests()
        outcome = self.readings(*args)
        self.last = outcome
        if outcome.code == 0:
            if args[0] in REFRESHING:
                self.stale_ok = False
            return True
        errors = [line for line in outcome.err.splitlines() if ": error:" in line or line.startswith("readings: error")]
        assert errors, f"readings {' '.join(args)} failed with no error line:\n{outcome.err}"
        unlocated = [line for line in errors if not LOCATED_RE.match(line)]
        assert not unlocated, f"readings {' '.join(args)}: errors without a location:\n" + "\n".join(unlocated)
        after = self.digests()
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        assert not changed, f"readings {' '.join(args)} refused ({errors[0]}) but changed {changed}"
        return False

    def page_of(self, seed: str) -> Path:
        source = f"source: seeds/{seed}"
        for page in sorted((self.project / "docs" / "readings").glob("*.md")):
            with page.open(encoding="utf-8") as handle:
                if any(line.rstrip("\n") == source for line in handle):
                    return page
        raise AssertionError(f"no reading has {source}")

    def read_lines(self, seed: str) -> tuple[Path, list[str]]:
        page = self.page_of(seed)
        return page, page.read_text(encoding="utf-8").split("\n")

    def write_seed(self, seed: Seed) -> None:
        (self.project / "seeds" / seed.name).write_text(seed.markdown(), encoding="utf-8")

    def attached(self, seed: str) -> list[str]:
        """The machine's notes that are in place (not detached) on the seed's reading."""
        text = self.page_of(seed).read_text(encoding="utf-8")
        return [nid for nid, note in self.notes.items() if note.seed == seed and re.search(rf"^\[\^{nid}\]:", text, re.MULTILINE)]

    # --- rules: seeds and commands --------------------------------------------------------------------------

    @initialize(article=articles)
    def start(self, article: list[list[str]]) -> None:
        """A first reading (the copied context pages' back-links name the repository's; an import refreshes them)."""
        seed = Seed(f"s{self.next_id()}.md", TITLE_PREFIX + TITLE_ENDS[0], article)
        self.write_seed(seed)
        assert self.command("import", f"seeds/{seed.name}"), self.last
        self.seeds[seed.name] = seed

    @rule(data=st.data(), count=st.integers(1, 3))
    def import_new_seeds(self, data: st.DataObject, count: int) -> None:
        new = []
        for _ in range(count):
            number = self.next_id()
            seed = Seed(f"s{number}.md", TITLE_PREFIX + data.draw(st.sampled_from(TITLE_ENDS)), data.draw(articles))
            self.write_seed(seed)
            new.append(seed)
        if self.command("import", *(f"seeds/{s.name}" for s in new)):
            self.seeds.update({s.name: s for s in new})
        else:
            for s in new:
                (self.project / "seeds" / s.name).unlink()

    @precondition(lambda self: any(not s.html for s in self.seeds.values()))
    @rule(data=st.data())
    def edit_seed(self, data: st.DataObject) -> None:
        seed = self.seeds[data.draw(st.sampled_from(sorted(n for n, s in self.seeds.items() if not s.html)))]
        before = [list(p) for p in seed.paragraphs]
        for _ in range(data.draw(st.integers(1, 3))):
            p = data.draw(st.integers(0, len(seed.paragraphs) - 1))
            sentences_ = seed.paragraphs[p]
            i = data.draw(st.integers(0, len(sentences_) - 1))
            action = data.draw(st.sampled_from(["insert", "delete", "reword", "reword-word"]))
            if action == "insert":
                sentences_.insert(i, data.draw(sentences()))
            elif action == "delete" and len(sentences_) > 1:
                del sentences_[i]
            elif action == "reword":
                sentences_[i] = data.draw(sentences())
            else:
                words = sentences_[i].split(" ")
                words[data.draw(st.integers(0, len(words) - 1))] = data.draw(st.sampled_from(WORDS))
                sentences_[i] = " ".join(words)
        self.write_seed(seed)
        if not self.command("import", "--update", f"seeds/{seed.name}"):
            seed.paragraphs = before
            self.write_seed(seed)

    @precondition(lambda self: any(not self.seeds[n.seed].html for n in self.notes.values()))
    @rule(data=st.data(), delete=st.booleans())
    def edit_sentence_holding_a_note(self, data: st.DataObject, delete: bool) -> None:
        """Delete or reword the seed's sentence that holds a note (a rated one when there is one), then --update."""
        notes = sorted(nid for nid, n in self.notes.items() if not self.seeds[n.seed].html)
        rated = [nid for nid in notes if self.notes[nid].verdict]
        nid = data.draw(st.sampled_from(rated or notes))
        seed = self.seeds[self.notes[nid].seed]
        match = re.search(rf"==((?:(?!==)[\s\S])+?)==\[\^{nid}\]", self.page_of(seed.name).read_text(encoding="utf-8"))
        if match is None:  # detached already
            return
        passage = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", match.group(1))
        holding = [(p, i) for p, sentences_ in enumerate(seed.paragraphs) for i, sentence in enumerate(sentences_) if passage in sentence]
        if not holding:
            return
        before = [list(p) for p in seed.paragraphs]
        p, i = data.draw(st.sampled_from(holding))
        if delete and len(seed.paragraphs[p]) > 1:
            del seed.paragraphs[p][i]
        else:
            seed.paragraphs[p][i] = data.draw(sentences())
        self.write_seed(seed)
        if not self.command("import", "--update", f"seeds/{seed.name}"):
            seed.paragraphs = before
            self.write_seed(seed)

    @precondition(lambda self: bool(self.seeds))
    @rule()
    def relink(self) -> None:
        self.command("import", "--relink", "seeds")

    @rule(data=st.data())
    def fetch_new_page(self, data: st.DataObject) -> None:
        number = self.next_id()
        seed = Seed(f"p{number}", TITLE_PREFIX + data.draw(st.sampled_from(TITLE_ENDS)), data.draw(articles), html=True)
        Pages.pages[f"/{seed.name}"] = seed.page()
        if self.command("fetch", "--timeout", "5", f"{SERVER[0]}/{seed.name}"):
            saved = [p.name for p in (self.project / "seeds").glob(f"*-{seed.name}.html")]
            assert len(saved) == 1, saved
            seed.name = saved[0]
            self.seeds[seed.name] = seed

    # --- rules: context pages and sources -------------------------------------------------------------------

    @precondition(lambda self: len(self.entities) < len(ENTITIES))
    @rule(data=st.data())
    def add_context_page(self, data: st.DataObject) -> None:
        name, kind, alias = data.draw(st.sampled_from([e for e in ENTITIES if slugify(e[0]) not in self.entities]))
        slug = slugify(name)
        aliases = f"aliases:\n- {alias}\n" if data.draw(st.booleans()) else ""
        (self.project / "docs" / "context" / f"{slug}.md").write_text(
            f"---\nname: {name}\nkind: {kind}\n{aliases}summary: {name} is a {kind} on the northern coast.\n"
            f"as_of: 2026-11-26\n---\n\n# {name}\n\n{name} is a {kind} on the northern coast [@karimi-2017].\n", encoding="utf-8")
        self.entities[slug] = name
        self.contributor_edit_checks()

    @precondition(lambda self: bool(self.entities))
    @rule(data=st.data())
    def remove_context_page(self, data: st.DataObject) -> None:
        readings = "\n".join(p.read_text(encoding="utf-8") for p in (self.project / "docs" / "readings").glob("*.md"))
        free = sorted(s for s in self.entities if not re.search(rf"(?<![\w-]){s}(?![\w-])", readings))
        if not free:
            return
        slug = data.draw(st.sampled_from(free))
        (self.project / "docs" / "context" / f"{slug}.md").unlink()
        del self.entities[slug]
        self.contributor_edit_checks()

    @rule()
    def add_source(self) -> None:
        key = f"sm-source-{self.next_id()}"
        with (self.project / "docs" / "sources.yaml").open("a", encoding="utf-8") as handle:
            handle.write(f"\n- id: {key}\n  type: article-newspaper\n  title: Harbour reopens after the storm\n"
                         f"  author:\n  - literal: Example Wire\n  container-title: Example News\n  issued: 2024-03-02\n")
        self.sources.append(key)
        self.contributor_edit_checks()

    @precondition(lambda self: len(self.sources) > 1)
    @rule(data=st.data())
    def remove_source(self, data: st.DataObject) -> None:
        docs = "\n".join(p.read_text(encoding="utf-8") for p in (self.project / "docs").rglob("*.md"))
        free = [k for k in self.sources[1:] if not re.search(rf"@{k}(?![\w-])", docs)]
        if not free:
            return
        key = data.draw(st.sampled_from(free))
        path = self.project / "docs" / "sources.yaml"
        text = path.read_text(encoding="utf-8")
        entry = re.search(rf"\n- id: {key}\n(?:  .*\n)*", text)
        assert entry, key
        path.write_text(text[:entry.start()] + "\n" + text[entry.end():], encoding="utf-8")
        self.sources.remove(key)
        self.contributor_edit_checks()

    # --- rules: notes, as contributors write them ------------------------------------------------------------

    @precondition(lambda self: bool(self.seeds))
    @rule(data=st.data(), kind=st.sampled_from(NOTE_KINDS), words=note_words)
    def add_note(self, data: st.DataObject, kind: str, words: list[str]) -> None:
        seed = data.draw(st.sampled_from(sorted(self.seeds)))
        page, lines = self.read_lines(seed)
        choices = [(i, span) for i in article_paragraphs(lines) for span in plain_spans(lines[i])]
        if not choices:
            return
        line, (start, end) = data.draw(st.sampled_from(choices))
        nid = f"{kind}-sm{self.next_id()}"
        body = f"Contributor note {nid}: " + " ".join(words) + "."
        if kind in CITED_KINDS:
            body += f" [@{data.draw(st.sampled_from(self.sources))}]"
        text = lines[line]
        lines[line] = f"{text[:start]}=={text[start:end]}==[^{nid}]{text[end:]}"
        at = line + 1
        if at + 1 < len(lines) and lines[at] == "" and lines[at + 1].startswith("[^"):  # after the paragraph's notes
            at += 1
            while at < len(lines) and lines[at].startswith("[^"):
                at += 1
            lines.insert(at, f"[^{nid}]: {body}")
        else:
            lines[at:at] = ["", f"[^{nid}]: {body}"]
        page.write_text("\n".join(lines), encoding="utf-8")
        self.notes[nid] = Note(seed, kind, body)
        self.contributor_edit_checks()

    @precondition(lambda self: bool(self.notes))
    @rule(data=st.data(), words=note_words)
    def edit_note(self, data: st.DataObject, words: list[str]) -> None:
        nid = data.draw(st.sampled_from(sorted(self.notes)))
        note = self.notes[nid]
        if nid not in self.attached(note.seed):
            return
        page = self.page_of(note.seed)
        text = page.read_text(encoding="utf-8")
        body = f"Contributor note {nid}, edited: " + " ".join(words) + "."
        if note.kind in CITED_KINDS:
            body += f" [@{data.draw(st.sampled_from(self.sources))}]"
        text, n = re.subn(rf"^\[\^{nid}\]:.*$", lambda _: f"[^{nid}]: {body}", text, count=1, flags=re.MULTILINE)
        assert n == 1
        page.write_text(text, encoding="utf-8")
        note.body = body
        self.contributor_edit_checks()

    @precondition(lambda self: any(n.kind in RATED_KINDS for n in self.notes.values()))
    @rule(data=st.data(), verdict=st.sampled_from(VERDICTS))
    def rate_note(self, data: st.DataObject, verdict: str) -> None:
        nid = data.draw(st.sampled_from(sorted(n for n, note in self.notes.items() if note.kind in RATED_KINDS)))
        note = self.notes[nid]
        if nid not in self.attached(note.seed):
            return
        page, lines = self.read_lines(note.seed)
        end = front_matter_bounds(lines)
        entry = f"  {nid}: {verdict}"
        existing = [i for i in range(1, end) if lines[i].startswith(f"  {nid}:")]
        if existing:
            lines[existing[0]] = entry
        elif "ratings:" in lines[1:end]:
            lines.insert(lines.index("ratings:", 1) + 1, entry)
        else:
            lines[end:end] = ["ratings:", entry]
        page.write_text("\n".join(lines), encoding="utf-8")
        note.verdict = verdict
        self.contributor_edit_checks()

    @precondition(lambda self: bool(self.notes))
    @rule(data=st.data())
    def remove_note(self, data: st.DataObject) -> None:
        nid = data.draw(st.sampled_from(sorted(self.notes)))
        note = self.notes[nid]
        if nid not in self.attached(note.seed):
            return
        page, lines = self.read_lines(note.seed)
        text = "\n".join(lines)
        text, n = re.subn(rf"==((?:(?!==)[\s\S])+?)==\[\^{nid}\]", r"\1", text, count=1)
        assert n == 1, nid
        lines = text.split("\n")
        at = lines.index(next(line for line in lines if line.startswith(f"[^{nid}]:")))
        del lines[at]
        if lines[at - 1] == "" and at < len(lines) and lines[at] == "":
            del lines[at]
        if note.verdict:
            end = front_matter_bounds(lines)
            lines = [line for i, line in enumerate(lines) if not (i < end and line.startswith(f"  {nid}:"))]
            end = front_matter_bounds(lines)
            i = lines.index("ratings:", 1)
            if i + 1 >= end or not lines[i + 1].startswith("  "):
                del lines[i]
        page.write_text("\n".join(lines), encoding="utf-8")
        del self.notes[nid]
        self.contributor_edit_checks()

    @precondition(lambda self: bool(self.seeds))
    @rule(data=st.data(), words=note_words)
    def edit_description(self, data: st.DataObject, words: list[str]) -> None:
        seed = data.draw(st.sampled_from(sorted(self.seeds)))
        page, lines = self.read_lines(seed)
        end = front_matter_bounds(lines)
        value = f"Contributor lede {self.next_id()}, " + " ".join(words) + "."
        at = next((i for i in range(1, end) if lines[i].startswith("description:")), None)
        if at is None:
            at = next(i for i in range(1, end) if lines[i].startswith("source:"))
            lines.insert(at, f"description: {value}")
        else:
            stop = at + 1
            while stop < end and lines[stop].startswith(" "):
                stop += 1
            lines[at:stop] = [f"description: {value}"]
        page.write_text("\n".join(lines), encoding="utf-8")
        self.required = [r for r in self.required if not (r[0] == seed and r[2] == "description")]
        self.required.append((seed, value, "description"))
        self.contributor_edit_checks()

    @precondition(lambda self: bool(self.seeds))
    @rule(data=st.data(), hostile=st.lists(st.sampled_from(["javascript", "data", "mark", "footnote", "comment", "plain"]),
                                           min_size=1, max_size=3), kind=st.sampled_from(["claim", "question", ""]))
    def import_hypothesis_export(self, data: st.DataObject, hostile: list[str], kind: str) -> None:
        seed_name = data.draw(st.sampled_from(sorted(self.seeds)))
        seed = self.seeds[seed_name]
        number = self.next_id()
        tokens = {part: f"hyp{number}{part}" for part in hostile}
        forms = {"javascript": "[see {t}](javascript:alert(1))", "data": "[open {t}](data:text/html,<script>alert(1)</script>)",
                 "mark": "=={t}==", "footnote": "[^{t}]", "comment": "<!-- {t} -->", "plain": "{t} says who"}
        body = "Imported note: " + " ".join(forms[part].format(t=token) for part, token in tokens.items())
        sentence = data.draw(st.sampled_from([s for p in seed.paragraphs for s in p]))
        words = sentence.rstrip(".").split(" ")
        first = data.draw(st.integers(0, len(words) - 1))
        quote = " ".join(words[first:first + data.draw(st.integers(1, 4))])
        url = f"https://news.example.org/{seed_name}"
        export = {"annotations": [{
            "id": f"hyp-{number}", "uri": url, "text": body, "tags": [kind] if kind else [], "user": "acct:reader@hypothes.is",
            "created": "2024-03-05T10:00:00.000000+00:00", "updated": "2024-03-05T10:00:00.000000+00:00",
            "target": [{"source": url, "selector": [{"type": "TextQuoteSelector", "exact": quote, "prefix": "", "suffix": ""}]}]}]}
        path = self.tmp / f"export-{number}.json"
        path.write_text(json.dumps(export), encoding="utf-8")
        slug = self.page_of(seed_name).stem
        if self.command("annotations", "import", str(path), "--reading", slug):
            self.required.extend((seed_name, token, f"imported annotation ({part})") for part, token in tokens.items())
            self.check_passes(f"annotations import of {body!r}")

    # --- invariants ---------------------------------------------------------------------------------------------

    def check_passes(self, after: str) -> None:
        """``readings check`` passes; while a contributor's edit awaits the next import, a generated page it changes
        may be stale (README: an error that ``readings import`` or ``readings build`` heals), and nothing else."""
        outcome = self.readings("check")
        errors = [line for line in outcome.err.splitlines() if ": error:" in line]
        if self.stale_ok:
            errors = [line for line in errors if not line.endswith("[stale-generated]")]
        assert outcome.code == 0 or (self.stale_ok and not errors), \
            f"readings check fails after {after}:\n" + "\n".join(errors or [outcome.err])

    def contributor_edit_checks(self) -> None:
        self.last = None
        self.stale_ok = True
        self.check_passes("a contributor's edit")

    @invariant()
    def commands_leave_a_project_that_checks(self) -> None:
        if self.last is not None and self.last.code == 0:
            self.check_passes("the last command")
        self.last = None

    @invariant()
    def no_contributor_text_is_lost(self) -> None:
        texts: dict[str, str] = {}
        for seed in {n.seed for n in self.notes.values()} | {r[0] for r in self.required}:
            texts[seed] = self.page_of(seed).read_text(encoding="utf-8")
        for nid, note in self.notes.items():
            assert note.body in texts[note.seed], f"note {nid} lost its text {note.body!r} ({self.page_of(note.seed).name})"
        for seed, text, what in self.required:
            assert text in texts[seed], f"{what} lost: {text!r} ({self.page_of(seed).name})"

    def teardown(self) -> None:
        try:  # a failing check was reported by the step that broke it: build only a project that checks
            if self.seeds and self.run_number % BUILD_EVERY == 0 and self.readings("check").code == 0:
                outcome = self.readings("build", "--site-dir", str(self.tmp / "site"))
                assert outcome.code == 0, f"readings build fails:\n{outcome.err[-3000:]}"
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)


PROFILES = {
    # No shrinking in CI (it can take many minutes here): the failing sequence is printed as found; run
    # `make stateful` for a minimal one.
    "ci": settings(max_examples=5, stateful_step_count=7, deadline=None, derandomize=True, database=None,
                   suppress_health_check=list(HealthCheck), print_blob=False,
                   phases=[Phase.explicit, Phase.reuse, Phase.generate]),
    "long": settings(max_examples=30, stateful_step_count=20, deadline=None, database=None,
                     suppress_health_check=list(HealthCheck)),
}
if PROFILE not in PROFILES:
    raise pytest.UsageError(f"READINGS_STATEFUL_PROFILE={PROFILE!r}: use one of {sorted(PROFILES)}")
CommandsMachine.TestCase.settings = PROFILES[PROFILE]


def test_every_command_leaves_a_project_that_checks_and_builds() -> None:
    with page_server() as address:
        SERVER[:] = [address]
        CommandsMachine.TestCase().runTest()
