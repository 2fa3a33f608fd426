"""The layout shows the architecture: role folders stacked in layers, imports only ever
going down, no cycle, and a core that knows no model, endpoint or page.

Every import is read from the source (lazy imports inside functions included), so the
rule holds for what runs, not only for what a module imports at its top."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"
# Lowest first. A module may import from its own layer's folder and from lower layers.
LAYERS = [
    {"assistant.errors", "assistant.resources"},
    {"assistant.jsonl"},
    {"assistant.article", "assistant.language"},
    {"assistant.core"},
    {"assistant.config"},
    {"assistant.index", "assistant.llm", "assistant.support"},
    {"assistant.reader"},
    {"assistant.wiring"},
    {"assistant.web", "assistant.evaluation"},
    {"assistant.cli"},
    {"assistant.__main__", "assistant"},
]
TOP_LEVEL_LIMIT = 8


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The ``assistant`` modules a file imports, anywhere in it."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "assistant"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "assistant":
                continue
            # "from . import overview" imports a module, not a name
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(
                    sub if (PACKAGE.parent / (sub.replace(".", "/") + ".py")).exists() else target
                )
    return found - {name}


def unit(module: str) -> str:
    """The layer entry a module belongs to: its role folder, or itself at the top."""
    for layer in LAYERS:
        for entry in sorted(layer, key=len, reverse=True):
            if module == entry or (entry != "assistant" and module.startswith(entry + ".")):
                return entry
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def layer_of(module: str) -> int:
    entry = unit(module)
    return next(i for i, layer in enumerate(LAYERS) if entry in layer)


GRAPH = {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_import_goes_down_or_stays_in_its_folder():
    upward = [
        f"{m} -> {t}"
        for m, targets in GRAPH.items()
        for t in targets
        if unit(t) != unit(m) and layer_of(t) >= layer_of(m)
    ]
    assert upward == []


def test_the_core_knows_no_model_endpoint_or_page():
    core = {m: ts for m, ts in GRAPH.items() if unit(m) == "assistant.core"}
    assert core, "no core modules found"
    for m, targets in core.items():
        reached = {unit(t) for t in targets}
        assert not reached & {
            "assistant.reader",
            "assistant.llm",
            "assistant.web",
            "assistant.index",
        }, m


def test_no_module_imports_itself_back_through_others():
    state: dict[str, int] = {}
    cycles = []

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for t in sorted(GRAPH.get(m, ())):
            if state.get(t) == 1:
                cycles.append(" -> ".join(path[path.index(t) :] + [t]))
            elif t not in state:
                visit(t, path + [t])
        state[m] = 2

    for m in GRAPH:
        if m not in state:
            visit(m, [m])
    assert cycles == []


def test_the_top_level_holds_few_modules():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= TOP_LEVEL_LIMIT, top


def test_the_walk_sees_lazy_imports():
    registry = GRAPH["assistant.wiring.registry"]
    assert "assistant.reader.answerer" in registry and "assistant.llm.answerer" in registry
