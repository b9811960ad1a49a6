"""/board: the review board, a Telegram Mini App, for coordinators (and curators, for their
schools). With a public HTTPS address (WEBAPP_URL) the board opens inside Telegram from a button
and from the chat's menu button; /board also gives a one-time link for an ordinary browser.
`with_board_button` puts the board's button on other screens (/progress, /review)."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    MenuButtonWebApp,
    Message,
    WebAppInfo,
)

from core.config import Settings
from core.i18n import Texts
from handlers.context import Context
from services.board import issue_login
from services.clock import SystemClock
from services.permissions import Actor, Role
from ui.keyboards import main_menu

log = logging.getLogger(__name__)


def shows_board(actor: Actor) -> bool:
    """Coordinators review on it; curators follow their schools there."""
    return actor.is_coordinator() or Role.CURATOR in actor.roles()


def board_button(t: Texts, settings: Settings, actor: Actor) -> InlineKeyboardButton | None:
    """The Mini App's button, when Telegram can open it (an HTTPS address) and it is theirs."""
    if not settings.board_in_telegram or not shows_board(actor):
        return None
    return InlineKeyboardButton(
        text=t.label("board-open-button"), web_app=WebAppInfo(url=settings.board_url)
    )


def with_board_button(
    markup: InlineKeyboardMarkup, t: Texts, settings: Settings, actor: Actor
) -> InlineKeyboardMarkup:
    button = board_button(t, settings, actor)
    if button is None:
        return markup
    return InlineKeyboardMarkup(inline_keyboard=[[button], *markup.inline_keyboard])


async def board_command(message: Message, ctx: Context, actor: Actor) -> None:
    t, settings = ctx.t, ctx.settings
    if not shows_board(actor):
        await _refuse(message, t, actor)
        return
    # Real time, whatever the bot's clock says: the link lives for the person's next minutes.
    token = await issue_login(ctx.session, ctx.user.id, SystemClock().now())
    url = f"{settings.board_url}login?token={token}"
    buttons = []
    if settings.board_in_telegram:
        buttons = [
            [InlineKeyboardButton(text=t.label("board-open-button"), web_app=_app(settings))],
            [InlineKeyboardButton(text=t.label("board-link-button"), url=url)],
        ]
        await _menu_button(ctx.bot, message.chat.id, t, settings)
    await message.answer(
        t("board-link", url=url),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons) if buttons else None,
        # A link preview would open the link; only the page's button uses it, but no need.
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )


async def _refuse(message: Message, t: Texts, actor: Actor) -> None:
    """Someone of the project (a school) is told whom the board is for, with the menu; only
    someone not in it yet is sent to join."""
    if actor.grants or actor.is_admin:
        await message.answer(t("board-not-yours"), reply_markup=main_menu(t))
        return
    await message.answer(t("board-not-for-you"))


def _app(settings: Settings) -> WebAppInfo:
    return WebAppInfo(url=settings.board_url)


async def _menu_button(bot: Bot, chat_id: int, t: Texts, settings: Settings) -> None:
    """The chat's menu button opens the board from now on (for this person only)."""
    try:
        await bot.set_chat_menu_button(
            chat_id=chat_id,
            menu_button=MenuButtonWebApp(text=t.label("board-menu-button"), web_app=_app(settings)),
        )
    except TelegramAPIError as error:
        log.warning("menu button for %s not set: %s", chat_id, error)


def create_router() -> Router:
    router = Router(name="board")
    router.message.register(board_command, Command("board"))
    return router
