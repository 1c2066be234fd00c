"""`readings serve` at N readings: save to reloaded page, against a full rebuild on every save measured in the same run.

    python bench/serve.py --n 5000 [--edits 20] [--skip-baseline]

Generates N readings as bench/search.py does (unique mixtures of the corpus's paragraphs, imported, 20 notes each),
starts `readings serve` and opens one reading in Chromium (Debian's). Then:

- a reading saved: --edits times, one of its notes' text changed on disk, as an editor's save; the time until the page
  in the browser shows the new text (MkDocs' live reload), median and worst;
- a seed saved: its reading re-imported with --update, then reloaded (3 times);
- the first build, which renders every page;
- after a save, how long the search index takes to catch up (written in the background, after the reload);
- the baseline, unless --skip-baseline: the same reading saved under `mkdocs serve` without --dirty, which is what
  `readings serve` ran before (a full build on every save), once.

Prints one table and writes bench/results-serve-N.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from browser import browser  # noqa: E402
from collection import ENV, WORK, annotate, fresh_project, readings  # noqa: E402
from search import make_seeds  # noqa: E402

BUILT_RE = re.compile(r"Documentation built in ([\d.]+) seconds")
INDEX_RE = re.compile(r"search index updated in ([\d.]+) s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(url: str, log: Path, timeout: float) -> float:
    """Seconds until ``url`` answers 200."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up in {timeout} s:\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")


class Server:
    """`readings serve` (or a plain `mkdocs serve`) in its own process group, its output in a file."""

    def __init__(self, project: Path, cmd: list[str], log: Path) -> None:
        self.log = log
        self.handle = log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(cmd, cwd=project, env=ENV, stdout=self.handle, stderr=subprocess.STDOUT,
                                        start_new_session=True)

    def builds(self) -> list[float]:
        return [float(s) for s in BUILT_RE.findall(self.log.read_text(encoding="utf-8", errors="replace"))]

    def indexes(self) -> list[float]:
        return [float(s) for s in INDEX_RE.findall(self.log.read_text(encoding="utf-8", errors="replace"))]

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)
        self.handle.close()


def shows(page: Any, marker: str, timeout: float) -> float:
    """Seconds until the page (reloaded by live reload) holds ``marker``."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if page.evaluate("m => !!document.body && document.body.textContent.includes(m)", marker):
                return time.perf_counter() - start
        except Exception:  # the page is being reloaded
            pass
        time.sleep(0.02)
    raise RuntimeError(f"{marker!r} did not appear within {timeout} s")


def saved(page: Any, path: Path, text: str, marker: str, timeout: float = 900) -> float:
    """Write ``text`` to ``path`` (an editor's save, atomic as editors write) and time until the page shows ``marker``."""
    temporary = path.with_name(f".{path.name}.bench")
    temporary.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    os.replace(temporary, path)
    shows(page, marker, timeout)
    return time.perf_counter() - start


def indexed(server: Server, before: int, limit: float = 300) -> None:
    """Until the search index of the latest build is written (as a reader who reads the page before the next save)."""
    start = time.perf_counter()
    while len(server.indexes()) <= before and time.perf_counter() - start < limit:
        time.sleep(0.1)


def settle(server: Server, quiet: float = 3.0, limit: float = 900) -> None:
    """Until the server has finished building (no new "built" line for ``quiet`` seconds)."""
    start = time.perf_counter()
    count, since = len(server.builds()), time.perf_counter()
    while time.perf_counter() - start < limit:
        time.sleep(0.25)
        now = len(server.builds())
        if now != count:
            count, since = now, time.perf_counter()
        elif time.perf_counter() - since >= quiet:
            return


def run(n: int, edits: int, skip_baseline: bool) -> dict[str, Any]:
    base = WORK / f"serve-{n}"
    if base.exists():
        shutil.rmtree(base)
    make_seeds(base / "seeds-src", n)
    project = fresh_project(base / "project", base / "seeds-src")
    readings(project, "import", "seeds")
    annotate(project / "docs" / "readings")
    result: dict[str, Any] = {"n": n, "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                              "edits": edits}
    reading = next((project / "docs" / "readings").glob("*-7.md"))  # the reading of seeds/00007.md, titled "… (7)"
    slug = reading.stem
    original = reading.read_text(encoding="utf-8")
    if "Benchmark note:" not in original:
        raise RuntimeError(f"{reading} has no note to edit")
    port = free_port()
    url = f"http://127.0.0.1:{port}/readings/{slug}/"
    server = Server(project, [sys.executable, "-m", "generator", "--project", str(project), "serve", "--dev-addr",
                              f"127.0.0.1:{port}"], base / "serve.log")
    try:
        result["first_build_s"] = round(wait_up(url, server.log, 1800), 1)
        settle(server)
        with browser() as chromium:
            page = chromium.new_page()
            page.goto(url)
            indexed(server, 0, 600)
            times = []
            for i in range(edits):
                marker = f"edit{i:03d}marker"
                before = len(server.indexes())
                times.append(saved(page, reading, original.replace("Benchmark note:", f"Benchmark note {marker}:", 1), marker))
                settle(server, quiet=1.5)
                indexed(server, before)
            result["reading_saved_s"] = {"median": round(statistics.median(times), 2), "worst": round(max(times), 2)}
            after_first = server.indexes()[1:]  # the first is the first build's
            if after_first:
                result["search_index_updated_after_s"] = {"median": round(statistics.median(after_first), 1),
                                                          "worst": round(max(after_first), 1)}
            seed = project / "seeds" / "00007.md"
            seed_text = seed.read_text(encoding="utf-8")
            times = []
            for i in range(3):
                marker = f"seed{i}marker"
                body = seed_text.replace("\n---\n\n", f"\n---\n\nA new first paragraph {marker} here.\n\n", 1)
                times.append(saved(page, seed, body, marker))
                settle(server, quiet=1.5)
            result["seed_saved_s"] = {"median": round(statistics.median(times), 2), "worst": round(max(times), 2)}
    finally:
        server.stop()
        reading.write_text(original, encoding="utf-8")
    if not skip_baseline:
        # What `readings serve` ran before: MkDocs' own serve, every save a full build.
        port = free_port()
        url = f"http://127.0.0.1:{port}/readings/{slug}/"
        server = Server(project, [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}",
                                  "--config-file", ".readings-serve.yml"], base / "baseline.log")
        try:
            wait_up(url, server.log, 1800)
            settle(server)
            with browser() as chromium:
                page = chromium.new_page()
                page.goto(url)
                marker = "baselinemarker"
                result["baseline_full_rebuild_saved_s"] = round(
                    saved(page, reading, original.replace("Benchmark note:", f"Benchmark note {marker}:", 1), marker), 1)
        finally:
            server.stop()
            reading.write_text(original, encoding="utf-8")
        result["speedup_vs_full_rebuild"] = round(result["baseline_full_rebuild_saved_s"] / result["reading_saved_s"]["median"])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    result = run(args.n, args.edits, args.skip_baseline)
    for key, value in result.items():
        print(f"{key:<32} {value}")
    (ROOT / "bench" / f"results-serve-{args.n}.json").write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
