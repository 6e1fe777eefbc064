"""The import contract: imports point down the layers, and nothing imports in a circle.

Every module under ``src/smotekit`` is parsed (not imported) and every ``import`` in it is
collected: at module level and inside functions, absolute and relative, and ``from . import
x`` resolved to the submodule ``x`` where there is one. Each module belongs to a *unit*: a
top-level module or package of smotekit (``smotekit.neighbors``, ``smotekit._base``,
``smotekit.over_sampling``, ...). The contract:

- no cycle between units;
- no unit imports a unit of a higher layer (``LAYERS`` below, from the layer table of the
  architecture); a unit missing from the table fails until it is given a layer;
- inside a package, imports between its own modules are free but acyclic too.

Imports made by string at run time (``importlib.import_module("smotekit._dask")``) are the
plugin seam and are not counted.
"""

from __future__ import annotations

import ast
import importlib.util
import itertools
from collections import defaultdict
from pathlib import Path

PACKAGE = "smotekit"

# Layer of each unit, lowest first. A unit may import its own modules and lower layers.
LAYERS: dict[str, int] = {
    # L0 leaves
    **dict.fromkeys(
        [
            "_validation",
            "_random",
            "_plan",
            "_strategy",
            "_parallel",
            "_progress",
            "_atomic",
            "_compat",
            "_take",
            "_version",
            "_numeric",
            "_resources",
            "_tags",
            "_native",
        ],
        0,
    ),
    # L1 data containers, neighbour search, interpolation
    **dict.fromkeys(["_containers", "neighbors", "_interpolate"], 1),
    # L2 the sampler bases
    "_base": 2,
    # L3 the samplers
    **dict.fromkeys(["over_sampling", "under_sampling"], 3),
    # L4 what builds on samplers
    **dict.fromkeys(
        [
            "combine",
            "pipeline",
            "ensemble",
            "_registry",
            "_discovery",
            "metrics",
            "model_selection",
            "utils",
            "_function_sampler",
        ],
        4,
    ),
    # L5 engines and data
    **dict.fromkeys(["_dask", "_array_api", "datasets", "evaluation"], 5),
    # L6 the report and the public dask entry
    **dict.fromkeys(["report", "dask"], 6),
    # L7 the command line
    "_cli": 7,
    # top: the package itself (lazy, by strings) and python -m smotekit
    **dict.fromkeys(["", "__main__"], 8),
}


# --------------------------------------------------------------------------- the checker


def module_files(root: Path, package: str) -> dict[str, Path]:
    """``{dotted module name: file}`` of every module of the package rooted at ``root``."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join([package, *parts])] = path
    return out


def _resolve(name: str, modules) -> str | None:
    """The longest known module that ``name`` is or lies inside (``a.b.func`` -> ``a.b``)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def imports_of(module: str, path: Path, modules) -> list[tuple[str, int]]:
    """Every ``(imported module of the package, line)`` in one module, functions included."""
    is_package = path.name == "__init__.py"
    here = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")
                base = base[: len(base) - (node.level - 1)]
                if node.module:
                    base.append(node.module)
                base = ".".join(base)
            else:
                base = node.module or ""
            # ``from pkg import name``: the submodule pkg.name when there is one, else pkg.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            resolved = _resolve(target, modules)
            if resolved is not None and resolved != module:
                found.append((resolved, node.lineno))
    return found


def import_graph(root: Path, package: str) -> dict[str, dict[str, int]]:
    """``{module: {imported module: first line}}`` over the whole package."""
    files = module_files(root, package)
    graph: dict[str, dict[str, int]] = {}
    for module, path in files.items():
        edges: dict[str, int] = {}
        for target, line in imports_of(module, path, files):
            edges.setdefault(target, line)
        graph[module] = edges
    return graph


def unit_of(module: str, package: str) -> str:
    """The top-level module or package of ``package`` that ``module`` belongs to."""
    rest = module[len(package) + 1 :] if module != package else ""
    return rest.split(".")[0]


def unit_graph(graph, package: str) -> dict[str, dict[str, tuple[str, str, int]]]:
    """``{unit: {imported unit: (importing module, imported module, line)}}``, one witness."""
    out: dict[str, dict[str, tuple[str, str, int]]] = defaultdict(dict)
    for module, edges in graph.items():
        unit = unit_of(module, package)
        out.setdefault(unit, {})
        for target, line in edges.items():
            other = unit_of(target, package)
            if other != unit:
                out[unit].setdefault(other, (module, target, line))
    return dict(out)


def _strong_groups(edges: dict[str, dict]) -> list[set[str]]:
    """The strongly connected groups of two or more nodes (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def _shortest_path(edges, start: str, goal: str, members: set[str]) -> list[str]:
    """Shortest ``[start, ..., goal]`` through ``members`` (breadth first)."""
    previous = {start: start}
    frontier = [start]
    while goal not in previous:
        reached = []
        for node in frontier:
            for nxt in sorted(edges.get(node, ())):
                if nxt in members and nxt not in previous:
                    previous[nxt] = node
                    reached.append(nxt)
        frontier = reached
    path = [goal]
    while path[-1] != start:
        path.append(previous[path[-1]])
    return path[::-1]


def cycles(edges: dict[str, dict]) -> list[list[str]]:
    """Import loops ``[a, b, ..., a]`` that together use every edge lying on a cycle.

    For each edge a -> b inside a strongly connected group not yet on a reported loop,
    the loop is a -> b and the shortest way back from b to a. Each loop starts at its
    smallest name, so the report does not depend on the order of the search.
    """
    loops: list[list[str]] = []
    for group in _strong_groups(edges):
        covered: set[tuple[str, str]] = set()
        for a in sorted(group):
            for b in sorted(edges.get(a, ())):
                if b not in group or (a, b) in covered:
                    continue
                loop = [a, *_shortest_path(edges, b, a, group)]
                covered.update(itertools.pairwise(loop))
                first = loop.index(min(loop[:-1]))
                loops.append(loop[first:-1] + loop[:first] + [loop[first]])
    return sorted(loops)


def describe_cycle(path, edges) -> str:
    steps = []
    for a, b in itertools.pairwise(path):
        witness = edges[a][b]
        where = (
            f" ({witness[0]}:{witness[2]} imports {witness[1]})"
            if isinstance(witness, tuple)
            else ""
        )
        steps.append(f"{a or PACKAGE} -> {b or PACKAGE}{where}")
    return " ; ".join(steps)


def upward_imports(units, layers: dict[str, int]) -> list[str]:
    """Each import of a unit of a higher layer, with the module and line that makes it."""
    out = []
    for unit, edges in sorted(units.items()):
        for other, (module, target, line) in sorted(edges.items()):
            if unit in layers and other in layers and layers[other] > layers[unit]:
                out.append(
                    f"{unit or PACKAGE} (L{layers[unit]}) imports {other or PACKAGE} "
                    f"(L{layers[other]}): {module} line {line} imports {target}"
                )
    return out


def package_cycles(graph, package: str) -> list[str]:
    """Cycles between the modules of one package (imports that stay inside a unit)."""
    inside: dict[str, dict[str, int]] = defaultdict(dict)
    for module, edges in graph.items():
        unit = unit_of(module, package)
        inside.setdefault(module, {})
        for target, line in edges.items():
            if unit_of(target, package) == unit:
                inside[module][target] = line
    return [" -> ".join(path) for path in cycles(inside)]


# --------------------------------------------------------------------------- smotekit


def _smotekit_graph():
    spec = importlib.util.find_spec(PACKAGE)
    root = Path(spec.origin).parent
    return import_graph(root, PACKAGE)


GRAPH = _smotekit_graph()
UNITS = unit_graph(GRAPH, PACKAGE)


def test_every_unit_has_a_layer():
    missing = sorted(set(UNITS) - set(LAYERS))
    assert not missing, (
        f"smotekit units without a layer: {missing}. Add each to LAYERS in "
        "tests/test_architecture.py (and to the layer table in docs/architecture.md)."
    )


def test_no_import_cycle_between_units():
    found = [describe_cycle(path, UNITS) for path in cycles(UNITS)]
    assert not found, "import cycles between units:\n" + "\n".join(found)


def test_no_unit_imports_a_higher_layer():
    found = upward_imports(UNITS, LAYERS)
    assert not found, "upward imports:\n" + "\n".join(found)


def test_modules_inside_a_package_import_each_other_without_cycles():
    found = package_cycles(GRAPH, PACKAGE)
    assert not found, "import cycles inside a package:\n" + "\n".join(found)


def test_the_checker_sees_imports_inside_functions_and_relative_ones():
    # ``from . import _validation`` in _base names a module, and the samplers import _base
    # and neighbors (a function-level import would be missed by a module-level-only scan).
    assert "_validation" in UNITS["_base"]
    assert {"_base", "neighbors"} <= set(UNITS["over_sampling"])
    assert set(UNITS) >= {"", "_base", "neighbors", "over_sampling", "report"}


# --------------------------------------------------------------------------- self-test


def toy_graph(tmp_path: Path, files: dict[str, str]) -> dict[str, dict[str, int]]:
    """The import graph of a package ``toy`` made of ``{relative path: source}``."""
    root = tmp_path / "toy"
    for name, text in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return import_graph(root, "toy")


def test_checker_finds_a_cycle_closed_inside_a_function_and_an_upward_import(tmp_path):
    graph = toy_graph(
        tmp_path,
        {
            "low.py": "def late():\n    from .high import thing\n    return thing\n",
            "mid/__init__.py": "from ._impl import helper\n",
            "mid/_impl.py": "import toy.low\n\ndef helper():\n    from .. import high\n",
            "high.py": "from toy.mid import helper\nthing = 1\n",
            "leaf.py": "import os\n",
        },
    )
    assert graph["toy.low"] == {"toy.high": 2}
    assert graph["toy.mid._impl"] == {"toy.low": 1, "toy.high": 4}
    assert graph["toy.high"] == {"toy.mid": 1}
    assert graph["toy.leaf"] == {}
    units = unit_graph(graph, "toy")
    # One strongly connected group {high, mid, low}: loops that use each of its edges.
    assert cycles(units) == [["high", "mid", "high"], ["high", "mid", "low", "high"]]
    assert describe_cycle(["high", "mid", "high"], units) == (
        "high -> mid (toy.high:1 imports toy.mid) ; mid -> high (toy.mid._impl:4 imports toy.high)"
    )
    layers = {"": 9, "leaf": 0, "low": 0, "mid": 1, "high": 2}
    upward = upward_imports(units, layers)
    assert upward == [
        "low (L0) imports high (L2): toy.low line 2 imports toy.high",
        "mid (L1) imports high (L2): toy.mid._impl line 4 imports toy.high",
    ]


def test_checker_resolves_from_dot_import_to_submodules_and_finds_package_cycles(tmp_path):
    graph = toy_graph(
        tmp_path,
        {
            "pkg/__init__.py": "from . import a\n",
            "pkg/a.py": "from . import b\n",
            "pkg/b.py": "def f():\n    from .a import g\n",
            "pkg/c.py": "from toy.pkg import b, missing\n",
        },
    )
    assert graph["toy.pkg"] == {"toy.pkg.a": 1}
    assert graph["toy.pkg.a"] == {"toy.pkg.b": 1}
    assert graph["toy.pkg.c"] == {"toy.pkg.b": 1, "toy.pkg": 1}
    assert cycles(unit_graph(graph, "toy")) == []
    assert package_cycles(graph, "toy") == ["toy.pkg.a -> toy.pkg.b -> toy.pkg.a"]
