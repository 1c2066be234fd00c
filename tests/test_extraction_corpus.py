"""The HTML importer on 91 real news pages: no crash, and the measured quality holds its floor.

Figures (see README, "Measured on real pages"): body F1 0.969, precision 0.960,
recall 0.978; title found on every page, author on 85 %, date on 98 % (no copyright-year guesses).
The floor leaves a little room for library updates; a drop below it is a regression.
"""

from __future__ import annotations

import gzip
import json
import sys

import pytest
from conftest import ROOT, parse_annotations

from generator.document import read
from generator.document.page import parse_page
from generator.importers import parse_text
from generator.reading.compose import compose_page as render_page

sys.path.insert(0, str(ROOT / "bench"))
from extraction import CORPUS, run

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")]
F1_FLOOR = 0.965


def test_corpus_quality_floor() -> None:
    result = run()
    assert result["failures"] == []
    assert result["f1"] >= F1_FLOOR, result
    assert result["title_found"] >= 0.99 and result["date_found"] >= 0.9 and result["author_found"] >= 0.8, result


def test_every_corpus_page_renders_a_valid_faithful_page() -> None:
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        data = (CORPUS / "html" / f"{key}.html.gz").read_bytes()
        capture = parse_text(data, f"seeds/{key}.html.gz")
        page = parse_page(render_page(capture), f"{key}.md")
        _doc, problems = parse_annotations(page.body, page.path, page.body_line)
        assert problems == [], (key, problems[:3])
        assert read.article_text(page.body) == capture.article_text(), key
        assert gzip.decompress(data)  # the seed itself is untouched
