"""``readings serve``: a live preview.

MkDocs' server rebuilds on changes to docs/, mkdocs.yml, overrides/ and seeds/
(``--watch``) and reloads the browser (``--livereload``: click 8.2.2–8.3 turns
live reload off by default). A watcher thread adds what MkDocs cannot know: a
changed seed is re-imported with ``--update`` (annotations carried over), and a
changed reading refreshes the home, theme and region pages and is checked (the
problems print in the terminal, as ``readings check`` would print them). Both run in this
process, through the same functions as ``readings import`` and ``readings build``.

MkDocs' live reload injects an inline script into each page, which the site's
Content Security Policy forbids; the preview is therefore built from a
configuration that inherits mkdocs.yml with the policy off
(``.readings-serve.yml``, written here). Only the preview on your machine runs
without it.
"""

from __future__ import annotations

import os
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

POLL_SECONDS = 0.5
SERVE_CONFIG = ("# Written by `readings serve`: the site's configuration without its Content Security Policy,\n"
                "# which would block the live-reload script MkDocs injects. Not for publishing.\n"
                "# The preview is served at the root, whatever site_url says.\n"
                "INHERIT: {config}\nsite_url: null\nextra:\n  content_security_policy: ''\n")


def snapshot(folder: Path, pattern: str) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob(pattern)) if p.is_file()}


def watch(project: Project, on_seed: Callable[[list[Path]], None], on_reading: Callable[[], None], stop: threading.Event) -> None:
    """Call ``on_seed`` with changed seeds and ``on_reading`` when readings change, until ``stop`` is set."""
    seeds = snapshot(project.seeds, "*")
    readings = snapshot(project.readings, "*.md")
    while not stop.wait(POLL_SECONDS):
        now_seeds = snapshot(project.seeds, "*")
        changed = [p for p, stamp in now_seeds.items() if seeds.get(p) != stamp]
        seeds = now_seeds
        if changed:
            on_seed(changed)
        now_readings = snapshot(project.readings, "*.md")
        if now_readings != readings:
            readings = now_readings
            on_reading()


def refresh_generated(project: Project, wait: float) -> int:
    """Refresh the generated pages under the lock, then check the docs as `readings check` would, and report."""
    with project.lock(wait, waiting):
        report([p for p in refresh(project) if p.is_error])
    problems = check(files_to_check(project), project)
    report(problems)  # what a pull request's check would say, while the contributor still has the page open
    errors = sum(p.is_error for p in problems)
    print(f"readings: checked: {errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    return 0


def run(project: Project, address: str, wait: float = 60.0) -> int:
    """Run MkDocs' server with our watcher beside it."""
    def on_seed(paths: list[Path]) -> None:
        reporting(lambda: import_.run(project, import_.ImportOptions([str(p) for p in paths], update=True, wait=wait)))

    def on_reading() -> None:
        reporting(lambda: refresh_generated(project, wait))

    reporting(lambda: refresh_generated(project, wait))
    atomic_write(project.serve_config_file, SERVE_CONFIG.format(config=project.config_file.name))
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(project, on_seed, on_reading, stop), daemon=True)
    thread.start()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", address,
           "--watch", project.rel(project.seeds), "--watch", project.rel(project.overrides), "--watch", project.config_file.name,
           "--config-file", str(project.serve_config_file)]
    process = subprocess.Popen(cmd, cwd=project.root, env=env)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=10)
        return 0
    finally:
        stop.set()
