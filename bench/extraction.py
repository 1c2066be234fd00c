"""Import every page of the extraction benchmark and score the article text with the benchmark's metric.

    python bench/extraction.py [--json FILE]

Metric (the corpus README's): 4-token shingles of \\w+ tokens as multisets, per-page
tp/fp/fn normalised, precision and recall averaged over pages, F1 of the means.
The reading's article text is scored as plain text (Markdown markup and link
addresses removed).
"""

from __future__ import annotations

import argparse
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
from generator.importers import parse_text  # noqa: E402

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


def run(corpus: Path = CORPUS) -> dict[str, object]:
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
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
    args = parser.parse_args()
    result = run()
    for key, value in result.items():
        print(f"{key:>13}: {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
