"""Import every page of the extraction benchmark and score the article text with the benchmark's metric.

    python bench/extraction.py [--json FILE]        # the current strategy on all 91 pages
    python bench/extraction.py --cv [--json FILE]   # every strategy on two fixed halves: tuned on one, measured on the other

Metric (the corpus README's): 4-token shingles of \\w+ tokens as multisets, per-page
tp/fp/fn normalised, precision and recall averaged over pages, F1 of the means.
The reading's article text is scored as plain text (Markdown markup and link
addresses removed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.document.text import plain_text  # noqa: E402
from generator.errors import InputError  # noqa: E402
from generator.importers import html, parse_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "extraction-benchmark"


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text)
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))


def score(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    precisions, recalls = [], []
    for predicted, true in pairs:
        p, t = shingles(predicted), shingles(true)
        tp, fp, fn = sum((p & t).values()), sum((p - t).values()), sum((t - p).values())
        total = tp + fp + fn
        if total == 0 or (fp == 0 and fn == 0):
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        tp_, fp_, fn_ = tp / total, fp / total, fn / total
        if tp_ + fp_ > 0:
            precisions.append(tp_ / (tp_ + fp_))
        if tp_ + fn_ > 0:
            recalls.append(tp_ / (tp_ + fn_))
    precision, recall = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    return 2 * precision * recall / (precision + recall), precision, recall


def markdown_to_text(markdown: str) -> str:
    text = re.sub(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d+\.\s+|>\s?)", "", markdown, flags=re.MULTILINE)
    return plain_text(text)


def run(corpus: Path = CORPUS, keys: list[str] | None = None, strategy: str | None = None) -> dict[str, object]:
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    if keys is not None:
        truth = {k: truth[k] for k in keys}
    html.STRATEGY, saved = strategy or html.STRATEGY, html.STRATEGY
    try:
        return _run(corpus, truth)
    finally:
        html.STRATEGY = saved


def halves(corpus: Path = CORPUS) -> tuple[list[str], list[str]]:
    """The corpus split in two fixed halves, by a hash of each page's key (not by name order, which groups sites)."""
    keys = sorted(json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8")))
    ranked = sorted(keys, key=lambda k: hashlib.sha256(k.encode()).hexdigest())
    return sorted(ranked[::2]), sorted(ranked[1::2])


def cross_validate(corpus: Path = CORPUS) -> dict[str, object]:
    """Each strategy scored on each half; the one chosen on one half is measured on the other, both ways."""
    a, b = halves(corpus)
    scores = {s: {"A": run(corpus, a, s), "B": run(corpus, b, s)} for s in html.STRATEGIES}
    folds = {}
    for tune, test in (("A", "B"), ("B", "A")):
        best = max(html.STRATEGIES, key=lambda s: (float(scores[s][tune]["f1"]), s == html.STRATEGY))  # type: ignore[arg-type]
        held = scores[best][test]
        folds[f"tuned on {tune}, measured on {test}"] = {"chosen": best, "f1": held["f1"], "precision": held["precision"],
                                                          "recall": held["recall"]}
    table = {s: {half: {k: r[k] for k in ("f1", "precision", "recall")} for half, r in v.items()} for s, v in scores.items()}
    return {"halves": {"A": len(a), "B": len(b)}, "current": html.STRATEGY, "folds": folds, "strategies": table}


def _run(corpus: Path, truth: dict[str, dict[str, str]]) -> dict[str, object]:
    pairs: list[tuple[str, str]] = []
    found = {"title": 0, "authors": 0, "published": 0}
    failures: list[str] = []
    start = time.perf_counter()
    for key, value in sorted(truth.items()):
        data = (corpus / "html" / f"{key}.html.gz").read_bytes()
        try:
            capture = parse_text(data, f"corpus/{key}.html.gz")
        except InputError as exc:
            failures.append(f"{key}: {exc}")
            pairs.append(("", value["articleBody"]))
            continue
        pairs.append((markdown_to_text(capture.article_text()), value["articleBody"]))
        for name in found:
            found[name] += bool(getattr(capture.meta, name))
    seconds = time.perf_counter() - start
    f1, precision, recall = score(pairs)
    n = len(truth)
    return {"pages": n, "f1": round(f1, 4), "precision": round(precision, 4), "recall": round(recall, 4),
            "title_found": round(found["title"] / n, 3), "author_found": round(found["authors"] / n, 3),
            "date_found": round(found["published"] / n, 3), "failures": failures, "seconds": round(seconds, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--cv", action="store_true", help="cross-validate the extraction strategies on two halves")
    args = parser.parse_args()
    result = cross_validate() if args.cv else run()
    for key, value in result.items():
        print(f"{key:>13}: {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
