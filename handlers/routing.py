"""Registering a feature's handlers: one for each action of one kind of button, and one for the
text typed at a step of a conversation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiogram import F, Router
from aiogram.filters import Filter, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State

Handler = Callable[..., Awaitable[Any]]


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
    router.message.register(handler, state, F.text, ~F.text.startswith("/"), *when)
