"""The project's modules import each other without cycles, and the core imports neither Qt nor
the GUI — read from the source by grimp (imports inside functions and under TYPE_CHECKING
count), so a lazy or type-only import cannot hide a cycle or a dependency."""

from __future__ import annotations

import grimp
import pytest

PACKAGE = "zjtx_desktop"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(PACKAGE, include_external_packages=True, cache_dir=None)


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of two or more project modules (Tarjan's algorithm)."""
    modules = sorted(m for m in graph.modules if m.startswith(PACKAGE + "."))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.find_modules_directly_imported_by(v)):
            if not w.startswith(PACKAGE + "."):
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for m in modules:
        if m not in index:
            visit(m)
    return found


def test_no_module_imports_itself_round_a_cycle(graph):
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    """The check above could pass by finding nothing: it must see a cycle that is there."""
    g = grimp.ImportGraph()
    for m in ("zjtx_desktop", "zjtx_desktop.a", "zjtx_desktop.b", "zjtx_desktop.c"):
        g.add_module(m)
    g.add_import(importer="zjtx_desktop.a", imported="zjtx_desktop.b")
    g.add_import(importer="zjtx_desktop.b", imported="zjtx_desktop.a")
    g.add_import(importer="zjtx_desktop.b", imported="zjtx_desktop.c")
    assert _cycles(g) == [["zjtx_desktop.a", "zjtx_desktop.b"]]


def test_the_core_imports_neither_qt_nor_the_gui(graph):
    core = [m for m in graph.modules if m == f"{PACKAGE}.core" or m.startswith(f"{PACKAGE}.core.")]
    assert len(core) > 40  # the whole core was found, not an empty package
    bad = sorted(
        (m, imported)
        for m in core
        for imported in graph.find_modules_directly_imported_by(m)
        if imported.split(".")[0] in ("PySide6", "shiboken6", "PyQt6", "PyQt5")
        or imported.startswith(f"{PACKAGE}.gui")
    )
    assert bad == []
    chains = graph.find_shortest_chains(importer=f"{PACKAGE}.core", imported=f"{PACKAGE}.gui")
    assert chains == set()
