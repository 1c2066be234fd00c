"""Run MkDocs: ``mkdocs build --strict`` in a subprocess, so its warnings fail the build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.errors import BuildError
from generator.project import Project

SERVE_POLL_ENV = "READINGS_SERVE_POLL"  # set: `readings serve --poll` (see site.mkdocs_serve)
SERVE_PARENT_ENV = "READINGS_SERVE_PARENT"  # the pid of `readings serve`, whose death stops its server (site.mkdocs_serve)
LOCK_HELD_ENV = "READINGS_LOCK_HELD"  # set for MkDocs when a readings command holds the project's lock for it


def mkdocs_build(project: Project, site_dir: Path, config: Path | None = None, extra_env: dict[str, str] | None = None,
                 strict: bool = True) -> None:
    """Build the site with ``config`` (the project's mkdocs.yml by default) into ``site_dir``; warnings fail the build
    (``strict=False`` only for tests that must build what a strict build refuses, to test the layers behind it)."""
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.setdefault("SOURCE_DATE_EPOCH", "0")  # reproducible gzip headers; no dates are shown
    env[LOCK_HELD_ENV] = "1"  # our callers hold the project's lock (or build outside the project)
    env.update(extra_env or {})
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict" if strict else "--no-strict", "--clean",
           "--config-file", str(config or project.config_file), "--site-dir", str(site_dir)]
    result = subprocess.run(cmd, cwd=project.root, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stderr + result.stdout).strip()
        raise BuildError(f"mkdocs build failed (exit {result.returncode}):\n{output}")
