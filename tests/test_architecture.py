"""The shape of generator/: no import cycles, one owner for every path, outputs behind one seam."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import ROOT

from generator.cli import parser
from generator.outputs import BUILDERS, default_builder

PACKAGE = ROOT / "generator"
PATH_NAMES = {"docs", "readings", "seeds", "context"}
PATH_FRAGMENT_RE = re.compile(r"(?:^|[^\w])(?:docs|seeds|readings|context)/")


def modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        found[name] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return found


def imported(tree: ast.Module, known: set[str]) -> set[str]:
    """Modules of the package that ``tree`` imports at any level (``from a import b`` may name module a.b)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return names & known


def test_the_import_graph_has_no_cycle() -> None:
    trees = modules()
    graph = {name: imported(tree, set(trees)) - {name} for name, tree in trees.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target):], target])
            elif target not in state:
                visit(target, stack)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [])
    assert cycles == []


def test_no_module_of_the_package_is_imported_inside_a_function() -> None:
    """Imports inside functions hide cycles; third-party libraries may still be imported late (startup time)."""
    late = []
    for name, tree in modules().items():
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name if isinstance(node, ast.Import) else None
                if module and module.split(".")[0] == "generator":
                    late.append(f"{name}.{function.name} imports {module}")
    assert late == []


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def path_literals(tree: ast.Module) -> list[tuple[int, str]]:
    """String literals (not docstrings) that spell a project path: 'docs/...', or 'seeds' used in ``/``, Path() or a glob."""
    skip = _docstrings(tree)
    path_operands = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            path_operands |= {id(node.left), id(node.right)}
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in ("Path", "joinpath", "glob", "rglob"):
            path_operands |= {id(arg) for arg in node.args}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in skip:
            continue
        if PATH_FRAGMENT_RE.search(node.value) or (node.value in PATH_NAMES and id(node) in path_operands):
            found.append((node.lineno, node.value))
    return found


def test_paths_are_spelled_only_in_project_py() -> None:
    """No string literal names docs/, readings/, seeds/ or context/ as a path outside generator/project.py."""
    found = [f"{name}:{line}: {value[:60]!r}" for name, tree in modules().items() if name != "generator.project"
             for line, value in path_literals(tree)]
    assert found == []


@pytest.mark.parametrize(
    ("source", "caught"),
    [("x = root / 'docs'", True), ("x = Path('seeds')", True), ("x = f'{p}/context/{s}.md'", True), ("x = 'docs/readings'", True),
     ("x = root.glob('readings')", True), ("KIND = 'context'", False), ("def f():\n    'Reads docs/readings/.'", False)],
)
def test_the_path_rule(source: str, caught: bool) -> None:
    """The rule sees path literals and lets other uses of the same words be (a guard against a rule that checks nothing)."""
    assert bool(path_literals(ast.parse(source))) is caught


def test_outputs_are_builders_registered_once() -> None:
    """Each output is one module with a BUILDER; `readings bundle` takes its options from the registry."""
    names = [b.name for b in BUILDERS]
    assert names == sorted(set(names), key=names.index) and {"offline", "single"} <= set(names)
    assert default_builder().name == "offline"
    bundle = next(a for a in parser()._subparsers._group_actions[0].choices.items() if a[0] == "bundle")[1]  # type: ignore[union-attr]
    flags = {opt for action in bundle._actions for opt in action.option_strings}
    for builder in BUILDERS:
        assert builder.option is None or builder.option.flag in flags
        module = Path(PACKAGE / "outputs" / f"{builder.name}.py")
        assert module.is_file() and "BUILDER = " in module.read_text(encoding="utf-8")


def test_readme_layout_matches_the_tree() -> None:
    """Every package and module of generator/ is named in the README's layout, and everything named there exists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("```", 2)[1]
    entries: dict[str, str] = {}
    current = ""
    for line in layout.splitlines():
        head = re.match(r"^  ([a-z_]+/|[a-z_]+\.py) ", line)
        if head:
            current = head.group(1)
            entries[current] = line
        elif current and line.startswith("    "):
            entries[current] += " " + line.strip()
        else:
            current = ""
    packages = {f"{p.name}/" for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages <= set(entries), packages - set(entries)
    assert all((PACKAGE / name).exists() for name in entries)
    for package in packages:
        for module in (PACKAGE / package).glob("*.py"):
            if module.stem not in ("__init__", "base"):
                assert re.search(rf"\b{module.stem.rstrip('_')}\b", entries[package]), f"{package}{module.name} is not in the README's layout"
