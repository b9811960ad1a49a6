"""/lang: switch between Russian and English; the choice is stored with the user."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from core.i18n import LANGUAGES, Texts
from handlers.context import Context
from handlers.screens import menu_for, show
from services.users import UserService
from ui.callbacks import LangCb, MenuCb
from ui.keyboards import LANGUAGE_NAME_KEYS, language_picker


async def lang_command(
    message: Message, command: CommandObject, ctx: Context, users: UserService
) -> None:
    code = (command.args or "").strip().lower()
    if not code:
        await lang_menu(message, ctx)
    elif code not in ctx.catalog.languages:
        await message.answer(ctx.t("language-unknown"))
    else:
        await _switch(message, code, ctx, users)


async def lang_menu(event: Message | CallbackQuery, ctx: Context) -> None:
    """The languages to pick from: /lang without a code, and the menu's button."""
    await show(event, _choose_text(ctx.t), language_picker(ctx.t))


async def lang_chosen(
    callback: CallbackQuery, callback_data: LangCb, ctx: Context, users: UserService
) -> None:
    await _switch(callback, callback_data.code, ctx, users)


def _choose_text(t: Texts) -> str:
    return t("language-choose", current=t(LANGUAGE_NAME_KEYS[t.language]))


async def _switch(
    event: Message | CallbackQuery, code: str, ctx: Context, users: UserService
) -> None:
    await users.change_language(ctx.user.id, code)
    t = ctx.texts(code)
    await show(event, t("language-changed") + "\n\n" + t("menu-title"), await menu_for(ctx, t))


def create_router() -> Router:
    router = Router(name="language")
    router.message.register(lang_command, Command("lang"))
    router.callback_query.register(lang_menu, MenuCb.filter(F.item == "lang"))
    router.callback_query.register(lang_chosen, LangCb.filter(F.code.in_(LANGUAGES)))
    return router
