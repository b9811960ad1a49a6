"""/webinars: the coming webinars in the user's own time, and (un)subscribing from reminders."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.i18n import Html, Texts
from handlers.screens import show
from services import timefmt
from services.clock import Clock
from services.directory import Directory
from services.permissions import Action, Scope, can
from services.user_zone import user_zone
from services.webinars import HORIZON, Occurrence, series_catalog, upcoming
from storage.models import User
from storage.repositories.webinars import WebinarRepository
from ui.callbacks import MenuCb, WebEditCb, WebinarCb

SHOWN = 5


async def webinars_command(
    message: Message,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
) -> None:
    text, markup = await _screen(t, user, session, settings, clock)
    await show(message, text, markup)


async def webinars_button(
    callback: CallbackQuery,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
) -> None:
    text, markup = await _screen(t, user, session, settings, clock)
    await show(callback, text, markup)


async def subscription_toggled(
    callback: CallbackQuery,
    callback_data: WebinarCb,
    callback_answer: CallbackAnswer,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
) -> None:
    known = {series.key for series in series_catalog()}
    if callback_data.series not in known:
        callback_answer.text = t("error-stale-button")
        callback_answer.show_alert = True
        return
    subscribed = callback_data.action == "subscribe"
    await WebinarRepository(session).set_subscribed(user.id, callback_data.series, subscribed)
    await session.commit()  # before saying "done"
    callback_answer.text = t("webinars-subscribed" if subscribed else "webinars-unsubscribed")
    text, markup = await _screen(t, user, session, settings, clock)
    await show(callback, text, markup)


async def _screen(
    t: Texts, user: User, session: AsyncSession, settings: Settings, clock: Clock
) -> tuple[str, InlineKeyboardMarkup]:
    now = clock.now()
    repository = WebinarRepository(session)
    series = list(series_catalog())
    zone = await user_zone(session, user.id)
    edits = await repository.edits(now, now + HORIZON)
    coming = upcoming(series, now, edits, limit=SHOWN)
    names = {one.key: one.title_in(t.language) for one in series}
    shift = timefmt.moscow_shift(zone, now)
    zone_line = t("webinars-zone-local", shift=shift) if shift else t("webinars-zone-moscow")
    lines = [t("webinars-title"), zone_line]
    if not coming:
        lines.append(t("webinars-none"))
    for occurrence in coming:
        when = timefmt.when(occurrence.starts_at, zone, t.language)
        lines.append(describe_occurrence(t, occurrence, when, names[occurrence.series_key]))
    builder = InlineKeyboardBuilder()
    for one in series:
        subscribed = await repository.is_subscribed(user.id, one.key)
        action, label = (
            ("unsubscribe", t("webinars-unsubscribe-button"))
            if subscribed
            else ("subscribe", t("webinars-subscribe-button"))
        )
        builder.button(text=label, callback_data=WebinarCb(action=action, series=one.key))
    if await may_edit(session, settings, user):
        builder.button(text=t("wed-open"), callback_data=WebEditCb(action="list"))
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    return "\n\n".join(lines), builder.as_markup()


async def may_edit(session: AsyncSession, settings: Settings, user: User) -> bool:
    """Federal admins and regional coordinators keep the programme's webinar schedule."""
    actor = await Directory(session, settings.admin_ids).actor(user.id)
    return actor.is_admin or any(
        can(actor, Action.EDIT_WEBINARS, Scope(grant.scope.region)) for grant in actor.grants
    )


def describe_occurrence(t: Texts, occurrence: Occurrence, when: str, series_name: str) -> str:
    parts = [t("webinars-item", when=when, series=series_name)]
    if occurrence.cancelled:
        parts.append(t("webinars-cancelled"))
    if occurrence.topic:
        parts.append(t("webinars-topic", topic=occurrence.topic))
    if occurrence.speakers:
        parts.append(t("webinars-speakers", speakers=occurrence.speakers))
    if occurrence.join_url and not occurrence.cancelled:
        parts.append(t("webinars-join", link=Html(_link(occurrence.join_url))))
    if occurrence.recording_url:
        parts.append(t("webinars-recording", link=Html(_link(occurrence.recording_url))))
    return "\n".join(parts)


def _link(url: str) -> str:
    return f'<a href="{escape(url, quote=True)}">{escape(url)}</a>'


def create_router() -> Router:
    router = Router(name="webinars")
    router.message.register(webinars_command, Command("webinars"))
    router.callback_query.register(webinars_button, MenuCb.filter(F.item == "webinars"))
    router.callback_query.register(subscription_toggled, WebinarCb.filter())
    return router
