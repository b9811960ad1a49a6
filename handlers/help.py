"""/help: the commands, with the same list the bot registers with Telegram."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from core.i18n import Texts
from handlers.commands import command_descriptions
from handlers.context import Context
from handlers.screens import show
from services.permissions import Actor
from ui.callbacks import MenuCb
from ui.keyboards import back_to_menu


def help_text(t: Texts, actor: Actor) -> str:
    """The commands of the person's roles: a school never reads about /broadcast or /season."""
    lines = [t("help-title"), ""]
    lines += [t("help-line", command=c, description=d) for c, d in command_descriptions(t, actor)]
    return "\n".join([*lines, "", t("help-footer")])


async def help_screen(event: Message | CallbackQuery, ctx: Context) -> None:
    """/help and the menu's button."""
    await show(event, help_text(ctx.t, await ctx.actor()), back_to_menu(ctx.t))


def create_router() -> Router:
    router = Router(name="help")
    router.message.register(help_screen, Command("help"))
    router.callback_query.register(help_screen, MenuCb.filter(F.item == "help"))
    return router
