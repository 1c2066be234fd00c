"""Derive ``vocabulary.json`` from a schema.org release: ``python make_subset.py schemaorg-current-https.jsonld``.

The release file (1.5 MB) says far more than a validator needs; this keeps, for every class, its ``rdfs:subClassOf``
parents and, for every property, its ``schema:domainIncludes`` and ``schema:rangeIncludes``, and which terms are
still "pending" (not yet in the core vocabulary). Comments and labels are left out. Run it again on a newer release and
commit both the output and the new VERSION.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return sorted(item["@id"].removeprefix("schema:") for item in items if item["@id"].startswith("schema:"))


def subset(release: dict[str, Any]) -> dict[str, Any]:
    classes: dict[str, list[str]] = {}
    properties: dict[str, dict[str, list[str]]] = {}
    pending: list[str] = []
    for term in release["@graph"]:
        ident = term["@id"]
        if not ident.startswith("schema:"):
            continue
        name = ident.removeprefix("schema:")
        types = term["@type"] if isinstance(term["@type"], list) else [term["@type"]]
        if "rdfs:Class" in types:
            classes[name] = _ids(term.get("rdfs:subClassOf"))
        elif "rdf:Property" in types:
            properties[name] = {"domain": _ids(term.get("schema:domainIncludes")), "range": _ids(term.get("schema:rangeIncludes"))}
        else:
            continue
        if "https://pending.schema.org" in [p["@id"] for p in _as_list(term.get("schema:isPartOf"))]:
            pending.append(name)
    return {"classes": dict(sorted(classes.items())), "properties": dict(sorted(properties.items())), "pending": sorted(pending)}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value else []


if __name__ == "__main__":
    data = subset(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
    out = Path(__file__).with_name("vocabulary.json")
    out.write_text(json.dumps(data, indent=0, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8")
