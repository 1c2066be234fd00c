"""YAML read with a budget: every YAML file and front-matter the generator reads goes through ``load``.

PyYAML's safe loaders build no objects from tags, but aliases still cost: fifty of them can
make a value of billions of nodes once expanded ("billion laughs"), which later code walks,
compares or quotes in a message. ``load`` composes the node graph (libyaml when there is one),
measures its size with every alias expanded (each node counted once per way it is reached,
memoised so the measure is linear in the graph), and refuses a document whose expanded size
passes ``budget(text)`` or that refers to itself, before anything is built from it.
"""

from __future__ import annotations

from typing import Any

import yaml

from generator.errors import Problem, error

SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MIN_BUDGET = 200_000  # nodes plus scalar characters, aliases expanded: far beyond any front-matter or bibliography
EXPANSION = 4  # a document without aliases weighs at most about twice its length; aliases may not go far past it


class YAMLBudgetError(yaml.MarkedYAMLError):
    """The document is too large once its aliases are expanded, or an alias refers to the value holding it."""


def budget(text: str) -> int:
    return max(MIN_BUDGET, EXPANSION * len(text))


def expanded_size(root: yaml.Node, limit: int) -> None:
    """Raise ``YAMLBudgetError`` at the first node whose expanded size passes ``limit``, or that contains itself.

    Iterative (deep nesting does not exhaust Python's stack) and memoised by node identity,
    so shared nodes (aliases) are measured once and counted every time they are reached.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = 1 + len(node.value)
            continue
        children = [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else list(node.value)
        if not children_done:
            open_nodes.add(key)
            stack.append((node, True))
            for child in children:
                if id(child) in open_nodes:
                    raise YAMLBudgetError(None, None, "an alias refers to the value that holds it (a value that never ends)",
                                          node.start_mark)
                if id(child) not in sizes:
                    stack.append((child, False))
            continue
        open_nodes.discard(key)
        size = 1 + sum(sizes[id(child)] for child in children)
        if size > limit:
            raise YAMLBudgetError(None, None, f"too large once its aliases are expanded (over {limit:,} values and"
                                  " characters): write the values out, or use fewer aliases", node.start_mark)
        sizes[key] = size


def load_node(text: str, loader: type[yaml.SafeLoader] = SAFE_LOADER) -> tuple[yaml.Node | None, Any]:
    """The document's node (for line numbers) and its value, built only once its expanded size is known to fit.

    Raises PyYAML's errors (``MarkedYAMLError`` with a location) and ``YAMLBudgetError`` (also located).
    """
    instance = loader(text)
    try:
        node = instance.get_single_node()
        if node is None:
            return None, None
        if "*" in text:  # no alias can occur without '*': the common case skips the measure
            expanded_size(node, budget(text))
        return node, instance.construct_document(node)
    finally:
        instance.dispose()


def load(text: str, loader: type[yaml.SafeLoader] = SAFE_LOADER) -> Any:
    """The document's value (see ``load_node``)."""
    return load_node(text, loader)[1]


def problem(exc: yaml.YAMLError | ValueError, path: str, code: str) -> Problem:
    """A YAML file that does not load, as one located problem: at the mark PyYAML gives, else at its first line."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        return error(path, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
                     f"not valid YAML: {exc.problem or exc.context or exc}", code)
    return error(path, 1, 1, f"not valid YAML: {' '.join(str(exc).split())}", code)
