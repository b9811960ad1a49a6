"""Layers point down, and this test keeps them so. Every import of every module of the bot's
packages is read with `ast` (at the top, inside functions, under `if TYPE_CHECKING:`) and checked
against the layer it comes from:

                                bot                 the app assembly: settings → Bot, Dispatcher,
                                 │                  engine, routers included, entry point
             ┌───────────────────┼──────────────────┐
          handlers           scheduler            webapp        entry points: updates, timed
             │                   │                  │           jobs, the review board's pages
             ├─────────── ui ────┼──────────────────┤           what people see (aiogram)
             ├──────── gateway ──┴──────────────────┘           Telegram I/O: the outbox's
             │                                                  sender, file downloads
          services                                              domain rules, no Telegram types
             │
          storage                                               models, repositories (the SQL)
             │
           core                                                 config, texts: nothing of the app

A layer may import itself and what its entry in `LAYERS` names, nothing else: nothing imports
`handlers` but `bot`, nothing imports `bot`, and aiogram stays out of `core`, `storage` and
`services`. Imports under `if TYPE_CHECKING:` count too: they cost nothing at run time, but a type
that points up is the same coupling (the lower layer is written against the upper one's shape);
name the shape in the lower layer instead (a Protocol), as `webapp.app.BoardHost` does.

Third-party libraries other than aiogram are not checked. `tests/`, `bench/` and `docs/` may
import anything.
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The layers and what each may import besides itself. `aiogram` is listed like a layer: only the
# layers that talk to Telegram may name it.
LAYERS: dict[str, frozenset[str]] = {
    "core": frozenset(),
    "storage": frozenset({"core"}),
    "services": frozenset({"storage", "core"}),
    "ui": frozenset({"services", "storage", "core", "aiogram"}),
    "gateway": frozenset({"services", "storage", "core", "aiogram"}),
    "handlers": frozenset({"ui", "gateway", "services", "storage", "core", "aiogram"}),
    "scheduler": frozenset({"ui", "gateway", "services", "storage", "core", "aiogram"}),
    "webapp": frozenset({"ui", "gateway", "services", "storage", "core", "aiogram"}),
    "bot": frozenset(
        {"handlers", "scheduler", "webapp", "ui", "gateway", "services", "storage", "core"}
        | {"aiogram"}
    ),
}
CHECKED = frozenset(LAYERS) | {"aiogram"}

# Imports that break the rule and are known, each with why it stays for now: "path:module".
# The test fails on any import not here, and on an entry here that no longer occurs, so the list
# only shrinks.
ALLOWED: dict[str, str] = {}


@dataclass(frozen=True, slots=True)
class Import:
    path: str  # relative to the repository, e.g. "services/delivery.py"
    line: int
    module: str  # absolute, e.g. "aiogram.types"

    @property
    def source(self) -> str:
        return self.path.split("/")[0]

    @property
    def target(self) -> str:
        return self.module.split(".")[0]


def _imports(source: str, relative: str) -> Iterator[Import]:
    """The imports of one module, given its text and its path from the repository's root."""
    tree = ast.parse(source, filename=relative)
    package = list(Path(relative).parts[:-1])  # the package a relative import starts from
    for node in ast.walk(tree):  # every import, however deeply nested
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(relative, node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # from . import x, from ..y import z
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            yield Import(relative, node.lineno, module)


def _sources() -> Iterator[Path]:
    for layer in LAYERS:
        yield from sorted((ROOT / layer).rglob("*.py"))


def _violations() -> list[Import]:
    found = []
    for path in _sources():
        relative = path.relative_to(ROOT).as_posix()
        for imported in _imports(path.read_text(encoding="utf-8"), relative):
            if imported.target not in CHECKED or imported.target == imported.source:
                continue
            if imported.target not in LAYERS[imported.source]:
                found.append(imported)
    return found


def test_every_import_points_down() -> None:
    found = [v for v in _violations() if f"{v.path}:{v.module}" not in ALLOWED]
    report = "\n".join(
        f"  {v.path}:{v.line}: {v.source} imports {v.module} ({v.source} may import "
        f"{', '.join(sorted(LAYERS[v.source])) or 'nothing of the app'})"
        for v in found
    )
    if found:
        pytest.fail(f"{len(found)} import(s) point the wrong way:\n{report}", pytrace=False)


def test_the_allow_list_holds_only_what_still_happens() -> None:
    happening = {f"{v.path}:{v.module}" for v in _violations()}
    stale = sorted(set(ALLOWED) - happening)
    assert not stale, "no longer imported, remove from ALLOWED: " + ", ".join(stale)


def test_every_package_of_the_wheel_is_a_layer() -> None:
    """A new package must be given its place here before it ships."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = set(config["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"])
    python = {name for name in shipped if any((ROOT / name).rglob("*.py"))}
    assert python == set(LAYERS)


def test_the_reader_sees_every_kind_of_import() -> None:
    """The checker itself: nested, TYPE_CHECKING and relative imports are all read."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "import aiogram.types\n"
        "from . import sibling\n"
        "from ..storage import models\n"
        "if TYPE_CHECKING:\n"
        "    from handlers.start import router\n"
        "def f() -> None:\n"
        "    from bot.app import App\n"
    )
    modules = [(i.line, i.module) for i in _imports(source, "services/screening/probe.py")]
    assert sorted(modules) == [
        (1, "typing"),
        (2, "aiogram.types"),
        (3, "services.screening"),
        (4, "services.storage"),
        (6, "handlers.start"),
        (8, "bot.app"),
    ]
