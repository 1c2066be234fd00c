"""The seeds' history in git: what a seed was when its page was imported.

``GitHistory.previous`` finds the seed's earlier bytes by their SHA-256 (the
page's ``source_sha256``) and parses them, so an update can tell a
contributor's front-matter edit from the old seed's own value (with the
capture record committed beside it, when the seed was fetched). A checkout
without git, or without that version, answers None. ``is_committed`` tells
whether git holds a file as it is, so replacing it loses nothing.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path
from typing import Protocol

from generator.document.capture import Capture
from generator.errors import InputError
from generator.fsutil import read_inside
from generator.importers import override, parse_text, record

GIT_TIMEOUT = 30  # seconds per git call


class SeedHistory(Protocol):
    def previous(self, source: str, sha256: str) -> Capture | None:
        """The capture of ``source`` as it was when its bytes had ``sha256``, if known."""
        ...

    def before_override(self, source: str, fix: override.ExtractionOverride | None) -> Capture | None:
        """The capture of ``source`` (unchanged bytes) as the extraction override its page records (or none) made it."""
        ...


class NoHistory:
    def previous(self, source: str, sha256: str) -> Capture | None:
        return None

    def before_override(self, source: str, fix: override.ExtractionOverride | None) -> Capture | None:
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
                    return parse_text(data, source, self._record(rev, source, sha256), self._override(rev, source))
        except (OSError, subprocess.SubprocessError, InputError):
            return None
        return None

    def before_override(self, source: str, fix: override.ExtractionOverride | None) -> Capture | None:
        """The seed as it is, extracted with ``fix`` (the override its page records) or with none."""
        try:
            data = read_inside(self.root / source, self.root, source, "bad-seed-path")
            return parse_text(data, source, record.load(self.root / source, source, self.root), fix)
        except (OSError, InputError):
            return None

    def _override(self, rev: str, source: str) -> override.ExtractionOverride | None:
        shown = source + override.OVERRIDE_SUFFIX
        found = subprocess.run(["git", "show", f"{rev}:{shown}"], cwd=self.root, capture_output=True, timeout=GIT_TIMEOUT)
        if found.returncode:
            return None
        try:
            return override.parse(found.stdout.decode("utf-8"), shown)
        except (InputError, UnicodeDecodeError):
            return None

    def _record(self, rev: str, source: str, sha256: str) -> record.CaptureRecord | None:
        """The capture record committed with those bytes, if the seed was fetched and its record describes them."""
        shown = source + record.RECORD_SUFFIX
        found = subprocess.run(["git", "show", f"{rev}:{shown}"], cwd=self.root, capture_output=True, timeout=GIT_TIMEOUT)
        if found.returncode:
            return None
        try:
            old = record.parse(found.stdout.decode("utf-8"), shown)
        except (InputError, UnicodeDecodeError):
            return None
        return old if old.sha256 == sha256 else None


def is_committed(root: Path, paths: list[str]) -> bool | None:
    """Whether every one of ``paths`` is tracked by git and unchanged since the last commit; None outside git."""
    try:
        inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=root, capture_output=True, text=True,
                                timeout=GIT_TIMEOUT)
        if inside.returncode or inside.stdout.strip() != "true":
            return None
        tracked = subprocess.run(["git", "ls-files", "--error-unmatch", "--", *paths], cwd=root, capture_output=True,
                                 timeout=GIT_TIMEOUT)
        changed = subprocess.run(["git", "status", "--porcelain", "--", *paths], cwd=root, capture_output=True, text=True,
                                 timeout=GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None
    return tracked.returncode == 0 and not changed.stdout.strip()
