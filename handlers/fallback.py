"""Last in line: what nobody else handled in a private chat gets a helpful pointer."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from core.i18n import Texts
from handlers.help import help_text
from services.permissions import Actor
from ui.keyboards import back_to_menu, main_menu


async def unknown_command(message: Message, t: Texts, actor: Actor) -> None:
    command = (message.text or "").split(maxsplit=1)[0]
    text = t("unknown-command", command=command) + "\n\n" + help_text(t, actor)
    await message.answer(text, reply_markup=back_to_menu(t))


async def anything_else(message: Message, t: Texts) -> None:
    await message.answer(t("unknown-text"), reply_markup=main_menu(t))


async def stale_button(callback: CallbackQuery, callback_answer: CallbackAnswer, t: Texts) -> None:
    callback_answer.text = t("error-stale-button")
    callback_answer.show_alert = True


def create_router() -> Router:
    router = Router(name="fallback")
    router.message.register(unknown_command, F.text.startswith("/"))
    router.message.register(anything_else)
    router.callback_query.register(stale_button)
    return router
