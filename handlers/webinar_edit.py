"""The webinar schedule. Federal admins keep the federal series: topic, speakers, join link and
(afterwards) the recording of one occurrence, cancel or restore it, add a one-off, or cancel the
rest of a season. A regional coordinator keeps their region's own webinars (the same fields)
and writes a note on a federal one that only their region reads. Times are typed and shown in
Moscow time, as the programme announces them."""

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

from core.i18n import Texts
from handlers.screens import show
from services import timefmt
from services.clock import Clock
from services.links import is_web_link
from services.permissions import Actor
from services.regions import region_info
from services.webinars import (
    EVERY_REGION,
    Occurrence,
    may_edit,
    note_region,
    occurrences,
    region_of,
    regional_key,
    series_catalog,
    upcoming,
)
from storage.repositories.webinars import WebinarRepository
from ui.callbacks import MenuCb, WebEditCb
from ui.keyboards import back_to_menu
from ui.webinars import describe_occurrence, series_name

PAST = timedelta(days=21)  # recent ones stay editable, for the recording link
LISTED = 8
FIELDS = {
    "topic": "wed-field-topic",
    "speakers": "wed-field-speakers",
    "join_url": "wed-field-join",
    "recording_url": "wed-field-recording",
}
NOTE = "note"  # the region's note on a federal webinar
MAX_FIELD = 500


class EditingWebinar(StatesGroup):
    field = State()
    new_time = State()


def keeps_schedule(actor: Actor) -> bool:
    """Who opens the editor: admins and regional coordinators."""
    return actor.is_admin or note_region(actor) is not None


async def list_button(
    callback: CallbackQuery,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    state: FSMContext,
) -> None:
    await state.clear()
    if not keeps_schedule(actor):
        await show(callback, t("wed-not-allowed"), back_to_menu(t))
        return
    text, markup = await _list(t, actor, session, clock)
    await show(callback, text, markup)


async def _list(
    t: Texts, actor: Actor, session: AsyncSession, clock: Clock
) -> tuple[str, InlineKeyboardMarkup]:
    since = clock.now() - PAST
    repository = WebinarRepository(session)
    until = since + PAST + timedelta(days=120)
    edits = await repository.edits(since, until)
    region = EVERY_REGION if actor.is_admin else note_region(actor)
    builder = InlineKeyboardBuilder()
    for occurrence in upcoming(list(series_catalog()), since, edits, LISTED, region=region):
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


async def _occurrence(
    session: AsyncSession, series: str, at: int, region: str | None = None
) -> Occurrence | None:
    """The occurrence a button names (with `region`'s note on it), if it exists."""
    starts = datetime.fromtimestamp(at, UTC)
    repository = WebinarRepository(session)
    edits = await repository.edits(starts, starts + timedelta(seconds=1))
    known = {one.key: one for one in series_catalog()}
    found = edits.get((series, starts))
    if found is None and series in known:
        found = next(iter(occurrences(known[series], starts, starts + timedelta(seconds=1))), None)
    if found is None or region is None:
        return found
    notes = await repository.notes(region, starts, starts + timedelta(seconds=1))
    return replace(found, note=notes.get((series, starts)))


async def open_button(
    callback: CallbackQuery,
    callback_data: WebEditCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    await state.clear()
    occurrence = await _occurrence(
        session, callback_data.series, callback_data.at, note_region(actor)
    )
    if occurrence is None:
        await show(callback, t("error-stale-button"), back_to_menu(t))
        return
    if not _may_open(actor, occurrence):
        await show(callback, t("wed-not-allowed"), back_to_menu(t))
        return
    text, markup = _card(t, actor, occurrence)
    await show(callback, text, markup)


def _may_open(actor: Actor, occurrence: Occurrence) -> bool:
    """Its editors, and a regional coordinator on a federal webinar (for the note)."""
    federal = occurrence.region is None
    return may_edit(actor, occurrence.series_key) or (federal and note_region(actor) is not None)


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
    allowed = (
        note_region(actor) is not None and region_of(callback_data.series) is None
        if callback_data.field == NOTE
        else callback_data.field in FIELDS and may_edit(actor, callback_data.series)
    )
    if not allowed:
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
    region = note_region(actor)
    occurrence = await _occurrence(session, str(data["series"]), int(data["at"]), region)
    if occurrence is None:
        await state.clear()
        await message.answer(t("error-stale-button"), reply_markup=back_to_menu(t))
        return
    cleared = None if value == "-" else value
    repository = WebinarRepository(session)
    if field == NOTE and region is not None and occurrence.region is None:
        await repository.save_note(
            occurrence.series_key, occurrence.starts_at, region, cleared, actor.user_id
        )
        edited = replace(occurrence, note=cleared)
    elif field in FIELDS and may_edit(actor, occurrence.series_key):
        changes: dict[str, Any] = {field: cleared}
        edited = replace(occurrence, **changes)
        await repository.save_edit(edited, actor.user_id)
    else:
        await state.clear()
        await message.answer(t("wed-not-allowed"), reply_markup=back_to_menu(t))
        return
    await state.clear()
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
    if not may_edit(actor, callback_data.series):
        await show(callback, t("wed-not-allowed"), back_to_menu(t))
        return
    occurrence = await _occurrence(session, callback_data.series, callback_data.at)
    if occurrence is None:
        await show(callback, t("error-stale-button"), back_to_menu(t))
        return
    edited = replace(occurrence, cancelled=not occurrence.cancelled)
    await WebinarRepository(session).save_edit(edited, actor.user_id)
    text, markup = _card(t, actor, edited)
    await show(callback, text, markup)


async def add_button(
    callback: CallbackQuery,
    callback_data: WebEditCb,
    t: Texts,
    actor: Actor,
    state: FSMContext,
) -> None:
    if not may_edit(actor, callback_data.series) or not _known(callback_data.series):
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
    starts = local.astimezone(UTC)
    series = str((await state.get_data())["series"])
    if starts <= clock.now() or not _known(series):
        await message.answer(t("wed-bad-time"))
        return
    if not may_edit(actor, series):
        await state.clear()
        await message.answer(t("wed-not-allowed"), reply_markup=back_to_menu(t))
        return
    occurrence = Occurrence(series, starts)
    await WebinarRepository(session).save_edit(occurrence, actor.user_id)
    await state.clear()
    text, markup = _card(t, actor, occurrence)
    await message.answer(t("wed-added") + "\n\n" + text, reply_markup=markup)


def _known(series: str) -> bool:
    """A shipped series, or a region's own ("regional-67")."""
    region = region_of(series)
    return series in {one.key for one in series_catalog()} or (
        region is not None and region_info(region) is not None
    )


async def season_button(
    callback: CallbackQuery,
    callback_data: WebEditCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
) -> None:
    """Asks first; `season_yes` cancels every remaining occurrence of the current season."""
    if not actor.is_admin:
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
        await repository.save_edit(replace(current, cancelled=True), actor.user_id)
    text, markup = await _list(t, actor, session, clock)
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
