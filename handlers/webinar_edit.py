"""Coordinators edit the webinar schedule: topic, speakers, join link and (afterwards) the
recording of one occurrence, cancel or restore it, add a one-off webinar, or cancel the rest of
a series' season. Times are typed and shown in Moscow time, as the programme announces them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.i18n import Texts
from handlers.screens import show
from handlers.webinars import describe_occurrence, may_edit
from services import timefmt
from services.clock import Clock
from services.webinars import Occurrence, occurrences, series_catalog, upcoming
from storage.models import User
from storage.repositories.webinars import WebinarRepository
from ui.callbacks import MenuCb, WebEditCb
from ui.keyboards import back_to_menu

PAST = timedelta(days=21)  # recent ones stay editable, for the recording link
LISTED = 8
FIELDS = {
    "topic": "wed-field-topic",
    "speakers": "wed-field-speakers",
    "join_url": "wed-field-join",
    "recording_url": "wed-field-recording",
}
MAX_FIELD = 500


class EditingWebinar(StatesGroup):
    field = State()
    new_time = State()


async def list_button(
    callback: CallbackQuery,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    state: FSMContext,
) -> None:
    await state.clear()
    if not await may_edit(session, settings, user):
        await show(callback, t("wed-not-allowed"), back_to_menu(t))
        return
    text, markup = await _list(t, session, clock)
    await show(callback, text, markup)


async def _list(t: Texts, session: AsyncSession, clock: Clock) -> tuple[str, InlineKeyboardMarkup]:
    since = clock.now() - PAST
    edits = await WebinarRepository(session).edits(since, since + PAST + timedelta(days=120))
    builder = InlineKeyboardBuilder()
    for occurrence in upcoming(list(series_catalog()), since, edits, limit=LISTED):
        mark = "❌ " if occurrence.cancelled else ("✏️ " if occurrence.topic else "")
        label = timefmt.when(occurrence.starts_at, timefmt.MOSCOW, t.language)
        builder.button(
            text=f"{mark}{label}",
            callback_data=WebEditCb(
                action="open", series=occurrence.series_key, at=_stamp(occurrence.starts_at)
            ),
        )
    for series in series_catalog():
        builder.button(text=t("wed-add"), callback_data=WebEditCb(action="add", series=series.key))
        builder.button(
            text=t("wed-cancel-season"),
            callback_data=WebEditCb(action="season", series=series.key),
        )
    builder.button(text=t("nav-back"), callback_data=MenuCb(item="webinars"))
    builder.adjust(1)
    return t("wed-list"), builder.as_markup()


def _stamp(moment: datetime) -> int:
    return int(moment.timestamp())


async def _occurrence(session: AsyncSession, series: str, at: int) -> Occurrence | None:
    starts = datetime.fromtimestamp(at, UTC)
    known = {one.key: one for one in series_catalog()}
    if series not in known:
        return None
    edits = await WebinarRepository(session).edits(starts, starts + timedelta(seconds=1))
    if (series, starts) in edits:
        return edits[(series, starts)]
    regular = occurrences(known[series], starts, starts + timedelta(seconds=1))
    return next(iter(regular), None)


async def open_button(
    callback: CallbackQuery,
    callback_data: WebEditCb,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    state: FSMContext,
) -> None:
    await state.clear()
    if not await may_edit(session, settings, user):
        await show(callback, t("wed-not-allowed"), back_to_menu(t))
        return
    occurrence = await _occurrence(session, callback_data.series, callback_data.at)
    if occurrence is None:
        await show(callback, t("error-stale-button"), back_to_menu(t))
        return
    text, markup = _card(t, occurrence)
    await show(callback, text, markup)


def _card(t: Texts, occurrence: Occurrence) -> tuple[str, InlineKeyboardMarkup]:
    names = {one.key: one.title_in(t.language) for one in series_catalog()}
    when = timefmt.when(occurrence.starts_at, timefmt.MOSCOW, t.language)
    text = "\n".join(
        [
            t("wed-card-title"),
            describe_occurrence(t, occurrence, when, names[occurrence.series_key]),
            t("wed-card-hint"),
        ]
    )
    builder = InlineKeyboardBuilder()
    at = _stamp(occurrence.starts_at)
    for field, key in FIELDS.items():
        builder.button(
            text=t(key),
            callback_data=WebEditCb(
                action="field", series=occurrence.series_key, at=at, field=field
            ),
        )
    toggle = "wed-restore" if occurrence.cancelled else "wed-cancel-one"
    builder.button(
        text=t(toggle),
        callback_data=WebEditCb(action="toggle", series=occurrence.series_key, at=at),
    )
    builder.button(text=t("nav-back"), callback_data=WebEditCb(action="list"))
    builder.adjust(2, 2, 1, 1)
    return text, builder.as_markup()


async def field_button(
    callback: CallbackQuery, callback_data: WebEditCb, t: Texts, state: FSMContext
) -> None:
    if callback_data.field not in FIELDS:
        await show(callback, t("error-stale-button"), back_to_menu(t))
        return
    await state.set_state(EditingWebinar.field)
    await state.set_data(
        {"series": callback_data.series, "at": callback_data.at, "field": callback_data.field}
    )
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("nav-back"),
        callback_data=WebEditCb(action="open", series=callback_data.series, at=callback_data.at),
    )
    await show(
        callback, t("wed-ask-field", field=t(FIELDS[callback_data.field])), builder.as_markup()
    )


async def field_received(
    message: Message,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    value = (message.text or "").strip()
    field = str(data["field"])
    problem = _field_problem(field, value)
    if problem is not None:
        await message.answer(t(problem, limit=MAX_FIELD))
        return  # still waiting for this field
    if not await may_edit(session, settings, user):
        await state.clear()
        await message.answer(t("wed-not-allowed"), reply_markup=back_to_menu(t))
        return
    occurrence = await _occurrence(session, str(data["series"]), int(data["at"]))
    if occurrence is None:
        await state.clear()
        await message.answer(t("error-stale-button"), reply_markup=back_to_menu(t))
        return
    changes: dict[str, Any] = {field: None if value == "-" else value}
    edited = replace(occurrence, **changes)
    await WebinarRepository(session).save_edit(edited, user.id)
    await session.commit()  # saved before it says so
    await state.clear()
    text, markup = _card(t, edited)
    await message.answer(t("wed-saved") + "\n\n" + text, reply_markup=markup)


def _field_problem(field: str, value: str) -> str | None:
    if not value or len(value) > MAX_FIELD:
        return "wed-bad-text"
    if field.endswith("_url") and value != "-" and not value.startswith(("https://", "http://")):
        return "wed-bad-link"
    return None


async def toggle_button(
    callback: CallbackQuery,
    callback_data: WebEditCb,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
) -> None:
    if not await may_edit(session, settings, user):
        await show(callback, t("wed-not-allowed"), back_to_menu(t))
        return
    occurrence = await _occurrence(session, callback_data.series, callback_data.at)
    if occurrence is None:
        await show(callback, t("error-stale-button"), back_to_menu(t))
        return
    edited = replace(occurrence, cancelled=not occurrence.cancelled)
    await WebinarRepository(session).save_edit(edited, user.id)
    await session.commit()  # saved before it says so
    text, markup = _card(t, edited)
    await show(callback, text, markup)


async def add_button(
    callback: CallbackQuery, callback_data: WebEditCb, t: Texts, state: FSMContext
) -> None:
    await state.set_state(EditingWebinar.new_time)
    await state.set_data({"series": callback_data.series})
    builder = InlineKeyboardBuilder()
    builder.button(text=t("nav-back"), callback_data=WebEditCb(action="list"))
    await show(callback, t("wed-ask-time"), builder.as_markup())


async def time_received(
    message: Message,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    state: FSMContext,
) -> None:
    local = timefmt.parse_local(message.text or "", clock.now(), timefmt.MOSCOW)
    if local is None:
        await message.answer(t("wed-bad-time"))
        return
    starts = local.astimezone(UTC)
    series = str((await state.get_data())["series"])
    if starts <= clock.now() or series not in {one.key for one in series_catalog()}:
        await message.answer(t("wed-bad-time"))
        return
    if not await may_edit(session, settings, user):
        await state.clear()
        await message.answer(t("wed-not-allowed"), reply_markup=back_to_menu(t))
        return
    occurrence = Occurrence(series, starts)
    await WebinarRepository(session).save_edit(occurrence, user.id)
    await session.commit()
    await state.clear()
    text, markup = _card(t, occurrence)
    await message.answer(t("wed-added") + "\n\n" + text, reply_markup=markup)


async def season_button(
    callback: CallbackQuery,
    callback_data: WebEditCb,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
) -> None:
    """Asks first; `season_yes` cancels every remaining occurrence of the current season."""
    if not await may_edit(session, settings, user):
        await show(callback, t("wed-not-allowed"), back_to_menu(t))
        return
    remaining = _rest_of_season(callback_data.series, clock.now())
    if callback_data.action == "season":
        builder = InlineKeyboardBuilder()
        builder.button(
            text=t("wed-cancel-season-yes"),
            callback_data=WebEditCb(action="season_yes", series=callback_data.series),
        )
        builder.button(text=t("nav-back"), callback_data=WebEditCb(action="list"))
        builder.adjust(1)
        await show(callback, t("wed-cancel-season-ask", count=len(remaining)), builder.as_markup())
        return
    repository = WebinarRepository(session)
    edits = await repository.edits(clock.now(), clock.now() + timedelta(days=400))
    for occurrence in remaining:
        current = edits.get((occurrence.series_key, occurrence.starts_at), occurrence)
        await repository.save_edit(replace(current, cancelled=True), user.id)
    await session.commit()
    text, markup = await _list(t, session, clock)
    await show(callback, t("wed-season-cancelled", count=len(remaining)) + "\n\n" + text, markup)


def _rest_of_season(series_key: str, now: datetime) -> list[Occurrence]:
    for series in series_catalog():
        if series.key != series_key:
            continue
        for start, end in series.seasons:
            if start <= now.date() <= end or now.date() < start:
                until = datetime.combine(end + timedelta(days=1), datetime.min.time(), UTC)
                return list(occurrences(series, now, until))
    return []


def create_router() -> Router:
    router = Router(name="webinar_edit")
    router.callback_query.register(list_button, WebEditCb.filter(F.action == "list"))
    router.callback_query.register(open_button, WebEditCb.filter(F.action == "open"))
    router.callback_query.register(field_button, WebEditCb.filter(F.action == "field"))
    router.callback_query.register(toggle_button, WebEditCb.filter(F.action == "toggle"))
    router.callback_query.register(add_button, WebEditCb.filter(F.action == "add"))
    router.callback_query.register(
        season_button, WebEditCb.filter(F.action.in_({"season", "season_yes"}))
    )
    router.message.register(
        field_received, StateFilter(EditingWebinar.field), F.text, ~F.text.startswith("/")
    )
    router.message.register(
        time_received, StateFilter(EditingWebinar.new_time), F.text, ~F.text.startswith("/")
    )
    return router
