"""Handlers parse and reply: no SQL, no ORM models, no transactions of their own (issue 16).

Read with `ast`: a handler module may not import anything under `storage` (repositories,
models, the session's helpers), nor call `.commit()` — the update's unit of work commits, and a
use case that must commit earlier (before a fan-out, say) is a service method that owns it.
`STILL_THICK` names the modules not moved yet; it may only shrink: a module that is clean and
still listed fails too, so the list stays true.
"""

from __future__ import annotations

import ast
from pathlib import Path

from aiogram import Router

from bot.app import App

ROOT = Path(__file__).resolve().parent.parent
HANDLERS = ROOT / "handlers"

STILL_THICK: frozenset[str] = frozenset()  # every handler module moved (issue 16)
MOST_PARAMETERS = 6  # the event, its data or state, ctx, and a service or two


def thick_lines(path: Path) -> list[str]:
    """Where the module reaches into storage or commits: 'file:line: what'."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "commit"
        ):
            found.append(f"{path.name}:{node.lineno}: calls commit()")
            continue
        else:
            continue
        for module in modules:
            if module == "storage" or module.startswith("storage."):
                found.append(f"{path.name}:{node.lineno}: imports {module}")
    return found


def _modules() -> list[Path]:
    return sorted(p for p in HANDLERS.rglob("*.py") if p.name != "__init__.py")


def test_handlers_neither_touch_storage_nor_commit() -> None:
    problems = [
        line for path in _modules() if path.name not in STILL_THICK for line in thick_lines(path)
    ]
    assert not problems, "handlers reaching into storage:\n" + "\n".join(problems)


def test_the_list_of_thick_modules_only_shrinks() -> None:
    clean = sorted(p.name for p in _modules() if p.name in STILL_THICK and not thick_lines(p))
    assert not clean, f"clean now, take them off STILL_THICK: {clean}"
    gone = sorted(STILL_THICK - {p.name for p in _modules()})
    assert not gone, f"no such handler modules, take them off STILL_THICK: {gone}"


def test_the_reader_sees_imports_and_commits(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from storage.models import User\nimport storage.db\n"
        "async def f(s):\n    from storage import x\n    await s.commit()\n",
        encoding="utf-8",
    )
    assert len(thick_lines(sample)) == 4


def wide_functions(path: Path) -> list[str]:
    """Functions of a handler module (handlers and their helpers) that take more than
    MOST_PARAMETERS: a sign that they rebuild what `handlers.context.Context` carries."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.name}:{node.lineno}: {node.name} takes {count}"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (count := len(node.args.posonlyargs + node.args.args + node.args.kwonlyargs))
        > MOST_PARAMETERS
    ]


def test_no_handler_takes_more_than_six_parameters() -> None:
    wide = [line for path in _modules() for line in wide_functions(path)]
    assert not wide, "take `ctx: Context` instead:\n" + "\n".join(wide)


def test_every_handler_and_filter_runs_on_the_event_loop(running_app: App) -> None:
    """aiogram sends a plain function (a bare `F.text`) to a worker thread on every check: a
    thread hop per filter per update (issue 17). Magic filters go through `routing.inline`."""
    found = []

    def walk(router: Router) -> None:
        for kind, observer in router.observers.items():
            for handler in observer.handlers:
                sync = [f for f in handler.filters or [] if not f.awaitable]
                if not handler.awaitable or sync:
                    found.append(f"{router.name}.{kind}: {handler.callback} {sync}")
            for outer in observer._handler.filters or []:  # the router's own `.filter(...)`
                if not outer.awaitable:
                    found.append(f"{router.name}.{kind} router filter: {outer.callback}")
        for child in router.sub_routers:
            walk(child)

    walk(running_app.dispatcher)
    assert found == []
