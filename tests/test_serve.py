"""`readings serve`: the live preview picks up edits to readings and seeds."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import SEED, SEED_SLUG, make_project

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, needle: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} did not appear at {url} within {timeout}s")


def test_serve_picks_up_reading_and_seed_edits(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "generator", "--project", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/readings/{SEED_SLUG}/"
        wait_for(url, "introduction")
        page = project / "docs" / "readings" / f"{SEED_SLUG}.md"
        page.write_text(page.read_text(encoding="utf-8").replace("It argues that", "It argues, live-preview-marker, that"), encoding="utf-8")
        wait_for(url, "live-preview-marker")
        seed = project / "seeds" / SEED.name
        seed.write_text(seed.read_text(encoding="utf-8").replace("Tartous", "Tartus"), encoding="utf-8")
        wait_for(url, 'context/tartus/">Tartus</a>')
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
