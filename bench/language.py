"""Measure the offline language identifiers on the extraction corpus and the test articles in other languages.

    python bench/language.py [--json FILE]

For each identifier (py3langid, lingua-language-detector) and each text set, the share of texts whose language it
names right (ISO 639-1, compared on the primary subtag), and its time. The corpus's pages are labelled by hand in
``LABELS`` (the article text as the benchmark marks it; the pages' own ``<html lang>`` is wrong on four of them);
the other-language articles are ``tests/fixtures/language-seeds/??.md`` (labelled by their file name). Each text is
measured whole, cut to its first 2,000 characters (what import reads) and to its first 80 (about a headline), where
identifiers differ most. lingua is installed for this comparison only (pip install lingua-language-detector).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.document.page import parse_page  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "extraction-benchmark"
FIXTURES = ROOT / "tests" / "fixtures" / "language-seeds"
# The corpus's pages not in English (the other 84 are English), read by a person.
LABELS = {"11ea381a": "pt", "21486419": "id", "23aaecd1": "pt", "57b4dafd": "de", "7837c9d6": "id", "ba07d1e6": "de",
          "c4a3637c": "ru", "f105de6e": "ja"}
SHORT = 80


def texts() -> dict[str, list[tuple[str, str]]]:
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    corpus = [(LABELS.get(key[:8], "en"), value["articleBody"]) for key, value in sorted(truth.items())]
    own = [(path.stem, parse_page(path.read_text(encoding="utf-8"), path.name).body) for path in sorted(FIXTURES.glob("[a-z][a-z].md"))]
    return {"corpus": corpus, "corpus, first 2,000 characters (what import reads)": [(lang, text[:2000]) for lang, text in corpus],
            "corpus, first 80 characters": [(lang, text[:SHORT]) for lang, text in corpus],
            "own articles": own, "own articles, first 80 characters": [(lang, text[:SHORT]) for lang, text in own]}


def identifiers() -> dict[str, Callable[[str], str]]:
    import py3langid
    from lingua import LanguageDetectorBuilder

    lingua = LanguageDetectorBuilder.from_all_languages().build()

    def with_lingua(text: str) -> str:
        found = lingua.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else "und"

    def with_py3langid(text: str) -> str:
        return str(py3langid.classify(text)[0])

    return {"py3langid": with_py3langid, "lingua": with_lingua}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results: dict[str, dict[str, object]] = {}
    sets = texts()
    for name, identify in identifiers().items():
        identify("warm up")  # models load on first use: that time is reported apart
        for label, items in sets.items():
            started = time.perf_counter()
            wrong = [(lang, found, text[:40]) for lang, text in items if (found := identify(text)) != lang]
            seconds = time.perf_counter() - started
            results.setdefault(name, {})[label] = {"right": len(items) - len(wrong), "of": len(items),
                                                   "ms_per_text": round(1000 * seconds / len(items), 2), "wrong": wrong}
            print(f"{name:10} {label:36} {len(items) - len(wrong):3}/{len(items):<3} {1000 * seconds / len(items):7.2f} ms/text"
                  + (f"  wrong: {wrong}" if wrong else ""))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
