"""Files people send for the bot to read (directory imports, calendars): asked for with a template,
received as bytes within a size limit."""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import BufferedInputFile, Message

from handlers.context import Context
from handlers.routing import inline
from ui.keyboards import back_to_menu

Receive = Callable[[Message, bytes, Context, FSMContext], Awaitable[None]]


async def ask_for_file(
    message: Message,
    ctx: Context,
    state: FSMContext,
    at: State,
    template: BufferedInputFile,
    caption_key: str,
) -> None:
    """Waits `at` a state for a file, and sends the template to fill in with what to do."""
    await state.set_state(at)
    await message.answer_document(
        template, caption=ctx.t(caption_key), reply_markup=back_to_menu(ctx.t)
    )


def on_document(router: Router, receive: Receive, at: State, limit: int, too_big_key: str) -> None:
    """`receive` gets the document sent while the conversation is `at` a state, as bytes; one
    over `limit` is answered here (`too_big_key`) and the conversation stays where it was."""

    async def fetched(message: Message, ctx: Context, state: FSMContext) -> None:
        data = await _fetch_document(message, ctx, limit, too_big_key)
        if data is not None:
            await receive(message, data, ctx, state)

    router.message.register(fetched, StateFilter(at), inline(F.document))


async def _fetch_document(
    message: Message, ctx: Context, limit: int, too_big_key: str
) -> bytes | None:
    """The message's document as bytes; None (after telling the sender why) when it is missing or
    over `limit`, so the flow stays where it was."""
    document = message.document
    if document is None:
        return None
    if (document.file_size or 0) > limit:
        await message.answer(ctx.t(too_big_key), reply_markup=back_to_menu(ctx.t))
        return None
    buffer = io.BytesIO()
    await ctx.bot.download(document.file_id, destination=buffer)
    return buffer.getvalue()
