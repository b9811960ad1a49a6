"""A regional coordinator lets the bot accept, for chosen steps, the confirmations its checks
found to look right (text read, nothing suspicious); everything else still waits for a person."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.context import Context
from handlers.screens import show
from services.calendar_io import calendar_for
from services.permissions import Actor, ForbiddenError
from services.screening import UnknownStepError, auto_accept_steps, set_auto_accept
from services.submissions import reporting_steps
from services.webinars import note_region
from ui.callbacks import AutoCb, RevCb
from ui.keyboards import back_to_menu


def auto_accept_region(actor: Actor) -> str | None:
    """The region whose switches this person holds: a regional coordinator's own."""
    return note_region(actor)


async def list_button(callback: CallbackQuery, ctx: Context, actor: Actor) -> None:
    region = auto_accept_region(actor)
    if region is None:
        await show(callback, ctx.t("auto-regional-only"), back_to_menu(ctx.t))
        return
    await show(callback, *await _screen(ctx, actor, region))


async def toggle_button(
    callback: CallbackQuery, callback_data: AutoCb, ctx: Context, actor: Actor
) -> None:
    t, session = ctx.t, ctx.session
    region = auto_accept_region(actor)
    if region is None:
        await show(callback, t("auto-regional-only"), back_to_menu(t))
        return
    enabled = callback_data.step in await auto_accept_steps(session, actor, region)
    now = ctx.clock.now()
    try:
        await set_auto_accept(session, actor, region, callback_data.step, not enabled, now)
    except (ForbiddenError, UnknownStepError):
        await show(callback, t("error-stale-button"), back_to_menu(t))
        return
    await show(callback, *await _screen(ctx, actor, region))


async def _screen(ctx: Context, actor: Actor, region: str) -> tuple[str, InlineKeyboardMarkup]:
    t = ctx.t
    calendar = await calendar_for(ctx.session, region)
    enabled = set(await auto_accept_steps(ctx.session, actor, region))
    builder = InlineKeyboardBuilder()
    for step in reporting_steps(calendar):
        mark = "✅" if step.key in enabled else "▫️"
        builder.button(
            text=f"{mark} {step.number}. {step.text('title', t.language)}"[:60],
            callback_data=AutoCb(action="toggle", step=step.key),
        )
    builder.button(text=t("nav-back"), callback_data=RevCb(action="open"))
    builder.adjust(1)
    return t("auto-title"), builder.as_markup()


def create_router() -> Router:
    router = Router(name="autoaccept")
    router.callback_query.register(list_button, AutoCb.filter(F.action == "list"))
    router.callback_query.register(toggle_button, AutoCb.filter(F.action == "toggle"))
    return router
