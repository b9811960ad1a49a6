"""The webinar schedule. Federal admins keep the federal series: topic, speakers, join link and
(afterwards) the recording of one occurrence, cancel or restore it, add a one-off, or cancel the
rest of a season. A regional coordinator keeps their region's own webinars (the same fields)
and writes a note on a federal one that only their region reads. Times are typed and shown in
Moscow time, as the programme announces them."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import UTC, datetime

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Texts
from handlers.context import Context
from handlers.routing import on_typed
from handlers.screens import found_or_told, show
from services import timefmt
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
from ui.keyboards import Choice, back_to_menu, column
from ui.webinars import describe_occurrence, series_name

FIELDS = {
    "topic": "wed-field-topic",
    "speakers": "wed-field-speakers",
    "join_url": "wed-field-join",
    "recording_url": "wed-field-recording",
}
MAX_FIELD = 500
NOT_ALLOWED = "wed-not-allowed"  # a refusal: not the person's webinar or schedule to keep


class EditingWebinar(StatesGroup):
    field = State()
    new_time = State()


async def list_button(callback: CallbackQuery, ctx: Context, state: FSMContext) -> None:
    await state.clear()
    t, actor = ctx.t, await ctx.actor()
    lookup = editor_list(ctx.session, actor, ctx.clock.now())
    listed = await found_or_told(callback, t, NOT_ALLOWED, lookup)
    if listed is None:
        return
    text, markup = _list(t, actor, listed)
    await show(callback, text, markup)


async def _not_allowed(event: Message | CallbackQuery, t: Texts) -> None:
    await show(event, t(NOT_ALLOWED), back_to_menu(t))


def _list(t: Texts, actor: Actor, listed: list[Occurrence]) -> tuple[str, InlineKeyboardMarkup]:
    buttons: list[Choice] = []
    for occurrence in listed:
        mark = "❌ " if occurrence.cancelled else ("✏️ " if occurrence.topic else "")
        local = "📍 " if occurrence.region else ""
        label = timefmt.when(occurrence.starts_at, timefmt.MOSCOW, t.language)
        at = _stamp(occurrence.starts_at)
        opens = WebEditCb(action="open", series=occurrence.series_key, at=at)
        buttons.append((f"{mark}{local}{label}", opens))
    if actor.is_admin:
        for series in series_catalog():
            buttons.append((t("wed-add"), WebEditCb(action="add", series=series.key)))
            buttons.append((t("wed-cancel-season"), WebEditCb(action="season", series=series.key)))
    own = note_region(actor)
    if own is not None:
        buttons.append((t("wed-add-regional"), WebEditCb(action="add", series=regional_key(own))))
    buttons.append((t("nav-back"), MenuCb(item="webinars")))
    text = t("wed-list") if actor.is_admin else t("wed-list-regional")
    return text, column(*buttons)


def _stamp(moment: datetime) -> int:
    return int(moment.timestamp())


async def open_button(
    callback: CallbackQuery, callback_data: WebEditCb, ctx: Context, state: FSMContext
) -> None:
    await state.clear()
    actor = await ctx.actor()
    found = open_occurrence(ctx.session, actor, callback_data.series, callback_data.at)
    await _show_card(callback, ctx, found)


async def toggle_button(callback: CallbackQuery, callback_data: WebEditCb, ctx: Context) -> None:
    actor = await ctx.actor()
    found = toggle_cancelled(ctx.session, actor, callback_data.series, callback_data.at)
    await _show_card(callback, ctx, found)


async def _show_card(
    callback: CallbackQuery, ctx: Context, lookup: Awaitable[Occurrence | None]
) -> None:
    """The occurrence's card as `lookup` finds (or changes) it; a refusal for someone who may
    not keep it, a stale button's notice when it is gone."""
    occurrence = await found_or_told(callback, ctx.t, NOT_ALLOWED, lookup)
    if occurrence is not None:
        text, markup = _card(ctx.t, await ctx.actor(), occurrence)
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
    callback: CallbackQuery, callback_data: WebEditCb, ctx: Context, state: FSMContext
) -> None:
    t = ctx.t
    if not may_change(await ctx.actor(), callback_data.series, callback_data.field):
        await _not_allowed(callback, t)
        return
    await state.set_state(EditingWebinar.field)
    await state.set_data(
        {"series": callback_data.series, "at": callback_data.at, "field": callback_data.field}
    )
    name = t("wed-field-note") if callback_data.field == NOTE else t(FIELDS[callback_data.field])
    back = _back_to_card(t, callback_data.series, callback_data.at)
    await show(callback, t("wed-ask-field", field=name), back)


def _back_to_card(t: Texts, series: str, at: int) -> InlineKeyboardMarkup:
    """The way out of typing a field: the occurrence's card, the field as it was."""
    return column((t("nav-back"), WebEditCb(action="open", series=series, at=at)))


def _back_to_list(t: Texts) -> InlineKeyboardMarkup:
    """The way out of typing a new webinar's time: the schedule."""
    return column((t("nav-back"), WebEditCb(action="list")))


async def field_received(message: Message, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    data = await state.get_data()
    value = (message.text or "").strip()
    field = str(data["field"])
    problem = _field_problem(field, value)
    if problem is not None:
        back = _back_to_card(t, str(data["series"]), int(data["at"]))
        await message.answer(t(problem, limit=MAX_FIELD), reply_markup=back)
        return  # still waiting for this field
    cleared = None if value == "-" else value
    actor = await ctx.actor()
    try:
        edited = await save_field(
            ctx.session, actor, str(data["series"]), int(data["at"]), field, cleared
        )
    except ForbiddenError:
        await state.clear()
        await _not_allowed(message, t)
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


async def add_button(
    callback: CallbackQuery, callback_data: WebEditCb, ctx: Context, state: FSMContext
) -> None:
    t = ctx.t
    if not may_add(await ctx.actor(), callback_data.series):
        await _not_allowed(callback, t)
        return
    await state.set_state(EditingWebinar.new_time)
    await state.set_data({"series": callback_data.series})
    await show(callback, t("wed-ask-time"), _back_to_list(t))


async def time_received(message: Message, ctx: Context, state: FSMContext) -> None:
    t, now = ctx.t, ctx.clock.now()
    local = timefmt.parse_local(message.text or "", now, timefmt.MOSCOW)
    if local is None:
        await message.answer(t("wed-bad-time"), reply_markup=_back_to_list(t))
        return
    series = str((await state.get_data())["series"])
    actor = await ctx.actor()
    try:
        occurrence = await add_occurrence(ctx.session, actor, series, local.astimezone(UTC), now)
    except ForbiddenError:
        await state.clear()
        await _not_allowed(message, t)
        return
    if occurrence is None:
        await message.answer(t("wed-bad-time"), reply_markup=_back_to_list(t))
        return
    await state.clear()
    text, markup = _card(t, actor, occurrence)
    await message.answer(t("wed-added") + "\n\n" + text, reply_markup=markup)


async def season_button(callback: CallbackQuery, callback_data: WebEditCb, ctx: Context) -> None:
    """Asks first; `season_yes` cancels every remaining occurrence of the current season."""
    t, session, actor = ctx.t, ctx.session, await ctx.actor()
    try:
        remaining = season_to_cancel(actor, callback_data.series, ctx.clock.now())
    except ForbiddenError:
        await _not_allowed(callback, t)
        return
    if callback_data.action == "season":
        yes = WebEditCb(action="season_yes", series=callback_data.series)
        markup = column(
            (t("wed-cancel-season-yes"), yes), (t("nav-back"), WebEditCb(action="list"))
        )
        await show(callback, t("wed-cancel-season-ask", count=remaining), markup)
        return
    cancelled = await cancel_season(session, actor, callback_data.series, ctx.clock.now())
    text, markup = _list(t, actor, await editor_list(session, actor, ctx.clock.now()))
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
    on_typed(router, field_received, EditingWebinar.field)
    on_typed(router, time_received, EditingWebinar.new_time)
    return router
