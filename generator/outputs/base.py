"""What an output builder is: the seam every output (bundle, single file, and those to come) plugs into."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from generator.project import Project


@dataclass(frozen=True)
class Option:
    """The ``readings bundle`` option that selects a builder, and its argument."""

    flag: str  # "--single"
    metavar: str  # "SLUG"
    help: str
    optional_argument: bool = False  # "--epub [SLUG]": the argument may be left out


class Builder(Protocol):
    """An output: built from the project (already checked, generated pages fresh) into ``dist``."""

    name: str
    option: Option | None  # None: what `readings bundle` builds when no option is given
    help: str

    def build(self, project: Project, dist: Path, argument: str | None = None) -> Path:
        """Build the output; return the file written."""
        ...
