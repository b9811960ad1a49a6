"""/start and the main menu."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandStart
from aiogram.types import CallbackQuery, Message

from bot.i18n import Texts
from handlers.callbacks import MenuCb
from handlers.keyboards import main_menu
from handlers.screens import show
from storage.models import User


async def start(message: Message, t: Texts, user: User) -> None:
    await message.answer(t("start-greeting", name=user.first_name), reply_markup=main_menu(t))


async def menu_home(callback: CallbackQuery, t: Texts) -> None:
    await show(callback, t("menu-title"), main_menu(t))


def create_router() -> Router:
    router = Router(name="start")
    router.message.register(start, CommandStart())
    router.callback_query.register(menu_home, MenuCb.filter(F.item == "home"))
    return router
