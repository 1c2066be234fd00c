"""A cache of what is derived from each page, so a large collection is not re-read on every run.

Entries are keyed by the file's path, size and modification time (and, where the
result depends on them, the context pages): a changed file is simply recomputed.
The cache lives in .readings-cache.json (not versioned); deleting it is always
safe. It never changes what is written, only how fast: outputs are the same with
or without it, and a cache that cannot be saved (a read-only checkout, a full
disk) is simply not saved.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from generator.fsutil import atomic_write, try_lock
from generator.project import Project

VERSION = 3  # bump when the shape of a cached value changes
T = TypeVar("T")


def stamp(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


class Cache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict[str, Any] = {"version": VERSION}
        self.dirty = False
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict) and loaded.get("version") == VERSION:
                self.data = loaded
        except (OSError, ValueError):
            pass  # no cache, or a damaged one: start afresh

    def get(self, kind: str, key: str, depends: list[Any], compute: Callable[[], T]) -> T:
        """The cached value for ``key`` if ``depends`` is unchanged, else ``compute()`` (stored)."""
        table = self.data.setdefault(kind, {})
        entry = table.get(key)
        if isinstance(entry, dict) and entry.get("depends") == depends:
            return entry["value"]  # type: ignore[no-any-return]
        value = compute()
        table[key] = {"depends": depends, "value": value}
        self.dirty = True
        return value

    def save(self) -> None:
        """Write the cache (call with the project's lock held); a failure to write only costs speed."""
        if self.dirty:
            try:
                atomic_write(self.path, json.dumps(self.data, sort_keys=True, separators=(",", ":")))
            except OSError:
                return
            self.dirty = False

    def save_unlocked(self, project: Project) -> None:
        """Save only if the project's lock is free now: a reader (``check``) never waits for, or races, a writer."""
        with try_lock(project.lock_file) as held:
            if held:
                self.save()
