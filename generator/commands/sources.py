"""``readings sources archive [KEY...]``: each cited source's page saved as a WARC file, its readable copy generated.

Data flow: the bibliography is read (its problems stop the command); the keys
named, or every key some page cites, each must be an entry (a located line with
"did you mean" otherwise); an entry named on purpose must have a ``URL``. Keys
already archived are left as they are unless ``--again``, and a copy is replaced
only when git holds the old one (nothing lost). Every address is fetched with the
fetch client (``fetching.fetch_all``: its size and time limits, the address policy
and ``--allow-private``, its capture record) before the lock; then, under the lock,
each page fetched is written atomically as ``seeds/sources/<key>.warc.gz``
(``bibliography.archive.to_warc``) and the generated pages (the readable copies, the
Sources page) are refreshed. A page that could not be fetched is one located line at
its entry's ``URL``; the others are still archived (each file is whole or absent), and
the command then exits 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator import bibliography as bibliography_file
from generator import fetching
from generator.bibliography import Bibliography
from generator.bibliography.archive import archived_keys, name_clashes, to_warc, unknown_keys, warc_name
from generator.bibliography.cite import cited_keys
from generator.commands import report, waiting
from generator.context import entities
from generator.document.page import read_page
from generator.errors import InputError, Problem, error
from generator.fetching import Download, FetchOptions
from generator.fsutil import atomic_write_bytes, remove_stale_temporaries
from generator.project import Project
from generator.reading.history import is_committed
from generator.site.generated import refresh


@dataclass(frozen=True)
class ArchiveOptions:
    keys: Sequence[str]  # none: every key some page cites
    fetch: FetchOptions
    again: bool = False  # capture anew the sources already archived
    wait: float = 60.0


def cited(project: Project) -> set[str]:
    """Every key a reading or a context page cites."""
    keys = {key for path in project.reading_paths() for _note, key in cited_keys(read_page(path, project.rel(path)).body)}
    found, _problems = entities.load(project)
    return keys | {key for entity in found for _note, key in cited_keys(entity.body)}


def chosen(bibliography: Bibliography, keys: Sequence[str], every: set[str]) -> tuple[list[str], list[Problem]]:
    """The keys to archive, and the problems of the keys named: not an entry, or an entry without an address. Pure."""
    named = list(dict.fromkeys(keys))
    problems = unknown_keys(named, bibliography)
    if problems:
        return [], problems
    for key in named:
        entry = bibliography.entries[key]
        if "URL" not in entry.csl:
            problems.append(error(bibliography.path, entry.line, 1, f"[{key}] has no 'URL' to archive", "no-source-url"))
    wanted = named or sorted(key for key in every if key in bibliography and "URL" in bibliography.entries[key].csl)
    return wanted, problems


def run(project: Project, options: ArchiveOptions) -> int:
    bibliography, problems = bibliography_file.load(project)
    if any(p.is_error for p in problems):
        raise InputError([p for p in problems if p.is_error])
    keys, problems = chosen(bibliography, options.keys, set() if options.keys else cited(project))
    problems += [p for p in name_clashes(bibliography) if any(f"[{key}]" in p.message for key in keys)]
    if problems:
        raise InputError(problems)
    done = archived_keys(project.archives, keys)
    if not options.again:
        for key in (k for k in keys if k in done):
            print(f"{project.rel(project.archives / warc_name(key))}: already archived (pass --again to capture it anew)")
        keys = [key for key in keys if key not in done]
    else:
        old = [project.rel(project.archives / warc_name(key)) for key in keys if key in done]
        committed = is_committed(project.root, old) if old else True
        if not committed:
            where = ("commit it first, so git keeps the old capture" if committed is False else
                     "the project is not a git repository: move the old copy away first, so it is not lost")
            raise InputError([error(rel, 1, 1, f"capturing this source anew would replace its archived copy: {where}",
                                    "uncommitted-capture") for rel in old])
    if not keys:
        return 0
    urls = [str(bibliography.entries[key].csl["URL"]) for key in keys]
    results = fetching.fetch_all(urls, options.fetch)
    failed: list[Problem] = []
    saves: list[tuple[str, Download]] = []
    for key, result in zip(keys, results, strict=True):
        entry = bibliography.entries[key]
        if isinstance(result, Problem):  # located at the entry's address, in the bibliography
            failed.append(error(bibliography.path, entry.fields.get("URL", entry.line), 1, f"[{key}] {result.message}",
                                result.code))
        else:
            saves.append((key, result))
    with project.lock(options.wait, waiting):
        if saves:
            project.archives.mkdir(parents=True, exist_ok=True)
            remove_stale_temporaries(project.archives)
        for key, download in saves:
            path = project.archives / warc_name(key)
            atomic_write_bytes(path, to_warc(key, download))
            got = download.record
            print(f"{project.rel(path)}: archived {got.final_url} ({len(download.body) / 1024:.0f} KB, HTTP {got.status},"
                  f" retrieved {got.retrieved})")
        if saves:
            refresh(project)
    if failed:
        report(failed)
        return 1
    return 0
