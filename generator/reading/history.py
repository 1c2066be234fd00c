"""The seeds' history in git: what a seed was when its page was imported.

``GitHistory.previous`` finds the seed's earlier bytes by their SHA-256 (the
page's ``source_sha256``) and parses them, so an update can tell a
contributor's front-matter edit from the old seed's own value. A checkout
without git, or without that version, answers None.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path
from typing import Protocol

from generator.document.capture import Capture
from generator.errors import InputError
from generator.importers import parse_text

GIT_TIMEOUT = 30  # seconds per git call


class SeedHistory(Protocol):
    def previous(self, source: str, sha256: str) -> Capture | None:
        """The capture of ``source`` as it was when its bytes had ``sha256``, if known."""
        ...


class NoHistory:
    def previous(self, source: str, sha256: str) -> Capture | None:
        return None


class GitHistory:
    """Looks seeds up in the project's git history."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def previous(self, source: str, sha256: str) -> Capture | None:
        try:
            revs = subprocess.run(["git", "log", "--format=%H", "--", source], cwd=self.root, capture_output=True,
                                  text=True, check=True, timeout=GIT_TIMEOUT).stdout.split()
            for rev in revs:
                data = subprocess.run(["git", "show", f"{rev}:{source}"], cwd=self.root, capture_output=True,
                                      check=True, timeout=GIT_TIMEOUT).stdout
                if hashlib.sha256(data).hexdigest() == sha256:
                    return parse_text(data, source)
        except (OSError, subprocess.SubprocessError, InputError):
            return None
        return None
