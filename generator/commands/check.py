"""``readings check``: validate pages and print one located line per problem; exit 1 on any error."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from generator import checks
from generator.checks.suggest import suggestions
from generator.commands import report
from generator.project import Project


def page_files(project: Project, given: Sequence[str]) -> list[Path]:
    """The files named (folders searched), or every file under docs/."""
    if not given:
        return checks.files_to_check(project)
    files: list[Path] = []
    for name in given:
        path = (project.root / name) if not Path(name).is_absolute() else Path(name)
        files += sorted(p for p in path.rglob("*") if p.is_symlink() or p.is_file()) if path.is_dir() and not path.is_symlink() else [path]
    return files


def run(project: Project, paths: Sequence[str], fmt: str = "text", publish: bool = False, suggest: bool = False) -> int:
    files = page_files(project, paths)
    problems = checks.check(files, project, publish=publish)
    if suggest:
        hints = suggestions(project, files)
        for hint in hints:
            print(hint, file=sys.stderr)
    report(problems, fmt)
    errors = sum(p.is_error for p in problems)
    print(f"checked {len(files)} file(s): {errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    return 1 if errors else 0
