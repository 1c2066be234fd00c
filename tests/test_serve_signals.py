"""`readings serve` stops its MkDocs server when it is told to stop: SIGTERM and SIGHUP (as Ctrl-C does), and on
Linux even when the wrapper itself is killed outright (SIGKILL), so no server keeps the port, watching and rebuilding
with no one to stop it."""

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
from conftest import make_project

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process groups from /proc")]

STOP_SECONDS = 20.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_is_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def group_members(pgid: int) -> list[int]:
    """Live (not zombie) processes whose process group is ``pgid``."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="utf-8")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) ": state, ppid, pgrp, ...
        if fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(entry.name))
    return members


def describe(pids: list[int]) -> list[str]:
    found = []
    for pid in pids:
        try:
            found.append(f"{pid}: " + (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:
            found.append(f"{pid}: (gone)")
    return found


def until(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP,
                                    pytest.param(signal.SIGKILL, marks=pytest.mark.skipif(not sys.platform.startswith("linux"),
                                                                                          reason="the child's parent-death signal is Linux's"))],
                         ids=["SIGTERM", "SIGHUP", "SIGKILL"])
def test_serve_stops_its_server_when_signalled(tmp_path: Path, signum: signal.Signals) -> None:
    project = make_project(tmp_path, with_docs=False)
    port = free_port()
    wrapper = subprocess.Popen([sys.executable, "-m", "generator", "--project", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    pgid = wrapper.pid  # a new session: the wrapper leads its own process group, which its server joins
    try:
        assert until(lambda: answers(f"http://127.0.0.1:{port}/"), 120), "readings serve never answered"
        assert len(group_members(pgid)) >= 2, "the server runs in a child process of the wrapper"
        os.kill(wrapper.pid, signum)  # the wrapper only, as `kill PID` does; not its group
        wrapper.wait(timeout=STOP_SECONDS)
        assert until(lambda: not group_members(pgid), STOP_SECONDS), f"still running after {signum.name}: {describe(group_members(pgid))}"
        assert until(lambda: port_is_free(port), STOP_SECONDS), f"port {port} still taken after {signum.name}"
    finally:
        for pid in group_members(pgid):
            os.kill(pid, signal.SIGKILL)
        if wrapper.poll() is None:
            wrapper.kill()
            wrapper.wait(timeout=STOP_SECONDS)
