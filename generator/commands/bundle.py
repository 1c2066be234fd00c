"""``readings bundle``: check, refresh, then build one output (``outputs.BUILDERS``) into dist/."""

from __future__ import annotations

from pathlib import Path

from generator.commands import waiting
from generator.commands.build import prepare
from generator.outputs.base import Builder
from generator.project import Project


def run(project: Project, builder: Builder, argument: str | None = None, dist: Path | None = None, wait: float = 60.0) -> int:
    target_dir = project.dist if dist is None else dist if dist.is_absolute() else project.root / dist
    with project.lock(wait, waiting):
        prepare(project)
        target = builder.build(project, target_dir, argument)
    print(f"wrote {project.rel(target)}")
    return 0
