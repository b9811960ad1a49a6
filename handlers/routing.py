"""Registering a feature's handlers: one for each action of one kind of button, and one for the
text typed at a step of a conversation; and `inline`, how a magic filter (`F.text`) is used."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiogram import F, Router
from aiogram.filters import Filter, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State
from aiogram.types import TelegramObject
from magic_filter import MagicFilter

Handler = Callable[..., Awaitable[Any]]


class _Inline(Filter):
    def __init__(self, magic: MagicFilter) -> None:
        self._magic = magic

    async def __call__(self, event: TelegramObject) -> bool:
        return bool(self._magic.resolve(event))


def inline(magic: MagicFilter) -> Filter:
    """A magic filter checked on the event loop. aiogram hands a plain (sync) filter to a worker
    thread, and the private chat filter alone is checked on every message: that hop was a tenth
    of a typed question's CPU (issue 17). tests/test_thin_handlers.py keeps every filter async."""
    return _Inline(magic)


def on_buttons(
    router: Router,
    buttons: type[CallbackData],
    handlers: Mapping[str, Handler],
    *when: Filter,
) -> None:
    """Registers each handler for the `buttons` whose action is its key, in the mapping's order
    (and only for those that pass `when`, checked first)."""
    for action, handler in handlers.items():
        router.callback_query.register(handler, *when, buttons.filter(F.action == action))


def on_typed(router: Router, handler: Handler, at: State | Filter, *when: Filter) -> None:
    """`handler` takes the text typed while the conversation is `at` a state (and passes `when`);
    a command is not typed text, it starts something new."""
    state = StateFilter(at) if isinstance(at, State) else at
    router.message.register(handler, state, inline(F.text & ~F.text.startswith("/")), *when)
