"""Vendor Snowball's JavaScript stemmers and stop-word lists (run by a maintainer, not by a build).

    python -m generator.search.vendor_snowball SNOWBALL_DIR WEBSITE_DIR

SNOWBALL_DIR: the Snowball sources at the tag matching the ``snowballstemmer`` release the build uses (3.1.1), after
``make js`` (which writes ``js_out/<algorithm>-stemmer.js``, ES modules); WEBSITE_DIR: a checkout of
snowballstem/snowball-website (``algorithms/<name>/stop.txt``). Each module becomes a classic script that registers
itself (``self.ReadingsSnowball[name]``), so the search worker loads it with ``importScripts`` over http and through
the iframe-worker shim from file://; the code itself is unchanged. Stop words go to ``generator/search/stopwords``.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from generator.search.languages import STEMMERS, STOP_DIR

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "overrides" / "assets" / "javascripts" / "vendor" / "snowball"


def classic(module: str, name: str) -> str:
    """An ES module of Snowball's JavaScript output as a script registering its class under ``name``."""
    if name == "base":
        body = module.replace("export default class BaseStemmer", "var BaseStemmer = class BaseStemmer", 1)
        return f"(function () {{\n{body}\nself.ReadingsSnowball = self.ReadingsSnowball || {{}};\n" \
               "self.ReadingsSnowball.base = BaseStemmer;\n})();\n"
    body = module.replace("import B from './base-stemmer.js'", "var B = self.ReadingsSnowball.base;", 1)
    body = body.replace("export default class extends B", "var Stemmer = class extends B", 1)
    if "import " in body or "export " in re.sub(r"//.*", "", body):
        raise SystemExit(f"{name}: unexpected module syntax")
    return f"(function () {{\n{body}\nself.ReadingsSnowball[{name!r}] = Stemmer;\n}})();\n"


def main(argv: list[str]) -> int:
    snowball, website = Path(argv[0]), Path(argv[1])
    TARGET.mkdir(parents=True, exist_ok=True)
    (TARGET / "base-stemmer.js").write_text(classic((snowball / "js_out" / "base-stemmer.js").read_text("utf-8"), "base"), "utf-8")
    for algorithm in sorted(set(STEMMERS.values())):
        source = (snowball / "js_out" / f"{algorithm}-stemmer.js").read_text("utf-8")
        (TARGET / f"{algorithm}-stemmer.js").write_text(classic(source, algorithm), "utf-8")
        stop = website / "algorithms" / algorithm / "stop.txt"
        if stop.is_file():
            words = [line.split("|", 1)[0].strip() for line in stop.read_text("utf-8").splitlines()]
            (STOP_DIR / f"{algorithm}.txt").write_text("\n".join(w for w in words if w) + "\n", "utf-8")
    shutil.copy(snowball / "COPYING", TARGET / "LICENSE")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
