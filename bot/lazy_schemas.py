"""Telegram types' validators built on first use instead of at import.

aiogram declares its ~440 types with pydantic's `defer_build`, then calls `model_rebuild` on
every one of them at the end of `aiogram.types` so that their forward references resolve: that
loop was 2.7 s of the bot's 7 s start on the 2-core machine (py-spy, 2026-11-30), mostly for
types this bot never receives or sends. Here the loop only notes the namespace aiogram hands
it; each type is built from that same namespace the first time pydantic needs it (validating an
update, building a method), as `defer_build` means it to be.

Call `defer_aiogram_schemas()` before anything imports aiogram; afterwards it does nothing.
"""

from __future__ import annotations

import sys
from typing import Any

from pydantic import BaseModel

_namespace: dict[str, Any] = {}


def defer_aiogram_schemas() -> None:
    if "aiogram" in sys.modules:
        return  # imported already: the types are built
    original = BaseModel.__dict__["model_rebuild"]
    rebuild = original.__func__

    def note_namespace(cls: type[BaseModel], /, **kwargs: Any) -> bool | None:
        types_namespace = kwargs.get("_types_namespace")
        if cls.__module__.startswith("aiogram.types") and types_namespace is not None:
            _namespace.update(types_namespace)  # aiogram passes one namespace to all
            return None
        return rebuild(cls, **kwargs)  # type: ignore[no-any-return]

    BaseModel.model_rebuild = classmethod(note_namespace)  # type: ignore[method-assign,assignment]
    try:
        import aiogram.types  # noqa: F401 - runs aiogram's rebuild loop under the patch
    except BaseException:
        BaseModel.model_rebuild = original  # type: ignore[method-assign]
        raise

    def build_with_namespace(cls: type[BaseModel], /, **kwargs: Any) -> bool | None:
        # Not only types: methods and their `Response[...]` created before the types they name
        # were built wait for them too, and need the same namespace.
        if kwargs.get("_types_namespace") is None and cls.__module__.startswith("aiogram."):
            kwargs["_types_namespace"] = _namespace
        return rebuild(cls, **kwargs)  # type: ignore[no-any-return]

    BaseModel.model_rebuild = classmethod(build_with_namespace)  # type: ignore[method-assign,assignment]


def build_everyday_schemas() -> None:
    """The types nearly every update uses (an update itself, a message sent or edited, a button
    answered, and what Telegram answers to each), built at start: built on first use, each held
    up a person's first tap for a fraction of a second on a loaded machine (issue 17)."""
    from aiogram.methods import (
        AnswerCallbackQuery,
        EditMessageReplyMarkup,
        EditMessageText,
        SendMessage,
    )
    from aiogram.methods.base import Response
    from aiogram.types import CallbackQuery, Message, Update

    for model in (Update, Message, CallbackQuery):
        model.model_rebuild()
    for method in (SendMessage, EditMessageText, EditMessageReplyMarkup, AnswerCallbackQuery):
        method.model_rebuild()
        Response[method.__returning__].model_rebuild()  # type: ignore[name-defined]
