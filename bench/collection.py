"""Benchmark a collection of N readings against baselines measured in the same run.

    python bench/collection.py --n 1000 [--runs 3] [--skip-zensical] [--skip-browser]

It generates N seeds from real text (the seed and the 91 corpus articles), imports
them, adds 20 annotations to every reading (as contributors would), then measures
the median of --runs runs of: import, a no-op re-run, a run after one seed changed,
`readings check`, and `readings build` (time, peak memory, output size), plus the
search index, a reading's weight, and in Chromium the time from opening search to
the first result. Baselines in the same run: copying the seeds (the I/O floor), a
plain Material build of the same article texts, and Zensical building our docs/.
Prints one table and writes bench/results-N.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "extraction-benchmark"
WORK = ROOT / ".bench"
THEMES = ["Politics", "Economy", "Security", "Media", "Health", "Technology", "Environment", "Culture"]
REGIONS = ["Asia", "Europe", "Africa", "Americas", "Middle East", "Oceania"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}


def articles() -> list[tuple[str, list[str]]]:
    """(title, paragraphs) from the corpus's hand-marked bodies and the seed's article."""
    sys.path.insert(0, str(ROOT))
    from generator.importers import load_seed

    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    texts = []
    for key in sorted(truth):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", truth[key]["articleBody"]) if len(p.split()) > 3]
        if len(paragraphs) >= 4:
            texts.append((" ".join(paragraphs[0].split()[:9]).rstrip(".,;:"), paragraphs))
    capture = load_seed(ROOT / "seeds" / "000_6332c615e978acc2.txt", ROOT)
    texts.append((capture.meta.title, capture.paragraphs))
    return texts


def make_seeds(folder: Path, n: int) -> None:
    folder.mkdir(parents=True)
    texts = articles()
    for i in range(n):
        title, paragraphs = texts[i % len(texts)]
        body = "\n\n".join(paragraphs)
        front = (f"---\ntitle: \"{title.replace(chr(34), '')} ({i})\"\nauthor: Author {i % 97}\ndate: 2019-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
                 f"site_name: Publisher {i % 13}\nthemes: [{THEMES[i % len(THEMES)]}, {THEMES[(i * 7) % len(THEMES)]}]\n"
                 f"regions: [{REGIONS[i % len(REGIONS)]}]\n---\n\n")
        (folder / f"{i:05d}.md").write_text(front + body + "\n", encoding="utf-8")


def annotate(readings: Path, per_page: int = 20) -> None:
    """Add ``per_page`` annotations to each reading where its text allows: spans of four plain words,
    spread over its paragraphs, each with its note below the paragraph."""
    sys.path.insert(0, str(ROOT))
    from generator.document.page import dump, parse_page

    kinds = ["claim", "source", "context", "rhetoric", "question"]
    word = re.compile(r"(?<![\w=\[(])[A-Za-z]+(?: [A-Za-z]+){3}(?![\w\])=])")
    for path in sorted(readings.glob("*.md")):
        page = parse_page(path.read_text(encoding="utf-8"), path.name)
        blocks = page.body.split("\n\n")
        eligible = [i for i, b in enumerate(blocks)
                    if not b.startswith(("[^", "??? ", "!!! ", "    ", "#", "-", ">", "*", "|")) and "==" not in b and "](" not in b]
        per_block = -(-per_page // max(1, len(eligible)))
        count = 0
        for index in eligible:
            spans = []
            for match in word.finditer(blocks[index]):
                if count + len(spans) >= per_page or len(spans) >= per_block:
                    break
                if not spans or match.start() > spans[-1][1] + 20:
                    spans.append(match.span())
            if not spans:
                continue
            text, notes = blocks[index], []
            for start, end in reversed(spans):
                ident = f"{kinds[(count + len(notes)) % len(kinds)]}-b{count + len(spans) - len(notes)}"
                text = f"{text[:start]}=={text[start:end]}==[^{ident}]{text[end:]}"
                notes.insert(0, f"[^{ident}]: Benchmark note: who says so, and what evidence does the text give?")
            count += len(spans)
            blocks[index] = text + "\n\n" + "\n".join(notes)
        path.write_text(dump(page.meta, "\n\n".join(blocks)), encoding="utf-8")


def timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak memory (kB) of one command."""
    import tempfile

    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        errors.seek(0)
        err = errors.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{err[-2000:]}")
    return seconds, usage.ru_maxrss


def readings(project: Path, *args: str) -> tuple[float, int]:
    return timed([sys.executable, "-m", "generator", "--project", str(project), *args], project)


def fresh_project(folder: Path, seeds: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "mkdocs.offline.yml"):
        shutil.copy(ROOT / name, folder / name)
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    (folder / "docs").mkdir()
    for name in ("about.md", "contributing.md"):
        shutil.copy(ROOT / "docs" / name, folder / "docs" / name)
    shutil.copytree(ROOT / "docs" / "context", folder / "docs" / "context")
    shutil.copy(ROOT / "docs" / "sources.yaml", folder / "docs" / "sources.yaml")  # what the context pages cite
    shutil.copytree(seeds, folder / "seeds")
    return folder


def plain_material(project: Path, folder: Path) -> Path:
    """The same article texts as plain Markdown under stock Material: the engine's floor."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "docs" / "readings").mkdir(parents=True)
    sys.path.insert(0, str(ROOT))
    from generator.document import read
    from generator.document.page import read_page

    for path in sorted((project / "docs" / "readings").glob("*.md")):
        page = read_page(path, path.name)
        text = read.article_text(page.body)
        (folder / "docs" / "readings" / path.name).write_text(f"# {page.meta['title']}\n\n{text}\n", encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Plain\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text("site_name: Plain\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
                                       "nav:\n  - index.md\nnot_in_nav: /readings/\n", encoding="utf-8")
    return folder


def dir_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def page_weight(site: Path, page: Path) -> dict[str, int]:
    html = page.read_text(encoding="utf-8")
    weight = {"html": len(html.encode()), "css": 0, "js": 0}
    for ref in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html):
        target = (page.parent / ref).resolve()
        if target.is_file():
            weight["css" if ref.endswith(".css") else "js"] += target.stat().st_size
    return weight


def search_latency(site: Path, word: str) -> float | None:
    """Seconds from typing a common word in the search box to the first result, in Chromium."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from browser import browser, serve
    except ImportError:
        return None
    with serve(site) as url, browser() as chromium:
        page = chromium.new_page()
        page.goto(url)
        page.locator(".md-search__input").click()
        start = time.perf_counter()
        page.locator(".md-search__input").press_sequentially(word)
        page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
        return time.perf_counter() - start


def zensical(project: Path) -> dict[str, object]:
    venv = WORK / "zensical-venv"
    if not (venv / "bin" / "zensical").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        result = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "zensical==0.0.73", "-e", str(ROOT)],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0:
            return {"error": "install failed: " + result.stderr.strip().splitlines()[-1][:200]}
    try:
        seconds, memory = timed([str(venv / "bin" / "zensical"), "build", "--clean"], project)
    except RuntimeError as exc:
        lines = [line for line in str(exc).splitlines() if line.strip()]
        return {"error": " / ".join(lines[-3:])[:300]}
    return {"seconds": round(seconds, 2), "peak_mb": round(memory / 1024)}


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def run(n: int, runs: int, skip_zensical: bool, skip_browser: bool) -> dict[str, object]:
    base = WORK / str(n)
    if base.exists():
        shutil.rmtree(base)
    seeds = base / "seeds-src"
    make_seeds(seeds, n)
    result: dict[str, object] = {"n": n, "runs": runs, "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"}

    copies = []
    for r in range(runs):
        start = time.perf_counter()
        shutil.copytree(seeds, base / f"copy-{r}")
        copies.append(time.perf_counter() - start)
    result["io_floor_s"] = median(copies)

    imports, memory = [], []
    for r in range(runs):
        project = fresh_project(base / f"import-{r}", seeds)
        seconds, peak = readings(project, "import", "seeds")
        imports.append(seconds)
        memory.append(peak)
    project = base / "import-0"
    result["import_s"] = median(imports)
    result["import_seeds_per_s"] = round(n / median(imports))
    result["import_vs_io_floor"] = round(median(imports) / result["io_floor_s"], 1)  # type: ignore[operator]
    result["import_peak_mb"] = round(max(memory) / 1024)

    annotate(project / "docs" / "readings")
    counts = [len(re.findall(r"^\[\^[a-z]+-b\d+\]: ", p.read_text(encoding="utf-8"), re.M))
              for p in (project / "docs" / "readings").glob("*.md")]
    result["annotations_per_reading"] = round(sum(counts) / len(counts), 1)
    problems = subprocess.run([sys.executable, "-m", "generator", "--project", str(project), "check"], env=ENV,
                              capture_output=True, text=True, check=False)
    if problems.returncode != 0:
        raise RuntimeError("the annotated collection does not pass check:\n" + problems.stderr[-1500:])
    from generator.project import Project
    from generator.site.generated import refresh

    refresh(Project.at(project))  # the listings, with the annotations counted
    result["noop_s"] = median([readings(project, "import", "seeds")[0] for _ in range(runs)])

    changed, rewritten = [], []
    for r in range(runs):
        seed = project / "seeds" / f"{r:05d}.md"
        seed.write_text(seed.read_text(encoding="utf-8").replace("\n\n", f"\n\nA corrected sentence number {r}.\n\n", 1), encoding="utf-8")
        before = {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*.md")}
        changed.append(readings(project, "import", "--update", "seeds")[0])
        rewritten.append(sum(1 for p, m in before.items() if p.exists() and p.stat().st_mtime_ns != m))
    result["one_changed_s"] = median(changed)
    result["one_changed_files_rewritten"] = max(rewritten)

    result["check_s"] = median([readings(project, "check")[0] for _ in range(runs)])

    builds, peaks = [], []
    for _ in range(runs):
        seconds, peak = readings(project, "build")
        builds.append(seconds)
        peaks.append(peak)
    site = project / "site"
    result["build_s"] = median(builds)
    result["build_peak_mb"] = round(max(peaks) / 1024)
    result["site_mb"] = round(dir_bytes(site) / 1e6, 1)
    pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    result["largest_page_kb"] = round(pages[-1].stat().st_size / 1024, 1)
    result["largest_page"] = pages[-1].relative_to(site).as_posix()
    result["search_index_mb"] = round((site / "search" / "search_index.json").stat().st_size / 1e6, 1)
    reading = next(iter(sorted((site / "readings").glob("*/index.html"))))
    result["reading_page_bytes"] = page_weight(site, reading)

    plain = plain_material(project, base / "plain")
    plain_builds = [timed([sys.executable, "-m", "mkdocs", "build", "-q"], plain)[0] for _ in range(runs)]
    result["plain_material_build_s"] = median(plain_builds)
    result["build_vs_plain"] = round(result["build_s"] / result["plain_material_build_s"], 2)  # type: ignore[operator]
    if not skip_browser:
        try:
            latency = search_latency(site, "government")
            result["search_first_result_s"] = None if latency is None else round(latency, 2)
        except Exception as exc:  # a benchmark reports what failed rather than losing the other figures
            result["search_first_result_s"] = f"failed: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
    if skip_zensical:
        result["zensical"] = {"skipped": True}
    else:
        # Zensical writes site/ too: give it its own copy of the project.
        copy = base / "zensical-project"
        shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site"))
        result["zensical"] = zensical(copy)
    return result


def table(result: dict[str, object]) -> str:
    rows = [(k, v) for k, v in result.items()]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-zensical", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()
    result = run(args.n, args.runs, args.skip_zensical, args.skip_browser)
    print(table(result))
    out = ROOT / "bench" / f"results-{args.n}.json"
    out.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
