"""``python -m generator.site.mkdocs_serve …``: MkDocs' own ``serve`` command, for ``readings serve``.

One difference: MkDocs' live reload polls every watched file twice a second, and
in a collection of thousands (docs/ and seeds/ hold a file per reading each) that
walk runs constantly, in the process that builds, and slows each build several
times over. Here it uses the operating system's change notifications instead
(watchdog's default observer: inotify on Linux, FSEvents on macOS), told only of
changes: inotify also reports a file opened or closed unwritten, and each build
opens every page, which would start the next build, and so on for ever.
The search index of each build is written by a thread while the server answers
the browser's reload; a shorter switch interval lets the server's threads, which
wait on the network and the disk, take their turn without waiting 5 ms each time.

``readings serve --poll`` (``READINGS_SERVE_POLL=1``) keeps MkDocs' polling, for folders whose changes the
system does not report (some network and virtual-machine mounts).

On Linux the server asks the kernel for SIGTERM when ``readings serve`` (its parent, ``READINGS_SERVE_PARENT``) dies,
so a wrapper killed outright (SIGKILL, which it cannot pass on) does not leave a server holding the port.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from pathlib import Path
from typing import cast

import watchdog.events as ev
import watchdog.observers
import watchdog.observers.api
import watchdog.observers.polling
from mkdocs.__main__ import cli

from generator.site.mkdocs import SERVE_PARENT_ENV, SERVE_POLL_ENV

CHANGES: list[type[ev.FileSystemEvent]] = [ev.FileCreatedEvent, ev.FileModifiedEvent, ev.FileDeletedEvent, ev.FileMovedEvent,
                                           ev.FileClosedEvent, ev.FileAttribEvent, ev.DirCreatedEvent, ev.DirDeletedEvent,
                                           ev.DirMovedEvent]


class ChangesObserver(watchdog.observers.Observer):  # type: ignore[misc, valid-type]  # an alias of the platform's class
    """The platform's observer, reporting changes only (not a file opened, or closed without writing)."""

    def schedule(self, event_handler: ev.FileSystemEventHandler, path: str | Path, *, recursive: bool = False,
                 event_filter: list[type[ev.FileSystemEvent]] | None = None,
                 follow_symlink: bool = False) -> watchdog.observers.api.ObservedWatch:
        watch = super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES,
                                 follow_symlink=follow_symlink)
        return cast(watchdog.observers.api.ObservedWatch, watch)


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent() -> None:
    """On Linux, have the kernel send SIGTERM when the parent named in ``SERVE_PARENT_ENV`` dies (best effort)."""
    parent = os.environ.get(SERVE_PARENT_ENV, "")
    if not sys.platform.startswith("linux") or not parent.isdigit():
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0) != 0:
            return
    except (OSError, AttributeError):
        return
    if os.getppid() != int(parent):  # it died before the request was made: nothing will send the signal
        os.kill(os.getpid(), signal.SIGTERM)


def main() -> None:
    die_with_parent()
    if not os.environ.get(SERVE_POLL_ENV):
        # mkdocs.livereload builds its observer as watchdog.observers.polling.PollingObserver(timeout=…).
        watchdog.observers.polling.PollingObserver = ChangesObserver  # type: ignore[misc]
    sys.setswitchinterval(0.0005)
    sys.argv[0] = "mkdocs"
    cli()


if __name__ == "__main__":
    main()
