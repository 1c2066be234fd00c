"""A cache of what is derived from each page, so a large collection is not re-read on every run.

Entries are keyed by the file's path, size and modification time (and, where the
result depends on them, the context pages): a changed file is simply recomputed.
The whole cache belongs to one version of the generator's code (a digest of its
source), so new rules never meet old results.
The cache lives in .readings-cache.json (not versioned); deleting it is always
safe. It never changes what is written, only how fast: outputs are the same with
or without it, and a cache that cannot be saved (a read-only checkout, a full
disk) is simply not saved.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from generator.fsutil import atomic_write, try_lock
from generator.project import Project

T = TypeVar("T")


@functools.cache
def code_version() -> str:
    """A digest of the generator's own source: a cached result is only valid for the code that computed it."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def stamp(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


class Cache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict[str, Any] = {"version": code_version()}
        self.dirty = False
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict) and loaded.get("version") == code_version():
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

    def peek(self, kind: str, key: str) -> Any:
        """The value stored under ``key`` (for values keyed by a digest of everything they depend on), or None."""
        entry = self.data.get(kind, {}).get(key)
        return entry.get("value") if isinstance(entry, dict) else None

    def put(self, kind: str, key: str, value: Any) -> None:
        self.data.setdefault(kind, {})[key] = {"depends": [], "value": value}
        self.dirty = True

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
