"""The ``readings`` command: argument parsing and dispatch to ``commands``; nothing else."""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.commands import build, bundle, check, exchange, fetch, import_, reporting, serve, sources
from generator.fetching.client import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, FetchOptions
from generator.outputs import BUILDERS, default_builder
from generator.project import ANNOTATIONS_DIR, ARCHIVE_DIR, DIST_DIR, DOCS_DIR, READINGS_DIR, SEEDS_DIR, SITE_DIR, Project


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from exc
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}")
    return value


def _megabytes(text: str) -> int:
    try:
        value = float(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {text!r}") from exc
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {text!r}")
    return int(value * 1024 * 1024)


def _fetch_limits(p: argparse.ArgumentParser) -> None:
    """The fetch client's options, the same for every command that fetches."""
    p.add_argument("--max-size", type=_megabytes, default=DEFAULT_MAX_BYTES, metavar="MB",
                   help=f"the largest page accepted, received or decompressed (default {DEFAULT_MAX_BYTES // (1024 * 1024)})")
    p.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"to connect, and between two reads (default {DEFAULT_TIMEOUT:g})")
    p.add_argument("--allow-private", action="store_true",
                   help="also fetch from loopback, private and link-local addresses (refused by default: a page or a"
                        " redirect could otherwise reach a service inside your network)")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="readings", description="Publish annotated readings of source articles.")
    main.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    main.add_argument("--project", type=Path, default=Path("."), help="the project folder (default: the current one)")
    main.add_argument("--wait", type=_seconds, default=60.0, metavar="SECONDS",
                      help="how long to wait for another readings command writing to the project (default 60)")
    sub = main.add_subparsers(dest="command", required=True)

    p = sub.add_parser("import", help=f"turn seeds into reading pages in {DOCS_DIR}/{READINGS_DIR}/")
    p.add_argument("seeds", nargs="+", help="seed files or folders")
    p.add_argument("--update", action="store_true", help="carry annotations, editorial blocks and front-matter edits onto changed seeds")
    p.add_argument("--dry-run", action="store_true", help="print what would change as a diff; write nothing")
    p.add_argument("--relink", action="store_true", help="also re-lay unchanged seeds' pages: links to new or renamed context pages")

    p = sub.add_parser("fetch", help="save web pages as seeds, with a record of how they were got, then import them")
    p.add_argument("urls", nargs="+", metavar="URL", help="http or https addresses of articles")
    p.add_argument("--no-import", action="store_true", help=f"only save the captures in {SEEDS_DIR}/; do not import them")
    _fetch_limits(p)

    p = sub.add_parser("check", help="validate reading pages")
    p.add_argument("paths", nargs="*", help="pages or folders (default: every reading)")
    p.add_argument("--format", choices=("text", "github"), default="text", help="github: workflow commands for annotations on pull requests")
    p.add_argument("--publish", action="store_true", help="what publishing runs: a reading not marked reviewed is an error")
    p.add_argument("--suggest", action="store_true", help="also list unannotated sentences that carry figures, dates, named"
                   " officials or unattributed reports (hints, never errors)")

    p = sub.add_parser("build", help="check, refresh the listing pages and build the site (strict)")
    p.add_argument("--site-dir", type=Path, default=Path(SITE_DIR))

    p = sub.add_parser("bundle", help=f"build an output into {DIST_DIR}/: by default the offline bundle of the whole site")
    outputs = p.add_mutually_exclusive_group()
    for builder in BUILDERS:
        if builder.option:
            option = builder.option
            outputs.add_argument(option.flag, dest=f"output_{builder.name}", metavar=option.metavar, help=option.help,
                                 nargs="?" if option.optional_argument else None, const="" if option.optional_argument else None)
    p.add_argument("--dist", type=Path, default=Path(DIST_DIR))

    p = sub.add_parser("annotations", help="notes out as W3C Web Annotations, and in from Hypothesis or W3C files")
    verbs = p.add_subparsers(dest="verb", required=True)
    v = verbs.add_parser("export", help=f"write one W3C AnnotationCollection (JSON-LD) per reading into {DIST_DIR}/{ANNOTATIONS_DIR}/")
    v.add_argument("slugs", nargs="*", metavar="SLUG", help="readings to export (default: all)")
    v.add_argument("-o", "--output", type=Path, default=Path(DIST_DIR) / ANNOTATIONS_DIR, metavar="DIR", help="where to write them")
    v = verbs.add_parser("import", help="place the annotations of a Hypothesis export, Hypothesis API result or W3C file")
    v.add_argument("file", type=Path, help="the JSON file")
    v.add_argument("--reading", metavar="SLUG", help="the reading they belong to (default: matched by each annotation's address)")
    v.add_argument("--dry-run", action="store_true", help="print what would change as a diff; write nothing")

    p = sub.add_parser("sources", help="the bibliography's sources: archive the pages they cite")
    verbs = p.add_subparsers(dest="verb", required=True)
    v = verbs.add_parser("archive", help=f"save each cited page as a WARC file in {SEEDS_DIR}/{ARCHIVE_DIR}/ (its readable"
                         " copy is published with the site)")
    v.add_argument("keys", nargs="*", metavar="KEY", help="entries of the bibliography (default: every entry some page cites)")
    v.add_argument("--again", action="store_true", help="capture anew the sources already archived (git must hold the old copy)")
    _fetch_limits(v)

    p = sub.add_parser("serve", help="live preview: rebuilds on edits to readings, seeds and templates")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", help="address and port (default 127.0.0.1:8000)")
    p.add_argument("--poll", action="store_true",
                   help="notice changes by polling the files, as MkDocs does (slower; for folders whose changes the system"
                        " does not report, such as some network and virtual-machine mounts)")
    return main


def _dispatch(args: argparse.Namespace) -> int:
    project = Project.at(args.project)
    if args.command == "import":
        return import_.run(project, import_.ImportOptions(args.seeds, args.update, args.dry_run, args.relink, args.wait))
    if args.command == "fetch":
        client = FetchOptions(args.max_size, args.timeout or DEFAULT_TIMEOUT, args.allow_private)
        options = fetch.FetchCommandOptions(args.urls, client, args.no_import, args.wait)
        return fetch.run(project, options)
    if args.command == "sources":
        client = FetchOptions(args.max_size, args.timeout or DEFAULT_TIMEOUT, args.allow_private)
        return sources.run(project, sources.ArchiveOptions(args.keys, client, args.again, args.wait))
    if args.command == "check":
        return check.run(project, args.paths, args.format, args.publish, args.suggest)
    if args.command == "build":
        return build.run(project, args.site_dir, args.wait)
    if args.command == "bundle":
        chosen = [(b, getattr(args, f"output_{b.name}")) for b in BUILDERS if b.option and getattr(args, f"output_{b.name}") is not None]
        builder, argument = chosen[0] if chosen else (default_builder(), None)
        return bundle.run(project, builder, argument, args.dist, args.wait)
    if args.command == "annotations" and args.verb == "export":
        return exchange.export(project, args.slugs, args.output)
    if args.command == "annotations":
        return exchange.import_annotations(project, args.file, args.reading, args.dry_run, args.wait)
    if args.command == "serve":
        return serve.run(project, args.dev_addr, args.wait, poll=args.poll)
    raise AssertionError(args.command)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return reporting(lambda: _dispatch(args))
    except KeyboardInterrupt:
        return 130
