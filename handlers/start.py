"""The main menu ("home"). /start itself is onboarding: handlers.registration."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery

from handlers.context import Context
from handlers.screens import menu_for, show
from ui.callbacks import MenuCb


async def menu_home(callback: CallbackQuery, ctx: Context, state: FSMContext) -> None:
    await state.clear()  # the way home leaves any flow that waited for input
    await show(callback, ctx.t("menu-title"), await menu_for(ctx))


def create_router() -> Router:
    router = Router(name="start")
    router.callback_query.register(menu_home, MenuCb.filter(F.item == "home"))
    return router
