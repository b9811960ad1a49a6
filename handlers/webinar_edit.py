"""The webinar schedule. Federal admins keep the federal series: topic, speakers, join link and
(afterwards) the recording of one occurrence, cancel or restore it, add a one-off, or cancel the
rest of a season. A regional coordinator keeps their region's own webinars (the same fields)
and writes a note on a federal one that only their region reads. Times are typed and shown in
Moscow time, as the programme announces them."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Texts
from handlers.screens import show
from services import timefmt
from services.clock import Clock
from services.links import is_web_link
from services.permissions import Actor, ForbiddenError
from services.webinar_schedule import (
    NOTE,
    add_occurrence,
    cancel_season,
    editor_list,
    may_add,
    may_change,
    open_occurrence,
    save_field,
    season_to_cancel,
    toggle_cancelled,
)
from services.webinars import Occurrence, may_edit, note_region, regional_key, series_catalog
from ui.callbacks import MenuCb, WebEditCb
from ui.keyboards import back_to_menu
from ui.webinars import describe_occurrence, series_name

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
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    state: FSMContext,
) -> None:
    await state.clear()
    try:
        listed = await editor_list(session, actor, clock.now())
    except ForbiddenError:
        await show(callback, t("wed-not-allowed"), back_to_menu(t))
        return
    text, markup = _list(t, actor, listed)
    await show(callback, text, markup)


def _list(t: Texts, actor: Actor, listed: list[Occurrence]) -> tuple[str, InlineKeyboardMarkup]:
    builder = InlineKeyboardBuilder()
    for occurrence in listed:
        mark = "❌ " if occurrence.cancelled else ("✏️ " if occurrence.topic else "")
        local = "📍 " if occurrence.region else ""
        label = timefmt.when(occurrence.starts_at, timefmt.MOSCOW, t.language)
        builder.button(
            text=f"{mark}{local}{label}",
            callback_data=WebEditCb(
                action="open", series=occurrence.series_key, at=_stamp(occurrence.starts_at)
            ),
        )
    if actor.is_admin:
        for series in series_catalog():
            builder.button(
                text=t("wed-add"), callback_data=WebEditCb(action="add", series=series.key)
            )
            builder.button(
                text=t("wed-cancel-season"),
                callback_data=WebEditCb(action="season", series=series.key),
            )
    own = note_region(actor)
    if own is not None:
        builder.button(
            text=t("wed-add-regional"),
            callback_data=WebEditCb(action="add", series=regional_key(own)),
        )
    builder.button(text=t("nav-back"), callback_data=MenuCb(item="webinars"))
    builder.adjust(1)
    text = t("wed-list") if actor.is_admin else t("wed-list-regional")
    return text, builder.as_markup()


def _stamp(moment: datetime) -> int:
    return int(moment.timestamp())


async def open_button(
    callback: CallbackQuery,
    callback_data: WebEditCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    await state.clear()
    try:
        occurrence = await open_occurrence(session, actor, callback_data.series, callback_data.at)
    except ForbiddenError:
        await show(callback, t("wed-not-allowed"), back_to_menu(t))
        return
    if occurrence is None:
        await show(callback, t("error-stale-button"), back_to_menu(t))
        return
    text, markup = _card(t, actor, occurrence)
    await show(callback, text, markup)


def _card(t: Texts, actor: Actor, occurrence: Occurrence) -> tuple[str, InlineKeyboardMarkup]:
    when = timefmt.when(occurrence.starts_at, timefmt.MOSCOW, t.language)
    lines = [
        t("wed-card-title"),
        describe_occurrence(t, occurrence, when, series_name(t, occurrence)),
    ]
    builder = InlineKeyboardBuilder()
    at = _stamp(occurrence.starts_at)
    editable = may_edit(actor, occurrence.series_key)
    if editable:
        lines.append(t("wed-card-hint"))
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
    if occurrence.region is None and note_region(actor) is not None:
        if not editable:
            lines.append(t("wed-card-note-hint"))
        builder.button(
            text=t("wed-field-note"),
            callback_data=WebEditCb(
                action="field", series=occurrence.series_key, at=at, field=NOTE
            ),
        )
    builder.button(text=t("nav-back"), callback_data=WebEditCb(action="list"))
    builder.adjust(2)
    return "\n".join(lines), builder.as_markup()


async def field_button(
    callback: CallbackQuery,
    callback_data: WebEditCb,
    t: Texts,
    actor: Actor,
    state: FSMContext,
) -> None:
    if not may_change(actor, callback_data.series, callback_data.field):
        await show(callback, t("wed-not-allowed"), back_to_menu(t))
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
    name = t("wed-field-note") if callback_data.field == NOTE else t(FIELDS[callback_data.field])
    await show(callback, t("wed-ask-field", field=name), builder.as_markup())


async def field_received(
    message: Message,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    value = (message.text or "").strip()
    field = str(data["field"])
    problem = _field_problem(field, value)
    if problem is not None:
        await message.answer(t(problem, limit=MAX_FIELD))
        return  # still waiting for this field
    cleared = None if value == "-" else value
    try:
        edited = await save_field(
            session, actor, str(data["series"]), int(data["at"]), field, cleared
        )
    except ForbiddenError:
        await state.clear()
        await message.answer(t("wed-not-allowed"), reply_markup=back_to_menu(t))
        return
    await state.clear()
    if edited is None:
        await message.answer(t("error-stale-button"), reply_markup=back_to_menu(t))
        return
    text, markup = _card(t, actor, edited)
    await message.answer(t("wed-saved") + "\n\n" + text, reply_markup=markup)


def _field_problem(field: str, value: str) -> str | None:
    if not value or len(value) > MAX_FIELD:
        return "wed-bad-text"
    if field.endswith("_url") and value != "-" and not is_web_link(value):
        return "wed-bad-link"
    return None


async def toggle_button(
    callback: CallbackQuery,
    callback_data: WebEditCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
) -> None:
    try:
        edited = await toggle_cancelled(session, actor, callback_data.series, callback_data.at)
    except ForbiddenError:
        await show(callback, t("wed-not-allowed"), back_to_menu(t))
        return
    if edited is None:
        await show(callback, t("error-stale-button"), back_to_menu(t))
        return
    text, markup = _card(t, actor, edited)
    await show(callback, text, markup)


async def add_button(
    callback: CallbackQuery,
    callback_data: WebEditCb,
    t: Texts,
    actor: Actor,
    state: FSMContext,
) -> None:
    if not may_add(actor, callback_data.series):
        await show(callback, t("wed-not-allowed"), back_to_menu(t))
        return
    await state.set_state(EditingWebinar.new_time)
    await state.set_data({"series": callback_data.series})
    builder = InlineKeyboardBuilder()
    builder.button(text=t("nav-back"), callback_data=WebEditCb(action="list"))
    await show(callback, t("wed-ask-time"), builder.as_markup())


async def time_received(
    message: Message,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    state: FSMContext,
) -> None:
    local = timefmt.parse_local(message.text or "", clock.now(), timefmt.MOSCOW)
    if local is None:
        await message.answer(t("wed-bad-time"))
        return
    series = str((await state.get_data())["series"])
    try:
        occurrence = await add_occurrence(
            session, actor, series, local.astimezone(UTC), clock.now()
        )
    except ForbiddenError:
        await state.clear()
        await message.answer(t("wed-not-allowed"), reply_markup=back_to_menu(t))
        return
    if occurrence is None:
        await message.answer(t("wed-bad-time"))
        return
    await state.clear()
    text, markup = _card(t, actor, occurrence)
    await message.answer(t("wed-added") + "\n\n" + text, reply_markup=markup)


async def season_button(
    callback: CallbackQuery,
    callback_data: WebEditCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
) -> None:
    """Asks first; `season_yes` cancels every remaining occurrence of the current season."""
    try:
        remaining = season_to_cancel(actor, callback_data.series, clock.now())
    except ForbiddenError:
        await show(callback, t("wed-not-allowed"), back_to_menu(t))
        return
    if callback_data.action == "season":
        builder = InlineKeyboardBuilder()
        builder.button(
            text=t("wed-cancel-season-yes"),
            callback_data=WebEditCb(action="season_yes", series=callback_data.series),
        )
        builder.button(text=t("nav-back"), callback_data=WebEditCb(action="list"))
        builder.adjust(1)
        await show(callback, t("wed-cancel-season-ask", count=remaining), builder.as_markup())
        return
    cancelled = await cancel_season(session, actor, callback_data.series, clock.now())
    text, markup = _list(t, actor, await editor_list(session, actor, clock.now()))
    await show(callback, t("wed-season-cancelled", count=cancelled) + "\n\n" + text, markup)


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
