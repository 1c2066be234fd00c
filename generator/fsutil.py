"""File helpers: reads that stay inside the project, and writes that never leave a page half-written.

Every file the tool reads from project data (a seed, its capture record and extraction override, a page, the
bibliography) goes through ``read_inside``: the path must lie inside a given folder with no symbolic link on the
way, name a regular file (never a FIFO or a device, which would block or never end) and stay under a size cap.
``inside`` is the same test without reading, for messages located elsewhere (a page's ``source:`` line).
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import InputError, RefusedError, error

MISSING = "it does not exist"  # what ``inside`` says of a file that is not there
MAX_READ_BYTES = 64 * 1024 * 1024  # the largest file read from project data: a 50 MB seed imports, /dev/zero does not


def inside(path: Path, folder: Path, limit: int = MAX_READ_BYTES) -> str | None:
    """Why ``path`` may not be read as project data from ``folder`` (a resolved folder), or None when it may.

    Lexical and on disk: the absolute path, normalised, must lie in ``folder`` and equal its own real path, so
    neither ``..`` nor a symbolic link anywhere on the way (a linked file, a linked folder) leads elsewhere; then
    ``lstat`` must find a regular file no larger than ``limit``. A missing file is said so ("does not exist").
    """
    absolute = Path(os.path.normpath(path if path.is_absolute() else Path.cwd() / path))
    if not absolute.is_relative_to(folder):
        return f"it is outside {folder.name}/"
    real = Path(os.path.realpath(absolute))  # not strict: a loop or a missing file still gives a path to compare
    if real != absolute:
        where = "another file" if real.is_relative_to(folder) else f"a place outside {folder.name}/"
        return f"it is a symbolic link, or lies in a linked folder, leading to {where}: name the file itself"
    try:
        mode = absolute.lstat()
    except FileNotFoundError:
        return MISSING
    except OSError as exc:  # a name too long, a folder that may not be listed
        return f"it cannot be read: {exc.strerror or exc}"
    if not stat.S_ISREG(mode.st_mode):
        return "it is not a regular file (a folder, a FIFO, a device or a socket)"
    if mode.st_size > limit:
        return f"it is larger than {limit // (1024 * 1024)} MB"
    return None


def read_inside(path: Path, folder: Path, shown: str, code: str, *, line: int = 1, col: int = 1,
                limit: int = MAX_READ_BYTES, head: int | None = None) -> bytes:
    """The bytes of ``path`` if ``inside`` allows it; else ``InputError`` located at ``shown:line:col`` with ``code``.

    A missing file raises ``FileNotFoundError`` (callers whose file is optional treat it as absent). The file is
    opened without following a link and without blocking, and checked again once open (a file swapped for a link
    or a FIFO between the test and the open is refused too); at most ``limit`` bytes are read (``head``: only the
    first ``head`` bytes, for a glance at a page's front-matter).
    """
    why = inside(path, folder.resolve(), limit)
    if why == MISSING:
        raise FileNotFoundError(errno.ENOENT, "no such file", str(path))
    if why is None:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as exc:
            why = f"it cannot be read: {exc.strerror or exc}"
        else:
            with os.fdopen(fd, "rb") as handle:
                status = os.fstat(handle.fileno())
                if not stat.S_ISREG(status.st_mode):
                    why = "it is not a regular file (a folder, a FIFO, a device or a socket)"
                else:
                    data = handle.read(limit + 1 if head is None else min(head, limit))
                    if len(data) <= limit:
                        return data
                    why = f"it is larger than {limit // (1024 * 1024)} MB"
    raise InputError(error(shown, line, col, f"refused to read {path.name!r}: {why}", code))


def read_here(path: Path, shown: str, code: str, head: int | None = None) -> bytes:
    """``read_inside`` for a file found by listing a project folder (a page, the bibliography): its folder may be
    named through a link (the project's own path), the file itself may not be one, a FIFO, a device or too large."""
    folder = Path(os.path.realpath(path.parent))
    return read_inside(folder / path.name, folder, shown, code, head=head)


def atomic_write(path: Path, text: str) -> bool:
    """Write ``text`` (UTF-8) to ``path`` atomically; see ``atomic_write_bytes``."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Returns False, without touching the file, when it already holds exactly these
    bytes, so an unchanged page keeps its modification time. A failure (a full disk,
    a read-only folder) leaves the file as it was and raises ``InputError`` naming it.
    """
    try:
        return _atomic_write_bytes(path, data)
    except OSError as exc:
        raise InputError(error(path.as_posix(), 1, 1, f"cannot write the file: {exc.strerror or exc}; it is left as it was",
                               "write-failed")) from exc


def replace_text(path: Path, text: str) -> None:
    """Swap ``path``'s content for ``text`` in one rename, so a reader (a browser loading a preview's file) sees the
    old file or the new, never half of one. Not flushed to disk: for build outputs, which a build makes again."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _atomic_write_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644  # mkstemp creates 0600; pages and bundles are meant to be shared
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


@contextmanager
def project_lock(path: Path, wait: float, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold the write lock file ``path``; wait up to ``wait`` seconds for another command to release it.

    ``on_wait`` is called once if the lock is busy, so the caller can say why it waits.
    """
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise RefusedError(error(path.name, 1, 1, f"cannot take the project's write lock: {exc.strerror or exc}; nothing was"
                                 " written (is the project read-only?)", "locked")) from exc
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError as exc:
                if not told:
                    on_wait()
                    told = True
                if time.monotonic() >= deadline:
                    raise RefusedError(error(path.name, 1, 1, f"another readings command has held the project's lock for {wait:g} s:"
                                             " nothing was written; try again when it has finished", "locked")) from exc
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


@contextmanager
def try_lock(path: Path) -> Iterator[bool]:
    """Take the lock file ``path`` if it is free now; yields whether it was taken (never waits, never raises)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield False  # a read-only checkout: nothing will be written anyway
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def remove_stale_temporaries(folder: Path) -> None:
    """Temporary files a killed run left behind (call with the project lock held)."""
    for path in folder.rglob(".*.tmp"):
        path.unlink(missing_ok=True)
