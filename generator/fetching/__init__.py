"""Fetching: addresses to downloads, several at a time, and a readable file name for each.

``fetch_all`` runs ``client.fetch`` for every address with a small
concurrency and returns the downloads and the problems, in the order the
addresses were given; nothing is written. ``seed_name`` names a capture after
its host and the last part of its path. The ``readings fetch`` command
(``commands.fetch``) decides what to write.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from urllib.parse import urlsplit

from generator.errors import Problem
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
    """Fetch every address (at most ``WORKERS`` at once); one result per address, in order."""
    results: list[Download | Problem | None] = [None] * len(urls)
    progress = sys.stderr.isatty() and len(urls) > 1
    connections = pool(WORKERS)
    with ThreadPoolExecutor(max_workers=WORKERS) as executor:
        futures = {executor.submit(fetch, connections, url, options): index for index, url in enumerate(urls)}
        for done, future in enumerate(as_completed(futures), start=1):
            results[futures[future]] = future.result()
            if progress:
                print(f"\rfetching: {done}/{len(urls)} done", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    return [r for r in results if r is not None]
