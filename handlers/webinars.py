"""/webinars: the coming webinars in the user's own time, and (un)subscribing from reminders."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Texts
from handlers.screens import show
from services import timefmt
from services.clock import Clock
from services.permissions import Actor
from services.webinar_schedule import set_subscription, webinars_screen
from ui.callbacks import MenuCb, WebEditCb, WebinarCb
from ui.webinars import describe_occurrence, series_name

SHOWN = 5


async def webinars_command(
    message: Message, t: Texts, actor: Actor, session: AsyncSession, clock: Clock
) -> None:
    text, markup = await _screen(t, actor, session, clock)
    await show(message, text, markup)


async def webinars_button(
    callback: CallbackQuery,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
) -> None:
    text, markup = await _screen(t, actor, session, clock)
    await show(callback, text, markup)


async def subscription_toggled(
    callback: CallbackQuery,
    callback_data: WebinarCb,
    callback_answer: CallbackAnswer,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
) -> None:
    subscribed = callback_data.action == "subscribe"
    if not await set_subscription(session, actor, callback_data.series, subscribed):
        callback_answer.text = t("error-stale-button")
        callback_answer.show_alert = True
        return
    callback_answer.text = t("webinars-subscribed" if subscribed else "webinars-unsubscribed")
    text, markup = await _screen(t, actor, session, clock)
    await show(callback, text, markup)


async def _screen(
    t: Texts, actor: Actor, session: AsyncSession, clock: Clock
) -> tuple[str, InlineKeyboardMarkup]:
    now = clock.now()
    screen = await webinars_screen(session, actor, now, SHOWN)
    zone, coming = screen.zone, screen.coming
    shift = timefmt.moscow_shift(zone, now)
    zone_line = t("webinars-zone-local", shift=shift) if shift else t("webinars-zone-moscow")
    lines = [t("webinars-title"), zone_line]
    if not coming:
        lines.append(t("webinars-none"))
    for occurrence in coming:
        when = timefmt.when(occurrence.starts_at, zone, t.language)
        lines.append(describe_occurrence(t, occurrence, when, series_name(t, occurrence)))
    builder = InlineKeyboardBuilder()
    for one, subscribed in screen.series:
        action, label = (
            ("unsubscribe", t("webinars-unsubscribe-button"))
            if subscribed
            else ("subscribe", t("webinars-subscribe-button"))
        )
        builder.button(text=label, callback_data=WebinarCb(action=action, series=one.key))
    if screen.keeps_schedule:
        builder.button(text=t("wed-open"), callback_data=WebEditCb(action="list"))
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    return "\n\n".join(lines), builder.as_markup()


def create_router() -> Router:
    router = Router(name="webinars")
    router.message.register(webinars_command, Command("webinars"))
    router.callback_query.register(webinars_button, MenuCb.filter(F.item == "webinars"))
    router.callback_query.register(subscription_toggled, WebinarCb.filter())
    return router
