"""The package's shape: no import cycles between desktop's modules, and no imports by name.

The import graph is read from the sources with the AST. Imports inside functions count (a cycle
deferred to call time is still a cycle); those under `if TYPE_CHECKING:` do not, since they never
run. Relative imports are resolved, and `from package import name` is an edge to the submodule
`package.name` when there is one (else to the package itself). Importing `a.b.c` also runs the
`__init__` of `a.b`, so that is an edge too, unless the importer lives inside `a.b` itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "desktop"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    """Every Import / ImportFrom node, skipping the bodies of `if TYPE_CHECKING:`."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def import_graph(root: Path, top: str = "desktop") -> dict[str, set[str]]:
    """{module: the modules of `top` it imports} for every .py file under root/top."""
    files = {module_name(path, root): path for path in sorted((root / top).rglob("*.py"))}
    packages = {name for name, path in files.items() if path.name == "__init__.py"}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        here = name if name in packages else name.rpartition(".")[0]
        edges = graph.setdefault(name, set())
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                if node.level:
                    base = here.split(".")
                    base = base[:len(base) - (node.level - 1)]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                targets = [f"{source}.{alias.name}" if f"{source}.{alias.name}" in files else source
                           for alias in node.names]
            for target in targets:
                while target and target not in files:   # `import a.b.c` of a non-module: its package
                    target = target.rpartition(".")[0]
                if target and target != name:
                    edges.add(target)
                # importing a.b.c runs a/b/__init__ too: an edge to each package on the way in,
                # except the importer's own packages (already being imported around it)
                parent = target.rpartition(".")[0]
                while parent and parent != top:
                    if not (name == parent or name.startswith(parent + ".")):
                        edges.add(parent)
                    parent = parent.rpartition(".")[0]
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted,
    with one concrete cycle through its members spelled out."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = [0]

    def visit(start: str) -> None:
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def _path_through(graph, component: list[str]) -> list[str]:
    """One cycle inside a component, for the failure message: a -> b -> ... -> a."""
    members, start = set(component), component[0]
    paths, seen = [[start]], {start}
    while paths:
        path = paths.pop(0)
        for child in sorted(graph[path[-1]] & members):
            if child == start:
                return path + [start]
            if child not in seen:
                seen.add(child)
                paths.append(path + [child])
    return component


def test_the_graph_check_finds_cycles_in_a_sample(tmp_path):
    pkg = tmp_path / "desktop"
    (pkg / "core").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "core" / "__init__.py").write_text("from .a import thing\n")
    (pkg / "core" / "a.py").write_text("def f():\n    from desktop.core import b\n")
    (pkg / "core" / "b.py").write_text("from . import c\n")
    (pkg / "core" / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                       "    from desktop.core import a\nimport desktop.core.a.thing\n")
    (pkg / "core" / "d.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                       "    from desktop.core import e\n")
    (pkg / "core" / "e.py").write_text("from .d import x\n")
    graph = import_graph(tmp_path)
    assert graph["desktop.core"] == {"desktop.core.a"}
    assert graph["desktop.core.a"] == {"desktop.core.b"}
    assert graph["desktop.core.b"] == {"desktop.core.c"}
    assert graph["desktop.core.c"] == {"desktop.core.a"}
    assert graph["desktop.core.d"] == set()
    assert cycles(graph) == [["desktop.core.a", "desktop.core.b", "desktop.core.c"]]


def test_no_import_cycles_in_desktop():
    graph = import_graph(ROOT)
    assert len(graph) > 50
    found = cycles(graph)
    assert found == [], "import cycles:\n" + "\n".join(" -> ".join(_path_through(graph, c)) for c in found)


def test_no_imports_by_name():
    """Every area ships; modules are imported by plain import statements, never by name."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called in ("import_module", "__import__"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif isinstance(node, ast.ImportFrom) and node.module == "importlib" and \
                    any(alias.name == "import_module" for alias in node.names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
