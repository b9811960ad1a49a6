"""/lang: switch between Russian and English; the choice is stored with the user."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from core.i18n import LANGUAGES, Catalog, Texts
from handlers.screens import show
from services.users import UserService
from ui.callbacks import LangCb, MenuCb
from ui.keyboards import LANGUAGE_NAME_KEYS, language_picker, main_menu


async def lang_command(
    message: Message, command: CommandObject, t: Texts, users: UserService, catalog: Catalog
) -> None:
    code = (command.args or "").strip().lower()
    if not code:
        await show(message, _choose_text(t), language_picker(t))
    elif code not in catalog.languages:
        await message.answer(t("language-unknown"))
    else:
        await _switch(message, code, users, catalog)


async def lang_menu(callback: CallbackQuery, t: Texts) -> None:
    await show(callback, _choose_text(t), language_picker(t))


async def lang_chosen(
    callback: CallbackQuery, callback_data: LangCb, users: UserService, catalog: Catalog
) -> None:
    await _switch(callback, callback_data.code, users, catalog)


def _choose_text(t: Texts) -> str:
    return t("language-choose", current=t(LANGUAGE_NAME_KEYS[t.language]))


async def _switch(
    event: Message | CallbackQuery, code: str, users: UserService, catalog: Catalog
) -> None:
    if event.from_user is None:
        return
    await users.change_language(event.from_user.id, code)
    t = catalog.bind(code)
    await show(event, t("language-changed") + "\n\n" + t("menu-title"), main_menu(t))


def create_router() -> Router:
    router = Router(name="language")
    router.message.register(lang_command, Command("lang"))
    router.callback_query.register(lang_menu, MenuCb.filter(F.item == "lang"))
    router.callback_query.register(lang_chosen, LangCb.filter(F.code.in_(LANGUAGES)))
    return router
