"""The sharded search index: words as search reads them, and the files the browser loads piece by piece."""

from __future__ import annotations

import json
import re

import pytest

from generator.search import index
from generator.search.tokens import normalise, stem, terms, words

# Porter's stemmer as lunr.js 2.3.9 implements it (the worker runs that code; a browser test compares the two).
STEMS = [("reports", "report"), ("reported", "report"), ("reporting", "report"), ("government", "govern"),
         ("governments", "govern"), ("happy", "happi"), ("relational", "relat"), ("conditional", "condit"),
         ("generalization", "gener"), ("yesterday", "yesterday"), ("try", "tri"), ("lay", "lay"), ("by", "by"),
         ("caresses", "caress"), ("ponies", "poni"), ("agreed", "agre"), ("hopping", "hop"), ("filing", "file")]


@pytest.mark.parametrize(("word", "expected"), STEMS)
def test_stems(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Café CAFE café", ["cafe", "cafe", "cafe"]),  # case and diacritics fold
    ("ISIS-K's helicopters, 2017.", ["isis", "k", "s", "helicopters", "2017"]),
    ("a_b x—y", ["a", "b", "x", "y"]),
    ("Москва 東京 Σίσυφος", ["москва", "東京", "σισυφος"]),
])
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_terms_drop_stop_words_and_stem() -> None:
    assert list(terms("The reports of the governments were not reported")) == ["report", "govern", "report"]
    assert normalise("Ångström") == "angstrom"


def decode(value: str) -> tuple[bool, list[tuple[int, int]]]:
    cut = value.startswith("!")
    out, doc = [], 0
    for part in value.lstrip("!").split("."):
        number = int(part, 36)
        doc += number // 16
        out.append((doc, number % 16))
    return cut, out


def loaded(files: dict[str, str]) -> dict[str, object]:
    """What the worker's readingsSearch() would receive, by file."""
    out: dict[str, object] = {}
    layouts = set()
    for name, text in files.items():
        match = re.fullmatch(r'readingsSearch\("(\w+)",(null|\d+),(.*?)(?:,"([0-9a-f]{12})")?\);\n', text, re.DOTALL)
        assert match, name
        out[name] = json.loads(match.group(3).replace("<\\/", "</"))
        assert (match.group(4) is None) == (match.group(1) == "manifest"), name  # every piece but the manifest is stamped
        layouts.add(match.group(4) or out[name]["layout"])  # type: ignore[index]
    assert len(layouts) <= 1  # all for the manifest's layout
    return out


ENTRIES = [
    {"location": "readings/a/", "title": "Helicopters over Darzab", "text": "<p>Unmarked helicopters were seen.</p>"},
    {"location": "readings/a/#claim-x", "title": "Claim note 1", "text": "<p>Who saw the helicopters &amp; when?</p>"},
    {"location": "readings/b/", "title": "Markets", "text": "<p>The fish market reopened <code>&lt;b&gt;</code>.</p>"},
    {"location": "readings/b/#notes", "title": "Notes", "text": "<p>A market note.</p>"},
    {"location": "about/", "title": "About", "text": "<p>About the site.</p>"},
]


def test_the_index_holds_every_term_with_its_docs_and_pages() -> None:
    files = index.build(ENTRIES)
    data = loaded(files)
    manifest = data["search/readings/manifest.js"]
    assert isinstance(manifest, dict) and manifest["docs"] == 5 and manifest["pages"] == 3
    postings: dict[str, list[tuple[int, int]]] = {}
    for name, shard in data.items():
        if "shard-" in name:
            assert isinstance(shard, dict)
            for term, value in shard.items():
                postings[term] = decode(value)[1]
    assert [doc for doc, _ in postings["helicopt"]] == [0, 1]
    assert [doc for doc, _ in postings["market"]] == [2, 3]
    assert all(1 <= impact <= index.LEVELS for pairs in postings.values() for _, impact in pairs)
    # The title counts more: the page whose title holds the word outranks a note that only says it.
    assert dict(postings["helicopt"])[0] > dict(postings["helicopt"])[1]
    assert data["search/readings/page-0.js"] == [["readings/a/", "Helicopters over Darzab", "Unmarked helicopters were seen.", []],
                                                 ["readings/a/#claim-x", "Claim note 1", "Who saw the helicopters & when?", []]]
    assert data["search/readings/titles-0.js"] == [["readings/a/", "Helicopters over Darzab"], ["readings/b/", "Markets"],
                                                   ["about/", "About"]]
    assert data["search/readings/page-1.js"][0][2] == "The fish market reopened <b>."  # type: ignore[index]  # text, escaped by the worker


def test_the_index_is_deterministic_and_cut_into_small_shards() -> None:
    many = [{"location": f"readings/r{i}/", "title": f"Reading {i}", "text": " ".join(f"word{(i * 7 + j) % 5000}" for j in range(300))}
            for i in range(400)]
    first, second = index.build(many), index.build(list(many))
    assert first == second
    shards = [text for name, text in first.items() if "shard-" in name]
    assert len(shards) > 3 and max(len(s.encode()) for s in shards) < index.SHARD_BYTES * 2


def test_a_very_common_term_keeps_only_its_best_docs_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "MAX_POSTINGS", 10)
    many = [{"location": f"r{i}/", "title": f"T{i}", "text": "common " * (1 + i % 3) + f"unique{i}"} for i in range(30)]
    data = loaded(index.build(many))
    value = next(shard["common"] for shard in data.values() if isinstance(shard, dict) and "common" in shard)
    cut, pairs = decode(value)
    assert cut and len(pairs) == 10
