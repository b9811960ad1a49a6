"""Last in line: what nobody else handled in a private chat gets a helpful pointer."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from handlers.context import Context
from handlers.help import help_text
from handlers.routing import inline
from handlers.screens import menu_for
from ui.keyboards import back_to_menu


async def unknown_command(message: Message, ctx: Context) -> None:
    t = ctx.t
    command = (message.text or "").split(maxsplit=1)[0]
    text = t("unknown-command", command=command) + "\n\n" + help_text(t, await ctx.actor())
    await message.answer(text, reply_markup=back_to_menu(t))


async def anything_else(message: Message, ctx: Context) -> None:
    await message.answer(ctx.t("unknown-text"), reply_markup=await menu_for(ctx))


async def stale_button(
    callback: CallbackQuery, callback_answer: CallbackAnswer, ctx: Context
) -> None:
    callback_answer.text = ctx.t("error-stale-button")
    callback_answer.show_alert = True


def create_router() -> Router:
    router = Router(name="fallback")
    router.message.register(unknown_command, inline(F.text.startswith("/")))
    router.message.register(anything_else)
    router.callback_query.register(stale_button)
    return router
