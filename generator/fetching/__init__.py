"""Fetching: addresses to downloads, several at a time, and a readable file name for each.

``fetch_all`` runs ``client.fetch`` for every address with a small
concurrency and returns the downloads and the problems, in the order the
addresses were given; nothing is written. ``seed_name`` names a capture after
its host and the last part of its path. The ``readings fetch`` command
(``commands.fetch``) decides what to write.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Sequence
from urllib.parse import urlsplit

from generator.errors import Problem, error
from generator.fetching.client import Download, FetchOptions, fetch, pool
from generator.slug import slugify

WORKERS = 4  # a small concurrency: polite to servers, and enough to hide latency
NAME_LENGTH = 60

__all__ = ["Download", "FetchOptions", "fetch_all", "seed_name"]


def seed_name(url: str, extension: str) -> str:
    """A readable file name for a capture of ``url``: "example-org-some-article.html"."""
    parts = urlsplit(url)
    host = (parts.hostname or "page").removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    last = segments[-1].rsplit(".", 1)[0] if segments else ""
    if last.lower() in ("index", "default", "article", "story", "") and len(segments) > 1:
        last = segments[-2]
    name = slugify(f"{host} {last}", NAME_LENGTH) or "page"
    return name + extension


def fetch_all(urls: Sequence[str], options: FetchOptions) -> list[Download | Problem]:
    """Fetch every address (at most ``WORKERS`` at once); one result per address, in order.

    Each fetch runs in a daemon thread and the main thread only waits, in short steps: Ctrl-C stops the command at
    once, and an address that overruns its deadline (``options.total``, plus a grace period for the socket to give
    up) is reported as a timeout and left behind, never waited for.
    """
    results: list[Download | Problem | None] = [None] * len(urls)
    started: dict[int, float] = {}
    lock = threading.Lock()
    slots = threading.Semaphore(WORKERS)
    progress = sys.stderr.isatty() and len(urls) > 1
    connections = pool(WORKERS)

    abandoned: set[int] = set()

    def work(index: int) -> None:
        slots.acquire()
        with lock:
            started[index] = time.monotonic()
        result = fetch(connections, urls[index], options)
        with lock:
            if index not in abandoned:  # an abandoned fetch's slot was handed on already
                results[index] = result
                slots.release()

    for index in range(len(urls)):
        threading.Thread(target=work, args=(index,), daemon=True, name=f"fetch-{index}").start()
    limit = options.total + options.timeout + 5  # the fetch's own deadline, then the socket's last read
    while True:
        with lock:
            now = time.monotonic()
            for index, since in started.items():
                if results[index] is None and now - since > limit:
                    results[index] = error(urls[index], 1, 1, f"the page did not arrive within {limit:g} s", "timeout")
                    abandoned.add(index)
                    slots.release()  # the stuck thread's slot goes to the next address
            done = sum(r is not None for r in results)
        if progress:
            print(f"\rfetching: {done}/{len(urls)} done", end="", file=sys.stderr, flush=True)
        if done == len(urls):
            break
        time.sleep(0.05)
    if progress:
        print(file=sys.stderr)
    return [r for r in results if r is not None]
