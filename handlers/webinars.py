"""/webinars: the coming webinars in the user's own time, and (un)subscribing from reminders."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from handlers.context import Context
from handlers.screens import show
from services import timefmt
from services.webinar_schedule import set_subscription, webinars_screen
from ui.callbacks import MenuCb, WebEditCb, WebinarCb
from ui.keyboards import Choice, column
from ui.webinars import describe_occurrence, series_name

SHOWN = 5


async def webinars(event: Message | CallbackQuery, ctx: Context) -> None:
    """/webinars and the menu's button: the coming webinars and the reminders to (un)subscribe."""
    text, markup = await _screen(ctx)
    await show(event, text, markup)


async def subscription_toggled(
    callback: CallbackQuery,
    callback_data: WebinarCb,
    callback_answer: CallbackAnswer,
    ctx: Context,
) -> None:
    t = ctx.t
    subscribed = callback_data.action == "subscribe"
    if not await set_subscription(ctx.session, await ctx.actor(), callback_data.series, subscribed):
        callback_answer.text = t("error-stale-button")
        callback_answer.show_alert = True
        return
    callback_answer.text = t("webinars-subscribed" if subscribed else "webinars-unsubscribed")
    text, markup = await _screen(ctx)
    await show(callback, text, markup)


async def _screen(ctx: Context) -> tuple[str, InlineKeyboardMarkup]:
    t = ctx.t
    now = ctx.clock.now()
    screen = await webinars_screen(ctx.session, await ctx.actor(), now, SHOWN)
    zone, coming = screen.zone, screen.coming
    shift = timefmt.moscow_shift(zone, now)
    zone_line = t("webinars-zone-local", shift=shift) if shift else t("webinars-zone-moscow")
    lines = [t("webinars-title"), zone_line]
    if not coming:
        lines.append(t("webinars-none"))
    for occurrence in coming:
        when = timefmt.when(occurrence.starts_at, zone, t.language)
        lines.append(describe_occurrence(t, occurrence, when, series_name(t, occurrence)))
    buttons: list[Choice] = []
    for one, subscribed in screen.series:
        action, label = (
            ("unsubscribe", t("webinars-unsubscribe-button"))
            if subscribed
            else ("subscribe", t("webinars-subscribe-button"))
        )
        buttons.append((label, WebinarCb(action=action, series=one.key)))
    if screen.keeps_schedule:
        buttons.append((t("wed-open"), WebEditCb(action="list")))
    buttons.append((t("nav-back-to-menu"), MenuCb(item="home")))
    return "\n\n".join(lines), column(*buttons)


def create_router() -> Router:
    router = Router(name="webinars")
    router.message.register(webinars, Command("webinars"))
    router.callback_query.register(webinars, MenuCb.filter(F.item == "webinars"))
    router.callback_query.register(subscription_toggled, WebinarCb.filter())
    return router
