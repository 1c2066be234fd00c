"""``readings serve``: a live preview.

MkDocs' server rebuilds on changes to docs/, mkdocs.yml, overrides/ and seeds/
(``--watch``) and reloads the browser (``--livereload``: click 8.2.2–8.3 turns
live reload off by default). Its builds are dirty (``--dirty``): only the pages
whose Markdown changed are rendered again, plus those the readings plugin finds
a change reaches (a template, the configuration, the bibliography:
``site.preview``, which says so in the terminal), so an edited reading is
back in the browser in about a second even in a collection of thousands; the
first build renders everything. A watcher thread adds what MkDocs cannot know: a
changed seed is re-imported with ``--update`` (annotations carried over), and a
changed reading refreshes the home, theme and region pages and is checked (the
problems print in the terminal, as ``readings check`` would print them for that
page; the rules across pages are ``readings check``'s). Both run in this
process, through the same functions as ``readings import`` and ``readings build``.

MkDocs runs through ``site.mkdocs_serve``, which has it watch through the
system's change notifications rather than by polling thousands of files.

MkDocs' live reload injects an inline script into each page, which the site's
Content Security Policy forbids; the preview is therefore built from a
configuration that inherits mkdocs.yml with the policy off
(``.readings-serve.yml``, written here). Only the preview on your machine runs
without it.

Stopping: Ctrl-C reaches both processes (the terminal signals its foreground group); SIGTERM and SIGHUP, sent to
this process alone (``kill PID``, a closed terminal), are passed on to the server, which is waited for; and on
Linux the server also asks the kernel to stop it when this process dies, even by SIGKILL (``site.mkdocs_serve``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from generator.checks import check, files_to_check
from generator.commands import import_, report, reporting, waiting
from generator.fsutil import atomic_write
from generator.project import Project
from generator.site.generated import refresh
from generator.site.mkdocs import SERVE_PARENT_ENV, SERVE_POLL_ENV

POLL_SECONDS = 0.5
SERVE_CONFIG = ("# Written by `readings serve`: the site's configuration without its Content Security Policy,\n"
                "# which would block the live-reload script MkDocs injects. Not for publishing.\n"
                "# The preview is served at the root, whatever site_url says.\n"
                "INHERIT: {config}\nsite_url: null\nextra:\n  content_security_policy: ''\n")
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))  # and Ctrl-C's SIGINT
STOP_SECONDS = 10.0  # how long the server may take to stop before it is killed


class StopSignalError(Exception):
    """A stop signal (``STOP_SIGNALS``) reached the wrapper."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum: int, _frame: object) -> None:
    raise StopSignalError(signum)


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Ask the server to stop, wait for it, and kill it if it does not within ``STOP_SECONDS``."""
    for signum in STOP_SIGNALS:  # a second signal must not interrupt the wait
        signal.signal(signum, signal.SIG_IGN)
    process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def snapshot(folder: Path, suffix: str = "") -> dict[Path, tuple[int, int]]:
    """The files directly in ``folder`` (ending in ``suffix``) with their modification time and size: one stat each."""
    found: dict[Path, tuple[int, int]] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        if entry.name.endswith(suffix) and not entry.name.startswith("."):
            try:
                if entry.is_file():
                    info = entry.stat()
                    found[Path(entry.path)] = (info.st_mtime_ns, info.st_size)
            except OSError:
                continue
    return found


def watch(project: Project, on_seed: Callable[[list[Path]], None], on_reading: Callable[[list[Path]], None],
          stop: threading.Event, on_start: Callable[[], None] = lambda: None) -> None:
    """Call ``on_start`` once, then ``on_seed`` with changed seeds and ``on_reading`` with changed readings, context
    pages, bibliography and people file (what the generated pages are made from), until ``stop`` is set (what changes while
    ``on_start`` runs is seen after it)."""
    def sources() -> dict[Path, tuple[int, int]]:
        found = {**snapshot(project.readings, ".md"), **snapshot(project.context, ".md")}
        for path in (project.bibliography_file, project.people_file):
            with contextlib.suppress(OSError):
                info = path.stat()
                found[path] = (info.st_mtime_ns, info.st_size)
        return found

    seeds = snapshot(project.seeds)
    readings = sources()
    on_start()
    while not stop.wait(POLL_SECONDS):
        now_seeds = snapshot(project.seeds)
        changed = sorted(p for p, stamp in now_seeds.items() if seeds.get(p) != stamp)
        seeds = now_seeds
        if changed:
            on_seed(changed)
        now_readings = sources()
        if now_readings != readings:
            edited = sorted(p for p, stamp in now_readings.items() if readings.get(p) != stamp)
            readings = now_readings
            on_reading(edited)


def refresh_generated(project: Project, wait: float, edited: list[Path] | None = None) -> int:
    """Refresh the generated pages under the lock, then check the ``edited`` pages (every file when None) as
    `readings check` would, and report."""
    refresh_pages(project, wait)
    return check_pages(project, edited)


def refresh_pages(project: Project, wait: float) -> int:
    with project.lock(wait, waiting):
        report([p for p in refresh(project) if p.is_error])
    return 0


def check_pages(project: Project, edited: list[Path] | None) -> int:
    """Check the ``edited`` pages (every file when None) as `readings check` would, and report."""
    problems = check(files_to_check(project) if edited is None else [p for p in edited if p.exists()], project)
    report(problems)  # what a pull request's check would say, while the contributor still has the page open
    errors = sum(p.is_error for p in problems)
    print(f"readings: checked: {errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    return 0


def run(project: Project, address: str, wait: float = 60.0, poll: bool = False) -> int:
    """Run MkDocs' server with our watcher beside it."""
    def on_seed(paths: list[Path]) -> None:
        reporting(lambda: import_.run(project, import_.ImportOptions([str(p) for p in paths], update=True, wait=wait)))

    def on_reading(edited: list[Path]) -> None:
        reporting(lambda: refresh_generated(project, wait, edited))

    def on_start() -> None:  # the whole collection checked once, while MkDocs' first build runs
        reporting(lambda: check_pages(project, None))

    reporting(lambda: refresh_pages(project, wait))  # the generated pages current before the first build
    atomic_write(project.serve_config_file, SERVE_CONFIG.format(config=project.config_file.name))
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(project, on_seed, on_reading, stop, on_start), daemon=True)
    thread.start()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", SERVE_PARENT_ENV: str(os.getpid()), **({SERVE_POLL_ENV: "1"} if poll else {})}
    cmd = [sys.executable, "-m", "generator.site.mkdocs_serve", "serve", "--livereload", "--dirty", "--dev-addr", address,
           "--watch", project.rel(project.seeds), "--watch", project.rel(project.overrides), "--watch", project.config_file.name,
           "--config-file", str(project.serve_config_file)]
    main_thread = threading.current_thread() is threading.main_thread()  # only it may take signals
    previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS} if main_thread else {}
    process = subprocess.Popen(cmd, cwd=project.root, env=env)
    try:
        for signum in previous:
            signal.signal(signum, _raise_stopped)
        return process.wait()
    except KeyboardInterrupt:
        stop_server(process)
        return 0
    except StopSignalError as stopped:
        stop_server(process)
        return 128 + stopped.signum  # as a shell reports a process the signal ended
    finally:
        stop.set()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
