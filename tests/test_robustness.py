"""Untrusted input and data safety: bad files, paths, locks, kills mid-write, determinism, fuzzing."""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEED, make_project, parse_annotations
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.document import read
from generator.document.page import parse_page
from generator.errors import InputError
from generator.fsutil import project_lock
from generator.importers import parse_text
from generator.project import LOCK_NAME
from generator.slug import slugify

BILLION_LAUGHS = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)},"
    f" *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)) + "title: boom\n---\n\nBody.\n"


def run_import(project: Path, *seeds: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`readings import` in a subprocess with its memory capped at 2 GB."""
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return subprocess.run([sys.executable, "-m", "generator", "--project", str(project), "import", *seeds],
                          capture_output=True, text=True, timeout=timeout, preexec_fn=limit, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", b"", "empty-seed"),
        ("binary.bin", bytes(range(256)) * 64, "binary-seed"),
        ("nul.txt", b"Title\n\nText with a \x00 in it.\n", "binary-seed"),
        ("invalid.txt", b"Title\n\n\xc3\x28 \xa0\xa1 \xe2\x28\xa1 invalid UTF-8\n" + bytes(range(0x80, 0x100)), "encoding"),
        ("bomb.md", BILLION_LAUGHS.encode(), "front-matter"),
        ("deep.txt", b"Title\n\n" + b">" * 5000 + b" deep\n", "too-deep"),
        ("deep-list.txt", b"Title\n\n" + b"".join(b"    " * i + b"- item\n" for i in range(300)), "too-deep"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 20 else "",
)
def test_bad_input_gets_one_line(project: Path, name: str, content: bytes, code: str) -> None:
    (project / "seeds" / name).write_bytes(content)
    result = run_import(project, f"seeds/{name}")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"seeds/{name}:") and lines[0].endswith(f"[{code}]"), result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "docs" / "readings").exists()


def test_huge_inputs_finish_in_bounded_time_and_memory(project: Path) -> None:
    paragraph = "A sentence of ordinary words that goes on. " * 20
    big = "A fifty megabyte seed\n\n" + "\n\n".join([paragraph] * (50_000_000 // (len(paragraph) + 2)))
    (project / "seeds" / "big.txt").write_text(big, encoding="utf-8")
    (project / "seeds" / "long.txt").write_text("A long paragraph\n\n" + "\n".join(["word word word"] * 100_000), encoding="utf-8")
    start = time.monotonic()
    result = run_import(project, "seeds/big.txt", "seeds/long.txt", timeout=300)
    assert result.returncode == 0, result.stderr[-500:]
    assert time.monotonic() - start < 300
    assert (project / "docs" / "readings" / "a-fifty-megabyte-seed.md").stat().st_size > 49_000_000


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("/absolute/path", "absolute-path"),
        ("nul\x00byte", "nul-byte"),
        ("CON", "con-page"),
        ("aux", "aux-page"),
        ("ＩＳＩＳ ／ ｆｕｌｌｗｉｄｔｈ", "isis-fullwidth"),
        ("Ｃａｆé ﬁsh", "cafe-fish"),
        ("x" * 5000, "x" * 60),
        ("\u202etxt.exe", "txt-exe"),
    ],
)
def test_slugs_cannot_escape(title: str, expected: str) -> None:
    slug = slugify(title)
    assert slug == expected
    assert slug.isascii() and "/" not in slug and "\\" not in slug and ".." not in slug and len(slug.encode()) <= 60


def test_seed_outside_the_project_is_copied_in(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "seed.txt"
    outside.write_bytes(SEED.read_bytes().replace(b"ISIS-Daesh", b"ISIS"))
    assert main(["--project", str(project), "import", str(outside)]) == 0
    assert (project / "seeds" / "seed.txt").read_bytes() == outside.read_bytes()
    pages = list((project / "docs" / "readings").glob("*.md"))
    assert len(pages) == 1 and "source: seeds/seed.txt" in pages[0].read_text(encoding="utf-8")


def test_a_second_writer_waits_then_gives_up(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    release = threading.Event()
    held = threading.Event()

    def hold() -> None:
        with project_lock(project / LOCK_NAME, 5, lambda: None):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    try:
        assert main(["--project", str(project), "--wait", "0.5", "import", "seeds"]) == 1
    finally:
        release.set()
        thread.join()
    err = capsys.readouterr().err
    assert "waiting for it to finish" in err and "[locked]" in err
    assert not (project / "docs" / "readings").exists()
    assert main(["--project", str(project), "import", "seeds"]) == 0  # once released, it works


def test_killed_imports_leave_every_page_whole(project: Path) -> None:
    """SIGKILL an import at random moments: every page is either absent, the old one or the new one."""
    for n in range(30):
        text = SEED.read_text(encoding="utf-8").replace("# ISIS-Daesh Is", f"# Copy {n}: ISIS-Daesh Is", 1)
        (project / "seeds" / f"{n:03d}.txt").write_text(text + "\n" + "Padding paragraph.\n\n" * 3000, encoding="utf-8")
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator", "--project", str(project), "import", "seeds"]
    start = time.monotonic()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    full = time.monotonic() - start  # how long a run that rewrites every page takes here
    kills = 0
    for round_ in range(12):
        # Every seed changes, so every run rewrites every page and a kill lands mid-write.
        for seed in sorted((project / "seeds").glob("*.txt")):
            seed.write_text(seed.read_text(encoding="utf-8") + f"\nOne more paragraph, round {round_}.\n", encoding="utf-8")
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(rng.uniform(0.1, 0.9) * full)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
        for page in (project / "docs" / "readings").glob("*.md"):
            text = page.read_text(encoding="utf-8")
            parsed = parse_page(text, page.name)  # raises if truncated front-matter
            assert text.endswith("```\n"), f"{page.name} is truncated"
            assert parse_annotations(parsed.body)[1] == []
    assert kills >= 3, "the kills should land mid-run"
    assert main(["--project", str(project), "import", "seeds"]) == 0
    assert not list((project / "docs").rglob(".*.tmp"))  # stale temporaries are cleaned under the lock


def _tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_docs_and_site_are_byte_identical_across_environments(tmp_path: Path) -> None:
    results = []
    for index, env in enumerate([{"PYTHONHASHSEED": "1", "TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
                                 {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Auckland", "LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8"}]):
        (tmp_path / str(index)).mkdir()
        project = make_project(tmp_path / str(index))
        full = {**os.environ, **env, "PYTHONPATH": str(ROOT)}
        for command in (["import", "--update", "seeds"], ["build"]):
            result = subprocess.run([sys.executable, "-m", "generator", "--project", str(project), *command],
                                    capture_output=True, text=True, env=full, check=False)
            assert result.returncode == 0, result.stderr
        results.append((_tree_digest(project / "docs"), _tree_digest(project / "site")))
    assert results[0][0] == results[1][0]
    differing = [k for k in results[0][1] if results[0][1][k] != results[1][1].get(k)]
    assert differing == [] and results[0][1].keys() == results[1][1].keys()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_seed_parsers_fail_only_with_input_error(data: bytes) -> None:
    with contextlib.suppress(InputError):
        parse_text(data, "seeds/fuzz.txt")


TOKENS = [*"#*_[]()!=^<>-: \n\t{}`~|abcXYZ.,\"'", "==", "[^claim-a]", "[^claim-a]: ", "# ", "By ", "Global Research, ",
          "---\n", "<p>", "!!! note\n    ", "    ", "\n\n", "](#)", "](javascript:x)", "&lt;"]
SEEDISH = st.lists(st.sampled_from(TOKENS), max_size=200).map("".join)


@settings(max_examples=300, deadline=None)
@given(SEEDISH)
def test_parsers_on_markup_soup(text: str) -> None:
    for data in (text.encode(), f"# Title\n\nGlobal Research, December 18, 2017\n\n{text}\n".encode()):
        try:
            capture = parse_text(data, "seeds/fuzz.txt")
        except InputError:
            continue
        from generator.reading.compose import compose_page as render_page

        page = parse_page(render_page(capture), "fuzz.md")
        assert read.article_text(page.body) == capture.article_text()
    parse_annotations(text)  # the annotation parser never raises
    with contextlib.suppress(InputError):
        parse_page(text, "fuzz.md")
