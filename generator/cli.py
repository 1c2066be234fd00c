"""The ``readings`` command: a short orchestrator over the pipeline stages.

Each command resolves everything first (parsing seeds, planning pages,
collecting problems) and writes only when nothing failed.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__, bundle, check, imports, site
from generator.errors import InputError, Problem, ReadingsError, RefusedError, error
from generator.fsutil import atomic_write, project_lock, remove_stale_temporaries
from generator.model import Capture
from generator.sources import load_seed
from generator.update import UpdateResult

PROGRESS_MIN = 10  # seeds; fewer finish before a progress line would help


def _report(problems: list[Problem], fmt: str = "text") -> None:
    for problem in sorted(problems):
        print(problem.format_github() if fmt == "github" else problem.format(), file=sys.stderr)


def _seed_files(project: Path, given: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for name in given:
        path = Path(name) if Path(name).is_absolute() else project / name
        if not path.exists() and (Path.cwd() / name).exists():
            path = Path.cwd() / name
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        else:
            files.append(path)
    return files


def cmd_import(args: argparse.Namespace) -> int:
    project: Path = args.project
    captures: list[Capture] = []
    problems: list[Problem] = []
    files = _seed_files(project, args.seeds)
    outside = [p for p in files if not p.resolve().is_relative_to(project.resolve())]
    if outside:
        raise InputError([error(p.as_posix(), 1, 1, "a seed must be inside the project (in seeds/), so its pages can point"
                                " to it", "outside-project") for p in outside])
    progress = sys.stderr.isatty() and len(files) > PROGRESS_MIN
    known = imports.imported_sources(project / "docs" / site.READINGS_DIR)
    unchanged: list[str] = []
    for number, path in enumerate(files, start=1):
        if progress:
            print(f"\rimporting {number}/{len(files)}: {path.name[:50]:<50}", end="", file=sys.stderr, flush=True)
        rel = path.resolve().relative_to(project.resolve()).as_posix()
        if not args.relink and rel in known and path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == known[rel]:
            unchanged.append(rel)  # the page was made from exactly these bytes: nothing to parse
            continue
        try:
            captures.append(load_seed(path, project))
        except InputError as exc:
            problems += exc.problems
    if progress:
        print(file=sys.stderr)
    folder = project / "docs" / site.READINGS_DIR
    actions, found = imports.plan(captures, folder, project, update=args.update or args.relink)
    problems += found
    if problems:
        raise (RefusedError if any(p.code == "edited-page" for p in problems) else InputError)(problems)
    for rel in unchanged:
        print(f"{rel}: unchanged")
    written = 0
    for action in actions:
        shown = action.path.relative_to(project).as_posix()
        if args.dry_run:
            sys.stdout.writelines(difflib.unified_diff(action.old_text.splitlines(keepends=True), action.text.splitlines(keepends=True),
                                                       f"a/{shown}", f"b/{shown}"))
        elif action.status != "unchanged":
            written += atomic_write(action.path, action.text)
        print(f"{shown}: {action.status} (from {action.capture.source})" + (" [dry run: nothing written]" if args.dry_run else ""))
        if action.report and action.status != "unchanged":
            _print_update_report(shown, action.report)
    if written and not args.dry_run:
        _refresh_listings(project)  # nothing written, nothing to refresh: a no-op run stays a no-op
    return 0


def _print_update_report(shown: str, report: UpdateResult) -> None:
    counts = report.counts
    print(f"{shown}: notes {counts['kept']} kept in place, {counts['moved']} moved, {counts['text-changed']} text-changed,"
          f" {counts['detached']} detached")
    for item in report.detached:
        print(f"{shown}: detached [^{item.id}] (“{item.passage[:60]}”): {item.reason}; kept under 'Detached notes'")
    for message in report.messages:
        print(f"{shown}: {message}")


def _refresh_listings(project: Path) -> list[Problem]:
    """Rewrite the generated pages (listings, context index and back-links) that changed."""
    docs = project / "docs"
    pages, problems = site.generated_pages(docs, project)
    site.write_listings(docs, pages)
    return problems


def _reading_files(project: Path, given: Sequence[str]) -> list[Path]:
    if not given:
        return site.reading_paths(project / "docs") + check.context_paths(project / "docs")
    files: list[Path] = []
    for name in given:
        path = (project / name) if not Path(name).is_absolute() else Path(name)
        files += sorted(path.rglob("*.md")) if path.is_dir() else [path]
    return files


def cmd_check(args: argparse.Namespace) -> int:
    files = _reading_files(args.project, args.paths)
    problems = check.check(files, args.project)
    _report(problems, args.format)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    print(f"checked {len(files)} page(s): {errors} error(s), {warnings} warning(s)",
          file=sys.stderr)
    return 1 if errors else 0


def _prepare(project: Path) -> None:
    """Before building anything: every page checked (errors stop here), generated pages refreshed."""
    problems = check.check(_reading_files(project, []), project)
    if any(p.is_error for p in problems):
        raise InputError(problems)
    _report(problems)
    _refresh_listings(project)


def cmd_build(args: argparse.Namespace) -> int:
    project: Path = args.project
    _prepare(project)
    site_dir = args.site_dir if args.site_dir.is_absolute() else project / args.site_dir
    site.mkdocs_build(project, site_dir)
    print(f"built {site_dir}")
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    project: Path = args.project
    _prepare(project)
    dist = args.dist if args.dist.is_absolute() else project / args.dist
    target = bundle.single_file(project, args.single, dist) if args.single else bundle.bundle(project, dist)
    print(f"wrote {target.relative_to(project).as_posix() if target.is_relative_to(project) else target}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from generator import serve

    _refresh_listings(args.project)
    return serve.serve(args.project, args.dev_addr, main)


def cmd_build_listings(args: argparse.Namespace) -> int:
    problems = _refresh_listings(args.project)
    _report([p for p in problems if p.is_error])
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="readings", description="Publish annotated readings of source articles.")
    main.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    main.add_argument("--project", type=Path, default=Path("."), help="the project folder (default: the current one)")
    main.add_argument("--wait", type=float, default=60.0, metavar="SECONDS",
                      help="how long to wait for another readings command writing to the project (default 60)")
    sub = main.add_subparsers(dest="command", required=True)

    p = sub.add_parser("import", help="turn seeds into reading pages in docs/readings/")
    p.add_argument("seeds", nargs="+", help="seed files or folders")
    p.add_argument("--update", action="store_true", help="carry annotations, editorial blocks and front-matter edits onto changed seeds")
    p.add_argument("--dry-run", action="store_true", help="print what would change as a diff; write nothing")
    p.add_argument("--relink", action="store_true", help="also re-lay unchanged seeds' pages: links to new or renamed context pages")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("check", help="validate reading pages")
    p.add_argument("paths", nargs="*", help="pages or folders (default: every reading)")
    p.add_argument("--format", choices=("text", "github"), default="text", help="github: workflow commands for annotations on pull requests")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("build", help="check, refresh the listing pages and build the site (strict)")
    p.add_argument("--site-dir", type=Path, default=Path("site"))
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("bundle", help="build the offline bundle: dist/<site>-offline.zip, or one reading as one HTML file")
    p.add_argument("--single", metavar="SLUG", help="write dist/<SLUG>.html: one reading, styles and scripts inlined")
    p.add_argument("--dist", type=Path, default=Path("dist"))
    p.set_defaults(func=cmd_bundle)

    p = sub.add_parser("serve", help="live preview: rebuilds on edits to readings, seeds and templates")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", help="address and port (default 127.0.0.1:8000)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("build-listings", help=argparse.SUPPRESS)  # used by `serve` when a reading changes
    p.set_defaults(func=cmd_build_listings)
    return main


WRITERS = {"import", "build", "bundle", "build-listings"}


def _waiting() -> None:
    print("readings: another readings command is writing to this project; waiting for it to finish…", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.project = args.project.resolve()
    try:
        if args.command in WRITERS and not (args.command == "import" and args.dry_run):
            with project_lock(args.project, args.wait, _waiting):
                remove_stale_temporaries(args.project / "docs")
                return int(args.func(args))
        return int(args.func(args))
    except ReadingsError as exc:
        if exc.problems:
            _report(exc.problems)
        else:
            print(f"readings: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
