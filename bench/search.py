"""Search at N readings: the sharded index against Material's own lunr search, measured in the same run.

    python bench/search.py --n 1000 [--queries 20] [--relevance 100] [--skip-file]

Generates N readings whose texts are unique mixtures of the corpus's paragraphs (so a phrase can belong to one
reading only), imports them, adds 20 notes to each, and builds the site twice: with the readings plugin's sharded
search (the default) and with `search: material` (Material's lunr, the baseline). Then, in Chromium (Debian's),
for each build served on 127.0.0.1 and, unless --skip-file, as the offline bundle opened from file:// with the
network cut:

- page load (or, from file://, opening search) to the worker's "ready";
- typing the last letter of a word to the first result rendered: median and worst over --queries words (the rest of
  the word is put in the box at once, so the backend answers one query from scratch);
- bytes loaded for one query, manifest included (files the worker asked for, from a fresh page);
- relevance: --relevance queries made of a phrase found in one reading only (the last two words of one of its
  paragraphs and the first two of the next), and whether that reading is among the first three results;
- the size of the search files against Material's search_index.json.

Prints one table and writes bench/results-search-N.json.

    python bench/search.py --languages

Readings in several languages instead (the corpus's German, Russian and Japanese articles, short articles in
Russian, German, Chinese, Japanese, Arabic, Persian, French, Spanish and English written for the tests, and 60 of the
corpus's English articles around them): each query an inflected or in-sentence form of words one reading holds;
relevance (that reading in the first three) and bytes a query loads from a fresh page (the search code included),
for the sharded index over http and file:// and for Pagefind (PyPI ``pagefind[extended]``, MIT) over http, its
index built from the same site with each reading's ``<html lang>`` set to its language (Pagefind searches the index of
the page's language: each query is made from a page in the query's language). Writes
bench/results-search-languages.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from browser import browser, serve  # noqa: E402
from collection import WORK, annotate, articles, fresh_project, readings  # noqa: E402

from generator.search.tokens import terms  # noqa: E402

WORDS = ["government", "helicop", "election", "minister", "report", "police", "market", "security", "health", "climate",
         "afghan", "court", "energy", "water", "school", "military", "border", "price", "village", "vaccine",
         "refugee", "parliament", "budget", "protest", "company"]
READY_HOOK = """
(() => {
  window.__ready = null;
  const mark = data => { if (data && data.type === 1 && window.__ready === null) window.__ready = performance.now(); };
  window.addEventListener("message", e => mark(e.data));            // the iframe-worker shim (file://)
  const Native = window.Worker;
  if (Native) window.Worker = class extends Native {                 // a real Worker (http)
    constructor(url, options) { super(url, options); this.addEventListener("message", e => mark(e.data)); }
  };
  window.__mutations = [];
  new MutationObserver(records => {  // the result list or its "N matching documents" line changed
    if (records.some(r => r.target.closest && r.target.closest(".md-search-result")))
      window.__mutations.push(performance.now());
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();
"""


def make_seeds(folder: Path, n: int) -> None:
    """N Markdown seeds, each a different mixture of 8 to 14 of the corpus's paragraphs (fixed random seed)."""
    folder.mkdir(parents=True)
    pool = [p for _title, paragraphs in articles() for p in paragraphs if len(p.split()) >= 12]
    rng = random.Random(20261126)
    for i in range(n):
        body = "\n\n".join(rng.sample(pool, rng.randint(8, 14)))
        words = re.findall(r"[A-Za-z]{4,}", body)
        title = " ".join(words[:6]).capitalize() + f" ({i})"
        front = f"---\ntitle: \"{title}\"\nauthor: Author {i % 97}\ndate: 2019-{1 + i % 12:02d}-{1 + i % 28:02d}\n---\n\n"
        (folder / f"{i:05d}.md").write_text(front + body + "\n", encoding="utf-8")


def unique_phrases(project: Path, count: int) -> list[tuple[str, str]]:
    """(phrase, reading slug) where every term of the phrase occurs together in that reading only."""
    from generator.document import read
    from generator.document.page import read_page

    texts: dict[str, list[str]] = {}
    for path in sorted((project / "docs" / "readings").glob("*.md")):
        page = read_page(path, path.name)
        texts[path.stem] = [p for p in read.article_text(page.body).split("\n\n") if p.strip()]
    term_sets = {slug: set(terms(" ".join(paragraphs))) for slug, paragraphs in texts.items()}
    rng = random.Random(5)
    slugs = sorted(texts)
    found: list[tuple[str, str]] = []
    tries = 0
    while len(found) < count and tries < count * 50:
        tries += 1
        slug = rng.choice(slugs)
        paragraphs = texts[slug]
        if len(paragraphs) < 2:
            continue
        i = rng.randrange(len(paragraphs) - 1)
        left = re.findall(r"[A-Za-z]+", paragraphs[i])[-2:]
        right = re.findall(r"[A-Za-z]+", paragraphs[i + 1])[:2]
        phrase = " ".join(left + right)
        wanted = set(terms(phrase))
        if len(wanted) < 3:
            continue
        if [s for s, have in term_sets.items() if wanted <= have] == [slug]:
            found.append((phrase, slug))
    return found


@contextmanager
def opened(site: Path, mode: str) -> Iterator[tuple[Any, str, list[str]]]:
    """A Chromium page for ``site`` over http, or its offline bundle over file:// with the network cut."""
    with browser() as chromium:
        context = chromium.new_context(bypass_csp=True)  # the harness evaluates its own scripts in the page
        requested: list[str] = []

        def route(r: Any) -> None:
            url = r.request.url
            requested.append(url)
            if mode == "file" and not url.startswith("file:"):
                r.abort()
            else:
                r.continue_()

        context.route("**/*", route)
        context.add_init_script(READY_HOOK)
        page = context.new_page()
        page.set_default_timeout(180_000)
        if mode == "http":
            with serve(site) as url:
                yield page, url, requested
        else:
            yield page, (site / "index.html").as_uri(), requested


def open_search(page: Any) -> None:
    page.locator(".md-search__input").click()


def wait_settled(page: Any, quiet: float = 0.4, limit: float = 120) -> None:
    """Until the result list has not changed for ``quiet`` seconds (and shows something)."""
    start = time.perf_counter()
    last = -1
    stable_since = time.perf_counter()
    while time.perf_counter() - start < limit:
        count = page.evaluate("window.__mutations.length")
        meta = page.locator(".md-search-result__meta").inner_text()
        if count != last:
            last, stable_since = count, time.perf_counter()
        elif time.perf_counter() - stable_since >= quiet and "Type to start" not in meta:
            return
        time.sleep(0.05)


def clear(page: Any) -> None:
    page.locator(".md-search__input").press("Control+a")
    page.locator(".md-search__input").press("Backspace")
    page.wait_for_timeout(150)


def type_last_letter(page: Any, text: str) -> float:
    """Put ``text`` but its last letter in the box, then type the last letter: milliseconds from that key to the first
    result rendered."""
    clear(page)
    # All but the last letter go in at once (no query for them: Material queries on key events), so each backend
    # answers one query from scratch: for the sharded index that is the worst case, with no piece loaded before.
    page.evaluate("t => { document.querySelector('.md-search__input').value = t; }", text[:-1])
    page.wait_for_timeout(300)
    before = page.evaluate("window.__mutations.length")
    start = page.evaluate("performance.now()")
    page.locator(".md-search__input").press(text[-1])
    page.wait_for_function(f"window.__mutations.length > {before}", timeout=180_000)
    elapsed = float(page.evaluate(f"window.__mutations[{before}]")) - start
    page.wait_for_timeout(200)
    return elapsed


def measure(site: Path, mode: str, phrases: list[tuple[str, str]], queries: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    with opened(site, mode) as (page, url, requested):
        page.goto(url)
        if mode == "file":
            opened_at = page.evaluate("performance.now()")
            open_search(page)
        else:
            opened_at = 0.0
        page.wait_for_function("window.__ready !== null", timeout=180_000)
        result["ready_ms"] = round(page.evaluate("window.__ready") - opened_at)
        if mode == "http":
            open_search(page)
        # Bytes for one query on this fresh page: the manifest (loaded at setup) and what the query loads.
        before = set(requested)
        page.locator(".md-search__input").press_sequentially(WORDS[0])
        wait_settled(page, quiet=1.5)
        loaded = [u for u in requested if "/search/" in u and (u not in before or u.endswith(("manifest.js", "search_index.json",
                                                                                                 "search_index.js")))]
        result["query_kb"] = round(sum(_size(site, u) for u in dict.fromkeys(loaded)) / 1024)
        latencies = [type_last_letter(page, word) for word in WORDS[1:queries + 1]]
        result["latency_median_ms"] = round(statistics.median(latencies))
        result["latency_worst_ms"] = round(max(latencies))
        hits = 0
        for phrase, slug in phrases:
            type_last_letter(page, phrase)
            links = page.locator(".md-search-result__item > a:first-child").evaluate_all("els => els.slice(0, 3).map(e => e.href)")
            hits += any(f"/{slug}/" in link or f"/{slug}.html" in link for link in links)
        result["relevance_top3"] = round(hits / max(1, len(phrases)), 3)
    return result


def _size(site: Path, url: str) -> int:
    path = url.split("?", 1)[0].split("#", 1)[0]
    for marker in ("/search/",):
        if marker in path:
            target = site / "search" / path.split(marker, 1)[1]
            return target.stat().st_size if target.is_file() else 0
    return 0


def unzip(project: Path, into: Path) -> Path:
    if into.exists():
        shutil.rmtree(into)
    with zipfile.ZipFile(project / "dist" / "annotated-readings-offline.zip") as archive:
        archive.extractall(into)
    return next(into.iterdir())


def run(n: int, queries: int, relevance: int, skip_file: bool) -> dict[str, Any]:
    base = WORK / f"search-{n}"
    if base.exists():
        shutil.rmtree(base)
    seeds = base / "seeds-src"
    make_seeds(seeds, n)
    project = fresh_project(base / "project", seeds)
    readings(project, "import", "seeds")
    annotate(project / "docs" / "readings")
    phrases = unique_phrases(project, relevance)
    result: dict[str, Any] = {"n": n, "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                              "queries": queries, "relevance_queries": len(phrases)}
    configs = {path: path.read_text(encoding="utf-8") for path in (project / "mkdocs.yml", project / "mkdocs.offline.yml")}
    for backend in ("sharded", "material"):
        for path, original in configs.items():  # the offline configuration lists its plugins again
            path.write_text(re.sub(r"^  - readings\b.*$", f"  - readings:\n      search: {backend}", original, count=1, flags=re.M),
                            encoding="utf-8")
        site = base / f"site-{backend}"
        seconds, _ = readings(project, "build", "--site-dir", str(site))
        entry: dict[str, Any] = {"build_s": round(seconds, 1),
                                 "search_files_mb": round(sum(p.stat().st_size for p in (site / "search").rglob("*") if p.is_file()) / 1e6, 1)}
        entry["http"] = measure(site, "http", phrases, queries)
        if not skip_file:
            readings(project, "bundle")
            entry["file"] = measure(unzip(project, base / f"bundle-{backend}"), "file", phrases, queries)
        result[backend] = entry
        print(json.dumps({backend: entry}), flush=True)
    for path, original in configs.items():
        path.write_text(original, encoding="utf-8")
    result["search_files_vs_material"] = round(result["sharded"]["search_files_mb"] / max(result["material"]["search_files_mb"], 0.1), 2)
    return result


def table(result: dict[str, Any]) -> str:
    rows = [("ready (ms)", "ready_ms"), ("last letter to first result, median (ms)", "latency_median_ms"),
            ("worst (ms)", "latency_worst_ms"), ("bytes for one query (KB)", "query_kb"), ("relevance: top 3", "relevance_top3")]
    lines = [f"N = {result['n']} ({result['machine']})", "| | sharded http | Material http | sharded file:// | Material file:// |",
             "|---|---|---|---|---|"]
    for label, key in rows:
        cells = [str(result[b].get(m, {}).get(key, "-")) for m in ("http", "file") for b in ("sharded", "material")]
        lines.append(f"| {label} | {cells[0]} | {cells[1]} | {cells[2]} | {cells[3]} |")
    lines.append(f"search files: {result['sharded']['search_files_mb']} MB vs Material's {result['material']['search_files_mb']} MB"
                 f" ({result['search_files_vs_material']}x)")
    return "\n".join(lines)


CORPUS_LANGUAGES = {  # corpus article (ground-truth key prefix) -> its language, and queries by other word forms
    "57b4dafd": ("de", ["Technologie", "Geschäftsmodelle"]), "ba07d1e6": ("de", ["Aussteller", "Seminar"]),
    "c4a3637c": ("ru", ["скорости"]), "f105de6e": ("ja", ["端末", "書籍"]),
}


def languages_seeds(folder: Path) -> list[tuple[str, str, str]]:
    """Seeds in several languages (and English ones around them); (seed stem, language, query) for each query."""
    from collection import CORPUS
    from test_search_languages import ARTICLES, QUERIES

    folder.mkdir(parents=True)
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    queries: list[tuple[str, str, str]] = []
    for key in sorted(truth):
        if key[:8] in CORPUS_LANGUAGES:
            language, asked = CORPUS_LANGUAGES[key[:8]]
            body = "\n\n".join(p.strip() for p in re.split(r"\n\s*\n|\n", truth[key]["articleBody"]) if p.strip())
            (folder / f"corpus-{key[:8]}.md").write_text(f"---\ntitle: \"Corpus {key[:8]}\"\nauthor: A. Writer\nlanguage: {language}\n"
                                                        f"---\n\n{body}\n", encoding="utf-8")
            queries += [(f"corpus-{key[:8]}", language, q) for q in asked]
    for name, (language, title, text) in ARTICLES.items():
        (folder / f"lang-{name}.md").write_text(f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nauthor: A. Writer\n"
                                                f"language: {language}\n---\n\n{text}\n", encoding="utf-8")
    queries += [(f"lang-{name}", ARTICLES[name][0], q) for name, q in QUERIES]
    for i, (title, paragraphs) in enumerate(articles()[:60]):
        (folder / f"en-{i:03d}.md").write_text(f"---\ntitle: {json.dumps(title)}\nauthor: A. Writer\nlanguage: en\n---\n\n"
                                               + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return queries


def _slugs(project: Path) -> dict[str, tuple[str, str]]:
    """Seed stem -> (reading slug, language)."""
    found = {}
    for path in (project / "docs" / "readings").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        seed = re.search(r"^source: seeds/(.+)\.md$", text, re.M)
        language = re.search(r"^language: (.+)$", text, re.M)
        if seed:
            found[seed.group(1)] = (path.stem, language.group(1).strip() if language else "en")
    return found


def _ours(site: Path, mode: str, query: str) -> tuple[list[str], int]:
    """The first three result links and the bytes loaded, from a fresh page, for ``query`` with the sharded index."""
    with opened(site, mode) as (page, url, requested):
        page.goto(url)
        open_search(page)
        page.wait_for_function("window.__ready !== null", timeout=60_000)
        page.locator(".md-search__input").press_sequentially(query + " ")
        page.locator(".md-search__input").press("End")
        wait_settled(page, quiet=1.0, limit=30)
        links = page.locator(".md-search-result__item > a:first-child").evaluate_all("els => els.slice(0, 3).map(e => e.href)")
        files = {u.split("?", 1)[0] for u in requested if "/search/readings/" in u or "/vendor/snowball/" in u
                 or u.split("?", 1)[0].endswith("readings-search.js")}
        root = site.as_uri() if mode == "file" else url.rstrip("/")
        size = 0
        for u in files:
            relative = u[len(root):].lstrip("/") if u.startswith(root) else u.split("/", 3)[-1]
            target = site / relative
            size += target.stat().st_size if target.is_file() else 0
        return list(links), size


def _pagefind(site: Path, language: str, query: str) -> tuple[list[str], int]:
    """The same with Pagefind, from a page in ``language``."""
    with browser() as chromium, serve(site) as url:
        context = chromium.new_context()
        sizes: list[int] = []
        page = context.new_page()
        page.on("requestfinished", lambda r: sizes.append(int((r.sizes() or {}).get("responseBodySize", 0)))
                if "/pagefind/" in r.url else None)
        page.goto(f"{url.rstrip('/')}/pf-{language}.html")
        links = page.evaluate("""async q => {
            const pf = await import('/pagefind/pagefind.js');
            const found = await pf.search(q);
            const data = await Promise.all(found.results.slice(0, 3).map(r => r.data()));
            return data.map(d => d.url);
        }""", query)
        page.wait_for_timeout(300)
        context.close()
        return list(links), sum(sizes)


def run_languages(skip_file: bool) -> dict[str, Any]:
    import subprocess

    base = WORK / "search-languages"
    if base.exists():
        shutil.rmtree(base)
    queries = languages_seeds(base / "seeds-src")
    project = fresh_project(base / "project", base / "seeds-src")
    readings(project, "import", "seeds")
    slugs = _slugs(project)
    site = base / "site"
    readings(project, "build", "--site-dir", str(site))
    bundle = None
    if not skip_file:
        readings(project, "bundle")
        bundle = unzip(project, base / "bundle")
    # Pagefind's copy: each reading's <html lang> set to its language (this site's pages all say the site's), indexed.
    peer = base / "site-pagefind"
    shutil.copytree(site, peer)
    for slug, language in slugs.values():
        page = peer / "readings" / slug / "index.html"
        page.write_text(re.sub(r'<html lang="[^"]*"', f'<html lang="{language}"', page.read_text(encoding="utf-8"), count=1),
                        encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(peer)], check=True, capture_output=True)
    pagefind_s = time.perf_counter() - started
    for language in sorted({lang for _slug, lang in slugs.values()}):  # the readings' own tags
        (peer / f"pf-{language}.html").write_text(f'<!doctype html><html lang="{language}"><title>pf</title></html>\n',
                                                  encoding="utf-8")
    rows = []
    for seed, language, query in queries:
        slug = slugs[seed][0]
        row: dict[str, Any] = {"language": language, "query": query, "reading": slug}
        for name, (links, size) in (("sharded_http", _ours(site, "http", query)),
                                    *((("sharded_file", _ours(bundle, "file", query)),) if bundle else ()),
                                    ("pagefind_http", _pagefind(peer, language, query))):
            row[name] = {"top3": any(f"/{slug}/" in link or f"/{slug}.html" in link for link in links), "kb": round(size / 1024, 1)}
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    result: dict[str, Any] = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                              "readings": len(slugs), "queries": rows, "pagefind_index_s": round(pagefind_s, 1),
                              "search_files_kb": round(sum(p.stat().st_size for p in (site / "search" / "readings").rglob("*")) / 1024),
                              "pagefind_files_kb": round(sum(p.stat().st_size for p in (peer / "pagefind").rglob("*") if p.is_file()) / 1024)}
    for name in ("sharded_http", "sharded_file", "pagefind_http"):
        measured = [row[name] for row in rows if name in row]
        if measured:
            result[name] = {"relevance_top3": round(sum(m["top3"] for m in measured) / len(measured), 3),
                            "kb_median": statistics.median(m["kb"] for m in measured)}
    return result


def languages_table(result: dict[str, Any]) -> str:
    names = [n for n in ("sharded_http", "sharded_file", "pagefind_http") if n in result]
    lines = [f"{result['readings']} readings, {len(result['queries'])} queries ({result['machine']})",
             "| query | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for row in result["queries"]:
        lines.append(f"| {row['language']} `{row['query']}` | "
                     + " | ".join(("top 3" if row[n]["top3"] else "missed") + f", {row[n]['kb']} KB" for n in names) + " |")
    lines.append("| relevance: top 3 | " + " | ".join(f"{result[n]['relevance_top3']:.0%}" for n in names) + " |")
    lines.append("| KB per query, median | " + " | ".join(str(result[n]["kb_median"]) for n in names) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--relevance", type=int, default=100)
    parser.add_argument("--skip-file", action="store_true", help="measure over http only")
    parser.add_argument("--languages", action="store_true", help="readings in several languages, against Pagefind")
    args = parser.parse_args()
    if args.languages:
        result = run_languages(args.skip_file)
        print(languages_table(result))
        (ROOT / "bench" / "results-search-languages.json").write_text(
            json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        return 0
    result = run(args.n, args.queries, args.relevance, args.skip_file)
    print(table(result))
    (ROOT / "bench" / f"results-search-{args.n}.json").write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
